"""Score extraction results against gold readings of news reports (``NEWS-GOLD.md``).

Input: gold objects (one ``gold.json`` or a JSON Lines corpus) and the extractor's
:class:`~observatory.models.ExtractionResult` for each report. Output: :class:`NewsScores`:
event precision, recall and F1 after a one-to-one optimal assignment, field scores on the
matched events (sub-event type, actors, place error, date, fatalities), and precision/recall
of casualty claims, places and cited sources.

Matching follows the format's suggestion: event types agree; places agree (same name after
normalising transliteration, or within 25 km when both have coordinates); dates compatible
(equal within a day, inside the gold range, or gold date null); at least one actor agrees.
A gold event marked ``optional`` is never missed and, when matched, does not count at all;
one with ``may_merge_with`` is not missed when the event it may merge with was matched.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from observatory.errors import InputError, InputNotFoundError, InvalidRecordError
from observatory.evaluation.acled import haversine_km
from observatory.evaluation.assignment import best_assignment
from observatory.evaluation.scores import prf
from observatory.evaluation.splits import sample
from observatory.extract.pipeline import Extractor, default_extractor
from observatory.geo.normalize import normalize_name
from observatory.ingest.reader import iter_jsonl_lines, read_report_file
from observatory.models import Event, ExtractionResult

__all__ = [
    "NewsScores",
    "evaluate_news",
    "format_news_scores",
    "load_gold",
    "score_report",
    "score_reports",
]

PLACE_KM = 25.0


@dataclass(frozen=True, slots=True)
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: _Counts) -> _Counts:
        return _Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def prf(self) -> dict[str, float]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class _Matched:
    sub_type_ok: bool
    actors_exact: bool
    km: float | None
    date_exact: bool
    date_within_day: bool
    date_in_range: bool
    fatalities_ok: bool


@dataclass(slots=True)
class NewsScores:
    reports: int = 0
    events: dict[str, float] = field(default_factory=dict)
    matched: int = 0
    sub_event_type_accuracy: float = 0.0
    actors_exact: float = 0.0
    place_median_km: float | None = None
    place_acc_25km: float = 0.0
    place_acc_161km: float = 0.0
    date_exact: float = 0.0
    date_within_day: float = 0.0
    date_in_range: float = 0.0
    fatalities_exact: float = 0.0
    casualty_claims: dict[str, float] = field(default_factory=dict)
    casualty_nesting: float = 0.0
    places: dict[str, float] = field(default_factory=dict)
    sources: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, object]:
        return asdict(self)


# ------------------------------------------------------------------ loading
def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold objects from one ``gold.json`` or from a JSON Lines file (one a line)."""
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such file")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 ({exc.reason})") from exc
    try:
        if path.suffix == ".jsonl":
            golds = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            golds = [json.loads(text)]
    except json.JSONDecodeError as exc:
        raise InvalidRecordError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    for number, gold in enumerate(golds, start=1):
        if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
            raise InvalidRecordError(f"{path}: gold {number} has no 'events' list")
    return golds


# ------------------------------------------------------------------ matching
def _norm(name: str | None) -> str:
    return normalize_name(name or "")


def _place_ok(event: Event, gold: dict[str, Any]) -> tuple[bool, float | None]:
    loc = event.location
    if loc is None:
        return False, None
    km = None
    if gold.get("lat") is not None and gold.get("lon") is not None:
        km = haversine_km(float(gold["lat"]), float(gold["lon"]), loc.lat, loc.lon)
        if km <= PLACE_KM:
            return True, km
    written = _norm(str(gold.get("location") or "").split("(")[0])
    names = {_norm(loc.name), _norm(loc.text)}
    return bool(written) and written in names, km


