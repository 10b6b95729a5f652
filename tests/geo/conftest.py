"""Shared fixtures: one gazetteer per test session (built on first use, then cached), and
one index built in a temporary home with imported packs and desk places."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from observatory.cli import main
from observatory.geo.gazetteer import Gazetteer, default_gazetteer_path


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default gazetteer, built into $OBSERVATORY_HOME (or ~/.cache) if missing."""
    return Gazetteer.open(default_gazetteer_path())


# Tiny pack files written for the tests; all invented names start with "Zq" so that they
# cannot collide with a real place.
GEONAMES_ROWS = [
    # a new village in al-Hasakah (admin1 code 01)
    ["990000001", "Zqarat Tahta", "Zqarat Tahta", "Zqarat al-Tahta,Zqara Tehtani",
     "36.61", "40.52", "P", "PPL", "SY", "", "01", "", "", "", "0", "", "350",
     "Asia/Damascus", "2024-01-01"],
    # an existing town (Ras al-Ayn) gaining an alternate name
    ["165509", "Ra's al 'Ayn", "Ras al `Ayn", "Zqaniye Sor", "36.85034", "40.07055", "P",
     "PPL", "SY", "", "01", "", "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"],
    # not a populated place, and an abandoned one: both skipped
    ["990000002", "Zqal Mountain", "Zqal Mountain", "", "36.7", "40.6", "T", "MT", "SY",
     "", "01", "", "", "", "0", "", "600", "Asia/Damascus", "2024-01-01"],
    ["990000003", "Zqarat Old", "Zqarat Old", "", "36.7", "40.6", "P", "PPLQ", "SY", "",
     "01", "", "", "", "0", "", "600", "Asia/Damascus", "2024-01-01"],
]

WOF_HEADER = "id\tname\tlatitude\tlongitude\tplacetype\tcountry\tdeprecated\tsuperseded_by"
WOF_ROWS = [
    "2000000001\tZqubbat Shamali\t36.72\t40.91\tlocality\tSY\t\t",
    "2000000002\tZqubbat Deprecated\t36.73\t40.92\tlocality\tSY\t2020-01-01\t",
    "2000000003\tZqubbat Superseded\t36.74\t40.93\tlocality\tSY\t\t2000000001",
    "2000000004\tZqubbat County\t36.75\t40.94\tcounty\tSY\t\t",
]

DESK_CSV = """name,lat,lon,country,admin1,kind,aliases,place_id
Zqarat Desk Camp,36.40,40.95,SY,Al-Hasakah,site,Zqamp Desk|مخيم زقارة,
Tal Ahmar,36.55,40.62,SY,Al-Hasakah,village,,
,,,,,,Zqaniye Town|Ras Zqayn,geonames:165509
Zqubbat North,,,,,,,wof:2000000001
"""


def write_geonames(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_wof(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class CustomIndex:
    """An index built in ``home`` with two packs and the desk places above."""

    home: Path
    gaz: Gazetteer
    outputs: tuple[str, ...]


@pytest.fixture(scope="session")
def custom(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> CustomIndex:
    """Import both packs and add desk places through the CLI, rebuilding once."""
    home = tmp_path_factory.mktemp("obs-home")
    files = tmp_path_factory.mktemp("obs-files")
    # start from a copy of the default index so that desk rows can be checked against it
    shutil.copy(gaz.path, home / gaz.path.name)
    env = {"OBSERVATORY_HOME": str(home)}
    runner = CliRunner()
    outputs = []
    for args in (
        ["gazetteer", "import", str(write_geonames(files / "SY.txt", GEONAMES_ROWS)),
         "--format", "geonames", "--no-build"],
        ["gazetteer", "import", str(write_wof(files / "wof.tsv", WOF_HEADER, WOF_ROWS)),
         "--format", "wof", "--no-build"],
    ):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    desk = files / "desk.csv"
    desk.write_text(DESK_CSV, encoding="utf-8")
    result = runner.invoke(main, ["places", "add", str(desk)], env=env)
    assert result.exit_code == 0, result.output
    outputs.append(result.output)
    index = Gazetteer.open(home / gaz.path.name, build_if_missing=False)
    return CustomIndex(home=home, gaz=index, outputs=tuple(outputs))
