"""The pinned public API: what ``import observatory`` offers, and that it keeps offering it."""

from __future__ import annotations

import observatory


def test_all_is_pinned() -> None:
    assert sorted(observatory.__all__) == [
        "ExtractionResult",
        "ObservatoryError",
        "__version__",
        "extract",
    ]


def test_extract_stays_the_function_after_submodules_are_imported() -> None:
    import observatory.extract.dates  # noqa: F401  (binds submodules under the package)

    first = observatory.extract(
        "Soldiers clashed with rebels in Idlib on Sunday.", published="2020-05-04"
    )
    second = observatory.extract("Rebels shelled Hama on Monday.", published="2020-05-04")
    assert callable(observatory.extract)
    assert isinstance(first, observatory.ExtractionResult) and isinstance(
        second, observatory.ExtractionResult
    )


def test_country_only_place_is_flagged_at_precision_3() -> None:
    result = observatory.extract(
        "Rebels clashed with soldiers in Syria on Sunday.", published="2020-05-04"
    )
    location = result.events[0].location
    assert location is not None
    assert location.geo_precision == 3 and location.flags == ["country_only"]


def test_town_is_not_flagged() -> None:
    result = observatory.extract(
        "Rebels clashed with soldiers in Saraqib on Sunday.", published="2020-05-04"
    )
    location = result.events[0].location
    assert location is not None and location.flags == [] and location.geo_precision == 1
