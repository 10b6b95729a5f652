"""Find place names in text and resolve each to one gazetteer entry.

Detection is a greedy longest-match over normalised token n-grams (1 to 5 tokens) against
the in-memory key set of the :class:`~observatory.geo.gazetteer.Gazetteer`.  A name must
start with a capital letter, unless it starts with the Arabic article ("al-Hasakah").

Resolution ranks the candidates of every mention by context:

- the caller's ``countries`` and the countries named in the text (names, demonyms);
- containment patterns "X, Y" and "X (Y, Z)" where Y/Z is the admin area or country of a
  candidate of X, and admin areas named anywhere in the text;
- alias-table preference, feature kind and population;
- distance to the places chosen for the other mentions (a second pass).

Each result carries ACLED's ``geo_precision``: 1 for the place itself, 2 for "near X",
"outskirts of X", "south of X", "X countryside", "X district", 3 for a region only
("X province", an admin1 or country named alone).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from observatory.geo.gazetteer import Gazetteer, Place
from observatory.geo.lexicon import (
    ADMIN1_SUFFIXES,
    ADMIN2_SUFFIXES,
    COMMON_WORDS,
    DEMONYMS,
    NEAR_AFTER,
    NEAR_BEFORE,
    TITLE_WORDS,
    words,
)
from observatory.geo.normalize import ARTICLES, WORD_MARKS, join_tokens, normalize_token

__all__ = ["Toponym", "find_toponyms"]

MAX_NGRAM = 5

_TOKEN_RE = re.compile(rf"[\w{WORD_MARKS}]+(?:['’`ʿʾʼ][\w{WORD_MARKS}]+)*")
_JOIN_RE = re.compile(r"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*")
_ABBREV_RE = re.compile(r"\b(U\.\s?K\.|U\.\s?S\.(?:\s?A\.)?|U\.A\.E\.)")
_ABBREV_COUNTRY = {"uk": "GB", "us": "US", "usa": "US", "uae": "AE"}
_ACRONYM_PLACES = {"UK": "GB", "US": "US", "USA": "US", "UAE": "AE", "DRC": "CD"}
_SPACED_ARTICLES = frozenset({"al", "el"})
_NEAR_CUES = words(
    """near nearby outside around close vicinity outskirts countryside edge edges entrance
    entrances suburbs suburb environs km kilometres kilometers miles"""
)
_SETTLEMENT_WORDS = words("city town village capital district camp")
_PLACE_FOLLOWERS = words(
    """province governorate region state district county municipality city town village
    camp area countryside outskirts suburbs oblast wilaya prefecture department division
    zone sub-district subdistrict lga upazila woreda and or on in at
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
)
_PLACE_LEADERS = words(
    """north south east west northern southern eastern western central greater upper lower
    new old northeast northwest southeast southwest northeastern northwestern southeastern
    southwestern mount lake al el"""
)
_ENGLISH_ARTICLES = words("an at as ad en es et er ed ar")
_KIND_PRIOR = {
    "country": 3.0, "admin1": 1.2, "admin2": 0.2, "city": 1.5, "town": 1.0,
    "village": 0.6, "site": 0.3,
}


@dataclass(frozen=True, slots=True)
class Toponym:
    """One place mention: its span, the chosen place and how it was chosen."""

    start: int
    end: int
    text: str
    place: Place
    candidates: int
    geo_precision: int
    score: float


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    norm: str
    cap: bool


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    first: int  # token index
    last: int  # token index, inclusive
    key: str
    cands: list[tuple[Place, bool]]
    fixed_country: str | None = None
    suffix: str = ""  # "admin1", "admin2", "near" or ""
    near_before: bool = False
    based: bool = False
    containers: list[_Mention] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    choice: int = 0


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        low = word.lower()
        if len(word) > 2 and low[-2] in "'’`" and low[-1] == "s" and low[:-2] != "ra":
            end -= 2
            word = word[:-2]
        first = word[0]
        cap = first.isupper() or "\u0600" <= first <= "\u06ff"
        tokens.append(_Token(start, end, word, normalize_token(word), cap))
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return _JOIN_RE.fullmatch(gap) is not None and "\n" not in gap


