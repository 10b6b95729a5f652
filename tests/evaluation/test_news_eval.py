"""News-gold scoring on hand-made results whose scores were worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from observatory.errors import InvalidRecordError
from observatory.evaluation.news import load_gold, score_report
from observatory.models import (
    ActorRef,
    CasualtyClaim,
    Event,
    ExtractionResult,
    Location,
    ReportInfo,
)

GOV = ActorRef(name="Government forces", type="state_forces", inter=1)
REBELS = ActorRef(name="Rebels", type="rebel", inter=2)


def _event(sub: str, etype: str, place: str, lat: float, lon: float, **kw: Any) -> Event:
    return Event(
        event_type=etype,
        sub_event_type=sub,
        actor1=GOV,
        actor2=REBELS,
        location=Location(name=place, text=place, lat=lat, lon=lon),
        **kw,
    )


GOLD: dict[str, Any] = {
    "id": "g1",
    "published": "2020-03-09",
    "events": [
        {"key": "E1", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2020-03-08", "actors": ["Government forces", "Rebels"],
         "location": "Northtown", "lat": 10.0, "lon": 20.0, "fatalities": 3},
        {"key": "E2", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Air/drone strike", "date": "2020-03-07",
         "actors": ["Government forces", "Rebels"], "location": "Southville",
         "lat": 11.0, "lon": 20.0, "fatalities": None},
        {"key": "E3", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2020-03-08", "actors": ["Government forces", "Rebels"],
         "location": "Northtown", "lat": 10.0, "lon": 20.0, "may_merge_with": "E1"},
        {"key": "E4", "event_type": "Protests", "sub_event_type": "Peaceful protest",
         "date": None, "actors": ["Protesters"], "location": "Eastham", "optional": True},
    ],
    "casualty_claims": [
        {"key": "C1", "killed": 10, "qualifier": "at least", "group": "total", "includes_of": None},
        {"key": "C2", "killed": 4, "qualifier": "exact", "group": "Rebels", "includes_of": "C1"},
    ],
    "places": [{"name": "Northtown"}, {"name": "Southville"}, {"name": "Westbury"}],
    "sources_cited": ["SOHR", "AFP"],
}  # fmt: skip


def test_scores_worked_out_by_hand() -> None:
    result = ExtractionResult(
        report=ReportInfo(id="r"),
        events=[
            # Matches E1 (type, place within 25 km, date, actors), right fatalities.
            _event("Armed clash", "Battles", "Northtown", 10.05, 20.0,
                   date=dt.date(2020, 3, 8), fatalities=3),
            # Matches E2's type and place, but the date is two days off: no match (FP), E2 missed.
            _event("Air/drone strike", "Explosions/Remote violence", "Southville", 11.0, 20.0,
                   date=dt.date(2020, 3, 4)),
            # Riots in a place the gold never mentions: FP.
            _event("Mob violence", "Riots", "Farpoint", 30.0, 30.0),
        ],
        casualty_claims=[
            CasualtyClaim(id="c1", killed=10, qualifier="at least", group="total"),
            CasualtyClaim(id="c2", killed=4, qualifier="exact", group="Rebels", part_of="c1"),
            CasualtyClaim(id="c3", killed=2, qualifier="exact", group="civilians"),
        ],
        sources_cited=["SOHR", "Reuters"],
    )  # fmt: skip
    scores = score_report(result, GOLD)
    # Events: tp 1 (E1); fp 2; fn 1 (E2; E3 may merge with the matched E1; E4 optional).
    assert (scores.events["tp"], scores.events["fp"], scores.events["fn"]) == (1, 2, 1)
    assert scores.events["precision"] == pytest.approx(1 / 3)
    assert scores.events["recall"] == pytest.approx(1 / 2)
    assert scores.events["f1"] == pytest.approx(0.4)
    assert scores.matched == 1 and scores.fatalities_exact == 1.0 and scores.date_exact == 1.0
    assert scores.place_median_km == pytest.approx(5.56, abs=0.05)
    # Claims: c1 and c2 match, c3 does not: P 2/3, R 1, nesting right on both.
    assert scores.casualty_claims["precision"] == pytest.approx(2 / 3)
    assert scores.casualty_claims["recall"] == 1.0 and scores.casualty_nesting == 1.0
    # Places: Northtown, Southville found; Farpoint spare; Westbury missed.
    assert (scores.places["tp"], scores.places["fp"], scores.places["fn"]) == (2, 1, 1)
    # Sources: SOHR right, Reuters spare, AFP missed.
    assert scores.sources["f1"] == pytest.approx(0.5)


def test_wrong_nesting_is_scored_wrong() -> None:
    result = ExtractionResult(
        report=ReportInfo(id="r"),
        casualty_claims=[
            CasualtyClaim(id="c1", killed=10, qualifier="at least", group="total"),
            CasualtyClaim(id="c2", killed=4, qualifier="exact", group="Rebels"),
        ],
    )
    scores = score_report(result, GOLD)
    assert scores.casualty_claims["f1"] == 1.0
    assert scores.casualty_nesting == pytest.approx(0.5)


def test_gold_files_are_checked(tmp_path: Path) -> None:
    good = tmp_path / "gold.jsonl"
    good.write_text(json.dumps(GOLD) + "\n" + json.dumps({**GOLD, "id": "g2"}) + "\n", "utf-8")
    assert [g["id"] for g in load_gold(good)] == ["g1", "g2"]
    bad = tmp_path / "gold.json"
    bad.write_text('{"id": "x"}', "utf-8")
    with pytest.raises(InvalidRecordError, match="no 'events' list"):
        load_gold(bad)


def test_misses_name_the_missed_gold_and_the_spare_predictions() -> None:
    result = ExtractionResult(
        report=ReportInfo(id="r"),
        events=[_event("Mob violence", "Riots", "Farpoint", 30.0, 30.0)],
    )
    from observatory.evaluation.news import score_reports

    scores = score_reports([(result, GOLD)], keep_misses=10)
    missed = [m for m in scores.misses if "missed gold" in m]
    spare = [m for m in scores.misses if "spare" in m]
    # E1 and E2 missed (E3 may merge with E1, but E1 itself was not matched: missed too).
    assert [m.split()[3] for m in missed] == ["E1", "E2", "E3"]
    assert len(spare) == 1 and "Farpoint" in spare[0]
