"""Numbers written in news English: digits and words, exact or approximate.

Input: a piece of text (a whole report or one number phrase).
Output: :func:`parse_number` turns one number phrase ("119", "1,200", "twenty-one",
"a hundred", "three hundred and five", "a dozen") into an ``int``, or ``None`` when
the phrase is not a number or names a vague quantity ("dozens", "several").
:func:`find_numbers` returns every number phrase of a text as a
:class:`NumberMention`, with the hedge before it ("at least", "about", "more
than", ...) included in its span and flagged as ``approximate``;
:func:`qualifier_of` names that hedge with the contract's qualifier words.
``NUMBER_PATTERN`` is the same number phrase as regex source, to embed in other
patterns; :func:`read_number` gives the value and qualifier of what it matched.

Ordinals ("second"), decimals ("1.2 miles") and numbers glued to letters
("3rd", "A10") are not numbers here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Words for a quantity with no exact value.
_VAGUE = frozenset(
    {
        "dozens", "scores", "several", "hundreds", "thousands", "millions", "tens",
        "a few", "few", "many", "numerous", "a number", "a couple", "some",
    }
)  # fmt: skip
#: Hedge words before a number, with the qualifier they stand for (``models.Qualifier``).
_HEDGES: dict[str, str] = {
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "at most": "up to",
    "fewer than": "up to",
    "less than": "up to",
}

_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "dozen", *_SCALES], key=len, reverse=True))
_AFTER_SCALE = r"(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+"
_WORD_NUMBER = (
    rf"(?:(?:an?\s+(?=hundred|thousand|million|dozen))?(?:{_WORD}))"
    rf"(?:(?:{_AFTER_SCALE}|\s*-\s*|\s+)(?:{_WORD}))*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_DIGIT_NUMBER = rf"(?:{_DIGITS})(?:\s+(?:thousand|million|billion)\b)?"
_HEDGES_LONGEST_FIRST = sorted(_HEDGES, key=len, reverse=True)
_HEDGE = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in _HEDGES_LONGEST_FIRST)
_VAGUE_RX = r"dozens|scores|several|hundreds|thousands|tens|a\s+few|numerous"
_NUMBER_RX = re.compile(
    rf"(?<![\w.,:/-])(?:(?P<hedge>{_HEDGE})\s+)?"
    rf"(?:(?P<digits>{_DIGIT_NUMBER})(?!\w|[.,:/]\d)"
    rf"|(?P<words>{_WORD_NUMBER})\b"
    rf"|(?P<vague>{_VAGUE_RX})\b)",
    re.IGNORECASE,
)
#: A number phrase to embed in other patterns: an optional hedge, then digits, number
#: words or a vague quantity ("dozens of"). Read what it matched with :func:`read_number`.
NUMBER_PATTERN = (
    rf"(?:(?:{_HEDGE})\s+)?(?:(?:{_DIGIT_NUMBER})(?!\w|[.,:/]\d)|(?:{_WORD_NUMBER})\b"
    rf"|(?:{_VAGUE_RX})\b(?:\s+of\b)?)"
)
_DIGITS_ONLY = re.compile(rf"(?:{_DIGITS})")
_SPLIT = re.compile(r"\s*-\s*|\s+")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number phrase: offsets in the text, the text, its value (None when vague).

    ``approximate`` is True after a hedge ("at least", "about", ...) and for vague
    quantities ("dozens", "several").
    """

    start: int
    end: int
    text: str
    value: int | None
    approximate: bool


