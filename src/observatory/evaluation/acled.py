"""Score the extractor on ACLED rows: the coder's ``notes`` are the report text.

Each row is one ACLED event; ``event_date`` is given as the published date. The
row's prediction is the first event the extractor returns (ACLED notes describe
one event). Scores: event type and sub-event type accuracy and macro-F1,
fatalities exact match (all rows, and rows whose notes carry no coding remark
such as "fatalities coded as 0"), location error in km by ``geo_precision``.

ACLED data are evaluation data under ACLED's terms: nothing from them is
written anywhere by this module.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from observatory.errors import InputError, InputNotFoundError, InvalidRecordError
from observatory.evaluation.scores import prf
from observatory.evaluation.splits import in_split, sample
from observatory.extract.pipeline import Extractor, default_extractor
from observatory.geo.normalize import normalize_name

#: ACLED's pre-2019 event types mapped to the six current ones. "Riots/Protests"
#: maps to both Protests and Riots: either prediction counts as right.
LEGACY_TYPES: dict[str, tuple[str, ...]] = {
    "Battle-No change of territory": ("Battles",),
    "Battle-Government regains territory": ("Battles",),
    "Battle-Non-state actor overtakes territory": ("Battles",),
    "Remote violence": ("Explosions/Remote violence",),
    "Riots/Protests": ("Protests", "Riots"),
    "Violence against civilians": ("Violence against civilians",),
    "Strategic development": ("Strategic developments",),
    "Headquarters or base established": ("Strategic developments",),
    "Non-violent transfer of territory": ("Strategic developments",),
}

#: Some exports spell the inter code out ("Protesters" for 6).
INTER_NAMES: dict[str, str] = {
    "state forces": "1",
    "rebel groups": "2",
    "political militias": "3",
    "identity militias": "4",
    "rioters": "5",
    "protesters": "6",
    "civilians": "7",
    "external/other forces": "8",
}

_REMARK = re.compile(
    r"\bcoded\b|\bsplit\s+(?:between|across|into)\b|\bfatalit(?:y|ies)\s+(?:were\s+|was\s+)?(?:divided|distributed)",
    re.IGNORECASE,
)
_REQUIRED = (
    "notes",
    "event_date",
    "event_type",
    "fatalities",
    "latitude",
    "longitude",
    "geo_precision",
)
#: Distance used for a row with no predicted location (half the Earth's circumference).
NO_LOCATION_KM = 20015.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def has_coding_remark(notes: str) -> bool:
    """True when the notes carry a coder's remark about the coding itself."""
    return _REMARK.search(notes) is not None


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    notes: str
    gold_type: str
    gold_sub_type: str
    pred_type: str | None
    pred_sub_type: str | None
    gold_fatalities: int
    pred_fatalities: int
    remark: bool
    geo_precision: int
    km: float
    type_ok: bool
    inter_ok: bool = False
    admin1_ok: bool = False
    date_ok: bool = False


@dataclass(slots=True)
class AcledReport:
    rows: int = 0
    type_accuracy: float = 0.0
    type_macro_f1: float = 0.0
    sub_type_accuracy: float = 0.0
    no_event_share: float = 0.0
    fatalities_exact: float = 0.0
    fatalities_exact_no_remark: float = 0.0
    fatalities_mae: float = 0.0
    rows_no_remark: int = 0
    inter_accuracy: float = 0.0
    admin1_accuracy: float = 0.0
    date_accuracy: float = 0.0
    split: str = "all"
    location: dict[str, dict[str, float]] = field(default_factory=dict)
    per_type: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowResult] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["errors"] = [asdict(e) for e in self.errors]
        return data


def _rows(path: Path, current_only: bool) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such file")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidRecordError(f"{path}: not an ACLED export (missing columns {missing})")
            for number, row in enumerate(reader, start=2):
                if current_only and row.get("taxonomy", "acled_2019plus") != "acled_2019plus":
                    continue
                yield number, row
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 ({exc.reason})") from exc


def _record_id(number: int, row: dict[str, str]) -> str:
    return row.get("record_id") or row.get("event_id_cnty") or f"row{number}"


