"""Geocoding: place mentions of a text, each resolved to coordinates with its candidates.

Input: a text and a :class:`~observatory.geo.gazetteer.Gazetteer`; optionally the
``(start, end)`` character spans to resolve (gold toponyms) and ISO country codes the
caller already knows.  Without spans the mentions are detected first
(:func:`~observatory.geo.toponyms.rank_toponyms`).
Output: one :class:`GeoResult` per mention, in text order (or in the order of the given
spans).  A span nothing fits comes back with ``lat``/``lon``/``place_id`` set to None and
whatever candidates were found: there is no silent fallback to a country centroid.

:func:`geocode_jsonl` does the same over a JSON Lines file (``id``, ``text``, optional
``toponyms: [{"start", "end"}]``); a broken line becomes an item carrying its error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from observatory.errors import InputError, InvalidRecordError
from observatory.geo.gazetteer import Gazetteer, Place
from observatory.geo.toponyms import Resolution, rank_toponyms, resolve_spans
from observatory.ingest.reader import iter_jsonl_objects

__all__ = [
    "Candidate",
    "GeoBatchItem",
    "GeoResult",
    "format_geo_results",
    "geocode",
    "geocode_jsonl",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a mention could be, with its share of the context score (0..1)."""

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: str
    population: int
    score: float

    def to_json_dict(self) -> dict[str, object]:
        """Every field, as JSON-ready values."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind,
            "population": self.population,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class GeoResult:
    """One mention: its span, the chosen place (None fields when unresolved), candidates."""

    start: int
    end: int
    text: str
    name: str | None
    lat: float | None
    lon: float | None
    place_id: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    kind: str | None
    geo_precision: int | None
    confidence: float
    candidates: tuple[Candidate, ...]

    @property
    def resolved(self) -> bool:
        """True when a place was chosen."""
        return self.place_id is not None

    def to_json_dict(self) -> dict[str, object]:
        """``start, end, name, lat, lon, place_id, admin1, country, geo_precision,
        confidence, candidates``."""
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "place_id": self.place_id,
            "admin1": self.admin1,
            "country": self.country,
            "geo_precision": self.geo_precision,
            "confidence": self.confidence,
            "candidates": [c.to_json_dict() for c in self.candidates],
        }


def _candidate(place: Place, score: float) -> Candidate:
    return Candidate(
        place_id=place.place_id,
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        kind=place.kind,
        population=place.population,
        score=score,
    )


def _result(res: Resolution) -> GeoResult:
    cands = tuple(_candidate(p, s) for p, s in res.ranked)
    place = res.place
    if place is None:
        return GeoResult(
            start=res.start,
            end=res.end,
            text=res.text,
            name=None,
            lat=None,
            lon=None,
            place_id=None,
            admin1=None,
            admin2=None,
            country=None,
            kind=None,
            geo_precision=None,
            confidence=0.0,
            candidates=cands,
        )
    return GeoResult(
        start=res.start,
        end=res.end,
        text=res.text,
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        place_id=place.place_id,
        admin1=place.admin1,
        admin2=place.admin2,
        country=place.country,
        kind=place.kind,
        geo_precision=res.geo_precision,
        confidence=res.confidence,
        candidates=cands,
    )


def geocode(
    text: str,
    gazetteer: Gazetteer,
    *,
    spans: Sequence[tuple[int, int]] | None = None,
    countries: Sequence[str] = (),
) -> list[GeoResult]:
    """Resolve the place mentions of ``text``.

    With ``spans``, exactly those character spans are resolved (in the given order);
    without, mentions are detected.  ``countries`` (ISO alpha-2) favour candidates there.
    Raises :class:`InvalidRecordError` for a span outside the text or with end <= start.
    """
    if spans is None:
        return [_result(r) for r in rank_toponyms(text, gazetteer, countries=countries)]
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise InvalidRecordError(
                f"toponym span ({start}, {end}) is not inside the text (length {len(text)})"
            )
    return [_result(r) for r in resolve_spans(text, spans, gazetteer, countries=countries)]


@dataclass(frozen=True, slots=True)
class GeoBatchItem:
    """The outcome of one JSON Lines record: its places, or the error that line produced."""

    where: str
    id: str | None
    toponyms: tuple[GeoResult, ...] | None
    error: InputError | None

    def to_json_dict(self) -> dict[str, object]:
        """``{"id", "toponyms": [...]}`` or ``{"id", "error": {"code", "message"}}``."""
        if self.toponyms is not None:
            return {"id": self.id, "toponyms": [t.to_json_dict() for t in self.toponyms]}
        assert self.error is not None
        return {"id": self.id, "error": {"code": self.error.code, "message": self.error.message}}


def _parse_object(obj: dict[str, Any], where: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The text and the given spans (None: detect them) of one record."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidRecordError(f"{where}: 'text' must be a non-empty string")
    raw = obj.get("toponyms")
    if raw is None:
        return text, None
    if not isinstance(raw, list):
        raise InvalidRecordError(f"{where}: 'toponyms' must be a list of {{start, end}}")
    spans: list[tuple[int, int]] = []
    for item in raw:
        start = item.get("start") if isinstance(item, dict) else None
        end = item.get("end") if isinstance(item, dict) else None
        if not isinstance(start, int) or not isinstance(end, int):
            raise InvalidRecordError(f"{where}: each toponym needs integer 'start' and 'end'")
        spans.append((start, end))
    return text, spans


def geocode_jsonl(
    path: Path, gazetteer: Gazetteer, *, countries: Sequence[str] = ()
) -> Iterator[GeoBatchItem]:
    """Geocode every record of a JSON Lines file, one item per non-blank line, in order.

    Problems with the file itself (missing, empty, too large) raise at once; a broken
    line (bad JSON, no text, bad spans, not UTF-8) yields an item with its error.
    """
    for where, obj in iter_jsonl_objects(Path(path)):
        if isinstance(obj, InputError):
            yield GeoBatchItem(where, None, None, obj)
            continue
        rid = obj.get("id")
        ident = None if rid is None else str(rid)
        try:
            text, spans = _parse_object(obj, where)
            results = geocode(text, gazetteer, spans=spans, countries=countries)
        except InputError as exc:
            msg = exc.message if exc.message.startswith(where) else f"{where}: {exc.message}"
            yield GeoBatchItem(where, ident, None, type(exc)(msg))
            continue
        yield GeoBatchItem(where, ident, tuple(results), None)


def format_geo_results(results: Sequence[GeoResult], *, candidates: int = 3) -> str:
    """A readable list: one line per place, then its best other candidates indented."""
    if not results:
        return "no places found"
    lines: list[str] = []
    for r in results:
        if r.place_id is None:
            lines.append(f"{r.start}-{r.end} {r.text!r}: unresolved")
        else:
            where = ", ".join(x for x in (r.admin1, r.country) if x and x != r.name)
            lines.append(
                f"{r.start}-{r.end} {r.text!r}: {r.name} ({where}) {r.lat:.4f},{r.lon:.4f} "
                f"{r.kind} [{r.place_id}] precision {r.geo_precision} "
                f"confidence {r.confidence:.2f}"
            )
        shown = [c for c in r.candidates if c.place_id != r.place_id][:candidates]
        for c in shown:
            lines.append(
                f"    or {c.name} ({', '.join(x for x in (c.admin1, c.country) if x)}) "
                f"{c.lat:.4f},{c.lon:.4f} {c.kind} pop {c.population:,} score {c.score:.3f}"
            )
    return "\n".join(lines)
