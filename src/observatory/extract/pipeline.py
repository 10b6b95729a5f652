"""The extraction pipeline: one report text in, the contract's events and claims out.

Stages run in this order, each a module with one job::

    clean.furniture   -> CleanText (text, removed lines)
    extract.sentences -> Sentence[]
    extract.actors    -> ActorMention[]
    geo.toponyms      -> Toponym[]
    extract.dates     -> DateMention[]
    extract.casualties-> CasualtyMention[]
    extract.attribution -> per-sentence source chains
    extract.frames    -> one Frame per event sentence
    extract.control   -> ControlFinding[]
    (this module)     -> mentions merged into events; claims; ExtractionResult

Heavy resources (actor dictionary, gazetteer) are loaded once per process and
shared; :class:`Extractor` holds them for callers that want to manage that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from observatory.clean.furniture import clean_text
from observatory.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from observatory.extract.actors import ActorDictionary, ActorMention, default_actors
from observatory.extract.attribution import attribute, source_country
from observatory.extract.casualties import CasualtyMention, fatalities_for, find_casualties
from observatory.extract.control import ControlFinding, find_control, held_by
from observatory.extract.dates import DateMention, find_dates, parse_published
from observatory.extract.frames import Frame, follow_up, frame_sentence, retyped
from observatory.extract.sentences import Sentence, split_sentences
from observatory.geo.gazetteer import Gazetteer
from observatory.geo.toponyms import Toponym, find_toponyms
from observatory.models import (
    ActorRef,
    CasualtyClaim,
    ControlClaim,
    Event,
    ExtractionResult,
    Location,
    PlaceRef,
    ReportInfo,
    Span,
)

EXTRACTOR_VERSION = "rules-1.0"

_KIND_RANK = {"site": 0, "village": 0, "town": 0, "city": 0, "admin2": 1, "admin1": 2, "country": 3}
_SUB_RANK = {
    "Government regains territory": 0,
    "Non-state actor overtakes territory": 0,
    "Suicide bomb": 1,
}
_CONTINUATION = (
    "the monitor added",
    "he added",
    "she added",
    "it added",
    "they added",
    "the observatory added",
    "the monitor also",
    "it also",
    "also on",
    "the same day",
    "later",
    "meanwhile",
)


#: Longest text one call reads (the 10 MiB file limit, in characters).
MAX_TEXT_CHARS = 10 * 1024 * 1024


@dataclass(slots=True)
class _Mention:
    """One event as one sentence tells it, before merging."""

    frame: Frame
    sentence: Sentence
    location: Location | None
    date: DateMention | None
    fatalities: int | None
    claimed_by: list[str]
    date_ranges: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    weak_ranges: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    members: int = 1
    #: How many consecutive sentences this mention spans (follow-ups folded in).
    members_sentences: int = 1


@dataclass(frozen=True, slots=True)
class Extractor:
    """The pipeline with its shared resources. Cheap to call once built."""

    actors: ActorDictionary
    gazetteer: Gazetteer

    def extract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> ExtractionResult:
        return _extract(self, text, published=published, source=source, url=url)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The process-wide extractor over the bundled actor dictionary and gazetteer."""
    return Extractor(actors=default_actors(), gazetteer=Gazetteer.open())


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> ExtractionResult:
    """Read one report and return the events, claims and sources it contains."""
    return default_extractor().extract(text, published=published, source=source, url=url)


