"""Readable plain-text rendering of an extraction result (``--format table``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor(value: object) -> str:
    if isinstance(value, Mapping):
        return str(value.get("name", ""))
    return ""


def _place(value: object) -> str:
    if isinstance(value, Mapping):
        name = value.get("name", "")
        precision = value.get("geo_precision")
        return f"{name} (p{precision})" if precision is not None else str(name)
    return ""


def _when(event: Mapping[str, object]) -> str:
    if event.get("date"):
        return str(event["date"])
    start, end = event.get("date_start"), event.get("date_end")
    if start and end:
        return f"{start}..{end}"
    if end:
        return f"..{end}"
    return "?"


def render_table(result: Mapping[str, object]) -> str:
    """Render the contract's JSON dict as a few aligned text tables."""
    lines: list[str] = []
    events = result.get("events")
    columns = [
        ("#", 3),
        ("type", 28),
        ("date", 23),
        ("actor1", 26),
        ("actor2", 24),
        ("place", 22),
        ("dead", 5),
        ("claimed by", 18),
    ]
    lines.append("  ".join(_cell(name, width).ljust(width) for name, width in columns))
    if isinstance(events, Sequence):
        for number, event in enumerate(events, start=1):
            if not isinstance(event, Mapping):
                continue
            row = [
                str(number),
                f"{event.get('sub_event_type')}",
                _when(event),
                _actor(event.get("actor1")),
                _actor(event.get("actor2")),
                _place(event.get("location")),
                "" if event.get("fatalities") is None else str(event.get("fatalities")),
                ", ".join(str(s) for s in event.get("claimed_by") or []),
            ]
            lines.append(
                "  ".join(_cell(v, w).ljust(w) for v, (_, w) in zip(row, columns, strict=True))
            )
    claims = result.get("casualty_claims")
    if isinstance(claims, Sequence) and claims:
        lines.append("")
        lines.append("casualty claims:")
        for claim in claims:
            if isinstance(claim, Mapping):
                part = f" part of {claim['part_of']}" if claim.get("part_of") else ""
                lines.append(
                    f"  {claim.get('id')}: {claim.get('qualifier')} {claim.get('killed')} killed,"
                    f" {claim.get('group')}{part}"
                )
    control = result.get("control_claims")
    if isinstance(control, Sequence) and control:
        lines.append("")
        lines.append("control claims:")
        for claim in control:
            if isinstance(claim, Mapping):
                place = claim.get("place")
                name = place.get("name") if isinstance(place, Mapping) else place
                who = ", ".join(str(c) for c in claim.get("controllers") or [])
                lines.append(f"  {name}: {claim.get('kind')} by {who} (as of {claim.get('as_of')})")
    cited = result.get("sources_cited")
    if isinstance(cited, Sequence) and cited:
        lines.append("")
        lines.append("sources cited: " + ", ".join(str(s) for s in cited))
    report = result.get("report")
    if isinstance(report, Mapping) and report.get("removed_lines"):
        lines.append("removed lines: " + " | ".join(str(x) for x in report["removed_lines"]))
    return "\n".join(lines)
