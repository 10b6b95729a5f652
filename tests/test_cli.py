"""The CLI: bad input gives one line naming the problem, exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from observatory.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "E101", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff", "E102", "binary"),
        ("Combats \u00e0 Alep".encode("latin-1"), "E103", "UTF-8"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, code: str, words: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    exit_code, out, err = _run("extract", str(path))
    assert exit_code == 2
    assert out == ""
    assert err.count("\n") == 1 and code in err and words in err and "report.txt" in err


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    exit_code, _, err = _run("extract", str(path))
    assert exit_code == 2
    assert "E104" in err and "huge.txt" in err and "limit" in err


@pytest.mark.parametrize("value", ["yesterday", "2015-02-30", "2015-13-01", "08/06/2015x"])
def test_unknown_or_impossible_dates(tmp_path: Path, value: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Clashes broke out in Idlib on Friday.")
    exit_code, _, err = _run("extract", str(path), "--published", value)
    assert exit_code == 2
    assert "E105" in err and value in err and err.count("\n") == 1


def test_missing_file() -> None:
    exit_code, _, err = _run("extract", "does-not-exist.txt")
    assert exit_code == 2 and "E107" in err and "does-not-exist.txt" in err


def test_file_and_jsonl_are_exclusive(tmp_path: Path) -> None:
    exit_code, _, err = _run("extract")
    assert exit_code == 2 and "either FILE or --jsonl" in err


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    exe = Path(sys.executable).parent / "observatory"
    proc = subprocess.run(
        [str(exe), "extract", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("observatory: error: [E101]")


def test_extract_json_and_jsonl(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "On Friday, rebels clashed with government forces in Idlib, the Syrian Observatory said.\n"
        "Share this article\n"
    )
    exit_code, out, _ = _run(
        "extract", str(report), "--published", "2020-02-10", "--source", "Example"
    )
    assert exit_code == 0
    payload = json.loads(out)
    assert payload["report"]["published"] == "2020-02-10"
    assert payload["report"]["removed_lines"] == ["Share this article"]
    assert payload["events"][0]["event_type"] == "Battles"
    assert payload["events"][0]["date"] == "2020-02-07"
    assert payload["sources_cited"] == ["SOHR"]
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": report.read_text(), "published": "2020-02-10"})
        + "\n"
        + json.dumps(
            {"id": "b", "text": "Police arrested two men in Aleppo.", "published": "2020-02-11"}
        )
        + "\n"
    )
    exit_code, out, _ = _run("extract", "--jsonl", str(lines))
    assert exit_code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[1]["events"][0]["sub_event_type"] == "Arrests"


def test_table_format(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Warplanes struck the town of Saraqib on Monday, killing four civilians.")
    exit_code, out, _ = _run(
        "extract", str(report), "--published", "2020-02-12", "--format", "table"
    )
    assert exit_code == 0
    assert "Air/drone strike" in out and "Saraqib" in out and "2020-02-10" in out
