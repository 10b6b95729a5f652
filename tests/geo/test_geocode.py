"""The geocoding layer on texts written for these tests: given spans, detected spans,
unresolvable spans, fallbacks, context ranking and the JSON Lines batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from observatory.cli import main
from observatory.errors import InvalidRecordError
from observatory.geo.gazetteer import Gazetteer
from observatory.geo.geocode import GeoResult, geocode, geocode_jsonl

JSON_KEYS = {
    "start", "end", "name", "lat", "lon", "place_id", "admin1", "country", "geo_precision",
    "confidence", "candidates",
}


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name)))
    return out


def test_detected_places_carry_coordinates_and_candidates(gaz: Gazetteer) -> None:
    text = "The convoy left Aleppo at dawn and reached Idlib by noon."
    results = geocode(text, gaz)
    assert [r.text for r in results] == ["Aleppo", "Idlib"]
    for r in results:
        assert r.lat is not None and r.lon is not None and r.country == "SY"
        assert r.candidates and r.candidates[0].place_id == r.place_id
        assert set(r.to_json_dict()) == JSON_KEYS


def test_given_spans_are_resolved_in_the_given_order(gaz: Gazetteer) -> None:
    text = "Farmers near Homs sold wheat in Damascus, a trader said."
    spans = list(reversed(spans_of(text, "Homs", "Damascus")))
    results = geocode(text, gaz, spans=spans)
    assert [(r.start, r.end) for r in results] == spans
    assert [r.name for r in results] == ["Damascus", "Homs"]


def test_unresolvable_span_has_no_coordinates(gaz: Gazetteer) -> None:
    text = "The parade turned into Zorblewick Lane before noon in Hama."
    results = geocode(text, gaz, spans=spans_of(text, "Zorblewick Lane", "Hama"))
    lost, hama = results
    assert lost.place_id is None and lost.lat is None and lost.lon is None
    assert lost.country is None and lost.geo_precision is None  # no country centroid
    assert isinstance(lost.candidates, tuple)
    assert lost.to_json_dict()["lat"] is None
    assert hama.country == "SY"


def test_generic_words_and_article_are_stripped_from_spans(gaz: Gazetteer) -> None:
    text = "Officials in Hama province and the Aleppo city council met."
    prov, city = geocode(text, gaz, spans=spans_of(text, "Hama province", "Aleppo city"))
    assert prov.country == "SY" and prov.name is not None and "Hama" in prov.name
    assert city.place_id is not None and city.name == "Aleppo"


def test_demonym_and_abbreviation_spans(gaz: Gazetteer) -> None:
    text = "Syrian farmers met buyers from Paducah, Ky. on Friday."
    syrian, ky = geocode(text, gaz, spans=spans_of(text, "Syrian", "Ky."))
    assert syrian.kind == "country" and syrian.country == "SY"
    assert ky.kind == "admin1" and ky.place_id == "admin1:US.KY"


def test_state_context_picks_the_small_homonym(gaz: Gazetteer) -> None:
    text = "LONDON, Ky. - The London mayor thanked volunteers from Laurel County."
    results = geocode(text, gaz, spans=spans_of(text, "LONDON", "London"))
    assert all(r.country == "US" and r.admin1 == "Kentucky" for r in results)


def test_continent_spans_resolve_to_regions(gaz: Gazetteer) -> None:
    text = "Prices rose across Europe and the Middle East."
    europe, mideast = geocode(text, gaz, spans=spans_of(text, "Europe", "Middle East"))
    assert europe.kind == "region" and europe.lat is not None
    assert mideast.kind == "region"


def test_fuzzy_fallback_stays_in_context_countries(gaz: Gazetteer) -> None:
    text = "Syrian monitors reported shelling in Kafranbelll and Idlib."
    (r,) = geocode(text, gaz, spans=spans_of(text, "Kafranbelll"))
    assert r.place_id is not None and r.country == "SY"


def test_span_outside_text_is_an_input_error(gaz: Gazetteer) -> None:
    with pytest.raises(InvalidRecordError):
        geocode("Homs", gaz, spans=[(0, 50)])


def test_jsonl_broken_line_does_not_stop_the_batch(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    good = {"id": "a", "text": "Rain fell on Homs.", "toponyms": [{"start": 13, "end": 17}]}
    detect = {"id": "c", "text": "Markets in Aleppo reopened."}
    path.write_text(
        json.dumps(good) + "\n{not json\n\n" + json.dumps(detect) + "\n"
        + json.dumps({"id": "d", "text": "Homs", "toponyms": [{"start": 0}]}) + "\n",
        encoding="utf-8",
    )
    items = list(geocode_jsonl(path, gaz))
    assert [i.id for i in items] == ["a", None, "c", "d"]
    assert items[0].toponyms is not None and items[0].toponyms[0].name == "Homs"
    assert items[1].error is not None and items[1].error.code == "E106"
    assert ":2:" in items[1].error.message
    assert items[2].toponyms is not None and items[2].toponyms[0].text == "Aleppo"
    assert items[3].error is not None
    line = items[1].to_json_dict()
    assert set(line) == {"id", "error"}


def test_cli_geocode_text_and_json(gaz: Gazetteer) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["geocode", "Shelling hit Idlib."])
    assert out.exit_code == 0 and "Idlib" in out.output
    out = runner.invoke(main, ["geocode", "--json", "Shelling hit Idlib."])
    payload = json.loads(out.output)
    assert payload["toponyms"][0]["country"] == "SY"


def test_cli_geocode_jsonl_reports_broken_lines(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "x", "text": "Idlib"}\n[1, 2]\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["geocode", "--jsonl", str(path)])
    assert out.exit_code == 2
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert lines[0]["id"] == "x" and lines[0]["toponyms"][0]["country"] == "SY"
    assert lines[1]["error"]["code"] == "E106"


def test_result_is_frozen(gaz: Gazetteer) -> None:
    (r,) = geocode("Idlib", gaz)
    assert isinstance(r, GeoResult)
    with pytest.raises(AttributeError):
        r.lat = 0.0  # type: ignore[misc]


def test_detection_counts_demonyms_regions_and_abbreviations(gaz: Gazetteer) -> None:
    text = "Syrian traders met European buyers in Paducah, Ky. and in the Middle East."
    by_text = {r.text: r for r in geocode(text, gaz)}
    assert by_text["Syrian"].country == "SY" and by_text["Syrian"].kind == "country"
    assert by_text["European"].kind == "region" and by_text["European"].geo_precision == 3
    assert by_text["Ky."].place_id == "admin1:US.KY"
    assert by_text["Middle East"].kind == "region"


def test_a_longer_place_name_beats_the_region_inside_it(gaz: Gazetteer) -> None:
    results = geocode("Rain fell in South Africa and across Africa.", gaz)
    found = [(r.text, r.kind) for r in results]
    assert found == [("South Africa", "country"), ("Africa", "region")]


def test_country_names_win_over_villages_of_the_same_name(gaz: Gazetteer) -> None:
    from observatory.geo.toponyms import find_toponyms

    text = "Russia and Turkey agreed on a ceasefire."
    spans = spans_of(text, "Russia", "Turkey")
    assert [r.place_id for r in geocode(text, gaz, spans=spans)] == ["country:RU", "country:TR"]
    assert [r.place_id for r in geocode(text, gaz)][:2] == ["country:RU", "country:TR"]
    tops = find_toponyms(text, gaz)
    assert all(t.place.kind == "country" for t in tops)
