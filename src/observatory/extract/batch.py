"""Batch extraction over a JSON Lines file: one report in, one result (or error) out a line.

Input: a path to JSON Lines records (``id``, ``text``, ``published``, ``source``, ``url``).
Output: :class:`BatchItem` per non-blank line, in file order. A broken line (bad JSON, a
missing field, a date that does not exist, an empty text) becomes an item carrying its
error; the lines around it are still extracted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from observatory.errors import InputError
from observatory.extract.pipeline import Extractor, default_extractor
from observatory.ingest.reader import iter_jsonl_lines
from observatory.models import ExtractionResult

__all__ = ["BatchItem", "extract_jsonl"]


@dataclass(frozen=True, slots=True)
class BatchItem:
    """The outcome of one line: a result, or the error that line produced."""

    where: str
    id: str | None
    result: ExtractionResult | None
    error: InputError | None

    def to_json_dict(self) -> dict[str, object]:
        """One output line: ``{"id", ...result}`` or ``{"id", "error": {code, message}}``."""
        if self.result is not None:
            return {"id": self.id, **self.result.to_json_dict()}
        assert self.error is not None
        return {
            "id": self.id,
            "error": {"code": self.error.code, "message": self.error.message},
        }


def extract_jsonl(
    path: Path,
    *,
    extractor: Extractor | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Iterator[BatchItem]:
    """Extract every report of a JSON Lines file; ``published``, ``source`` and ``url``
    fill in for records that do not carry their own."""
    engine = extractor or default_extractor()
    for where, item in iter_jsonl_lines(path):
        if isinstance(item, InputError):
            yield BatchItem(where, None, None, item)
            continue
        try:
            result = engine.extract(
                item.text,
                published=item.published or published,
                source=item.source or source,
                url=item.url or url,
            )
        except InputError as exc:
            yield BatchItem(where, item.id, None, type(exc)(f"{where}: {exc.message}"))
            continue
        yield BatchItem(where, item.id, result, None)