def _can_start(tokens: list[_Token], i: int, text: str) -> bool:
    tok = tokens[i]
    if i > 0 and tokens[i - 1].text.lower() in TITLE_WORDS:
        return False
    low = tok.text.lower()
    if tok.cap:
        if low in _ENGLISH_ARTICLES and i + 1 < len(tokens):
            # "An Ethiopian", "As Suwayda": start at the next word, unless hyphenated
            return "-" in text[tok.end : tokens[i + 1].start]
        return not (tok.text.isupper() and len(tok.text) > 1 and len(tok.text) <= 5)
    if low not in ARTICLES or i + 1 >= len(tokens) or not tokens[i + 1].cap:
        return False
    if low in _ENGLISH_ARTICLES and "-" not in text[tok.end : tokens[i + 1].start]:
        return False
    gap = text[tok.end : tokens[i + 1].start]
    return "-" in gap or (low in _SPACED_ARTICLES and _joined(text, tok, tokens[i + 1]))


def _can_end(tokens: list[_Token], j: int, text: str) -> bool:
    tok = tokens[j]
    if tok.text.lower() in ARTICLES:
        return False
    if tok.cap:
        return True
    return j > 0 and "-" in text[tokens[j - 1].end : tok.start]


def _detect(text: str, tokens: list[_Token], gaz: Gazetteer) -> list[_Mention]:
    mentions: list[_Mention] = []
    for m in _ABBREV_RE.finditer(text):
        code = _ABBREV_COUNTRY[re.sub(r"[^a-z]", "", m.group().lower())]
        place = gaz.get(f"country:{code}")
        if place is not None:
            mentions.append(_Mention(m.start(), m.end(), -1, -1, code, [(place, True)], code))
    taken = [(m.start, m.end) for m in mentions]
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if taken and any(s <= tok.start < e for s, e in taken):
            i += 1
            continue
        acronym = _ACRONYM_PLACES.get(tok.text)
        if acronym is not None:
            place = gaz.get(f"country:{acronym}")
            if place is not None:
                mentions.append(
                    _Mention(tok.start, tok.end, i, i, acronym, [(place, True)], acronym)
                )
            i += 1
            continue
        if not _can_start(tokens, i, text) or _embedded_after(text, tokens, i):
            i += 1
            continue
        limit = i
        while limit + 1 < n and limit - i + 1 < MAX_NGRAM and _joined(
            text, tokens[limit], tokens[limit + 1]
        ):
            limit += 1
        found = False
        for j in range(limit, i - 1, -1):
            if not _can_end(tokens, j, text):
                continue
            key = join_tokens([t.norm for t in tokens[i : j + 1]])
            if not gaz.has_key(key):
                continue
            if _org_follows(text, tokens, j):
                break
            mentions.append(_Mention(tok.start, tokens[j].end, i, j, key, gaz.candidates(key)))
            i = j + 1
            found = True
            break
        if not found:
            i += 1
    mentions.sort(key=lambda m: m.start)
    return mentions


def _org_follows(text: str, tokens: list[_Token], j: int) -> bool:
    """True when the name runs on into a longer proper name ("France-Presse", "Kenya
    Defence Forces", "Chhatra League"), other than "X Province", "X City"..."""
    if j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    if not _joined(text, tokens[j], nxt) or not nxt.cap:
        return False
    if text[tokens[j].end : nxt.start] in ("-", "‐", "‑"):
        return True
    return nxt.text.lower() not in _PLACE_FOLLOWERS


def _embedded_after(text: str, tokens: list[_Token], i: int) -> bool:
    """True when token ``i`` continues a capitalised name that is not a place
    ("Sorkh Kotal", "Bashar al-Assad", "Left Democratic Alliance")."""
    if i == 0:
        return False
    prev, tok = tokens[i - 1], tokens[i]
    if not prev.cap or not _joined(text, prev, tok) or "-" in text[prev.end : tok.start]:
        return False
    low = prev.text.lower()
    if low in _PLACE_LEADERS or low in COMMON_WORDS:
        return False
    if i == 1 or not _joined(text, tokens[i - 2], prev):
        # the previous word opens a sentence or a clause: "Kikuyu farm", "In Homs"
        before = text[tokens[i - 2].end : prev.start] if i >= 2 else ""
        if i == 1 or re.search(r"[.!?:;\n]", before):
            return False
    return True


