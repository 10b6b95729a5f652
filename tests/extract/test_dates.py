import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.errors import InvalidDateError, ObservatoryError
from observatory.extract.dates import DateMention, find_dates, parse_published

MONDAY = dt.date(2015, 6, 8)


def _one(text: str, published: dt.date | None = MONDAY) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def test_parse_published_accepts_a_date_and_an_iso_datetime() -> None:
    assert parse_published("2015-06-08") == MONDAY
    assert parse_published(" 2015-06-08T14:30:00Z ") == MONDAY
    assert parse_published("2015-06-08T14:30:00+03:00") == MONDAY


@pytest.mark.parametrize(
    "value", ["yesterday", "2015-02-30", "2015-13-01", "", "15/06/2015", "2015-6-8"]
)
def test_parse_published_rejects_with_e105_naming_the_value(value: str) -> None:
    with pytest.raises(InvalidDateError) as caught:
        parse_published(value)
    assert caught.value.code == "E105"
    assert repr(value) in caught.value.message
    assert isinstance(caught.value, ObservatoryError)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Shelling resumed on Sunday.", dt.date(2015, 6, 7)),
        ("Fighters moved in on Saturday night.", dt.date(2015, 6, 6)),
        ("The raid came on Thursday.", dt.date(2015, 6, 4)),
        ("A truce began on Monday.", MONDAY),
        ("Guards were seen last Monday.", dt.date(2015, 6, 1)),
        ("The blast on Tuesday morning shook the port.", dt.date(2015, 6, 2)),
        ("Two shops burned yesterday.", dt.date(2015, 6, 7)),
        ("Sirens sounded last night.", dt.date(2015, 6, 7)),
        ("The road reopened today.", MONDAY),
    ],
)
def test_relative_days_resolve_against_published(text: str, day: dt.date) -> None:
    mention = _one(text)
    assert (mention.date, mention.precision, mention.kind) == (day, "day", "point")
    assert mention.date_start is None and mention.date_end is None


def test_weekday_without_published_has_no_date() -> None:
    mention = _one("The raid came on Thursday.", None)
    assert mention.date is None and mention.date_start is None


def test_since_a_weekday_is_a_range_up_to_published() -> None:
    mention = _one("The siege has lasted since Thursday.")
    assert mention.text == "since Thursday"
    assert mention.kind == "since" and mention.precision == "range"
    assert (mention.date_start, mention.date_end) == (dt.date(2015, 6, 4), MONDAY)
    assert mention.date is None


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Troops advanced in recent days.", dt.date(2015, 6, 1), MONDAY, "range"),
        ("Raids grew in the past few days.", dt.date(2015, 6, 1), MONDAY, "range"),
        ("Aid stalled over the past week.", dt.date(2015, 6, 1), MONDAY, "range"),
        ("Talks failed this week.", MONDAY, MONDAY, "week"),
        ("Talks failed last week.", dt.date(2015, 6, 1), dt.date(2015, 6, 7), "week"),
        ("Prices rose last month.", dt.date(2015, 5, 1), dt.date(2015, 5, 31), "month"),
        ("Floods hit the valley in May 2020.", dt.date(2020, 5, 1), dt.date(2020, 5, 31), "month"),
        ("The party split in 2011.", dt.date(2011, 1, 1), dt.date(2011, 12, 31), "year"),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date, precision: str) -> None:
    mention = _one(text)
    assert mention.kind == "period"
    assert (mention.date_start, mention.date_end, mention.precision) == (start, end, precision)
    assert mention.date is None


@pytest.mark.parametrize(
    "text",
    [
        "On 9 May 2020, herders clashed.",
        "Around 9 May 2020 (as reported), herders clashed.",
        "Herders clashed on May 9, 2020.",
        "Herders clashed on 2020-05-09.",
        "Herders clashed on the 9th of May 2020.",
    ],
)
def test_absolute_dates(text: str) -> None:
    assert _one(text).date == dt.date(2020, 5, 9)


def test_week_of_note_keeps_the_day_with_week_precision() -> None:
    mention = _one("On 9 May 2020 (week of), herders clashed.")
    assert mention.date == dt.date(2020, 5, 9)
    assert mention.precision == "week"
    assert mention.text.endswith("(week of)")


def test_a_day_without_year_is_not_after_published() -> None:
    assert _one("The offensive began on May 30.").date == dt.date(2015, 5, 30)
    assert _one("Rallies were held on 20 May.").date == dt.date(2015, 5, 20)
    # Early in the year, a December day belongs to the year before.
    assert _one("It started on 28 December.", dt.date(2016, 1, 3)).date == dt.date(2015, 12, 28)


def test_a_day_range_in_one_month() -> None:
    mention = _one("Clashes went on between 4 and 6 May 2020 near the dam.")
    assert (mention.date_start, mention.date_end) == (dt.date(2020, 5, 4), dt.date(2020, 5, 6))
    assert mention.kind == "period" and mention.precision == "range"


def test_modal_may_and_verb_march_are_not_dates() -> None:
    assert find_dates("Some may have been killed as crowds march on.", MONDAY) == []
    assert find_dates("The May rally and the March vote were calm.", MONDAY) == []


def test_impossible_days_and_slash_dates_are_skipped() -> None:
    assert find_dates("A ceasefire on 30 February 2020 was claimed.", MONDAY) == []
    assert find_dates("Reported on 9/5/2020 by the monitor.", MONDAY) == []


def test_mentions_come_in_text_order_with_offsets() -> None:
    text = "On Sunday the monitor said clashes had run since May 30, and again yesterday."
    found = find_dates(text, MONDAY)
    assert [m.text for m in found] == ["On Sunday", "since May 30", "yesterday"]
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert text[m.start : m.end] == m.text


@given(st.text(max_size=300), st.dates())
def test_find_dates_never_raises(text: str, published: dt.date) -> None:
    for mention in find_dates(text, published):
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in ("point", "since", "period")
        assert mention.precision in ("day", "week", "month", "year", "range")


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "On {d} {m} {y},"]),
)
def test_written_dates_round_trip(day: dt.date, template: str) -> None:
    text = template.format(d=day.day, m=day.strftime("%B"), y=day.year)
    found = find_dates(f"Fighting was reported {text} near the border.", None)
    assert [m.date for m in found] == [day]