def _date_flags(event: Event, gold: dict[str, Any]) -> tuple[bool, bool, bool, bool]:
    """(compatible, exact, within a day, inside the gold range)."""
    day = dt.date.fromisoformat(gold["date"]) if gold.get("date") else None
    span = gold.get("date_range")
    lo = dt.date.fromisoformat(span[0]) if span else None
    hi = dt.date.fromisoformat(span[1]) if span else None
    pred_lo = event.date or event.date_start
    pred_hi = event.date or event.date_end
    if day is not None:
        exact = event.date == day
        near = pred_lo is not None and abs((pred_lo - day).days) <= 1
        inside = pred_lo is not None and pred_hi is not None and pred_lo <= day <= pred_hi
        return exact or near or inside, exact, exact or near, inside
    if lo is not None and hi is not None:
        exact = event.date is None and (event.date_start, event.date_end) == (lo, hi)
        inside = pred_lo is not None and pred_hi is not None and lo <= pred_lo and pred_hi <= hi
        return inside or pred_lo is None, exact, exact, inside
    return True, event.date is None, event.date is None, True


def _actor_names(event: Event) -> set[str]:
    return {a.name for a in (event.actor1, event.actor2) if a is not None}


def _pair_cost(event: Event, gold: dict[str, Any]) -> float | None:
    if event.event_type != gold.get("event_type"):
        return None
    place_ok, km = _place_ok(event, gold)
    date_ok = _date_flags(event, gold)[0]
    gold_actors = set(gold.get("actors") or [])
    if not place_ok or not date_ok or not (_actor_names(event) & gold_actors):
        return None
    quality = 0.0
    quality += 0.4 if event.sub_event_type == gold.get("sub_event_type") else 0.0
    quality += 0.3 * len(_actor_names(event) & gold_actors) / max(1, len(gold_actors))
    quality += 0.3 * (1.0 - min(km, PLACE_KM) / PLACE_KM) if km is not None else 0.15
    return 0.5 - 0.4 * quality


def _describe(event: Event) -> str:
    place = event.location.name if event.location is not None else "no place"
    day = event.date or (event.date_start, event.date_end)
    return f"{event.sub_event_type} at {place} ({day}); actors {sorted(_actor_names(event))}"


def _match_events(
    result: ExtractionResult, gold: dict[str, Any], misses: list[str] | None = None
) -> tuple[_Counts, list[_Matched]]:
    events = list(result.events)
    golds: list[dict[str, Any]] = list(gold["events"])
    costs = [[_pair_cost(e, g) for g in golds] for e in events]
    pairs = best_assignment(costs) if events and golds else []
    matched_gold = {j for _, j in pairs}
    keys_matched = {golds[j].get("key") for j in matched_gold}
    tp = sum(1 for _, j in pairs if not golds[j].get("optional"))
    fp = len(events) - len(pairs)
    fn = 0
    for j, g in enumerate(golds):
        if j in matched_gold or g.get("optional"):
            continue
        if g.get("may_merge_with") and g["may_merge_with"] in keys_matched:
            continue
        fn += 1
        if misses is not None:
            misses.append(
                f"{gold.get('id')}: missed gold {g.get('key')} {g.get('sub_event_type')} at"
                f" {g.get('location')} ({g.get('date') or g.get('date_range')})"
            )
    if misses is not None:
        spare = sorted(set(range(len(events))) - {i for i, _ in pairs})
        misses += [f"{gold.get('id')}: spare {_describe(events[i])}" for i in spare]
    details: list[_Matched] = []
    for i, j in pairs:
        e, g = events[i], golds[j]
        if g.get("optional"):
            continue
        _, km = _place_ok(e, g)
        _, exact, near, inside = _date_flags(e, g)
        details.append(
            _Matched(
                sub_type_ok=e.sub_event_type == g.get("sub_event_type"),
                actors_exact=_actor_names(e) == set(g.get("actors") or []),
                km=km,
                date_exact=exact,
                date_within_day=near,
                date_in_range=inside,
                fatalities_ok=e.fatalities == g.get("fatalities"),
            )
        )
    return _Counts(tp, fp, fn), details


def _qualifier(value: str | None) -> str:
    return (value or "exact").replace("_", " ")


