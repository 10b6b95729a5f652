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

:func:`find_toponyms` detects and ranks; :func:`rank_toponyms` does the same but keeps the
ranked candidates (and brings back settlements whose name the index leaves out of its keys
because it is a common word); :func:`resolve_spans` ranks given spans (gold toponyms),
with fallbacks for names the index does not hold as written.

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
from weakref import WeakKeyDictionary

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
from observatory.geo.normalize import (
    ARTICLES,
    WORD_MARKS,
    join_tokens,
    normalize_name,
    normalize_token,
)
from observatory.geo.regions import (
    abbreviation_place,
    country_place,
    find_region_names,
    region_place,
)

__all__ = ["Resolution", "Toponym", "find_toponyms", "rank_toponyms", "resolve_spans"]

MAX_NGRAM = 5

_TOKEN_RE = re.compile(rf"[\w{WORD_MARKS}]+(?:['’`ʿʾʼ][\w{WORD_MARKS}]+)*")
_JOIN_RE = re.compile(r"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*['’ʿʾ‘`]?")
_ABBREV_RE = re.compile(r"\b(U\.\s?K\.|U\.\s?S\.(?:\s?A\.)?|U\.A\.E\.)")
_ABBREV_COUNTRY = {"uk": "GB", "us": "US", "usa": "US", "uae": "AE"}
_ACRONYM_PLACES = {"UK": "GB", "US": "US", "USA": "US", "UAE": "AE", "DRC": "CD"}
_SPACED_ARTICLES = frozenset({"al", "el", "ar"})
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
_ENGLISH_ARTICLES = words("an at as ad en es et er ed")
_KIND_PRIOR = {
    "country": 3.0,
    "admin1": 1.2,
    "admin2": 0.2,
    "city": 1.5,
    "town": 1.0,
    "village": 0.6,
    "site": 0.3,
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
        while (
            limit + 1 < n
            and limit - i + 1 < MAX_NGRAM
            and _joined(text, tokens[limit], tokens[limit + 1])
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


_ADMIN_POP: WeakKeyDictionary[Gazetteer, dict[tuple[str, str, str], int]] = WeakKeyDictionary()


def _admin_populations(gaz: Gazetteer) -> dict[tuple[str, str, str], int]:
    """Population of each admin area as the sum of its settlements (the index stores 0
    for areas): ``(country, admin1, "")`` and ``(country, admin1, admin2)`` keys."""
    found = _ADMIN_POP.get(gaz)
    if found is not None:
        return found
    found = {}
    for country, admin1, admin2, pop in gaz.settlement_populations():
        k1 = (country, admin1, "")
        found[k1] = found.get(k1, 0) + pop
        if admin2:
            found[(country, admin1, admin2)] = pop
    _ADMIN_POP[gaz] = found
    return found


_CAPITALS: dict[str, tuple[float, float] | None] = {}
_GAZ_FOR_CAPITALS: list[Gazetteer] = []


def _is_capital(place: Place) -> bool:
    """True for a national capital (the index codes each country to its capital)."""
    if not _GAZ_FOR_CAPITALS:
        return False
    if place.country not in _CAPITALS:
        country = _GAZ_FOR_CAPITALS[0].get(f"country:{place.country}")
        _CAPITALS[place.country] = None if country is None else (country.lat, country.lon)
    point = _CAPITALS[place.country]
    return (
        point is not None and abs(point[0] - place.lat) < 1e-4 and abs(point[1] - place.lon) < 1e-4
    )


def _population(place: Place, admin_pop: dict[tuple[str, str, str], int]) -> int:
    if place.population or place.kind not in ("admin1", "admin2"):
        return place.population
    if place.kind == "admin1":
        return admin_pop.get((place.country, place.admin1 or place.name, ""), 0)
    return admin_pop.get((place.country, place.admin1 or "", place.admin2 or place.name), 0)


def _base_scores(
    m: _Mention,
    text_countries: dict[str, int],
    caller: set[str],
    admin_mentions: list[_Mention],
    anchors: list[Place],
    admin_pop: dict[tuple[str, str, str], int],
) -> list[float]:
    """Scores from what the whole text says (same for every mention of one name)."""
    scores: list[float] = []
    own_countries = {c.country for c, _ in m.cands if c.kind == "country"}
    admins = [o for o in admin_mentions if o.key != m.key]
    for place, preferred in m.cands:
        pop = _population(place, admin_pop)
        s = _KIND_PRIOR.get(place.kind, 0.5) + 0.35 * math.log10(pop + 1)
        if preferred:
            s += 2.0
        if place.kind in ("city", "town") and place.population > 100_000 and _is_capital(place):
            s += 1.0
        others = text_countries.get(place.country, 0) - (place.country in own_countries)
        if others > 0:
            s += 2.5
        if place.country in caller:
            s += 3.0
        if any(_contains(o, place) for o in admins):
            s += 2.0
        if anchors and place.kind not in ("country", "admin1"):
            d = min(_km(place, a) for a in anchors)
            s += 1.5 if d < 50 else 1.0 if d < 150 else 0.5 if d < 400 else 0.0
        elif place.kind == "admin1" and any(
            a.country == place.country and a.admin1 == place.name for a in anchors
        ):
            s += 1.0  # "Quebec" with Montreal and Laval chosen nearby: the province
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
    if place.kind in ("country", "admin1", "region") or m.suffix == "admin1":
        return 3
    if m.suffix in ("admin2", "near") or m.near_before or place.kind == "admin2":
        return 2
    return 1


def _text_countries(tokens: list[_Token], mentions: list[_Mention]) -> dict[str, int]:
    """How often each country is named in the text (names, demonyms, unambiguous places)."""
    counts: dict[str, int] = {}
    for tok in tokens:
        code = DEMONYMS.get(tok.text.lower()) if tok.cap else None
        if code:
            counts[code] = counts.get(code, 0) + 1
    for m in mentions:
        if not m.cands:
            continue
        found = {c.country for c, _ in m.cands}
        if m.cands[0][0].kind == "country" or len(found) == 1:
            code = m.cands[0][0].country
            counts[code] = counts.get(code, 0) + 1
    return counts


def _rank(
    text: str,
    tokens: list[_Token],
    mentions: list[_Mention],
    countries: Sequence[str],
    gaz: Gazetteer,
) -> None:
    """Score every candidate of every mention (which must all have candidates) in context;
    sets ``scores`` and ``choice`` on each mention."""
    admin_pop = _admin_populations(gaz)
    if not _GAZ_FOR_CAPITALS or _GAZ_FOR_CAPITALS[0] is not gaz:
        _GAZ_FOR_CAPITALS[:] = [gaz]
        _CAPITALS.clear()
    _annotate(text, tokens, mentions)
    text_countries = _text_countries(tokens, mentions)
    caller = {c.upper() for c in countries}
    admin_mentions = list(
        {m.key: m for m in mentions if any(c.kind.startswith("admin") for c, _ in m.cands)}.values()
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
        bases: dict[tuple[str, int], list[float]] = {}
        for m in mentions:
            group = (m.key, len(m.cands))
            if group not in bases:
                anchors = {
                    pid: p for key, ps in chosen.items() if key != m.key for pid, p in ps.items()
                }
                bases[group] = _base_scores(
                    m,
                    text_countries,
                    caller,
                    admin_mentions,
                    list(anchors.values()),
                    admin_pop,
                )
            _score(m, bases[group])
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
    _one_sense(mentions)


def _one_sense(mentions: list[_Mention]) -> None:
    """One sense per text: when "London, Ky." settles which London, the bare "London"
    mentions of the same text follow it."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        led = [
            m
            for m in group
            if m.containers and any(_contains(o, m.cands[m.choice][0]) for o in m.containers)
        ]
        if not led:
            continue
        pid = led[0].cands[led[0].choice][0].place_id
        for m in group:
            if m.containers or m.suffix or not m.scores:
                continue
            for pos, (place, _) in enumerate(m.cands):
                if place.place_id == pid:
                    m.scores[pos] = max(m.scores)
                    m.choice = pos
                    break


_STATE_ABBREV_RE = re.compile(r",[ \t]*((?:[A-Z]\.){2,3}|[A-Z][a-z]{1,4}\.)")


def _region_mentions(text: str, tokens: list[_Token], taken: list[_Mention]) -> list[_Mention]:
    """Continents, oceans and world regions the index does not hold."""
    out: list[_Mention] = []
    for start, end, place in find_region_names(text):
        if any(m.start < end and start < m.end for m in taken):
            continue
        inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
        if inside:
            out.append(
                _Mention(
                    start,
                    end,
                    inside[0],
                    inside[-1],
                    normalize_name(place.name),
                    [(place, True)],
                    None,
                )
            )
    return out


def _word_mentions(
    text: str, tokens: list[_Token], gaz: Gazetteer, taken: list[_Mention]
) -> list[_Mention]:
    """Demonyms and country words ("Syrian", "Britain", "European") as mentions of the
    country or region (the geocoding layer counts them; the event pipeline does not)."""
    out: list[_Mention] = []
    for k, tok in enumerate(tokens):
        if not tok.cap or any(m.start < tok.end and tok.start < m.end for m in taken):
            continue
        low = tok.text.lower()
        place = region_place(low)
        code = None if place else (DEMONYMS.get(low) or _COUNTRY_WORDS.get(low))
        if code is not None:
            place = gaz.get(f"country:{code}")
        elif place is None and len(low) > 3:
            place = country_place(tok.text, gaz)
        if place is not None:
            out.append(
                _Mention(
                    tok.start,
                    tok.end,
                    k,
                    k,
                    normalize_name(place.name),
                    [(place, True)],
                    place.country or None,
                )
            )
    return out


def _abbrev_mentions(
    text: str, tokens: list[_Token], gaz: Gazetteer, taken: list[_Mention]
) -> list[_Mention]:
    """State and province abbreviations after a comma ("Paducah, Ky.") as admin1 mentions."""
    out: list[_Mention] = []
    for hit in _STATE_ABBREV_RE.finditer(text):
        start, end = hit.start(1), hit.end(1)
        if any(m.start < end and start < m.end for m in taken):
            continue
        place = abbreviation_place(hit.group(1), gaz)
        if place is None:
            continue
        inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
        if not inside:
            continue
        out.append(
            _Mention(
                start,
                end,
                inside[0],
                inside[-1],
                normalize_name(place.name),
                [(place, True)],
                place.country,
            )
        )
    return out


def _outcome(m: _Mention) -> tuple[Place, int, float]:
    """The chosen place of a ranked mention, its ACLED precision and a confidence."""
    place = m.cands[m.choice][0]
    if m.suffix == "admin1" and place.kind != "admin1":
        same = [c for c, _ in m.cands if c.kind == "admin1" and c.country == place.country]
        if same:
            place = same[0]
    exps = [math.exp(s - m.scores[m.choice]) for s in m.scores]
    conf = 1.0 / sum(exps)
    conf = min(conf, 0.95) * (0.5 if m.based else 1.0)
    return place, _precision(m, place), round(conf, 3)


def find_toponyms(
    text: str, gazetteer: Gazetteer, *, countries: Sequence[str] = ()
) -> list[Toponym]:
    """Place mentions in ``text``, in text order, non-overlapping, longest match first.

    ``countries`` are ISO 3166-1 alpha-2 codes the caller already knows (the source's
    country, for example); they favour candidates in those countries.
    """
    tokens = _tokenize(text)
    mentions = [m for m in _detect(text, tokens, gazetteer) if m.cands]
    if not mentions:
        return []
    _rank(text, tokens, mentions, countries, gazetteer)
    out: list[Toponym] = []
    for m in mentions:
        place, precision, conf = _outcome(m)
        out.append(
            Toponym(
                start=m.start,
                end=m.end,
                text=text[m.start : m.end],
                place=place,
                candidates=len(m.cands),
                geo_precision=precision,
                score=conf,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Resolution:
    """One mention with its place (None when nothing fits) and its ranked candidates.

    ``ranked`` holds up to :data:`MAX_RANKED` ``(place, share)`` pairs, best first, where
    ``share`` is the candidate's softmax share of the context scores.
    """

    start: int
    end: int
    text: str
    place: Place | None
    ranked: tuple[tuple[Place, float], ...]
    geo_precision: int | None
    confidence: float


MAX_RANKED = 10


_HOMONYMS: WeakKeyDictionary[Gazetteer, dict[str, list[int]]] = WeakKeyDictionary()


def _homonym_table(gaz: Gazetteer) -> dict[str, list[int]]:
    """Settlements by the key of their display name, built once per open gazetteer (about
    2 s): the index drops names that are also common words ("London" in Kentucky, "Paris"
    in Texas) from its keys, but a text that says "London, Ky." needs them back."""
    found = _HOMONYMS.get(gaz)
    if found is not None:
        return found
    found = {}
    for rowid, name in gaz.settlements():
        key = normalize_name(name)
        if key:
            found.setdefault(key, []).append(rowid)
    _HOMONYMS[gaz] = found
    return found


def _add_homonyms(gaz: Gazetteer, mentions: list[_Mention]) -> None:
    """Give each mention the settlements of the same name its key left out."""
    table = _homonym_table(gaz)
    for m in mentions:
        if m.fixed_country or not m.cands:
            continue
        if any(p.kind in ("country", "region") for p, _ in m.cands):
            continue  # "Turkey", "Georgia": the villages of that name are not the point
        have = {p.place_id for p, _ in m.cands}
        for rowid in table.get(m.key, ()):
            place = gaz.place_at(rowid)
            if place is not None and place.place_id not in have:
                m.cands.append((place, False))
                have.add(place.place_id)


def _resolution(text: str, m: _Mention) -> Resolution:
    span = text[m.start : m.end]
    if not m.cands:
        return Resolution(m.start, m.end, span, None, (), None, 0.0)
    place, precision, conf = _outcome(m)
    top = max(m.scores)
    exps = [math.exp(s - top) for s in m.scores]
    total = sum(exps)
    order = sorted(range(len(m.cands)), key=lambda k: -m.scores[k])[:MAX_RANKED]
    ranked = tuple((m.cands[k][0], round(exps[k] / total, 3)) for k in order)
    if ranked and ranked[0][0].place_id != place.place_id:
        ranked = ((place, ranked[0][1]),) + tuple(r for r in ranked if r[0] != place)
    return Resolution(m.start, m.end, span, place, ranked, precision, conf)


def rank_toponyms(
    text: str, gazetteer: Gazetteer, *, countries: Sequence[str] = (), homonyms: bool = True
) -> list[Resolution]:
    """Like :func:`find_toponyms`, but each mention keeps its ranked candidates, and (with
    ``homonyms``) settlements whose name the index keeps out of its keys are candidates."""
    tokens = _tokenize(text)
    mentions = [m for m in _detect(text, tokens, gazetteer) if m.cands]
    regions = [
        r
        for r in _region_mentions(text, tokens, [])
        if not any(
            m.start <= r.start and r.end <= m.end and m.end - m.start > r.end - r.start
            for m in mentions
        )  # "South Africa" stays the country
    ]
    mentions = [
        m for m in mentions if not any(m.start < r.end and r.start < m.end for r in regions)
    ] + regions
    mentions += _word_mentions(text, tokens, gazetteer, mentions)
    mentions = sorted(
        mentions + _abbrev_mentions(text, tokens, gazetteer, mentions), key=lambda m: m.start
    )
    if homonyms:
        _add_homonyms(gazetteer, mentions)
    if mentions:
        _rank(text, tokens, mentions, countries, gazetteer)
    return [_resolution(text, m) for m in mentions]


_GENERIC_TAIL = words(
    """city province district county state region governorate municipality town village
    oblast prefecture department area island islands"""
)
_COUNTRY_WORDS = {
    "america": "US",
    "united states of america": "US",
    "britain": "GB",
    "great britain": "GB",
    "holland": "NL",
    "the states": "US",
    "holy see": "VA",
    "vatican": "VA",
    "vatican city": "VA",
}
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
FUZZY_CUTOFF = 90.0


def _span_candidates(gaz: Gazetteer, span: str) -> tuple[str, list[tuple[Place, bool]], str]:
    """Exact lookup of a gold span, then the cheap fallbacks; returns (key, candidates,
    fixed country code or "")."""
    raw = span.strip()
    region = region_place(raw) or abbreviation_place(raw, gaz)
    if region is not None:
        return normalize_name(raw) or raw.lower(), [(region, True)], region.country
    code = _ABBREV_COUNTRY.get(re.sub(r"[^a-z]", "", raw.lower())) if "." in raw else None
    code = code or _ACRONYM_PLACES.get(raw) or DEMONYMS.get(raw.lower())
    code = code or _COUNTRY_WORDS.get(_LEADING_THE.sub("", raw).lower())
    if code is None and raw.lower().endswith("s"):
        code = DEMONYMS.get(raw.lower()[:-1])  # "Syrians"
    if code is not None:
        place = gaz.get(f"country:{code}")
        if place is not None:
            return code, [(place, True)], code
    tries = [raw, _POSSESSIVE.sub("", raw), _LEADING_THE.sub("", raw)]
    base = _POSSESSIVE.sub("", _LEADING_THE.sub("", raw))
    parts = base.split()
    while len(parts) > 1 and parts[-1].lower() in _GENERIC_TAIL:
        parts = parts[:-1]
        tries.append(" ".join(parts))
    country = country_place(base, gaz)
    for attempt in tries:
        key = normalize_name(attempt)
        if key and gaz.has_key(key):
            cands = gaz.candidates(key)
            if country is not None and all(p.kind != "country" for p, _ in cands):
                cands.insert(0, (country, True))  # "Russia": not only the village
            return key, cands, ""
    if country is not None:
        return normalize_name(base), [(country, True)], country.country
    return normalize_name(base), [], ""


_KEYS_BY_INITIAL: WeakKeyDictionary[Gazetteer, dict[str, list[str]]] = WeakKeyDictionary()


def _keys_by_initial(gaz: Gazetteer) -> dict[str, list[str]]:
    """The index keys grouped by first letter (built once per open gazetteer)."""
    found = _KEYS_BY_INITIAL.get(gaz)
    if found is None:
        found = {}
        for key in gaz.name_keys():
            if key:
                found.setdefault(key[0], []).append(key)
        _KEYS_BY_INITIAL[gaz] = found
    return found


def _fuzzy_candidates(gaz: Gazetteer, key: str, countries: set[str]) -> list[tuple[Place, bool]]:
    """Candidates of the index keys closest to ``key`` that lie in ``countries``."""
    if len(key) < 4 or not countries:
        return []
    from rapidfuzz import fuzz, process

    keys = _keys_by_initial(gaz).get(key[0], [])
    hits = process.extract(key, keys, scorer=fuzz.ratio, limit=5, score_cutoff=FUZZY_CUTOFF)
    out: list[tuple[Place, bool]] = []
    for found, *_rest in hits:
        out.extend((p, False) for p, _ in gaz.candidates(found) if p.country in countries)
        if out:
            break
    return out


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    countries: Sequence[str] = (),
    homonyms: bool = True,
) -> list[Resolution]:
    """Resolve exactly the given ``(start, end)`` spans of ``text``, in the given order.

    Ranking is the one :func:`find_toponyms` uses; the places detected outside the spans
    are context (they count as countries named and as nearby places) but are not returned.
    A span whose name is not in the index is tried without a leading "the", without
    trailing generic words ("Hama province") and by a fuzzy match restricted to the
    countries in context; a span nothing fits comes back with ``place=None``.
    """
    tokens = _tokenize(text)
    gold: list[_Mention] = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
        first, last = (inside[0], inside[-1]) if inside else (-1, -1)
        key, cands, code = _span_candidates(gazetteer, text[start:end])
        gold.append(_Mention(start, end, first, last, key, list(cands), code or None))
    detected = [
        m
        for m in _detect(text, tokens, gazetteer)
        if m.cands and not any(m.start < g.end and g.start < m.end for g in gold)
    ]
    detected += _abbrev_mentions(text, tokens, gazetteer, detected + gold)
    missing = [g for g in gold if not g.cands]
    if missing:
        context = set(_text_countries(tokens, detected + gold)) | {c.upper() for c in countries}
        for g in missing:
            g.cands = _fuzzy_candidates(gazetteer, g.key, context)
    if homonyms:
        _add_homonyms(gazetteer, gold + detected)
    ranked = sorted((m for m in detected + gold if m.cands), key=lambda m: (m.start, m.end))
    if ranked:
        _rank(text, tokens, ranked, countries, gazetteer)
    return [_resolution(text, g) for g in gold]


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
