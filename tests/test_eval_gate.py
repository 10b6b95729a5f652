"""Accuracy gate: the extractor scored on real annotated data, with pinned floors.

The data live in ``../shared/eval`` (never copied into the repository); without it
the gate skips and says why. Floors sit a little under the figures measured when
they were pinned (see docs/extraction.md), so an honest change that costs accuracy
fails here and has to say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observatory.evaluation.acled import AcledReport, evaluate_acled
from observatory.evaluation.case import evaluate_case
from tests.conftest import shared_path

#: Pinned floors for the ACLED notes (acled_2019plus rows of acled_notes_dev.csv),
#: measured 2026-11-25: type 0.856, sub-type 0.803, fatalities (no remark) 0.923.
#: Issue 2 asks for type >= 0.85 and fatalities >= 0.85.
ACLED_FLOORS = {
    "type_accuracy": 0.85,
    "sub_type_accuracy": 0.79,
    "fatalities_exact_no_remark": 0.91,
}
#: Median location error, in km, allowed at ACLED geo_precision 1 (a named town);
#: measured 7.6 km, issue 2 asks for under 25 km.
ACLED_MAX_MEDIAN_KM_P1 = 10.0

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def acled_report() -> AcledReport:
    path: Path = shared_path("eval", "acled-notes", "acled_notes_dev.csv")
    return evaluate_acled(path)


@pytest.mark.parametrize("figure", sorted(ACLED_FLOORS))
def test_acled_floor(acled_report: AcledReport, figure: str) -> None:
    value = getattr(acled_report, figure)
    assert value >= ACLED_FLOORS[figure], f"{figure} {value:.3f} fell below {ACLED_FLOORS[figure]}"


def test_acled_location_median_at_precision_1(acled_report: AcledReport) -> None:
    figures = acled_report.location["1"]
    assert figures["median_km"] < ACLED_MAX_MEDIAN_KM_P1, figures


def test_acled_gate_scores_every_current_row(acled_report: AcledReport) -> None:
    assert acled_report.rows > 10_000


#: CASE 2021 task 2 (held out: never used for tuning). Measured 2026-11-25: weighted F1
#: 0.618, non-conflict snippets left silent 0.632. Best published weighted F1: 0.839.
CASE_FLOORS = {"weighted_f1": 0.60, "non_conflict_silent": 0.60}


def test_case_floors() -> None:
    path = shared_path("eval", "case2021-task2", "case2021_task2_dev.tsv")
    report = evaluate_case(path)
    for figure, floor in CASE_FLOORS.items():
        value = getattr(report, figure)
        assert value >= floor, f"CASE {figure} {value:.3f} fell below {floor}"


#: The founding report through `observatory eval news` (measured: events F1 1.0, claims F1 1.0).
SEED_FLOORS = {"events": 0.99, "casualty_claims": 0.99, "sources": 0.99}


def test_seed_news_floors() -> None:
    from observatory.evaluation.news import evaluate_news

    report = shared_path("examples", "seed", "report.txt")
    scores = evaluate_news(shared_path("examples", "seed", "gold.json"), report=report)
    for part, floor in SEED_FLOORS.items():
        f1 = getattr(scores, part)["f1"]
        assert f1 >= floor, f"seed {part} F1 {f1:.3f} fell below {floor}"
