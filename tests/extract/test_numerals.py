import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.extract.numerals import (
    NUMBER_PATTERN,
    find_numbers,
    parse_number,
    qualifier_of,
    read_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("119", 119),
        ("1,200", 1200),
        ("one", 1),
        ("two", 2),
        ("Eleven", 11),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("a hundred", 100),
        ("three hundred and five", 305),
        ("a dozen", 12),
        ("two dozen", 24),
        ("one thousand two hundred", 1200),
        ("5 million", 5_000_000),
    ],
)
def test_parse_number_reads_digits_and_words(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["dozens", "scores", "several", "hundreds", "a few", "", "a", "and", "1.5", "two three"],
)
def test_parse_number_gives_none_for_vague_or_malformed(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_includes_hedges_and_marks_them_approximate() -> None:
    text = "At least 40 died, about twenty fled and 7 stayed; dozens were hurt."
    found = find_numbers(text)
    assert [(m.text, m.value, m.approximate) for m in found] == [
        ("At least 40", 40, True),
        ("about twenty", 20, True),
        ("7", 7, False),
        ("dozens", None, True),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_find_numbers_skips_times_decimals_slash_dates_and_ordinals() -> None:
    text = "At 10:30 the 3rd convoy drove 1.2 miles; on 9/5/2020 nothing moved."
    assert find_numbers(text) == []


def test_find_numbers_splits_coordinated_words() -> None:
    assert [m.value for m in find_numbers("two and three")] == [2, 3]
    assert [m.value for m in find_numbers("four hundred and six")] == [406]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at least 119", (119, "at least")),
        ("more than 30", (30, "more than")),
        ("nearly two dozen", (24, "about")),
        ("up to 9", (9, "up to")),
        ("dozens of", (None, "dozens")),
        ("several", (None, "several")),
        ("17", (17, "exact")),
    ],
)
def test_read_number_gives_value_and_contract_qualifier(
    phrase: str, expected: tuple[int | None, str]
) -> None:
    assert read_number(phrase) == expected


def test_qualifier_of_a_mention() -> None:
    (mention,) = find_numbers("some 300 families")
    assert qualifier_of(mention) == "about"


def test_number_pattern_embeds_in_other_patterns() -> None:
    rx = re.compile(rf"(?P<n>{NUMBER_PATTERN})\s+killed", re.IGNORECASE)
    match = rx.search("Reports say more than forty-five killed.")
    assert match is not None
    assert read_number(match["n"]) == (45, "more than")


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_round_trips_digits_with_commas(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.text(max_size=200))
def test_find_numbers_spans_point_into_the_text(text: str) -> None:
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.value is None or mention.value >= 0
