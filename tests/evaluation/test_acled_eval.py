"""ACLED scoring on a tiny CSV written here, with a stub extractor whose answers are fixed,
so every figure below was worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from observatory.errors import InvalidRecordError
from observatory.evaluation.acled import evaluate_acled, has_coding_remark
from observatory.models import ActorRef, Event, ExtractionResult, Location, ReportInfo

COLUMNS = [
    "record_id", "taxonomy", "event_date", "event_type", "sub_event_type", "inter1",
    "admin1", "latitude", "longitude", "geo_precision", "fatalities", "notes",
]  # fmt: skip


def _row(rid: str, etype: str, sub: str, fatalities: int, notes: str, **kw: Any) -> dict[str, Any]:
    row = {
        "record_id": rid, "taxonomy": "acled_2019plus", "event_date": "2021-03-08",
        "event_type": etype, "sub_event_type": sub, "inter1": "1", "admin1": "Northern",
        "latitude": "10.0", "longitude": "20.0", "geo_precision": "1",
        "fatalities": str(fatalities), "notes": notes,
    }  # fmt: skip
    row.update(kw)
    return row


class _Stub:
    """Answers by the first word of the notes."""

    def extract(self, text: str, **_: Any) -> ExtractionResult:
        key = text.split()[0]
        events = []
        if key in ("A", "B"):
            events.append(
                Event(
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    date=dt.date(2021, 3, 8),
                    actor1=ActorRef(name="Army", type="state_forces", inter=1),
                    location=Location(
                        name="X", text="X", lat=10.0, lon=20.0 if key == "A" else 21.0,
                        admin1="Northern",
                    ),
                    fatalities=2,
                )
            )  # fmt: skip
        return ExtractionResult(report=ReportInfo(id=key), events=events)


def _write(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_figures_worked_out_by_hand(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _row("1", "Battles", "Armed clash", 2, "A clash, two dead."),
            # Spelt-out inter code, as some exports have it.
            _row("2", "Battles", "Armed clash", 3, "B clash, three dead.", inter1="State Forces"),
            _row("3", "Protests", "Peaceful protest", 0, "C protest, nobody hurt."),
            _row("4", "Riots", "Mob violence", 1, "D mob; fatalities coded as 1."),
            _row("5", "Battles", "Armed clash", 0, "E legacy row", taxonomy="acled_legacy_pre2019"),
        ],
    )
    report = evaluate_acled(path, extractor=_Stub())  # type: ignore[arg-type]
    assert report.rows == 4  # the legacy row is left out by default
    assert report.type_accuracy == pytest.approx(0.5)  # rows 1 and 2 right
    assert report.no_event_share == pytest.approx(0.5)  # rows 3 and 4
    # Fatalities: row 1 (2 = 2) and row 3 (0 = 0) right -> 2/4; row 4 has a remark.
    assert report.fatalities_exact == pytest.approx(0.5)
    assert report.rows_no_remark == 3 and report.fatalities_exact_no_remark == pytest.approx(2 / 3)
    assert report.fatalities_mae == pytest.approx((0 + 1 + 0 + 1) / 4)
    # Row 2's place is one degree of longitude off at 10 N: about 109.5 km.
    p1 = report.location["1"]
    assert p1["acc_25km"] == pytest.approx(0.25) and p1["no_location"] == pytest.approx(0.5)
    assert report.inter_accuracy == pytest.approx(0.5) and report.admin1_accuracy == pytest.approx(
        0.5
    )
    assert report.date_accuracy == pytest.approx(0.5)


def test_remarks_are_recognised() -> None:
    assert has_coding_remark("Fatalities coded as 0 (source reported 3).")
    assert has_coding_remark("5 fatalities split between 3 events.")
    assert not has_coding_remark("Two people were killed in a clash.")


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("notes,event_date\nsomething,2021-01-01\n", encoding="utf-8")
    with pytest.raises(InvalidRecordError, match="missing columns"):
        evaluate_acled(path, extractor=_Stub())  # type: ignore[arg-type]
