"""The example reports bundled with the package (written for the project; fictional)."""

from __future__ import annotations

from importlib import resources

from observatory.ingest.reader import ReportRecord, parse_record


def bundled_reports() -> list[ReportRecord]:
    """The bundled example reports, in file order."""
    raw = resources.files("observatory.data.examples").joinpath("reports.jsonl").read_text("utf-8")
    return [
        parse_record(line, where=f"reports.jsonl:{number}")
        for number, line in enumerate(raw.splitlines(), start=1)
        if line.strip()
    ]