def _claims(result: ExtractionResult, gold: dict[str, Any]) -> tuple[_Counts, int, int]:
    """Casualty claims match on number, qualifier and group; nesting scored on matches."""
    gold_claims: list[dict[str, Any]] = list(gold.get("casualty_claims") or [])
    predicted = list(result.casualty_claims)
    costs: list[list[float | None]] = [
        [
            0.0
            if c.killed == g.get("killed")
            and _qualifier(c.qualifier) == _qualifier(g.get("qualifier"))
            and _norm(c.group) == _norm(g.get("group"))
            else None
            for g in gold_claims
        ]
        for c in predicted
    ]
    pairs = best_assignment(costs) if predicted and gold_claims else []
    to_gold = {predicted[i].id: gold_claims[j].get("key") for i, j in pairs}
    nest_ok = 0
    for i, j in pairs:
        parent = predicted[i].part_of
        want = gold_claims[j].get("includes_of")
        nest_ok += (to_gold.get(parent) if parent else None) == want
    counts = _Counts(len(pairs), len(predicted) - len(pairs), len(gold_claims) - len(pairs))
    return counts, nest_ok, len(pairs)


def _set_counts(predicted: Iterable[str], gold: Iterable[str]) -> _Counts:
    p = {_norm(x) for x in predicted if x}
    g = {_norm(x) for x in gold if x}
    return _Counts(len(p & g), len(p - g), len(g - p))


def _result_places(result: ExtractionResult) -> dict[str, set[str]]:
    """Each distinct place the result names (events, claims), with the forms it was written in."""
    forms: dict[str, set[str]] = {}
    for event in result.events:
        if event.location is not None:
            key = _norm(event.location.name)
            forms.setdefault(key, {key}).add(_norm(event.location.text))
    claim_places = [c.place for c in result.casualty_claims] + [
        c.place for c in result.control_claims
    ]
    for place in claim_places:
        if place is not None:
            key = _norm(place.name)
            forms.setdefault(key, {key})
    return forms


def _places(result: ExtractionResult, gold: dict[str, Any]) -> _Counts:
    predicted = _result_places(result)
    wanted = {_norm(p.get("name")) for p in gold.get("places") or [] if p.get("name")}
    found = {w for w in wanted if any(w in names for names in predicted.values())}
    spare = [k for k, names in predicted.items() if not names & wanted]
    return _Counts(len(found), len(spare), len(wanted) - len(found))


# ------------------------------------------------------------------ scoring
def score_reports(
    pairs: Sequence[tuple[ExtractionResult, dict[str, Any]]], *, keep_misses: int = 0
) -> NewsScores:
    """Scores over several reports (counts summed, then rates computed)."""
    scores = NewsScores(reports=len(pairs))
    events = claims = places = sources = _Counts()
    matched: list[_Matched] = []
    nest_ok = nest_n = 0
    for result, gold in pairs:
        counts, details = _match_events(result, gold, scores.misses if keep_misses else None)
        events, matched = events + counts, matched + details
        c_counts, ok, n = _claims(result, gold)
        claims, nest_ok, nest_n = claims + c_counts, nest_ok + ok, nest_n + n
        places = places + _places(result, gold)
        sources = sources + _set_counts(result.sources_cited, gold.get("sources_cited") or [])
    scores.misses = scores.misses[:keep_misses]
    scores.events = events.prf()
    scores.casualty_claims = claims.prf()
    scores.casualty_nesting = nest_ok / nest_n if nest_n else 0.0
    scores.places = places.prf()
    scores.sources = sources.prf()
    scores.matched = len(matched)
    if matched:
        n = len(matched)
        scores.sub_event_type_accuracy = sum(m.sub_type_ok for m in matched) / n
        scores.actors_exact = sum(m.actors_exact for m in matched) / n
        scores.date_exact = sum(m.date_exact for m in matched) / n
        scores.date_within_day = sum(m.date_within_day for m in matched) / n
        scores.date_in_range = sum(m.date_in_range for m in matched) / n
        scores.fatalities_exact = sum(m.fatalities_ok for m in matched) / n
        kms = [m.km for m in matched if m.km is not None]
        if kms:
            scores.place_median_km = statistics.median(kms)
            scores.place_acc_25km = sum(k <= 25 for k in kms) / len(kms)
            scores.place_acc_161km = sum(k <= 161 for k in kms) / len(kms)
    return scores