def _annotate(text: str, tokens: list[_Token], mentions: list[_Mention]) -> None:
    """Suffix words, "near"-type cues, "-based" and containment patterns."""
    for idx, m in enumerate(mentions):
        if m.last < 0 and re.match(r"[-‐‑–]based\b", text[m.end :]):
            m.based = True
        if m.last >= 0 and m.last + 1 < len(tokens):
            nxt = tokens[m.last + 1]
            gap = text[m.end : nxt.start]
            word = nxt.text.lower()
            if gap.strip() in ("", "-"):
                if word == "based" and "-" in gap:
                    m.based = True
                elif word in ADMIN1_SUFFIXES:
                    m.suffix = "admin1"
                elif word in ADMIN2_SUFFIXES:
                    m.suffix = "admin2"
                elif word in NEAR_AFTER:
                    m.suffix = "near"
        if m.first > 0:
            m.near_before = _near_before(text, tokens, m.first)
        # containment: "X, Y", "X (Y, Z)", "X district, Y"
        end = m.end
        for other in mentions[idx + 1 : idx + 4]:
            gap = text[end : other.start]
            tail = re.sub(r"\w+", "w", gap)
            if tail.strip() in (",", "(", "w,", "w (", "w(", "w ,") and len(gap) < 30:
                m.containers.append(other)
                end = other.end
                continue
            break


def _near_before(text: str, tokens: list[_Token], first: int) -> bool:
    prev = tokens[first - 1]
    low = prev.text.lower()
    if low in ("near", "nearby", "outside", "around"):
        return True
    if low != "of":
        return False
    window = [t.text.lower() for t in tokens[max(0, first - 5) : first - 1]]
    for k in range(len(window) - 1, -1, -1):
        word = window[k]
        if word in _NEAR_CUES:
            return True
        if word in NEAR_BEFORE:
            return not any(w in _SETTLEMENT_WORDS for w in window[k + 1 :])
    return False


def _contains(container: _Mention, place: Place) -> bool:
    for cand, _ in container.cands:
        if cand.country != place.country:
            continue
        if cand.kind == "country":
            return True
        if cand.kind == "admin1" and cand.name == place.admin1 and place.kind != "admin1":
            return True
        if cand.kind == "admin2" and cand.name == place.admin2 and place.kind != "admin2":
            return True
    name = container.key
    return name in (_norm_name(place.admin1), _norm_name(place.admin2)) and place.kind not in (
        "admin1",
        "admin2",
    )


@lru_cache(maxsize=65_536)
def _norm_name(name: str | None) -> str:
    if not name:
        return ""
    return join_tokens([normalize_token(t) for t in re.findall(r"\w+", name)])