def _parse_words(tokens: list[str]) -> int | None:
    """Value of a sequence of number words, or None when it is not well formed."""
    if not tokens:
        return None
    if tokens[0] in ("a", "an"):
        if len(tokens) < 2 or tokens[1] not in ("hundred", "dozen", *_SCALES):
            return None
        tokens = ["one", *tokens[1:]]
    total = 0
    current = 0
    last = ""  # the class of the previous token
    for token in tokens:
        if token == "and":
            if last not in ("hundred", "scale"):
                return None
            last = "and"
        elif token in _UNITS:
            if last in ("unit", "teen") or (last == "tens" and _UNITS[token] >= 10):
                return None
            if last == "tens" and _UNITS[token] == 0:
                return None
            current += _UNITS[token]
            last = "unit" if _UNITS[token] < 10 else "teen"
        elif token in _TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _TENS[token]
            last = "tens"
        elif token == "hundred":
            if last not in ("unit", "teen", "") or current % 100 != current:
                return None
            current = max(current, 1) * 100
            last = "hundred"
        elif token == "dozen":
            if last not in ("unit", "teen", "tens", ""):
                return None
            current = max(current, 1) * 12
            last = "dozen"
        elif token in _SCALES:
            if last in ("scale", "and"):
                return None
            total += max(current, 1) * _SCALES[token]
            current = 0
            last = "scale"
        else:
            return None
    if last == "and":
        return None
    return total + current


def parse_number(text: str) -> int | None:
    """The integer a number phrase stands for; None if it is vague or not a number.

    >>> parse_number("1,200"), parse_number("twenty-one"), parse_number("dozens")
    (1200, 21, None)
    """
    phrase = " ".join(text.strip().lower().split())
    if not phrase or phrase in _VAGUE:
        return None
    head, _, scale = phrase.partition(" ")
    if _DIGITS_ONLY.fullmatch(head):
        value = int(head.replace(",", ""))
        if not scale:
            return value
        return value * _SCALES[scale] if scale in _SCALES else None
    if phrase[0].isdigit():
        return None
    return _parse_words([t for t in _SPLIT.split(phrase) if t])


def _trim_words(phrase: str) -> tuple[str, int | None]:
    """The longest leading part of a word-number phrase that parses, with its value."""
    parts = re.split(r"(\s+and\s+|\s*-\s*|\s+)", phrase)
    for cut in range(len(parts), 0, -2):
        candidate = "".join(parts[:cut])
        value = parse_number(candidate)
        if value is not None:
            return candidate, value
    return phrase, None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase of ``text``, in text order, hedges included in the span."""
    found: list[NumberMention] = []
    pos = 0
    while (match := _NUMBER_RX.search(text, pos)) is not None:
        start, end = match.start(), match.end()
        pos = end
        hedge = match.group("hedge")
        if match.group("digits"):
            value = parse_number(match.group("digits"))
        elif match.group("words"):
            kept, value = _trim_words(match.group("words"))
            if value is None:
                pos = match.start("words") + 1
                continue
            end = pos = match.start("words") + len(kept)
        else:
            value = None
        found.append(
            NumberMention(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                approximate=bool(hedge) or value is None,
            )
        )
    return found


def read_number(phrase: str) -> tuple[int | None, str]:
    """Value and qualifier of a number phrase with its hedge: "at least 119" -> (119, "at least").

    The qualifier is one of the contract's words: "exact", "at least", "more than",
    "about", "up to", or "dozens" / "several" for a vague quantity (value None).
    """
    lowered = " ".join(phrase.lower().split())
    qualifier = "exact"
    for hedge in _HEDGES_LONGEST_FIRST:
        if lowered.startswith(hedge + " "):
            qualifier = _HEDGES[hedge]
            lowered = lowered[len(hedge) + 1 :]
            break
    lowered = lowered.removesuffix(" of")
    value = parse_number(lowered)
    if value is None and qualifier == "exact":
        qualifier = (
            "dozens" if lowered in ("dozens", "scores", "hundreds", "thousands") else "several"
        )
    return value, qualifier


def qualifier_of(mention: NumberMention) -> str:
    """The contract's qualifier for a mention: "exact", "at least", ..., "dozens", "several"."""
    return read_number(mention.text)[1]


__all__ = [
    "NUMBER_PATTERN",
    "NumberMention",
    "find_numbers",
    "parse_number",
    "qualifier_of",
    "read_number",
]
