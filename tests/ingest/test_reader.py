from pathlib import Path

import pytest

from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputNotFoundError,
    InputTooLargeError,
    InvalidRecordError,
)
from observatory.ingest.reader import decode_report_bytes, iter_jsonl, read_report_file


def test_reads_utf8_with_and_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeffClashes in Idlib.".encode())
    assert read_report_file(path) == "Clashes in Idlib."


def test_utf16_with_bom_is_decoded() -> None:
    assert decode_report_bytes("Shelling in Hama.".encode("utf-16")) == "Shelling in Hama."


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b"  \n\t \n", EmptyInputError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "binary"),
        ("Frappe à Alep".encode("latin-1"), EncodingError, "UTF-8"),
    ],
)
def test_bad_bytes_give_named_errors(tmp_path: Path, data: bytes, error: type, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_report_file(path)
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(InputTooLargeError, match="limit"):
        read_report_file(path, max_bytes=1024)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no such file"):
        read_report_file(tmp_path / "nope.txt")
    with pytest.raises(InputNotFoundError, match="not a regular file"):
        read_report_file(tmp_path)


def test_jsonl_records_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": 1, "text": "a"}\n\n{"id": "b", "text": "c", "published": "2020-01-02"}\n'
    )
    records = list(iter_jsonl(path))
    assert [(r.id, r.published) for r in records] == [("1", None), ("b", "2020-01-02")]
    path.write_text('{"id": 1, "text": "a"}\n{"id": 2}\n')
    with pytest.raises(InvalidRecordError, match=r"in.jsonl:2: field 'text'"):
        list(iter_jsonl(path))
    path.write_text("not json\n")
    with pytest.raises(InvalidRecordError, match="not valid JSON"):
        list(iter_jsonl(path))