def _km(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _base_scores(
    m: _Mention,
    text_countries: dict[str, int],
    caller: set[str],
    admin_mentions: list[_Mention],
    anchors: list[Place],
) -> list[float]:
    """Scores from what the whole text says (same for every mention of one name)."""
    scores: list[float] = []
    own_countries = {c.country for c, _ in m.cands if c.kind == "country"}
    admins = [o for o in admin_mentions if o.key != m.key]
    for place, preferred in m.cands:
        s = _KIND_PRIOR.get(place.kind, 0.5) + 0.35 * math.log10(place.population + 1)
        if preferred:
            s += 2.0
        others = text_countries.get(place.country, 0) - (place.country in own_countries)
        if others > 0:
            s += 2.5
        if place.country in caller:
            s += 3.0
        if any(_contains(o, place) for o in admins):
            s += 1.0
        if anchors and place.kind not in ("country", "admin1"):
            d = min(_km(place, a) for a in anchors)
            s += 1.5 if d < 50 else 1.0 if d < 150 else 0.5 if d < 400 else 0.0
        scores.append(s)
    return scores


def _score(m: _Mention, base: list[float]) -> None:
    """Add what the mention's own surroundings say, then choose."""
    m.scores = list(base)
    for pos, (place, _) in enumerate(m.cands):
        if any(_contains(o, place) for o in m.containers):
            m.scores[pos] += 3.5
        if m.suffix == "admin1" and place.kind == "admin1":
            m.scores[pos] += 4.0
        elif m.suffix == "admin2" and place.kind == "admin2":
            m.scores[pos] += 1.5
    m.choice = max(range(len(m.scores)), key=m.scores.__getitem__) if m.scores else 0


def _precision(m: _Mention, place: Place) -> int:
    if place.kind in ("country", "admin1") or m.suffix == "admin1":
        return 3
    if m.suffix in ("admin2", "near") or m.near_before or place.kind == "admin2":
        return 2
    return 1


def find_toponyms(
    text: str, gazetteer: Gazetteer, *, countries: Sequence[str] = ()
) -> list[Toponym]:
    """Place mentions in ``text``, in text order, non-overlapping, longest match first.

    ``countries`` are ISO 3166-1 alpha-2 codes the caller already knows (the source's
    country, for example); they favour candidates in those countries.
    """
    tokens = _tokenize(text)
    mentions = _detect(text, tokens, gazetteer)
    mentions = [m for m in mentions if m.cands]
    if not mentions:
        return []
    _annotate(text, tokens, mentions)

    text_countries: dict[str, int] = {}
    for tok in tokens:
        code = DEMONYMS.get(tok.text.lower()) if tok.cap else None
        if code:
            text_countries[code] = text_countries.get(code, 0) + 1
    for m in mentions:
        found = {c.country for c, _ in m.cands}
        if m.cands[0][0].kind == "country" or len(found) == 1:
            code = m.cands[0][0].country
            text_countries[code] = text_countries.get(code, 0) + 1
    caller = {c.upper() for c in countries}
    admin_mentions = list(
        {
            m.key: m for m in mentions if any(c.kind.startswith("admin") for c, _ in m.cands)
        }.values()
    )

    # containers prefer candidates that contain a candidate of the contained mention
    container_of: dict[int, list[_Mention]] = {}
    for m in mentions:
        for c in m.containers:
            container_of.setdefault(id(c), []).append(m)

    for rnd in range(3):
        chosen: dict[str, dict[str, Place]] = {}
        if rnd:
            for m in mentions:
                place = m.cands[m.choice][0]
                if place.kind not in ("country", "admin1") and not m.based:
                    chosen.setdefault(m.key, {})[place.place_id] = place
        bases: dict[str, list[float]] = {}
        for m in mentions:
            if m.key not in bases:
                anchors = {
                    pid: p for key, ps in chosen.items() if key != m.key for pid, p in ps.items()
                }
                bases[m.key] = _base_scores(
                    m, text_countries, caller, admin_mentions, list(anchors.values())
                )
            _score(m, bases[m.key])
        for m in mentions:
            inner = container_of.get(id(m), [])
            if not inner or len(m.cands) < 2:
                continue
            for pos, (place, _) in enumerate(m.cands):
                if any(_contains_place(place, x.cands[x.choice][0]) for x in inner):
                    m.scores[pos] += 3.0
                if place.kind in ("admin1", "admin2", "country"):
                    m.scores[pos] += 1.5
            m.choice = max(range(len(m.scores)), key=m.scores.__getitem__)

    out: list[Toponym] = []
    for m in mentions:
        place = m.cands[m.choice][0]
        if m.suffix == "admin1" and place.kind != "admin1":
            same = [c for c, _ in m.cands if c.kind == "admin1" and c.country == place.country]
            if same:
                place = same[0]
        exps = [math.exp(s - m.scores[m.choice]) for s in m.scores]
        conf = 1.0 / sum(exps)
        conf = min(conf, 0.95) * (0.5 if m.based else 1.0)
        out.append(
            Toponym(
                start=m.start, end=m.end, text=text[m.start : m.end], place=place,
                candidates=len(m.cands), geo_precision=_precision(m, place),
                score=round(conf, 3),
            )
        )
    return out


def _contains_place(container: Place, place: Place) -> bool:
    if container.country != place.country or container.place_id == place.place_id:
        return False
    if container.kind == "country":
        return True
    if container.kind == "admin1":
        return container.name == place.admin1
    if container.kind == "admin2":
        return container.name == place.admin2
    return False