def _published(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return parse_published(value)


def _location(toponym: Toponym, precision: int | None = None) -> Location:
    place = toponym.place
    flags: list[str] = []
    if place.kind == "country":
        flags.append("country_only")
        precision = 3
    elif place.kind in ("admin1", "admin2") and (precision or toponym.geo_precision) >= 3:
        flags.append("region_only")
    return Location(
        name=place.name,
        text=toponym.text,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        admin1=place.admin1,
        admin2=place.admin2,
        country=place.country,
        place_id=place.place_id,
        geo_precision=precision if precision is not None else toponym.geo_precision,
        flags=flags,
    )


def _best_toponym(toponyms: Sequence[Toponym]) -> Toponym | None:
    if not toponyms:
        return None
    ranked = sorted(
        enumerate(toponyms), key=lambda it: (_KIND_RANK.get(it[1].place.kind, 1), it[0])
    )
    return ranked[0][1]


def _strong_date(dates: Sequence[DateMention]) -> DateMention | None:
    for kinds in (("point",), ("since",), ("period",)):
        for mention in dates:
            if mention.kind in kinds and (mention.date or mention.date_start):
                return mention
    return None


def _is_date_only(sentence: Sentence, dates: Sequence[DateMention]) -> bool:
    words = sentence.text.strip(" .").split()
    return bool(dates) and len(words) <= 4


def _range(mention: DateMention) -> tuple[dt.date, dt.date] | None:
    if mention.date is not None:
        return (mention.date, mention.date)
    if mention.date_start is not None and mention.date_end is not None:
        return (mention.date_start, mention.date_end)
    return None


def _mentions(
    clean: str,
    sentences: Sequence[Sentence],
    published: dt.date | None,
    actor_mentions: Sequence[ActorMention],
    toponyms: Sequence[Toponym],
    dates: Sequence[DateMention],
    casualties: Sequence[CasualtyMention],
    chains: Sequence[tuple[str, ...]],
) -> list[_Mention]:
    found: list[_Mention] = []
    focus: Toponym | None = None
    previous_date: DateMention | None = None
    previous_sentence_date: DateMention | None = None
    for sentence in sentences:
        s_actors = [m for m in actor_mentions if sentence.start <= m.start < sentence.end]
        s_places = [t for t in toponyms if sentence.start <= t.start < sentence.end]
        s_dates = [d for d in dates if sentence.start <= d.start < sentence.end]
        s_casualties = [c for c in casualties if sentence.start <= c.start < sentence.end]
        best = _best_toponym(s_places)
        sentence_date = _strong_date(s_dates)
        frame = frame_sentence(sentence.text, sentence.start, s_actors)
        if frame is not None and any(c.cumulative for c in s_casualties):
            frame = None  # a running tally is a claim, not an event
        last = found[-1] if found else None
        if (
            last is not None
            and last.sentence.index + last.members_sentences == sentence.index
            and _continues(last, sentence_date, best, frame)
        ):
            refined = follow_up(last.frame, sentence.text, sentence.start, s_actors, frame)
            if refined is not None:
                _fold_sentence(last, refined, sentence, casualties, best)
                if best is not None and _KIND_RANK.get(best.place.kind, 1) < 2:
                    focus = best
                previous_sentence_date = sentence_date
                continue
        if frame is not None:
            location: Location | None = None
            if best is not None and (_KIND_RANK.get(best.place.kind, 1) < 3 or focus is None):
                location = _location(best)
            elif focus is not None:
                location = _location(focus)
            date = sentence_date
            lowered = sentence.text.lower()
            if (
                date is None
                and previous_sentence_date is not None
                and _is_date_only(sentences[sentence.index - 1], [previous_sentence_date])
            ):
                date = previous_sentence_date
            if date is None and previous_date is not None and lowered.startswith(_CONTINUATION):
                date = previous_date
            mention = _Mention(
                frame=frame,
                sentence=sentence,
                location=location,
                date=date,
                fatalities=fatalities_for(s_casualties, sentence.start, sentence.end),
                claimed_by=list(chains[sentence.index]),
                evidence=[Span(start=sentence.start, end=sentence.end)],
            )
            if date is not None and (span := _range(date)) is not None:
                (mention.weak_ranges if date.kind == "period" else mention.date_ranges).append(span)
            found.append(mention)
            previous_date = date
        if best is not None and _KIND_RANK.get(best.place.kind, 1) < 2:
            focus = best
        previous_sentence_date = sentence_date
    del clean, published
    return found


def _continues(
    last: _Mention, sentence_date: DateMention | None, best: Toponym | None, frame: Frame | None
) -> bool:
    """Whether a sentence may continue the mention just before it.

    A sentence with its own date, or one that reports an event at another place,
    starts a new mention.
    """
    if (
        sentence_date is not None
        and sentence_date is not last.date
        and (last.date is None or _range(sentence_date) != _range(last.date))
    ):
        return False
    elsewhere = (
        frame is not None
        and best is not None
        and last.location is not None
        and best.place.place_id != last.location.place_id
        and _KIND_RANK.get(best.place.kind, 1) < 3
    )
    return not elsewhere


def _fold_sentence(
    last: _Mention,
    refined: Frame,
    sentence: Sentence,
    casualties: Sequence[CasualtyMention],
    best: Toponym | None,
) -> None:
    """Fold a follow-up sentence into the mention before it."""
    last.frame = refined
    last.members_sentences += 1
    last.evidence.append(Span(start=sentence.start, end=sentence.end))
    start = last.evidence[0].start
    total = fatalities_for(casualties, start, sentence.end)
    if total is not None:
        last.fatalities = total
    if last.location is None and best is not None:
        last.location = _location(best)


def _actor_names(m: _Mention) -> set[str]:
    return {a.actor.name for a in (m.frame.actor1, m.frame.actor2) if a is not None}


def _compatible(a: _Mention, b: _Mention) -> bool:
    if a.frame.event_type != b.frame.event_type:
        return False
    if a.frame.event_type != "Battles" and a.frame.sub_event_type != b.frame.sub_event_type:
        return False
    if (
        a.location is not None
        and b.location is not None
        and a.location.place_id != b.location.place_id
    ):
        return False
    names_a, names_b = _actor_names(a), _actor_names(b)
    if names_a and names_b and not (names_a <= names_b or names_b <= names_a):
        return False
    ranges_a = a.date_ranges or a.weak_ranges
    ranges_b = b.date_ranges or b.weak_ranges
    if ranges_a and ranges_b:
        lo_a, hi_a = min(r[0] for r in ranges_a), max(r[1] for r in ranges_a)
        lo_b, hi_b = min(r[0] for r in ranges_b), max(r[1] for r in ranges_b)
        if hi_a < lo_b or hi_b < lo_a:
            return False
    return True


def _absorb(into: _Mention, other: _Mention) -> None:
    # The merged frame takes the stronger sub-type (a territorial change beats a clash),
    # the first actors known, and every associate.
    base, extra = into.frame, other.frame
    if _SUB_RANK.get(extra.sub_event_type, 5) < _SUB_RANK.get(base.sub_event_type, 5):
        base = retyped(base, extra.sub_event_type)
        base = replace(base, trigger_start=extra.trigger_start, trigger_end=extra.trigger_end)
    into.frame = replace(
        base,
        actor1=base.actor1 or extra.actor1,
        actor2=base.actor2 or extra.actor2,
        assoc=base.assoc + extra.assoc,
        strength=max(base.strength, extra.strength),
    )
    if into.location is None or (
        other.location is not None and other.location.geo_precision < into.location.geo_precision
    ):
        into.location = other.location or into.location
    if other.fatalities is not None:
        into.fatalities = max(into.fatalities or 0, other.fatalities)
    for name in other.claimed_by:
        if name not in into.claimed_by:
            into.claimed_by.append(name)
    into.date_ranges += other.date_ranges
    into.weak_ranges += other.weak_ranges
    into.evidence += other.evidence
    into.members += other.members


def _merge(mentions: Sequence[_Mention]) -> list[_Mention]:
    merged: list[_Mention] = []
    for mention in mentions:
        for event in merged:
            if _compatible(event, mention):
                _absorb(event, mention)
                break
        else:
            merged.append(mention)
    return merged


def _actor_ref(mention: ActorMention | None) -> ActorRef | None:
    if mention is None:
        return None
    actor = mention.actor
    return ActorRef(name=actor.name, type=actor.type, inter=actor.inter, text=mention.text)


#: ACLED's stand-in actors (names as in data/actors/generic.json).
PROTESTERS = ActorRef(name="Protesters", type="protesters", inter=6)
RIOTERS = ActorRef(name="Rioters", type="rioters", inter=5)
UNIDENTIFIED = ActorRef(name="Unidentified armed group", type="political_militia", inter=3)
CIVILIANS = ActorRef(name="Civilians", type="civilians", inter=7)


def acled_roles(
    event_type: str,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    assoc: list[ActorRef],
) -> tuple[ActorRef | None, ActorRef | None, list[ActorRef]]:
    """Apply ACLED's actor conventions to the roles read from the sentence.

    A protest's actor1 is always "Protesters" and a riot's "Rioters"; the group that
    protested or rioted becomes an associated actor, and state forces named as the agent
    become actor2 (they intervened). Violence against civilians by nobody named is by an
    unidentified armed group, against civilians unless a target is named.
    """
    extra = list(assoc)

    def keep(ref: ActorRef | None) -> None:
        if ref is not None and all(a.name != ref.name for a in extra):
            extra.append(ref)

    if event_type in ("Protests", "Riots"):
        crowd = PROTESTERS if event_type == "Protests" else RIOTERS
        if actor1 is not None and actor1.inter == crowd.inter:
            return actor1, actor2, extra
        if actor1 is not None and actor1.inter in (1, 8):
            return crowd, actor2 if actor2 is not None and actor2.inter in (1, 8) else actor1, extra
        keep(actor1)
        return crowd, actor2, extra
    if event_type == "Violence against civilians":
        return actor1 or UNIDENTIFIED, actor2 or CIVILIANS, extra
    if event_type == "Explosions/Remote violence" and actor1 is None:
        return UNIDENTIFIED, actor2, extra
    return actor1, actor2, extra


def _event(m: _Mention, published: dt.date | None) -> Event:
    ranges = m.date_ranges or m.weak_ranges
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision = "unknown"
    date_text = m.date.text if m.date is not None else None
    if ranges:
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        if start == end:
            date, precision = start, "day"
        else:
            precision = m.date.precision if m.date is not None and m.members == 1 else "range"
            if precision == "day":
                precision = "range"
    elif published is not None:
        end = published
    assoc: list[ActorRef] = []
    for mention in m.frame.assoc:
        ref = _actor_ref(mention)
        if ref is not None and all(a.name != ref.name for a in assoc):
            assoc.append(ref)
    actor1, actor2, assoc = acled_roles(
        m.frame.event_type, _actor_ref(m.frame.actor1), _actor_ref(m.frame.actor2), assoc
    )
    confidence = min(0.95, m.frame.strength + 0.05 * (m.members - 1))
    return Event(
        event_type=m.frame.event_type,
        sub_event_type=m.frame.sub_event_type,
        date=date,
        date_start=start,
        date_end=end,
        date_precision=precision,
        date_text=date_text,
        actor1=actor1,
        actor2=actor2,
        assoc_actors=assoc,
        location=m.location,
        fatalities=m.fatalities,
        claimed_by=m.claimed_by,
        evidence=m.evidence,
        confidence=round(confidence, 2),
    )


def _group_name(text: str, parent: str | None, actors: ActorDictionary) -> str:
    found = actors.find(text)
    if found and not (found[0].actor.generic and parent and parent != "total"):
        return found[0].actor.name
    lowered = text.strip().lower()
    if lowered in ("", "people", "persons", "person", "individuals", "others"):
        return "total"
    if parent and parent != "total":
        return f"{parent} {text.strip()}"
    return text.strip()


def _casualty_claims(
    casualties: Sequence[CasualtyMention],
    sentences: Sequence[Sentence],
    chains: Sequence[tuple[str, ...]],
    toponyms: Sequence[Toponym],
    dates: Sequence[DateMention],
    actors: ActorDictionary,
    published: dt.date | None,
) -> list[CasualtyClaim]:
    claims: list[CasualtyClaim] = []
    groups: dict[int, str] = {}
    periods: dict[int, tuple[dt.date | None, dt.date | None]] = {}
    for mention in casualties:
        sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
        chain = list(chains[sentence.index]) if sentence is not None else []
        parent_group = groups.get(mention.part_of) if mention.part_of is not None else None
        group = _group_name(mention.group_text, parent_group, actors)
        groups[mention.index] = group
        period = (mention.period_start, mention.period_end)
        if mention.part_of is not None and mention.part_of in periods and period == (None, None):
            period = periods[mention.part_of]
        if mention.cumulative and period[0] is None and sentence is not None:
            earlier = [d for d in dates if d.end <= sentence.start and d.date is not None]
            if earlier and sentence.start - earlier[-1].end < 400:
                period = (earlier[-1].date, published)
        periods[mention.index] = period
        before = [t for t in toponyms if t.start < mention.end]
        place = None
        near = [t for t in toponyms if sentence and sentence.start <= t.start < sentence.end]
        chosen = _best_toponym(near) or (before[-1] if before else None)
        if chosen is not None:
            place = PlaceRef(name=chosen.place.name, lat=chosen.place.lat, lon=chosen.place.lon)
        claims.append(
            CasualtyClaim(
                id=f"c{mention.index + 1}",
                killed=mention.killed,
                injured=mention.injured,
                qualifier=mention.qualifier,
                group=group,
                part_of=f"c{mention.part_of + 1}" if mention.part_of is not None else None,
                period_start=period[0],
                period_end=period[1],
                place=place,
                claimed_by=chain,
                evidence=[Span(start=mention.start, end=mention.end)],
            )
        )
    return claims


def _control_claims(
    sentences: Sequence[Sentence],
    actor_mentions: Sequence[ActorMention],
    toponyms: Sequence[Toponym],
    chains: Sequence[tuple[str, ...]],
    published: dt.date | None,
) -> list[ControlClaim]:
    claims: list[ControlClaim] = []
    seen: set[tuple[str, str, frozenset[str]]] = set()
    focus: Toponym | None = None
    for sentence in sentences:
        s_actors = [m for m in actor_mentions if sentence.start <= m.start < sentence.end]
        s_places = [t for t in toponyms if sentence.start <= t.start < sentence.end]
        findings: list[ControlFinding] = find_control(sentence.text, sentence.start, s_actors)
        findings += held_by(sentence.text, sentence.start, s_actors)
        for finding in findings:
            # A place named after the verb ("retook X"), else the sentence's best place;
            # a country is too coarse when the report is focused on a town.
            after = [t for t in s_places if t.start >= finding.start and t.place.kind != "country"]
            chosen = after[0] if after else _best_toponym(s_places)
            if chosen is None or (chosen.place.kind == "country" and focus is not None):
                chosen = focus or chosen
            if chosen is None:
                continue
            key = (chosen.place.place_id, finding.kind, frozenset(finding.controllers))
            if key in seen:
                continue
            seen.add(key)
            claims.append(
                ControlClaim(
                    place=PlaceRef(
                        name=chosen.place.name, lat=chosen.place.lat, lon=chosen.place.lon
                    ),
                    controllers=list(finding.controllers),
                    kind=finding.kind,
                    from_=finding.from_actor,
                    as_of=published,
                    claimed_by=list(chains[sentence.index]),
                    evidence=[Span(start=finding.start, end=finding.end)],
                )
            )
        best = _best_toponym(s_places)
        if best is not None and _KIND_RANK.get(best.place.kind, 1) < 2:
            focus = best
    return claims


def report_id(text: str) -> str:
    """The content id of a report: ``sha256:`` of its UTF-8 text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _extract(
    extractor: Extractor,
    text: str,
    *,
    published: dt.date | str | None,
    source: str | None,
    url: str | None,
) -> ExtractionResult:
    day = _published(published)
    if not text or not text.strip():
        raise EmptyInputError("empty report (no text)")
    if "\x00" in text:
        raise BinaryInputError("binary content (NUL characters), not a text report")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(
            f"{len(text):,} characters is over the {MAX_TEXT_CHARS:,}-character limit"
        )
    cleaned = clean_text(text)
    body = cleaned.text
    sentences = split_sentences(body)
    actor_mentions = extractor.actors.find(body)
    home = source_country(source)
    toponyms = find_toponyms(body, extractor.gazetteer, countries=(home,) if home else ())
    dates = find_dates(body, day)
    casualties = find_casualties(body, day)
    attribution = attribute(body, sentences)
    mentions = _mentions(
        body, sentences, day, actor_mentions, toponyms, dates, casualties, attribution.by_sentence
    )
    events = [_event(m, day) for m in _merge(mentions)]
    return ExtractionResult(
        report=ReportInfo(
            id=report_id(text),
            published=day,
            source=source,
            url=url,
            removed_lines=list(cleaned.removed_lines),
        ),
        events=events,
        casualty_claims=_casualty_claims(
            casualties, sentences, attribution.by_sentence, toponyms, dates, extractor.actors, day
        ),
        control_claims=_control_claims(
            sentences, actor_mentions, toponyms, attribution.by_sentence, day
        ),
        sources_cited=list(attribution.sources_cited),
        extractor_version=EXTRACTOR_VERSION,
    )
