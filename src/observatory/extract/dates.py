"""Dates in report text, resolved against the publication date.

Input: the cleaned report text and its publication date (or None).
Output: :func:`find_dates` returns a :class:`DateMention` for every date
expression, in text order, never raising. :func:`parse_published` turns a
``YYYY-MM-DD`` string (or a full ISO datetime) into a :class:`datetime.date`
and raises :class:`~observatory.errors.InvalidDateError` (E105) otherwise.

What is read, and how it resolves (``published`` = P)::

    "9 May 2020", "May 9, 2020", "2020-05-09"   day, kind "point"
    "20 May", "on May 30" (no year)             the year putting it on or before P + 1 day
    "On 9 May 2020 (week of)"                   the day, precision "week"
    "Sunday", "on Tuesday morning"              the last such weekday on or before P
    "last Sunday" / "next Sunday"               strictly before / after P
    "yesterday", "last night", "today"          P - 1, P - 1, P
    "since Thursday", "since May 30"            kind "since": that day .. P, precision "range"
    "between 4 and 6 May 2020", "4-6 May 2020"  kind "period", precision "range"
    "in May 2020", "in May"                     kind "period", first .. last day of the month
    "in 2019"                                   kind "period", the whole year
    "in recent days", "in the past few days"    kind "period", P - 7 .. P
    "over the past week", "past 3 days"         kind "period", P - 7 .. P, P - 3 .. P
    "this week" / "last week"                   this Monday .. P / the previous Monday..Sunday
    "this month" / "last month"                 the 1st .. P / the previous calendar month

A single day has ``date`` set and ``date_start``/``date_end`` None; a range has
``date`` None and both ends set (``date_end`` is None for "since X" when P is
unknown). Expressions relative to P give ``date`` None when P is None.

Not read: numeric dates with slashes ("9/5/2020", day/month order is ambiguous),
month names not next to a day or a year ("may have been killed", "the March
rally"), and days that do not exist ("30 February 2020"), which are skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from observatory.errors import InvalidDateError

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a": 1, "an": 1,
}  # fmt: skip

# Month and weekday names must be capitalised ("May", "MAY"), never "may" the verb.
_FULL_MONTHS = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_SHORT_MONTHS = [m for m in _MONTHS if m not in _FULL_MONTHS]


def _names(words: list[str]) -> str:
    variants = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(variants, key=len, reverse=True))


_MONTH = rf"(?-i:(?:{_names(_FULL_MONTHS)})\b|(?:{_names(_SHORT_MONTHS)})\b\.?)"
_WEEKDAY = rf"(?-i:{_names(list(_WEEKDAYS))})\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_PREP = r"(?:(?P<prep>on|around|since|from|by|until|till|before|after|reported\s+on|as\s+of)\s+)?"
# "(as reported)", "(week of)", "(month of)", "(no exact date reported)" after a date.
_NOTE = r"(?:\s*\((?P<note>[^()\n]{1,40})\))?"

_ISO_RX = re.compile(
    rf"\b{_PREP}(?P<year>\d{{4}})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d/]){_NOTE}",
    re.IGNORECASE,
)
_DMY_RX = re.compile(
    rf"\b{_PREP}(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?{_NOTE}",
    re.IGNORECASE,
)
_MDY_RX = re.compile(
    rf"\b{_PREP}(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?!,\d)"
    rf"(?:,?\s+(?P<year>{_YEAR}))?{_NOTE}",
    re.IGNORECASE,
)
_RANGE_RX = re.compile(
    rf"\b(?:(?P<lead>between|from)\s+)?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?\s*(?P<sep>-|–|to|and|until|till|through)\s*"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
_MONTH_YEAR_RX = re.compile(
    rf"\b(?:(?P<prep>in|since|during|throughout|from|by|until)\s+)?"
    rf"(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?"
    rf"(?P<month>{_MONTH})(?:\s+of)?,?\s+(?P<year>{_YEAR}){_NOTE}",
    re.IGNORECASE,
)
_MONTH_ALONE_RX = re.compile(
    r"\b(?:(?P<prep>in|since|during|throughout|until|by)\s+)?"
    r"(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?"
    rf"(?<=\s|-)(?P<month>{_MONTH})(?![\w-]|\s+\d)",
    re.IGNORECASE,
)
_YEAR_RX = re.compile(
    rf"\b(?P<prep>in|since|during|throughout)\s+(?:(?:early|mid|late)[\s-]+)?"
    rf"(?P<year>{_YEAR})\b(?![-,.]\d)",
    re.IGNORECASE,
)
_WEEKDAY_RX = re.compile(
    rf"\b(?:(?P<prep>since|on|last|next|this\s+past|early\s+on|late\s+on|by|until)\s+)?"
    rf"(?P<weekday>{_WEEKDAY})(?!['’]s)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
_RELATIVE_RX = re.compile(
    r"\b(?:(?P<prep>since|until|by)\s+)?"
    r"(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
    r"|(?:earlier\s+|later\s+)?this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_PERIOD_RX = re.compile(
    r"\b(?:(?:in|over|during|within|throughout|for)\s+)?(?:the\s+)?"
    r"(?:(?P<recent>recent)|(?P<which>past|last|previous))\s+"
    r"(?:(?P<count>few|couple\s+of|several|\d{1,3}|"
    + "|".join(_UNIT_WORDS)
    + r")\s+)?(?P<unit>days?|weeks?|months?|years?|hours?)\b",
    re.IGNORECASE,
)
_THIS_RX = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last)\s+(?P<unit>week|month|year)\b",
    re.IGNORECASE,
)
_PUBLISHED_RX = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: offsets, text and the day or range it stands for."""

    start: int
    end: int
    text: str
    date: dt.date | None
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str  # "day", "week", "month", "year" or "range"
    kind: str  # "point", "since" or "period"


