"""Importing GeoNames and Who's On First packs: validation, storage, use in the index."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.geo.conftest import (
    GEONAMES_ROWS,
    WOF_HEADER,
    WOF_ROWS,
    CustomIndex,
    write_geonames,
    write_wof,
)

from observatory.cli import main
from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputNotFoundError,
    InvalidRecordError,
)
from observatory.geo.packs import import_pack, list_packs, read_pack


def test_geonames_dump_keeps_populated_places(tmp_path: Path) -> None:
    src = write_geonames(tmp_path / "SY.txt", GEONAMES_ROWS)
    info = import_pack(src, "geonames", home=tmp_path)
    assert (info.name, info.rows, info.skipped) == ("geonames-SY", 2, 2)
    rows = {r.place_id: r for r in read_pack(Path(info.path))}
    assert set(rows) == {"geonames:990000001", "geonames:165509"}
    new = rows["geonames:990000001"]
    assert (new.country, new.admin1, new.lat, new.lon) == ("SY", "SY.01", 36.61, 40.52)
    assert "Zqarat al-Tahta" in new.names
    assert [p.name for p in list_packs(tmp_path)] == ["geonames-SY"]


def test_geonames_dump_inside_zip(tmp_path: Path) -> None:
    txt = write_geonames(tmp_path / "SY.txt", GEONAMES_ROWS)
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(txt, "SY.txt")
        zf.writestr("readme.txt", "GeoNames readme")
    info = import_pack(archive, "geonames", home=tmp_path / "home")
    assert info.rows == 2


def test_wof_drops_deprecated_superseded_and_admin_rows(tmp_path: Path) -> None:
    src = write_wof(tmp_path / "wof.tsv", WOF_HEADER, WOF_ROWS)
    info = import_pack(src, "wof", home=tmp_path)
    assert (info.rows, info.skipped) == (1, 3)
    (row,) = read_pack(Path(info.path))
    assert (row.place_id, row.name) == ("wof:2000000001", "Zqubbat Shamali")


def test_wof_csv_with_short_column_names(tmp_path: Path) -> None:
    src = tmp_path / "places.csv"
    src.write_text(
        "wof_id,name,lat,lon,placetype,country,geonameid,population\n"
        "2000000009,Zqurdiyah,36.1,40.2,locality,SY,990000009,1200\n",
        encoding="utf-8",
    )
    info = import_pack(src, "wof", home=tmp_path)
    (row,) = read_pack(Path(info.path))
    assert (row.place_id, row.population) == ("geonames:990000009", 1200)


@pytest.mark.parametrize(
    ("content", "fmt", "error", "needle"),
    [
        (b"", "geonames", EmptyInputError, "empty file"),
        (b"\n\n", "wof", EmptyInputError, "empty file"),
        (b"\x00\x01\x02binary\x00", "geonames", BinaryInputError, "binary"),
        (b"id\tname\n\xff\xfe bad", "wof", EncodingError, "not UTF-8"),
        (b"1\tZq\t36.0\t40.0\n", "geonames", InvalidRecordError, "1: 4 tab-separated columns"),
        (b"id,name,placetype\n1,Zq,locality\n", "wof", InvalidRecordError, "missing column"),
    ],
)
def test_bad_files_are_refused(
    tmp_path: Path, content: bytes, fmt: str, error: type[Exception], needle: str
) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    with pytest.raises(error) as info:
        import_pack(src, fmt, home=tmp_path)
    assert needle in str(info.value)
    assert str(src) in str(info.value)
    assert not (tmp_path / "packs").exists() or not list((tmp_path / "packs").iterdir())


def test_bad_coordinates_name_the_line(tmp_path: Path) -> None:
    rows = [list(r) for r in GEONAMES_ROWS]
    rows[1][4] = "136.85"
    src = write_geonames(tmp_path / "SY.txt", rows)
    with pytest.raises(InvalidRecordError, match=r"SY\.txt:2: bad coordinates '136\.85'"):
        import_pack(src, "geonames", home=tmp_path)
    bad_wof = write_wof(
        tmp_path / "w.tsv", WOF_HEADER, ["2000000001\tZqubbat\tnorth\t40.9\tlocality\tSY\t\t"]
    )
    with pytest.raises(InvalidRecordError, match=r"w\.tsv:2: bad coordinates 'north'"):
        import_pack(bad_wof, "wof", home=tmp_path)


def test_failed_import_keeps_the_stored_pack(tmp_path: Path) -> None:
    good = write_geonames(tmp_path / "SY.txt", GEONAMES_ROWS)
    info = import_pack(good, "geonames", home=tmp_path)
    before = Path(info.path).read_bytes()
    rows = [list(r) for r in GEONAMES_ROWS]
    rows[0][8] = "Syria"
    write_geonames(good, rows)
    with pytest.raises(InvalidRecordError, match="bad country code 'Syria'"):
        import_pack(good, "geonames", home=tmp_path)
    assert Path(info.path).read_bytes() == before


def test_zip_with_two_data_files(tmp_path: Path) -> None:
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("SY.txt", "x")
        zf.writestr("IQ.txt", "y")
    with pytest.raises(InvalidRecordError, match="expected one"):
        import_pack(archive, "geonames", home=tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        import_pack(tmp_path / "nope.txt", "wof", home=tmp_path)


def test_cli_import_error_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "bin.txt"
    src.write_bytes(b"\x00" * 10)
    result = CliRunner().invoke(
        main, ["gazetteer", "import", str(src), "--format", "geonames", "--no-build"],
        env={"OBSERVATORY_HOME": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "[E102]" in result.output


def test_packs_are_in_the_built_index(custom: CustomIndex) -> None:
    gaz = custom.gaz
    new = gaz.lookup("Zqarat al-Tahta")
    assert new and new[0].place_id == "geonames:990000001"
    assert new[0].admin1 == "Al-Hasakah"
    # an alternate name added to a place the index already had
    assert gaz.lookup("Zqaniye Sor")[0].place_id == "geonames:165509"
    assert gaz.lookup("Zqubbat Shamali")[0].place_id == "wof:2000000001"
    assert not gaz.lookup("Zqubbat Deprecated")
    assert not gaz.lookup("Zqubbat Superseded")
    info = gaz.info()
    assert info.packs == {"geonames-SY": 2, "wof-wof": 1}
    assert info.by_source["pack:geonames-SY"] == 1  # the other row merged into GeoNames
    assert info.bytes > 1_000_000 and info.build_seconds > 0
    assert "imported packs: geonames-SY (2 rows), wof-wof (1 rows)" in info.describe()


def test_cli_info_reports_packs_desk_and_size(custom: CustomIndex) -> None:
    env = {"OBSERVATORY_HOME": str(custom.home)}
    result = CliRunner().invoke(main, ["gazetteer", "info", "--json"], env=env)
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["packs"] == {"geonames-SY": 2, "wof-wof": 1}
    assert info["desk_places"] == 4 and info["schema_version"] >= 1
    assert info["bytes"] > 1_000_000 and info["build_seconds"] > 0
    text = CliRunner().invoke(main, ["gazetteer", "info"], env=env).output
    for label in ("schema version:", "size on disk:", "imported packs:", "desk places:"):
        assert label in text
    assert "pack geonames-SY: 2 places stored" in custom.outputs[0]
