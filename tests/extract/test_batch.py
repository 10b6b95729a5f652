"""Batch extraction: broken lines become error items; the lines around them still run."""

from __future__ import annotations

import json
from pathlib import Path

from observatory.extract.batch import extract_jsonl


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_broken_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    good = {
        "id": "r1",
        "text": "Gunmen shot dead a trader in Kano on Sunday.",
        "published": "2021-03-08",
    }
    path = _write(
        tmp_path,
        [
            json.dumps(good),
            '{"id": "r2", "text": ""}',
            "{not json",
            json.dumps(
                {"id": "r4", "text": "Soldiers clashed with rebels.", "published": "2021-02-30"}
            ),
            "",
            json.dumps({**good, "id": "r6"}),
        ],
    )
    items = list(extract_jsonl(path))
    assert [i.id for i in items] == ["r1", "r2", None, "r4", "r6"]
    assert [i.error.code if i.error else None for i in items] == [
        None,
        "E101",
        "E106",
        "E105",
        None,
    ]
    assert items[0].result is not None and items[0].result.events
    assert items[4].result is not None and items[4].result.events
    assert items[3].error is not None and "2021-02-30" in items[3].error.message
    assert all(i.where.endswith(f":{n}") for i, n in zip(items, [1, 2, 3, 4, 6], strict=True))


def test_error_line_names_its_id_and_code(tmp_path: Path) -> None:
    path = _write(tmp_path, ['{"id": 7, "text": "\\u0000\\u0000"}'])
    (item,) = extract_jsonl(path)
    line = item.to_json_dict()
    assert line["id"] == "7"
    assert isinstance(line["error"], dict) and line["error"]["code"].startswith("E1")


def test_defaults_fill_in_for_records_without_their_own(tmp_path: Path) -> None:
    import datetime as dt

    path = _write(tmp_path, [json.dumps({"id": "x", "text": "Rebels shelled the town on Friday."})])
    (item,) = extract_jsonl(path, published=dt.date(2021, 3, 8), source="Reuters")
    assert item.result is not None
    assert str(item.result.report.published) == "2021-03-08"
    assert item.result.report.source == "Reuters"
