"""Detection, disambiguation and precision on sentences written for these tests."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from observatory.geo.gazetteer import Gazetteer, Place
from observatory.geo.toponyms import Toponym, find_toponyms

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed" / "report.txt"


def km(place: Place, lat: float, lon: float) -> float:
    dlat = math.radians(lat - place.lat)
    dlon = math.radians(lon - place.lon) * math.cos(math.radians(lat))
    return 6371.0 * math.hypot(dlat, dlon)


def texts(tops: list[Toponym]) -> list[str]:
    return [t.text for t in tops]


def by_text(tops: list[Toponym], text: str) -> Toponym:
    return next(t for t in tops if t.text == text)


def test_spans_are_in_text_order_and_exact(gaz: Gazetteer) -> None:
    text = "Shelling hit Idlib and Hama on Monday, then Aleppo."
    tops = find_toponyms(text, gaz)
    assert texts(tops) == ["Idlib", "Hama", "Aleppo"]
    for t in tops:
        assert text[t.start : t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(tops, tops[1:], strict=False))


def test_longest_match_wins(gaz: Gazetteer) -> None:
    tops = find_toponyms("Fighting continued in Deir ez-Zor and Jisr al-Shughour.", gaz)
    assert texts(tops) == ["Deir ez-Zor", "Jisr al-Shughour"]
    assert tops[0].place.place_id == "geonames:170794"


def test_arabic_article_lowercase_start(gaz: Gazetteer) -> None:
    tops = find_toponyms("Clashes in al-Hasakah and al- Hasakah again.", gaz)
    assert texts(tops) == ["al-Hasakah", "al- Hasakah"]
    assert {t.place.place_id for t in tops} == {"geonames:173811"}


def test_lowercase_words_are_not_places(gaz: Gazetteer) -> None:
    assert find_toponyms("the police said the area was calm from may to june", gaz) == []


def test_common_and_person_words_filtered(gaz: Gazetteer) -> None:
    text = (
        "On Thursday, President Bashar al-Assad told Agence France-Presse that Kurdish "
        "units and the Police Union of the Observatory would meet."
    )
    assert find_toponyms(text, gaz) == []


def test_demonym_picks_country(gaz: Gazetteer) -> None:
    tops = find_toponyms("Syrian troops shelled Ras al-Ayn.", gaz)
    assert tops[-1].place.country == "SY"
    assert km(tops[-1].place, 36.8503, 40.0706) < 10


def test_caller_countries_break_ties(gaz: Gazetteer) -> None:
    plain = find_toponyms("A rally was held in Tripoli.", gaz)
    lebanon = find_toponyms("A rally was held in Tripoli.", gaz, countries=["LB"])
    assert lebanon[0].place.country == "LB"
    assert plain[0].place.country == "LY"


def test_comma_pattern_uses_admin1(gaz: Gazetteer) -> None:
    tops = find_toponyms("A man was found dead in Cuauhtemoc municipality, Chihuahua.", gaz)
    town = by_text(tops, "Cuauhtemoc")
    assert town.place.country == "MX" and town.place.admin1 == "Chihuahua"
    assert town.geo_precision == 2
    assert by_text(tops, "Chihuahua").place.kind == "admin1"


def test_parenthesised_admin_list(gaz: Gazetteer) -> None:
    tops = find_toponyms("Gunmen attacked Kismaayo (Kismaayo, Lower Juba) at dawn.", gaz)
    assert tops[0].place.country == "SO"
    assert tops[-1].place.kind == "admin1" and tops[-1].geo_precision == 3


@pytest.mark.parametrize(
    ("sentence", "name", "precision"),
    [
        ("Troops entered Homs on Sunday.", "Homs", 1),
        ("Clashes broke out near Homs on Sunday.", "Homs", 2),
        ("Shells fell on the outskirts of Homs.", "Homs", 2),
        ("Raids hit the southern countryside of Homs.", "Homs", 2),
        ("Raids hit villages south of Homs.", "Homs", 2),
        ("Raids hit the Homs countryside.", "Homs", 2),
        ("Raids hit the northern city of Homs.", "Homs", 1),
        ("Fighting spread across Idlib province.", "Idlib", 3),
        ("Fighting spread across Idlib Governorate.", "Idlib", 3),
        ("Syria is at war.", "Syria", 3),
    ],
)
def test_precision(gaz: Gazetteer, sentence: str, name: str, precision: int) -> None:
    top = next(t for t in find_toponyms(sentence, gaz) if t.text.startswith(name))
    assert top.geo_precision == precision


def test_province_mention_codes_to_admin1(gaz: Gazetteer) -> None:
    top = find_toponyms("Fighting spread across Idlib province.", gaz)[0]
    assert top.place.place_id == "admin1:SY.12"


def test_based_is_kept_with_lower_score(gaz: Gazetteer) -> None:
    tops = find_toponyms("The U.K.-based monitor and the London-based group agreed.", gaz)
    assert [t.place.country for t in tops] == ["GB", "GB"]
    assert all(t.score <= 0.5 for t in tops)


def test_distance_to_other_places_disambiguates(gaz: Gazetteer) -> None:
    tops = find_toponyms("Convoys moved from Qamishli to Tal Tamr and Ras al-Ayn.", gaz)
    assert all(t.place.country == "SY" for t in tops)


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_report(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    tops = find_toponyms(text, gaz)
    found = texts(tops)
    for word in ("Assad", "Kurdish", "Observatory", "Thursday", "Agence", "France",
                 "Presse", "ISIS", "SANA", "YPG"):
        assert not any(word in f for f in found), word
    targets = {
        "al-Hasakah": (36.5024, 40.7477),
        "al- Hasakah": (36.5024, 40.7477),
        "al-Shaddadi": (36.0558, 40.7311),
        "Ras al-Ayn": (36.8503, 40.0706),
    }
    for name, (lat, lon) in targets.items():
        hits = [t for t in tops if t.text == name]
        assert hits, name
        for t in hits:
            assert t.place.country == "SY"
            assert t.place.admin1 == "Al-Hasakah"
            assert km(t.place, lat, lon) < 10, name
    syria = [t for t in tops if t.text == "Syria"]
    assert syria and all(t.place.kind == "country" for t in syria)
    assert {t.place.country for t in tops} <= {"SY", "GB", "US"}


def test_speed_600_words(gaz: Gazetteer) -> None:
    paragraph = (
        "Syrian government forces shelled the outskirts of Idlib on Monday while Kurdish "
        "units advanced towards Tal Tamr and Ras al-Ayn in al-Hasakah province, the "
        "monitor said, adding that at least 12 people were killed near Deir ez-Zor and "
        "that convoys had left Qamishli for Aleppo and Homs during the night. "
    )
    text = paragraph * 12  # about 600 words
    assert 550 < len(text.split()) < 650
    find_toponyms(text, gaz)
    start = time.perf_counter()
    for _ in range(20):
        find_toponyms(text, gaz)
    per_call = (time.perf_counter() - start) / 20
    assert per_call < 0.02
