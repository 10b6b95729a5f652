"""Place packs a user brings: import, store, read back at build time.

Input: a GeoNames country dump (the tab-separated 19-column ``geoname`` table, e.g.
``SY.txt``, plain or inside a ``.zip``) or a Who's On First export (TSV or CSV with a
header: ``id``/``wof_id``, ``name``, ``latitude``/``lat``, ``longitude``/``lon``,
``placetype``, ``country``, optionally ``deprecated``, ``superseded_by``, ``geonameid``,
``population`` and name columns).  Output: a pack in ``$OBSERVATORY_HOME/packs/`` - one
``<name>.tsv`` in the common pack format (:data:`PACK_COLUMNS`) and a ``<name>.json``
describing it - which :func:`observatory.geo.index_build.build_index` includes in every
later build.

Every row is validated before anything is written; a bad file raises an
:class:`~observatory.errors.InputError` naming the file, the line and the problem, and
leaves existing packs untouched.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    InvalidRecordError,
)
from observatory.geo.paths import packs_dir
from observatory.ingest.reader import decode_data_text, read_file_bytes

__all__ = [
    "PACK_COLUMNS",
    "PACK_FORMATS",
    "PackInfo",
    "PackRow",
    "import_pack",
    "list_packs",
    "read_pack",
]

PACK_FORMATS = ("geonames", "wof")
PACK_COLUMNS = (
    "place_id",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "kind",
    "population",
    "names",
)
GEONAMES_COLUMNS = 19
MAX_PACK_BYTES = 2_000_000_000
# GeoNames feature codes of places that no longer exist (abandoned, historical, destroyed).
_GONE_CODES = frozenset({"PPLQ", "PPLH", "PPLW", "PPLCH", "HSTS"})
_WOF_KINDS = {
    "locality": "",
    "localadmin": "",
    "borough": "",
    "neighbourhood": "site",
    "microhood": "site",
    "macrohood": "site",
    "campus": "site",
}
_NAME_RE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class PackRow:
    """One place of a pack, in the common format.

    ``admin1`` is a GeoNames admin1 code ("SY.01") or None; ``kind`` is empty when the
    builder should derive it from the population; ``names`` are alternate names.
    """

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: str
    population: int
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PackInfo:
    """What a stored pack holds and where it came from."""

    name: str
    format: str
    source: str
    rows: int
    skipped: int
    imported_at: str
    path: str


# -- reading the user's file ---------------------------------------------------------------
def _read_text(path: Path) -> str:
    """The file's text (a .zip: its one data member), refusing empty and binary input."""
    data = read_file_bytes(path, max_bytes=MAX_PACK_BYTES)
    if data[:4] == b"PK\x03\x04":
        data = _zip_member(path, data)
    return decode_data_text(data, name=str(path), what="a text place list")


