"""Turn bytes a user hands us into report text, or a clear error.

Checks, in order: the path exists and is a file, the size is under the limit,
the content is not empty, not binary, and decodes as UTF-8 (with or without a
byte-order mark) or as UTF-16 when it carries a UTF-16 byte-order mark.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    InvalidRecordError,
)

#: Largest report file we accept (10 MiB). A news article is a few tens of KB;
#: anything this large is a dump, not a report.
MAX_REPORT_BYTES = 10 * 1024 * 1024

#: Largest JSON Lines file we accept (2 GiB, streamed line by line).
MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024

_CONTROL_BYTES = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32))


def decode_report_bytes(data: bytes, *, name: str = "<input>") -> str:
    """Decode report bytes to text, refusing empty, binary or non-UTF-8 input."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{name}: invalid UTF-16 text ({exc.reason})") from exc
    else:
        if b"\x00" in data[:8192]:
            raise BinaryInputError(f"{name}: binary content (NUL bytes), not a text report")
        sample = data[:8192]
        controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
        if sample and controls / len(sample) > 0.05:
            raise BinaryInputError(f"{name}: binary content (control bytes), not a text report")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start});"
                " convert the file to UTF-8"
            ) from exc
    if not text.strip():
        raise EmptyInputError(f"{name}: empty report (no text)")
    return text


def read_report_file(path: Path, *, max_bytes: int = MAX_REPORT_BYTES) -> str:
    """Read one report file as text, with every check of :func:`decode_report_bytes`."""
    check_user_file(path, max_bytes=max_bytes, what=" for one report")
    return decode_report_bytes(path.read_bytes(), name=str(path))


def check_user_file(path: Path, *, max_bytes: int, what: str = "") -> None:
    """Refuse a missing, non-regular, too large or empty file, naming it."""
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if not path.is_file():
        raise InputNotFoundError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit{what}"
        )
    if size == 0:
        raise EmptyInputError(f"{path}: empty file")


def read_file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a user's file, refusing a missing, empty or too large one."""
    check_user_file(path, max_bytes=max_bytes)
    return path.read_bytes()


def decode_data_text(data: bytes, *, name: str, what: str) -> str:
    """Decode a data file's bytes (CSV, TSV), refusing blank, binary and non-UTF-8 input;
    ``what`` names the kind of file in the messages ("a CSV file")."""
    if not data.strip():
        raise EmptyInputError(f"{name}: empty file")
    if b"\x00" in data[:65536]:
        raise BinaryInputError(f"{name}: binary content (NUL bytes), not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{name}: not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from exc


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One report of a JSON Lines file."""

    id: str
    text: str
    published: str | None = None
    source: str | None = None
    url: str | None = None


def _optional_str(obj: dict[str, object], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRecordError(f"{where}: field {key!r} must be a string")
    return value


def parse_json_object(line: str, *, where: str) -> dict[str, Any]:
    """One JSON Lines line as a JSON object."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InvalidRecordError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict):
        raise InvalidRecordError(f"{where}: a record must be a JSON object")
    return obj


def record_from_object(obj: dict[str, Any], *, where: str) -> ReportRecord:
    """A report record (``id``, ``text``, ``published``, ``source``, ``url``) from a JSON object."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise InvalidRecordError(f"{where}: field 'text' is missing or not a string")
    rid = obj.get("id")
    if rid is None:
        raise InvalidRecordError(f"{where}: field 'id' is missing")
    if not isinstance(rid, str | int):
        raise InvalidRecordError(f"{where}: field 'id' must be a string or a number")
    return ReportRecord(
        id=str(rid),
        text=text,
        published=_optional_str(obj, "published", where),
        source=_optional_str(obj, "source", where),
        url=_optional_str(obj, "url", where),
    )


def parse_record(line: str, *, where: str) -> ReportRecord:
    """Parse one JSON Lines record (``id``, ``text``, ``published``, ``source``, ``url``)."""
    return record_from_object(parse_json_object(line, where=where), where=where)


def iter_jsonl_objects(
    path: Path, *, max_bytes: int = MAX_JSONL_BYTES
) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """Yield ``("path:line", JSON object or the error of that line)`` per non-blank line.

    A broken line (not UTF-8, not JSON, not an object) does not stop the file: the caller
    decides what to do with it. Problems with the file itself (missing, empty, too large)
    raise at once. The file is streamed, never read whole.
    """
    check_user_file(path, max_bytes=max_bytes)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield where, EncodingError(f"{where}: not valid UTF-8 (offset {exc.start})")
                continue
            if not line.strip():
                continue
            try:
                yield where, parse_json_object(line, where=where)
            except InputError as exc:
                yield where, exc


def iter_jsonl_lines(
    path: Path, *, max_bytes: int = MAX_JSONL_BYTES
) -> Iterator[tuple[str, ReportRecord | InputError]]:
    """Yield ``("path:line", report record or the error of that line)``; see
    :func:`iter_jsonl_objects`."""
    for where, item in iter_jsonl_objects(path, max_bytes=max_bytes):
        if isinstance(item, InputError):
            yield where, item
            continue
        try:
            yield where, record_from_object(item, where=where)
        except InputError as exc:
            yield where, exc


def iter_jsonl(path: Path, *, max_bytes: int = MAX_JSONL_BYTES) -> Iterator[ReportRecord]:
    """Yield the records of a JSON Lines file, raising at the first broken line."""
    for _where, item in iter_jsonl_lines(path, max_bytes=max_bytes):
        if isinstance(item, InputError):
            raise item
        yield item
