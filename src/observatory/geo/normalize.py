"""Name normalisation for place lookup.

Transliterations of one Arabic (or Kurdish, Turkish, Somali...) name vary in ways a
gazetteer cannot enumerate: ``al-Hasakah``, ``Al Hasakah``, ``Hasakeh``, ``Hassakeh``,
``al- Hasakah``.  :func:`normalize_name` folds these variations into one key so that
lookup is a plain dictionary hit.  The same token-level function is used when the index
is built and when running text is scanned, which keeps both sides consistent.

Latin script: case, diacritics, ayn/hamza marks and apostrophes, hyphens and spaces, the
Arabic article (``al-``, ``el-``, ``ar-``, ``ash-``...), ``Tall/Tell/Tal``,
``Ayn/Ain/Ein``, ``Deir/Dayr``, double letters, ``-ah/-a/-eh`` endings and a few other
vowel spellings.  Arabic script: hamza forms, taa marbuta, alif maqsura, diacritics,
tatweel and the ``ال`` article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "WORD_MARKS",
    "is_arabic",
    "is_latin_or_arabic",
    "normalize_name",
    "normalize_token",
    "split_name",
]

#: Apostrophe-like marks used for ayn, hamza and elisions; removed inside words.
APOSTROPHES = "'’`‘ʿʾʼʻ′´ʹ"

#: Arabic article forms (assimilated ones included) dropped before a following token.
ARTICLES = frozenset(
    {
        "al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ech", "ad", "ed",
        "adh", "az", "ez", "an", "en", "at", "et", "ath", "eth", "aal",
    }
)

# Whole-token spellings folded to one form (applied after case/diacritic folding).
_TOKEN_MAP: dict[str, str] = {
    "tall": "tal", "tell": "tal", "tel": "tal", "til": "tal",
    "ayn": "ayn", "ain": "ayn", "ein": "ayn", "aine": "ayn", "ayin": "ayn", "aïn": "ayn",
    "deir": "dayr", "dair": "dayr", "deyr": "dayr", "der": "dayr",
    "zor": "zor", "zour": "zor", "zawr": "zor", "zur": "zor",
    "jabal": "jabal", "jebel": "jabal", "jabel": "jabal", "jbel": "jabal", "djebel": "jabal",
    "kafr": "kafr", "kfar": "kafr", "kefr": "kafr", "kufr": "kafr",
    "abou": "abu", "abu": "abu", "bou": "abu",
    "bir": "bir", "beer": "bir", "bi'r": "bir",
    "wadi": "wadi", "wadee": "wadi", "oued": "wadi",
    "ras": "ras", "ra's": "ras", "rass": "ras",
    "sheikh": "shaykh", "shaikh": "shaykh", "shaykh": "shaykh", "sheik": "shaykh",
    "cheikh": "shaykh",
    "mount": "jabal", "mt": "jabal",
    "saint": "st", "sankt": "st",
}

_ARABIC_RANGES = (("\u0600", "\u06ff"), ("\u0750", "\u077f"), ("\u08a0", "\u08ff"),
                  ("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
        "ء": "", "ک": "ك", "ی": "ي", "ە": "ه", "ﻻ": "لا",
    }
)
# Latin letters NFKD does not decompose.
_LATIN_FOLD = str.maketrans(
    {
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ŧ": "t",
        "ŋ": "n", "ɛ": "e", "ɔ": "o", "ə": "e", "ß": "ss", "æ": "ae", "œ": "oe",
        "ʃ": "sh", "ɣ": "gh", "ƙ": "k", "ɗ": "d", "ɓ": "b", "ƴ": "y",
    }
)
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
# A name splits on anything that is not a letter, a digit or an apostrophe-like mark.
#: Combining marks that belong inside a word (Latin accents, Arabic harakat, tatweel).
WORD_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u0640"
_SPLIT_RE = re.compile(rf"[^\w{APOSTROPHES}{WORD_MARKS}]+|_+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")


def is_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script letter."""
    return any(lo <= ch <= hi for ch in text for lo, hi in _ARABIC_RANGES)


def is_latin_or_arabic(text: str) -> bool:
    """True when every letter of ``text`` is Latin or Arabic script."""
    for ch in text:
        if not ch.isalpha():
            continue
        if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":
            continue
        if any(lo <= ch <= hi for lo, hi in _ARABIC_RANGES):
            continue
        return False
    return True


def split_name(name: str) -> list[str]:
    """Split a name into raw tokens (hyphens, spaces and punctuation separate)."""
    return [t for t in _SPLIT_RE.split(name) if t and not _APOS_RE.fullmatch(t)]


def _fold_arabic(token: str) -> str:
    token = _ARABIC_DIACRITICS.sub("", token).translate(_ARABIC_FOLD)
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    return token


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """Normalise one raw token; returns ``""`` when nothing is left.

    Article tokens (``al``, ``el``...) come back as themselves; :func:`normalize_name`
    drops them when another token follows.
    """
    token = unicodedata.normalize("NFKC", token)
    if is_arabic(token):
        return _fold_arabic(token)
    token = token.casefold()
    token = _APOS_RE.sub("", token)
    mapped = _TOKEN_MAP.get(token)
    if mapped is not None:
        return mapped
    token = unicodedata.normalize("NFKD", token.translate(_LATIN_FOLD))
    token = "".join(ch for ch in token if not unicodedata.combining(ch))
    mapped = _TOKEN_MAP.get(token)
    if mapped is not None:
        return mapped
    if token in ARTICLES or not token.isascii():
        return token
    token = token.replace("ou", "u").replace("iy", "i").replace("ey", "ay")
    token = _DOUBLE_RE.sub(r"\1", token)
    if len(token) > 3 and token.endswith(("ah", "eh")):
        token = token[:-2] + "a"
    return token


def join_tokens(tokens: list[str]) -> str:
    """Join normalised tokens into a key, dropping articles that precede a token."""
    kept = [
        t
        for i, t in enumerate(tokens)
        if t and not (t in ARTICLES and i + 1 < len(tokens))
    ]
    return " ".join(kept)


def normalize_name(name: str) -> str:
    """Fold a place name to its lookup key.

    >>> normalize_name("al-Hasakah") == normalize_name("Hassakeh") == normalize_name("al- Hasaka")
    True
    """
    return join_tokens([normalize_token(t) for t in split_name(name)])