def parse_published(value: str) -> dt.date:
    """A publication date from ``YYYY-MM-DD`` or an ISO datetime; E105 when unusable."""
    if not isinstance(value, str) or _PUBLISHED_RX.fullmatch(value.strip()) is None:
        raise InvalidDateError(f"invalid published date {value!r}: expected YYYY-MM-DD")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise InvalidDateError(f"invalid published date {value!r}: {exc}") from exc


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _infer_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The day in the latest year that puts it on or before ``published`` + 1 day."""
    if published is None:
        return None
    limit = published + dt.timedelta(days=1)
    for year in range(published.year + 1, published.year - 8, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


def _weekday(index: int, published: dt.date | None, prep: str) -> dt.date | None:
    if published is None:
        return None
    back = (published.weekday() - index) % 7
    if prep == "last" and back == 0:
        back = 7
    if prep == "next":
        return published + dt.timedelta(days=(index - published.weekday() - 1) % 7 + 1)
    return published - dt.timedelta(days=back)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    date: dt.date | None
    start_day: dt.date | None = None
    end_day: dt.date | None = None
    precision: str = "day"
    kind: str = "point"


def _point(
    m: re.Match[str], day: dt.date | None, published: dt.date | None, precision: str = "day"
) -> _Found:
    """A day found by ``m``; "since" makes it the start of a range up to ``published``."""
    prep = _norm(m.groupdict().get("prep"))
    note = _norm(m.groupdict().get("note"))
    if "week of" in note:
        precision = "week"
    elif "month of" in note:
        precision = "month"
    if prep == "since":
        return _Found(m.start(), m.end(), None, day, published, "range", "since")
    return _Found(m.start(), m.end(), day, precision=precision)


def _iso(m: re.Match[str], published: dt.date | None) -> _Found | None:
    day = dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _point(m, day, published)


def _day_month(m: re.Match[str], published: dt.date | None) -> _Found | None:
    month, day = _month(m["month"]), _day(m["day"])
    if m["year"]:
        return _point(m, dt.date(int(m["year"]), month, day), published)
    dt.date(2000, month, day)  # raises for a day no year has
    return _point(m, _infer_year(month, day, published), published)


def _range(m: re.Match[str], published: dt.date | None) -> _Found | None:
    sep = _norm(m["sep"])
    if sep == "and" and _norm(m["lead"]) != "between":
        return None
    m2 = _month(m["m2"])
    m1 = _month(m["m1"]) if m["m1"] else m2
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if m["y2"]:
        end = dt.date(int(m["y2"]), m2, d2)
        year1 = int(m["y1"]) if m["y1"] else end.year - (1 if m1 > m2 else 0)
        begin = dt.date(year1, m1, d1)
    else:  # no year: the range starts on or before the publication date
        inferred = _infer_year(m1, d1, published)
        if inferred is None:
            return None
        begin = inferred
        end = dt.date(begin.year + (1 if m2 < m1 else 0), m2, d2)
    if begin >= end:
        return None
    return _Found(m.start(), m.end(), None, begin, end, "range", "period")


def _month_year(m: re.Match[str], published: dt.date | None) -> _Found | None:
    first, last = _month_range(int(m["year"]), _month(m["month"]))
    if _norm(m["prep"]) == "since":
        return _Found(m.start(), m.end(), None, first, published, "range", "since")
    return _Found(m.start(), m.end(), None, first, last, "month", "period")


def _month_alone(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None or (m["prep"] is None and m["mod"] is None):
        return None
    month = _month(m["month"])
    year = published.year if month <= published.month else published.year - 1
    first, last = _month_range(year, month)
    if _norm(m["prep"]) == "since":
        return _Found(m.start(), m.end(), None, first, published, "range", "since")
    return _Found(m.start(), m.end(), None, first, last, "month", "period")


def _year(m: re.Match[str], published: dt.date | None) -> _Found | None:
    year = int(m["year"])
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if _norm(m["prep"]) == "since":
        return _Found(m.start(), m.end(), None, first, published, "range", "since")
    return _Found(m.start(), m.end(), None, first, last, "year", "period")


def _weekday_mention(m: re.Match[str], published: dt.date | None) -> _Found | None:
    prep = _norm(m["prep"])
    day = _weekday(_WEEKDAYS.index(m["weekday"].lower()), published, prep)
    if prep == "since":
        return _Found(m.start(), m.end(), None, day, published, "range", "since")
    return _Found(m.start(), m.end(), day)


def _relative(m: re.Match[str], published: dt.date | None) -> _Found | None:
    rel = _norm(m["rel"])
    if published is None:
        day = None
    elif rel == "the day before yesterday":
        day = published - dt.timedelta(days=2)
    elif rel in ("yesterday", "last night"):
        day = published - dt.timedelta(days=1)
    else:
        day = published
    if _norm(m["prep"]) == "since":
        return _Found(m.start(), m.end(), None, day, published, "range", "since")
    return _Found(m.start(), m.end(), day)


def _span_days(count: str, unit: str) -> int:
    """How many days "the past <count> <unit>" reaches back."""
    unit = unit.rstrip("s")
    if count.isdigit():
        n = int(count)
    elif count in _UNIT_WORDS:
        n = _UNIT_WORDS[count]
    else:  # "few", "several", "couple of", or nothing ("the past week")
        n = {"few": 3, "couple of": 2, "several": 3}.get(count, 1)
    if unit == "hour":
        return max(1, (n + 23) // 24)
    if unit == "day" and count in ("few", "several", "couple of"):
        return 7
    return n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]


def _period(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    unit = _norm(m["unit"])
    count = _norm(m["count"])
    if m["recent"]:
        days = {"day": 7, "hour": 1, "week": 28, "month": 90, "year": 730}[unit.rstrip("s")]
    elif count == "" and _norm(m["which"]) in ("last", "previous") and not unit.endswith("s"):
        return None  # "last week" is the calendar week: see _this
    else:
        days = _span_days(count, unit)
    begin = published - dt.timedelta(days=days)
    return _Found(m.start(), m.end(), None, begin, published, "range", "period")


def _this(m: re.Match[str], published: dt.date | None) -> _Found | None:
    if published is None:
        return None
    unit, which = _norm(m["unit"]), _norm(m["which"])
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if which == "this":
            return _Found(m.start(), m.end(), None, monday, published, "week", "period")
        begin = monday - dt.timedelta(days=7)
        end = monday - dt.timedelta(days=1)
        return _Found(m.start(), m.end(), None, begin, end, "week", "period")
    if unit == "month":
        if which == "this":
            first = published.replace(day=1)
            return _Found(m.start(), m.end(), None, first, published, "month", "period")
        previous = published.replace(day=1) - dt.timedelta(days=1)
        first, last = _month_range(previous.year, previous.month)
        return _Found(m.start(), m.end(), None, first, last, "month", "period")
    year = published.year if which == "this" else published.year - 1
    end = published if which == "this" else dt.date(year, 12, 31)
    return _Found(m.start(), m.end(), None, dt.date(year, 1, 1), end, "year", "period")


_Reader = Callable[[re.Match[str], dt.date | None], _Found | None]
#: Readers in order of preference when two expressions start at the same place.
_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_RANGE_RX, _range),
    (_ISO_RX, _iso),
    (_DMY_RX, _day_month),
    (_MDY_RX, _day_month),
    (_MONTH_YEAR_RX, _month_year),
    (_MONTH_ALONE_RX, _month_alone),
    (_YEAR_RX, _year),
    (_WEEKDAY_RX, _weekday_mention),
    (_RELATIVE_RX, _relative),
    (_PERIOD_RX, _period),
    (_THIS_RX, _this),
)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression of ``text`` in text order; never raises."""
    candidates: list[tuple[int, int, int, _Found]] = []
    invalid: list[tuple[int, int]] = []
    for rank, (pattern, reader) in enumerate(_READERS):
        for match in pattern.finditer(text):
            try:
                found = reader(match, published)
            except (ValueError, OverflowError, KeyError):
                # A day that does not exist ("30 February 2020"): no part of it is a date.
                invalid.append(match.span())
                continue
            if found is not None:
                candidates.append((found.start, -(found.end - found.start), rank, found))
    candidates.sort(key=lambda c: c[:3])
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _, _, found in candidates:
        if start < taken_until or any(a < found.end and start < b for a, b in invalid):
            continue
        taken_until = found.end
        mentions.append(
            DateMention(
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                date=found.date,
                date_start=found.start_day,
                date_end=found.end_day,
                precision=found.precision,
                kind=found.kind,
            )
        )
    return mentions


__all__ = ["DateMention", "find_dates", "parse_published"]