def _gold_types(row: dict[str, str]) -> tuple[str, ...]:
    event_type = row["event_type"]
    return LEGACY_TYPES.get(event_type, (event_type,))


def _score_row(extractor: Extractor, number: int, row: dict[str, str]) -> RowResult:
    notes = row["notes"]
    try:
        result = extractor.extract(notes, published=row["event_date"] or None)
    except InputError:
        result = None
    event = result.events[0] if result is not None and result.events else None
    gold_types = _gold_types(row)
    pred_type = event.event_type if event else None
    km = NO_LOCATION_KM
    if event is not None and event.location is not None:
        km = haversine_km(
            float(row["latitude"]), float(row["longitude"]), event.location.lat, event.location.lon
        )
    try:
        gold_fatalities = int(row["fatalities"] or 0)
        precision = int(row["geo_precision"] or 0)
    except ValueError as exc:
        raise InvalidRecordError(f"row {number}: bad number ({exc})") from exc
    gold_inter1 = (row.get("inter1") or "").strip()
    gold_inter1 = INTER_NAMES.get(gold_inter1.lower(), gold_inter1)
    pred_inter1 = str(event.actor1.inter) if event is not None and event.actor1 else ""
    gold_admin1 = normalize_name(row.get("admin1") or "")
    pred_admin1 = (
        normalize_name(event.location.admin1 or "")
        if event is not None and event.location is not None
        else ""
    )
    day = row["event_date"]
    date_ok = event is not None and (
        (event.date is not None and event.date.isoformat() == day)
        or (
            event.date is None
            and event.date_start is not None
            and event.date_end is not None
            and event.date_start.isoformat() <= day <= event.date_end.isoformat()
        )
    )
    return RowResult(
        row=number,
        notes=notes,
        gold_type=gold_types[0],
        gold_sub_type=row.get("sub_event_type", ""),
        pred_type=pred_type,
        pred_sub_type=event.sub_event_type if event else None,
        gold_fatalities=gold_fatalities,
        pred_fatalities=(event.fatalities or 0) if event else 0,
        remark=has_coding_remark(notes),
        geo_precision=precision,
        km=km,
        type_ok=pred_type in gold_types,
        inter_ok=bool(gold_inter1) and gold_inter1 == pred_inter1,
        admin1_ok=bool(gold_admin1) and gold_admin1 == pred_admin1,
        date_ok=date_ok,
    )


