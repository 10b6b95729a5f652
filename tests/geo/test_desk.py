"""The desk's places: validation before writing, storage, and winning in the index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.geo.conftest import CustomIndex

from observatory.cli import main
from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    GazetteerError,
    InvalidRecordError,
)
from observatory.geo.desk import add_places, load_desk_places, read_places_csv
from observatory.geo.gazetteer import Gazetteer
from observatory.geo.toponyms import find_toponyms

HEADER = "name,lat,lon,country,admin1,kind,aliases,place_id\n"
GOOD = HEADER + (
    "Zqarat One,36.40,40.95,SY,Al-Hasakah,village,Zqara 1|زقارة,\n"
    "Zqarat Two,36.41,40.96,sy,,site,,\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_add_and_list(tmp_path: Path) -> None:
    result = add_places(write(tmp_path / "in.csv", GOOD), home=tmp_path)
    assert (result.added, result.attached, result.duplicates, result.total) == (2, 0, 0, 2)
    stored = load_desk_places(tmp_path / "desk_places.csv")
    assert [p.place_id for p in stored] == ["desk:sy-zqarat-one", "desk:sy-zqarat-two"]
    assert stored[0].aliases == ("Zqara 1", "زقارة")
    assert stored[1].country == "SY" and stored[1].kind == "site"
    # the same file again: nothing new; a same-named place elsewhere gets its own id
    again = add_places(tmp_path / "in.csv", home=tmp_path)
    assert (again.added, again.duplicates, again.total) == (0, 2, 2)
    other = write(tmp_path / "other.csv", HEADER + "Zqarat One,35.0,38.0,SY,,village,,\n")
    add_places(other, home=tmp_path)
    assert load_desk_places(tmp_path / "desk_places.csv")[-1].place_id == "desk:sy-zqarat-one-2"


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        ("Zq,91.0,40.0,SY,,village,,", "lat '91.0' is outside -90..90"),
        ("Zq,36.0,east,SY,,village,,", "lon 'east' is not a number"),
        ("Zq,36.0,40.0,Syria,,village,,", "bad country 'Syria'"),
        (",36.0,40.0,SY,,village,,", "empty name"),
        ("Zq,36.0,40.0,SY,,hamlet,,", "unknown kind 'hamlet'"),
        ("Zq,,,SY,,village,,", "lat and lon are required"),
        (",,,,,,,geonames:165509", "no name or aliases"),
        ("Zq,36.0,40.0,SY,,village,,,extra", "more fields than the header"),
    ],
)
def test_a_bad_row_writes_nothing(tmp_path: Path, row: str, needle: str) -> None:
    add_places(write(tmp_path / "first.csv", GOOD), home=tmp_path)
    stored = tmp_path / "desk_places.csv"
    before = stored.read_bytes()
    bad = write(tmp_path / "bad.csv", GOOD + row + "\n")
    with pytest.raises(InvalidRecordError) as info:
        add_places(bad, home=tmp_path)
    message = str(info.value)
    assert f"{bad}, line 4" in message and needle in message
    assert stored.read_bytes() == before


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_places_csv(write(tmp_path / "empty.csv", ""))
    with pytest.raises(EmptyInputError, match="only a header"):
        read_places_csv(write(tmp_path / "header.csv", HEADER))
    with pytest.raises(InvalidRecordError, match="missing column.*kind"):
        read_places_csv(write(tmp_path / "cols.csv", "name,lat,lon,country\nZq,1,2,SY\n"))
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"name\x00lat")
    with pytest.raises(BinaryInputError):
        read_places_csv(binary)


def test_unknown_place_id_is_refused(tmp_path: Path) -> None:
    src = write(tmp_path / "a.csv", HEADER + ",,,,,,Zq Alias,geonames:1\n")
    with pytest.raises(InvalidRecordError, match="unknown place_id 'geonames:1'"):
        add_places(src, home=tmp_path, known=lambda pid: False)
    assert not (tmp_path / "desk_places.csv").exists()
    result = add_places(src, home=tmp_path, known=lambda pid: pid == "geonames:1")
    assert result.attached == 1
    # an alias for a desk place added in the same file needs no gazetteer
    both = write(
        tmp_path / "b.csv",
        HEADER + "Zqarat Nine,36,40,SY,,village,,\n,,,,,,Zq9,desk:sy-zqarat-nine\n",
    )
    assert add_places(both, home=tmp_path).attached == 1


def test_broken_desk_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    write(tmp_path / "desk_places.csv", HEADER + "Zq,north,40,SY,,village,,\n")
    with pytest.raises(GazetteerError, match="desk places file is broken"):
        load_desk_places(tmp_path / "desk_places.csv")


def test_cli_add_bad_file_and_list(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"OBSERVATORY_HOME": str(tmp_path)}
    bad = write(tmp_path / "bad.csv", HEADER + "Zq,36,40,SY,,castle,,\n")
    result = runner.invoke(main, ["places", "add", str(bad), "--no-build"], env=env)
    assert result.exit_code == 2
    assert "line 2" in result.output and "castle" in result.output
    good = write(tmp_path / "good.csv", GOOD)
    result = runner.invoke(main, ["places", "add", str(good), "--no-build"], env=env)
    assert result.exit_code == 0, result.output
    assert "2 new place(s)" in result.output
    listed = runner.invoke(main, ["places", "list", "--json"], env=env)
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["name"] for r in rows] == ["Zqarat One", "Zqarat Two"]
    plain = runner.invoke(main, ["places", "list"], env=env)
    assert "desk:sy-zqarat-one  Zqarat One (village, Al-Hasakah, SY)" in plain.output


def test_desk_places_win_in_the_index(custom: CustomIndex) -> None:
    gaz = custom.gaz
    camp = gaz.lookup("Zqamp Desk")
    assert camp and camp[0].place_id == "desk:sy-zqarat-desk-camp"
    assert camp[0].kind == "site" and camp[0].admin1 == "Al-Hasakah"
    assert gaz.lookup("مخيم زقارة")[0].place_id == "desk:sy-zqarat-desk-camp"
    # "Tal Ahmar" names many villages; the desk's one comes first
    tal_ahmar = gaz.lookup("Tell Ahmar")
    assert len(tal_ahmar) > 1 and tal_ahmar[0].place_id == "desk:sy-tal-ahmar"
    # aliases attached to a GeoNames place and to a pack place
    assert gaz.lookup("Ras Zqayn")[0].place_id == "geonames:165509"
    assert gaz.lookup("Zqubbat North")[0].place_id == "wof:2000000001"
    assert gaz.info().desk_places == 4
    tops = find_toponyms("Shelling hit Tal Ahmar and Ras Zqayn on Sunday.", gaz)
    assert [t.place.place_id for t in tops] == ["desk:sy-tal-ahmar", "geonames:165509"]


def test_default_index_untouched_by_custom(custom: CustomIndex) -> None:
    """The custom index lives in its own home; the places CLI wrote nothing elsewhere."""
    assert (custom.home / "desk_places.csv").exists()
    assert sorted(p.name for p in (custom.home / "packs").iterdir()) == [
        "geonames-SY.json", "geonames-SY.tsv", "wof-wof.json", "wof-wof.tsv",
    ]


def test_places_add_overlays_the_built_index(custom: CustomIndex, tmp_path: Path) -> None:
    """With every id already in the index, ``places add`` updates it in place (no rebuild)
    and the desk's names win over the alias table and over earlier desk rows' order."""
    home = tmp_path / "home"
    shutil.copytree(custom.home, home)
    env = {"OBSERVATORY_HOME": str(home)}
    src = write(
        tmp_path / "more.csv",
        HEADER
        + "Tal Tamr Zq Camp,36.70,40.40,SY,Al-Hasakah,site,Tell Tamer,\n"
        + "Tal Ahmar,36.20,40.10,SY,Al-Hasakah,village,,\n"
        + ",,,,,,Zqadi Junction,geonames:172837\n",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["places", "add", str(src)], env=env)
    assert result.exit_code == 0, result.output
    assert "gazetteer: overlay of" in result.output
    gaz = Gazetteer.open(home / custom.gaz.path.name, build_if_missing=False)
    camp = gaz.lookup("Tell Tamer")
    assert camp[0].place_id == "desk:sy-tal-tamr-zq-camp"
    assert any(p.place_id == "geonames:163434" for p in camp[1:])  # the town is still there
    assert gaz.lookup("Zqadi Junction")[0].place_id == "geonames:172837"
    ahmar = [p.place_id for p in gaz.lookup("Tal Ahmar")[:2]]
    assert sorted(ahmar) == ["desk:sy-tal-ahmar", "desk:sy-tal-ahmar-2"]
    info = gaz.info()
    assert info.desk_places == 7 and info.by_source["desk"] == 4
    # the earlier index content is intact
    assert gaz.lookup("Zqubbat North")[0].place_id == "wof:2000000001"
    assert gaz.lookup("Hassakeh")[0].place_id == "geonames:173811"
    gaz.close()


def test_overlay_takes_rows_stored_with_no_build(custom: CustomIndex, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(custom.home, home)
    env = {"OBSERVATORY_HOME": str(home)}
    runner = CliRunner()
    first = write(
        tmp_path / "a.csv",
        HEADER + ",,,,,,Zqalias Late,desk:sy-zqarat-late\nZqarat Late,36.3,40.3,SY,,village,,\n",
    )
    result = runner.invoke(main, ["places", "add", str(first), "--no-build"], env=env)
    assert result.exit_code == 0, result.output
    second = write(tmp_path / "b.csv", GOOD)
    result = runner.invoke(main, ["places", "add", str(second)], env=env)
    assert result.exit_code == 0 and "overlay" in result.output, result.output
    gaz = Gazetteer.open(home / custom.gaz.path.name, build_if_missing=False)
    assert gaz.lookup("Zqalias Late")[0].place_id == "desk:sy-zqarat-late"
    assert gaz.lookup("Zqara 1") == [] and gaz.lookup("Zqarat One")  # digits: never indexed
    assert gaz.info().desk_places == 8
    gaz.close()