def _zip_member(path: Path, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [
                m
                for m in zf.infolist()
                if not m.is_dir()
                and m.filename.lower().endswith((".txt", ".tsv", ".csv"))
                and Path(m.filename).name.lower() not in ("readme.txt", "license.txt")
            ]
            if len(members) != 1:
                names = [m.filename for m in members] or "none"
                raise InvalidRecordError(
                    f"{path}: expected one .txt/.tsv/.csv data file in the zip, found {names}"
                )
            return zf.read(members[0])
    except zipfile.BadZipFile as exc:
        raise BinaryInputError(f"{path}: broken zip file ({exc})") from exc


def _coords(lat_s: str, lon_s: str, where: str) -> tuple[float, float]:
    try:
        lat, lon = float(lat_s), float(lon_s)
    except ValueError as exc:
        raise InvalidRecordError(
            f"{where}: bad coordinates {lat_s!r}, {lon_s!r} (not numbers)"
        ) from exc
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        raise InvalidRecordError(
            f"{where}: bad coordinates {lat_s!r}, {lon_s!r} (latitude must be within -90..90, "
            "longitude within -180..180)"
        )
    return lat, lon


def _population(raw: str, where: str) -> int:
    raw = raw.strip()
    if not raw:
        return 0
    try:
        pop = int(float(raw))
    except ValueError as exc:
        raise InvalidRecordError(f"{where}: bad population {raw!r}") from exc
    if pop < 0:
        raise InvalidRecordError(f"{where}: negative population {raw!r}")
    return pop


def _country(raw: str, where: str) -> str:
    code = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise InvalidRecordError(f"{where}: bad country code {raw!r} (want ISO alpha-2, e.g. SY)")
    return code


def parse_geonames(path: Path, text: str) -> tuple[list[PackRow], int]:
    """Rows of a GeoNames dump (populated places only); returns (rows, skipped)."""
    rows: list[PackRow] = []
    skipped = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{path}:{number}"
        if len(cols) != GEONAMES_COLUMNS:
            raise InvalidRecordError(
                f"{where}: {len(cols)} tab-separated columns, a GeoNames dump has "
                f"{GEONAMES_COLUMNS} (geonameid, name, asciiname, alternatenames, latitude, ...)"
            )
        gid, name, ascii_name, alternates = cols[0].strip(), cols[1].strip(), cols[2], cols[3]
        if not gid.isdigit():
            raise InvalidRecordError(f"{where}: geonameid {gid!r} is not a number")
        if not name:
            raise InvalidRecordError(f"{where}: empty name")
        lat, lon = _coords(cols[4], cols[5], where)
        country = _country(cols[8], where)
        pop = _population(cols[14], where)
        if cols[6] != "P" or cols[7] in _GONE_CODES:
            skipped += 1
            continue
        names = {ascii_name.strip()} | {
            a.strip() for a in alternates.split(",") if a.strip() and a.strip() != a.lower()
        }
        names.discard("")
        names.discard(name)
        admin1 = f"{country}.{cols[10].strip()}" if cols[10].strip() else None
        rows.append(
            PackRow(
                place_id=f"geonames:{gid}",
                name=name,
                lat=lat,
                lon=lon,
                country=country,
                admin1=admin1,
                kind="",
                population=pop,
                names=tuple(sorted(names)),
            )
        )
    return rows, skipped


_WOF_ALIASES = {
    "id": ("wof_id", "id", "wof:id"),
    "name": ("name", "wof:name"),
    "lat": ("latitude", "lat", "geom:latitude"),
    "lon": ("longitude", "lon", "lng", "geom:longitude"),
    "placetype": ("placetype", "wof:placetype"),
    "country": ("country", "wof:country", "iso_country"),
}
_WOF_NAME_COLUMNS = (
    "gn_name",
    "gn_asciiname",
    "name_eng",
    "name_ara",
    "name_ara_variants",
    "name_variants_other",
    "names",
    "alt_names",
)


def parse_wof(path: Path, text: str) -> tuple[list[PackRow], int]:
    """Rows of a Who's On First TSV/CSV; deprecated and superseded rows are dropped."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    columns: dict[str, str] = {}
    missing: list[str] = []
    for key, options in _WOF_ALIASES.items():
        found = next((o for o in options if o in header), None)
        if found is None:
            missing.append("/".join(options[:2]))
        else:
            columns[key] = found
    if missing:
        raise InvalidRecordError(
            f"{path}: not a Who's On First table: missing column(s) {', '.join(missing)} "
            f"(header has {', '.join(header[:12]) or 'nothing'})"
        )
    rows: list[PackRow] = []
    skipped = 0
    seen: set[str] = set()
    for rec in reader:
        where = f"{path}:{reader.line_num}"
        if None in rec:
            raise InvalidRecordError(f"{where}: more fields than the header has")
        wof_id = (rec.get(columns["id"]) or "").strip()
        name = (rec.get(columns["name"]) or "").strip()
        if not wof_id:
            raise InvalidRecordError(f"{where}: empty id")
        if not name:
            raise InvalidRecordError(f"{where}: empty name")
        lat, lon = _coords(rec.get(columns["lat"]) or "", rec.get(columns["lon"]) or "", where)
        country = _country(rec.get(columns["country"]) or "", where)
        pop = _population(rec.get("population") or rec.get("gn_population") or "", where)
        gone = [(rec.get(c) or "").strip().lower() for c in ("deprecated", "superseded_by")]
        placetype = (rec.get(columns["placetype"]) or "").strip().lower()
        # mz:is_current=0 is kept: WOF sets it on many live towns (Darbasiyah, Ya'rubiyah)
        if any(g not in ("", "0", "false", "none", "null") for g in gone):
            skipped += 1
            continue
        if placetype not in _WOF_KINDS or (rec.get("gn_feature_code") or "") in _GONE_CODES:
            skipped += 1
            continue
        gid = (rec.get("geonameid") or rec.get("gn_id") or "").strip()
        if gid.endswith(".0"):
            gid = gid[:-2]
        place_id = f"geonames:{gid}" if gid.isdigit() and gid != "0" else f"wof:{wof_id}"
        if place_id in seen:
            skipped += 1
            continue
        seen.add(place_id)
        names = {
            n.strip()
            for col in _WOF_NAME_COLUMNS
            for n in (rec.get(col) or "").split("|")
            if n.strip() and not n.strip().isupper()
        }
        names.discard(name)
        rows.append(
            PackRow(
                place_id=place_id,
                name=name,
                lat=lat,
                lon=lon,
                country=country,
                admin1=None,
                kind=_WOF_KINDS[placetype],
                population=pop,
                names=tuple(sorted(names)),
            )
        )
    return rows, skipped


# -- storing and reading packs -------------------------------------------------------------
def _pack_name(path: Path, fmt: str) -> str:
    stem = path.name.split(".")[0]
    return f"{fmt}-{_NAME_RE.sub('_', stem).strip('_') or 'pack'}"


def import_pack(
    path: Path, fmt: str, *, name: str | None = None, home: Path | None = None
) -> PackInfo:
    """Validate ``path`` as a ``fmt`` pack and store it (replacing a pack of that name)."""
    if fmt not in PACK_FORMATS:
        raise InvalidRecordError(f"unknown pack format {fmt!r}; use one of {PACK_FORMATS}")
    path = Path(path)
    text = _read_text(path)
    rows, skipped = parse_geonames(path, text) if fmt == "geonames" else parse_wof(path, text)
    if not rows:
        raise EmptyInputError(
            f"{path}: no usable places ({skipped} row(s) skipped: not populated places, "
            "deprecated or superseded)"
        )
    pack = name or _pack_name(path, fmt)
    if not _NAME_RE.sub("", pack) == pack or not pack:
        raise InvalidRecordError(f"bad pack name {pack!r} (letters, digits, '-' and '_' only)")
    target_dir = packs_dir(home)
    target_dir.mkdir(parents=True, exist_ok=True)
    info = PackInfo(
        name=pack,
        format=fmt,
        source=str(path.resolve()),
        rows=len(rows),
        skipped=skipped,
        imported_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        path=str(target_dir / f"{pack}.tsv"),
    )
    _write_atomic(target_dir / f"{pack}.tsv", _pack_tsv(rows))
    _write_atomic(
        target_dir / f"{pack}.json",
        json.dumps({k: getattr(info, k) for k in PackInfo.__slots__ if k != "path"}, indent=2)
        + "\n",
    )
    return info


def _pack_tsv(rows: list[PackRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(PACK_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.place_id,
                r.name,
                f"{r.lat:.6f}",
                f"{r.lon:.6f}",
                r.country,
                r.admin1 or "",
                r.kind,
                r.population,
                "|".join(r.names),
            ]
        )
    return out.getvalue()


def _write_atomic(target: Path, content: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def list_packs(home: Path | None = None) -> list[PackInfo]:
    """The stored packs, by name."""
    base = packs_dir(home)
    if not base.is_dir():
        return []
    out: list[PackInfo] = []
    for tsv in sorted(base.glob("*.tsv")):
        meta_path = tsv.with_suffix(".json")
        meta: dict[str, object] = {}
        if meta_path.is_file():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                meta = {}
        out.append(
            PackInfo(
                name=tsv.stem,
                format=str(meta.get("format", "?")),
                source=str(meta.get("source", "?")),
                rows=int(str(meta.get("rows", 0))),
                skipped=int(str(meta.get("skipped", 0))),
                imported_at=str(meta.get("imported_at", "")),
                path=str(tsv),
            )
        )
    return out


def read_pack(path: Path) -> Iterator[PackRow]:
    """Rows of a stored pack (written by :func:`import_pack`)."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if tuple(reader.fieldnames or ()) != PACK_COLUMNS:
            raise InvalidRecordError(f"{path}: not a stored pack (header {reader.fieldnames})")
        for rec in reader:
            where = f"{path}:{reader.line_num}"
            lat, lon = _coords(rec["lat"], rec["lon"], where)
            yield PackRow(
                place_id=rec["place_id"],
                name=rec["name"],
                lat=lat,
                lon=lon,
                country=rec["country"],
                admin1=rec["admin1"] or None,
                kind=rec["kind"],
                population=_population(rec["population"], where),
                names=tuple(n for n in rec["names"].split("|") if n),
            )