def score_report(result: ExtractionResult, gold: dict[str, Any]) -> NewsScores:
    """Scores for one report."""
    return score_reports([(result, gold)])


def _report_meta(report: Path) -> dict[str, Any]:
    meta_path = report.with_name(report.stem + ".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidRecordError(f"{meta_path}: not valid JSON metadata ({exc})") from exc
    return meta if isinstance(meta, dict) else {}


def evaluate_news(
    gold_path: Path,
    *,
    report: Path | None = None,
    articles: Path | None = None,
    extractor: Extractor | None = None,
    limit: int | None = None,
    sample_size: int | None = None,
    keep_misses: int = 0,
) -> NewsScores:
    """Extract one report (``report.txt`` + optional ``report.meta.json``) or every article
    of a JSON Lines file, and score the results against the gold."""
    engine = extractor or default_extractor()
    golds = load_gold(gold_path)
    pairs: list[tuple[ExtractionResult, dict[str, Any]]] = []
    if report is not None:
        meta = _report_meta(report)
        text = read_report_file(report)
        gold = golds[0]
        published = gold.get("published") or meta.get("published")
        source = meta.get("outlet")
        pairs.append((engine.extract(text, published=published, source=source), gold))
    elif articles is not None:
        by_id = {str(g.get("id")): g for g in golds}
        lines = list(iter_jsonl_lines(articles))
        if sample_size is not None:
            lines = sample(lines, [w for w, _ in lines], sample_size)
        if limit is not None:
            lines = lines[:limit]
        for where, item in lines:
            if isinstance(item, InputError):
                raise item
            wanted = by_id.get(item.id)
            if wanted is None:
                raise InvalidRecordError(f"{where}: article {item.id!r} has no gold reading")
            published = item.published or wanted.get("published")
            result = engine.extract(item.text, published=published, source=item.source)
            pairs.append((result, wanted))
    return score_reports(pairs, keep_misses=keep_misses)


def format_news_scores(scores: NewsScores) -> str:
    """A readable summary of :class:`NewsScores`."""

    def counts(v: dict[str, float]) -> str:
        return (
            f"P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
            f"  (tp {int(v['tp'])}, fp {int(v['fp'])}, fn {int(v['fn'])})"
        )

    km = "n/a" if scores.place_median_km is None else f"{scores.place_median_km:.1f} km"
    if scores.place_median_km is not None and math.isnan(scores.place_median_km):
        km = "n/a"
    return "\n".join(
        [
            f"reports:                 {scores.reports}",
            f"events:                  {counts(scores.events)}",
            f"on {scores.matched} matched events:",
            f"  sub-event type         {scores.sub_event_type_accuracy:.3f}",
            f"  actors (exact set)     {scores.actors_exact:.3f}",
            f"  place                  median {km}, Acc@25km {scores.place_acc_25km:.3f},"
            f" Acc@161km {scores.place_acc_161km:.3f}",
            f"  date                   exact {scores.date_exact:.3f}, within a day"
            f" {scores.date_within_day:.3f}, inside range {scores.date_in_range:.3f}",
            f"  fatalities exact       {scores.fatalities_exact:.3f}",
            f"casualty claims:         {counts(scores.casualty_claims)}",
            f"  nesting right          {scores.casualty_nesting:.3f}",
            f"places:                  {counts(scores.places)}",
            f"sources cited:           {counts(scores.sources)}",
            *(f"  {m}" for m in scores.misses),
        ]
    )