def _macro_f1(results: list[RowResult]) -> tuple[float, dict[str, dict[str, float]]]:
    labels = sorted({r.gold_type for r in results})
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for r in results if r.gold_type == label and r.type_ok)
        fp = sum(1 for r in results if r.pred_type == label and not r.type_ok)
        fn = sum(1 for r in results if r.gold_type == label and not r.type_ok)
        precision, recall, f1 = prf(tp, fp, fn)
        per[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return macro, per


def evaluate_acled(
    path: Path,
    *,
    limit: int | None = None,
    current_only: bool = True,
    keep_errors: int = 0,
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
    split: str = "all",
    sample_size: int | None = None,
) -> AcledReport:
    """Run the extractor over every row of an ACLED CSV export and score it.

    ``split`` keeps the ``tune`` or ``holdout`` half (by a hash of ``record_id``, else
    ``event_id_cnty``); ``sample_size`` keeps that many rows chosen by hash, ``limit``
    the first rows.
    """
    extractor = extractor or default_extractor()
    rows = [(n, r) for n, r in _rows(path, current_only) if in_split(_record_id(n, r), split)]
    if sample_size is not None:
        rows = sample(rows, [_record_id(n, r) for n, r in rows], sample_size)
    if limit is not None:
        rows = rows[:limit]
    results: list[RowResult] = []
    for done, (number, row) in enumerate(rows, start=1):
        results.append(_score_row(extractor, number, row))
        if progress is not None and (done % 200 == 0 or done == len(rows)):
            progress(done, len(rows))
    report = AcledReport(rows=len(results), split=split)
    if not results:
        return report
    n = len(results)
    report.type_accuracy = sum(r.type_ok for r in results) / n
    report.type_macro_f1, report.per_type = _macro_f1(results)
    report.sub_type_accuracy = sum(r.pred_sub_type == r.gold_sub_type for r in results) / n
    report.no_event_share = sum(r.pred_type is None for r in results) / n
    report.fatalities_exact = sum(r.pred_fatalities == r.gold_fatalities for r in results) / n
    clean = [r for r in results if not r.remark]
    report.rows_no_remark = len(clean)
    if clean:
        report.fatalities_exact_no_remark = sum(
            r.pred_fatalities == r.gold_fatalities for r in clean
        ) / len(clean)
    report.fatalities_mae = sum(abs(r.pred_fatalities - r.gold_fatalities) for r in results) / n
    report.inter_accuracy = sum(r.inter_ok for r in results) / n
    report.admin1_accuracy = sum(r.admin1_ok for r in results) / n
    report.date_accuracy = sum(r.date_ok for r in results) / n
    for precision in sorted({r.geo_precision for r in results}):
        kms = [r.km for r in results if r.geo_precision == precision]
        report.location[str(precision)] = {
            "rows": len(kms),
            "median_km": statistics.median(kms),
            "acc_25km": sum(k <= 25 for k in kms) / len(kms),
            "acc_161km": sum(k <= 161 for k in kms) / len(kms),
            "no_location": sum(k >= NO_LOCATION_KM for k in kms) / len(kms),
        }
    confusion: dict[str, Counter[str]] = {}
    for r in results:
        confusion.setdefault(r.gold_type, Counter())[r.pred_type or "(none)"] += 1
    report.confusion = {k: dict(v) for k, v in confusion.items()}
    if keep_errors:
        misses = [r for r in results if not r.type_ok] + sorted(
            (r for r in results if r.type_ok and r.pred_fatalities != r.gold_fatalities),
            key=lambda r: -abs(r.pred_fatalities - r.gold_fatalities),
        )
        report.errors = misses[:keep_errors]
    return report


def format_acled_report(report: AcledReport) -> str:
    """A readable summary of an :class:`AcledReport`."""
    lines = [
        f"ACLED rows scored:                  {report.rows} (split: {report.split})",
        f"event type accuracy:                {report.type_accuracy:.3f}",
        f"event type macro-F1:                {report.type_macro_f1:.3f}",
        f"sub-event type accuracy:            {report.sub_type_accuracy:.3f}",
        f"rows with no event extracted:       {report.no_event_share:.3f}",
        f"fatalities exact (all rows):        {report.fatalities_exact:.3f}",
        f"fatalities exact (no remark, n={report.rows_no_remark}): "
        f"{report.fatalities_exact_no_remark:.3f}",
        f"fatalities MAE:                     {report.fatalities_mae:.2f}",
        f"actor1 inter code:                  {report.inter_accuracy:.3f}",
        f"admin1:                             {report.admin1_accuracy:.3f}",
        f"date (exact day, or inside range):  {report.date_accuracy:.3f}",
        "location by geo_precision:",
    ]
    for precision, figures in report.location.items():
        lines.append(
            f"  precision {precision}: n={int(figures['rows'])} median "
            f"{figures['median_km']:.1f} km,"
            f" Acc@25km {figures['acc_25km']:.3f}, Acc@161km {figures['acc_161km']:.3f},"
            f" no location {figures['no_location']:.3f}"
        )
    lines.append("per event type (precision / recall / F1 / support):")
    for label, figures in report.per_type.items():
        lines.append(
            f"  {label:28} {figures['precision']:.3f} / {figures['recall']:.3f} /"
            f" {figures['f1']:.3f} / {int(figures['support'])}"
        )
    lines.append("confusion (gold -> predicted counts):")
    for gold, predicted in report.confusion.items():
        top = ", ".join(f"{k}: {v}" for k, v in sorted(predicted.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {gold}: {top}")
    if report.errors:
        lines.append("worst misses:")
        for miss in report.errors:
            lines.append(
                f"  row {miss.row}: gold {miss.gold_type}/{miss.gold_sub_type} "
                f"{miss.gold_fatalities} dead;"
                f" predicted {miss.pred_type}/{miss.pred_sub_type} {miss.pred_fatalities} dead"
            )
            lines.append(f"    {miss.notes[:300]}")
    return "\n".join(lines)
