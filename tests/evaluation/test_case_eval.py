"""CASE 2021 scoring on hand-made predictions whose scores were computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from observatory.errors import InvalidRecordError
from observatory.evaluation.case import CaseRow, read_case, score_case


def _row(gold: str | None, predicted: str | None, code: str = "X") -> CaseRow:
    return CaseRow(id="r", text="", code=code, gold=gold, predicted=predicted)


def test_scores_computed_by_hand() -> None:
    rows = [
        _row("A", "A"),
        _row("A", "B"),
        _row("B", "B"),
        _row("B", None),
        _row(None, None, "DIPLO"),
        _row(None, "A", "ORG_CRIME"),
    ]
    report = score_case(rows)
    assert report.conflict_rows == 4 and report.non_conflict_rows == 2
    assert report.accuracy == pytest.approx(0.5)
    assert report.no_event_share == pytest.approx(0.25)
    # A: P 1, R 1/2, F1 2/3.  B: P 1/2, R 1/2, F1 1/2.  Both have support 2.
    assert report.per_label["A"]["f1"] == pytest.approx(2 / 3)
    assert report.per_label["B"]["f1"] == pytest.approx(0.5)
    assert report.weighted_f1 == pytest.approx(7 / 12)
    assert report.macro_f1 == pytest.approx(7 / 12)
    # micro: tp 2, fp 1, fn 2 -> P 2/3, R 1/2, F1 4/7.
    assert report.micro_f1 == pytest.approx(4 / 7)
    assert report.non_conflict_silent == pytest.approx(0.5)


def test_predicting_a_label_absent_from_the_gold_costs_micro_precision() -> None:
    report = score_case([_row("A", "A"), _row("A", "C")])
    # tp 1, fp 1 (C), fn 1 -> P 1/2, R 1/2, F1 1/2; per-label A: P 1, R 1/2.
    assert report.micro_f1 == pytest.approx(0.5)
    assert report.per_label["A"]["precision"] == pytest.approx(1.0)
    assert "C" not in report.per_label


def test_weighted_f1_follows_support() -> None:
    rows = [_row("A", "A")] * 3 + [_row("B", None)]
    report = score_case(rows)
    assert report.weighted_f1 == pytest.approx(0.75)  # A: F1 1 x 3/4; B: F1 0 x 1/4
    assert report.macro_f1 == pytest.approx(0.5)


def test_reader_rejects_unknown_codes_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "case.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n1\tRebels shelled a town.\tART_MISS_ATTACK\n"
        "2\tA storm hit the coast.\tWEATHER\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRecordError, match=r"case\.tsv:3: unknown CASE code 'WEATHER'"):
        read_case(path)


def test_reader_rejects_a_file_without_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(InvalidRecordError, match="not a CASE 2021 task 2 file"):
        read_case(path)
