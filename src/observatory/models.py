"""The extraction output contract (DESIGN.md, "The extraction output contract").

These pydantic models are what :func:`observatory.extract` returns and what the
CLI prints as JSON. Field names follow ACLED where ACLED has one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DatePrecision = Literal["day", "range", "week", "month", "year", "unknown"]
ControlKind = Literal["shared", "took", "lost", "regained", "holds", "withdrew"]
Qualifier = Literal["exact", "at least", "more than", "about", "up to", "dozens", "several"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """Character offsets into the cleaned report text (``start`` inclusive)."""

    start: int
    end: int


class ActorRef(_Model):
    """A canonical actor as it appears in an event."""

    name: str
    type: str
    inter: int
    text: str | None = None


class Location(_Model):
    """A resolved place with ACLED's ``geo_precision`` (1 town, 2 near/part, 3 region)."""

    name: str
    text: str
    lat: float
    lon: float
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    place_id: str | None = None
    geo_precision: int = 1
    #: Warnings for the review desk: ``"country_only"`` (the report names no place
    #: inside the country: coordinates are the country's reference point, precision 3),
    #: ``"region_only"`` (only an admin area is known, precision 3).
    flags: list[str] = Field(default_factory=list)


class PlaceRef(_Model):
    """A place named by a claim; coordinates when the gazetteer knows it."""

    name: str
    lat: float | None = None
    lon: float | None = None


class ReportInfo(_Model):
    id: str
    published: dt.date | None = None
    language: str = "en"
    source: str | None = None
    url: str | None = None
    removed_lines: list[str] = Field(default_factory=list)


class Event(_Model):
    event_type: str
    sub_event_type: str
    date: dt.date | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors: list[ActorRef] = Field(default_factory=list)
    location: Location | None = None
    fatalities: int | None = None
    claimed_by: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5


class CasualtyClaim(_Model):
    id: str
    killed: int | None = None
    injured: int | None = None
    qualifier: Qualifier = "exact"
    group: str = "total"
    part_of: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    place: PlaceRef | None = None
    claimed_by: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class ControlClaim(_Model):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    place: PlaceRef
    controllers: list[str]
    kind: ControlKind
    from_: str | None = Field(default=None, alias="from")
    as_of: dt.date | None = None
    claimed_by: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class ExtractionResult(_Model):
    report: ReportInfo
    events: list[Event] = Field(default_factory=list)
    casualty_claims: list[CasualtyClaim] = Field(default_factory=list)
    control_claims: list[ControlClaim] = Field(default_factory=list)
    sources_cited: list[str] = Field(default_factory=list)
    extractor_version: str = ""

    def to_json_dict(self) -> dict[str, object]:
        """The contract's JSON shape (``from`` spelt as in the contract)."""
        return self.model_dump(mode="json", by_alias=True)
