"""Accuracy gate: the extractor scored on real annotated data, against pinned floors.

Floors live in ``tests/eval_floors.json`` with each dataset's SHA-256. The data stay in
``../shared`` (never copied into the repository); without it the gate skips and says why.
A changed dataset fails the gate until its figures are re-measured and re-pinned.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from observatory.evaluation.acled import evaluate_acled
from observatory.evaluation.case import evaluate_case
from observatory.evaluation.news import evaluate_news
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]

FLOORS: dict[str, Any] = json.loads((Path(__file__).parent / "eval_floors.json").read_text("utf-8"))


def _dataset(name: str) -> Path:
    entry = FLOORS[name]
    path = shared_path(*entry["path"].split("/"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == entry["sha256"], (
        f"{path} changed (sha256 {digest[:12]}...): re-measure and re-pin its floors"
    )
    return path


def _check(name: str, figures: dict[str, float]) -> None:
    entry = FLOORS[name]
    for key, floor in entry.get("min", {}).items():
        assert figures[key] >= floor, f"{name}: {key} {figures[key]:.3f} fell below {floor}"
    for key, ceiling in entry.get("max", {}).items():
        assert figures[key] <= ceiling, f"{name}: {key} {figures[key]:.3f} rose above {ceiling}"


def test_acled() -> None:
    report = evaluate_acled(_dataset("acled"))
    assert report.rows > 10_000
    figures = {
        "type_accuracy": report.type_accuracy,
        "sub_type_accuracy": report.sub_type_accuracy,
        "fatalities_exact_no_remark": report.fatalities_exact_no_remark,
        "location_p1_median_km": report.location["1"]["median_km"],
    }
    _check("acled", figures)


def test_acled_holdout() -> None:
    report = evaluate_acled(_dataset("acled_holdout"), split="holdout")
    _check("acled_holdout", {"type_accuracy": report.type_accuracy})


def test_case() -> None:
    report = evaluate_case(_dataset("case"))
    _check(
        "case",
        {"weighted_f1": report.weighted_f1, "non_conflict_silent": report.non_conflict_silent},
    )


def test_case_holdout() -> None:
    report = evaluate_case(_dataset("case_holdout"), split="holdout")
    _check("case_holdout", {"weighted_f1": report.weighted_f1})


def test_seed() -> None:
    gold = _dataset("seed")
    scores = evaluate_news(gold, report=shared_path("examples", "seed", "report.txt"))
    _check(
        "seed",
        {
            "events_f1": scores.events["f1"],
            "casualty_claims_f1": scores.casualty_claims["f1"],
            "sources_f1": scores.sources["f1"],
        },
    )


def test_floors_file_is_complete() -> None:
    for name, entry in FLOORS.items():
        if name.startswith("_"):
            continue
        assert {"path", "sha256"} <= set(entry) and (entry.get("min") or entry.get("max")), name
