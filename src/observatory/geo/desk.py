"""The desk's own places and aliases, which win over every pack.

Input: a CSV file with the columns ``name, lat, lon, country, admin1, kind, aliases``
(aliases separated by ``|``) and an optional ``place_id``: a row with a ``place_id``
attaches its name and aliases to that existing place (lat/lon may then be empty); a row
without one is a new place.  Output: the rows appended to
``$OBSERVATORY_HOME/desk_places.csv`` (:func:`add_places`), each with its ``place_id``
(``desk:<country>-<name>`` for new places), and read back by :func:`load_desk_places`
when the index is built.

Every row of the input is validated before anything is written: a bad row raises
:class:`~observatory.errors.InvalidRecordError` naming the file, the line and the
problem, and the stored file is left exactly as it was.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from observatory.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    GazetteerError,
    InvalidRecordError,
)
from observatory.geo.paths import desk_places_path
from observatory.ingest.reader import decode_data_text, read_file_bytes

__all__ = [
    "DESK_COLUMNS",
    "DESK_KINDS",
    "AddResult",
    "DeskPlace",
    "IndexUpdate",
    "add_places",
    "add_places_to_gazetteer",
    "format_place",
    "load_desk_places",
    "read_places_csv",
]

DESK_COLUMNS = ("name", "lat", "lon", "country", "admin1", "kind", "aliases", "place_id")
REQUIRED_COLUMNS = DESK_COLUMNS[:-1]
DESK_KINDS = ("country", "admin1", "admin2", "city", "town", "village", "site")
MAX_DESK_BYTES = 50_000_000
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class DeskPlace:
    """One desk row: a new place (``attach`` false) or aliases for an existing one."""

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: str
    aliases: tuple[str, ...]
    attach: bool

    def names(self) -> tuple[str, ...]:
        """The name (if any) and the aliases."""
        return tuple(n for n in (self.name, *self.aliases) if n)

    def to_json_dict(self) -> dict[str, object]:
        """The row as a JSON-ready dict (no coordinates for an alias-only row)."""
        out: dict[str, object] = {"place_id": self.place_id, "name": self.name}
        if not math.isnan(self.lat):
            out.update(lat=self.lat, lon=self.lon)
        out.update(
            country=self.country,
            admin1=self.admin1,
            kind=self.kind,
            aliases=list(self.aliases),
            attach=self.attach,
        )
        return out


def format_place(place: DeskPlace) -> str:
    """One line for ``observatory places list``."""
    aliases = " | ".join(place.aliases)
    if place.attach:
        return f"{place.place_id}  + {', '.join(place.names())}"
    where = f"{place.lat:.5f},{place.lon:.5f}"
    admin = f", {place.admin1}" if place.admin1 else ""
    extra = f"  aka {aliases}" if aliases else ""
    return f"{place.place_id}  {place.name} ({place.kind}{admin}, {place.country}) {where}{extra}"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :func:`add_places` did."""

    path: str
    added: int
    attached: int
    duplicates: int
    total: int
    fresh: tuple[DeskPlace, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexUpdate:
    """How the index took new desk rows: ``overlay`` (in place) or ``rebuild``."""

    path: str
    mode: str
    seconds: float


def _read_text(path: Path) -> str:
    data = read_file_bytes(path, max_bytes=MAX_DESK_BYTES)
    return decode_data_text(data, name=str(path), what="a CSV file")


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SLUG_RE.sub("-", folded).strip("-") or "place"


def _float(raw: str, what: str, limit: float, where: str) -> float:
    try:
        value = float(raw)
    except ValueError as exc:
        raise InvalidRecordError(f"{where}: {what} {raw!r} is not a number") from exc
    if not math.isfinite(value) or abs(value) > limit:
        raise InvalidRecordError(f"{where}: {what} {raw!r} is outside -{limit:g}..{limit:g}")
    return value


def _parse_row(rec: dict[str, str], where: str) -> DeskPlace:
    def get(col: str) -> str:
        return (rec.get(col) or "").strip()

    name, place_id, kind = get("name"), get("place_id"), get("kind").lower()
    aliases = tuple(a.strip() for a in get("aliases").split("|") if a.strip())
    lat_s, lon_s = get("lat"), get("lon")
    # a stored desk place keeps its own "desk:" id; any other id attaches names to a place
    attach = bool(place_id) and not (place_id.startswith("desk:") and lat_s and lon_s)
    if not attach and not name:
        raise InvalidRecordError(f"{where}: empty name (a new place needs a name)")
    if attach and not (name or aliases):
        raise InvalidRecordError(f"{where}: place_id {place_id!r} given but no name or aliases")
    if place_id and ":" not in place_id:
        raise InvalidRecordError(
            f"{where}: bad place_id {place_id!r} (want e.g. geonames:173811 or desk:sy-...)"
        )
    if attach and not lat_s and not lon_s:
        lat = lon = math.nan
    else:
        if not lat_s or not lon_s:
            raise InvalidRecordError(f"{where}: lat and lon are required for a new place")
        lat = _float(lat_s, "lat", 90.0, where)
        lon = _float(lon_s, "lon", 180.0, where)
    country = get("country").upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidRecordError(f"{where}: bad country {get('country')!r} (ISO alpha-2, e.g. SY)")
    if not attach and not country:
        raise InvalidRecordError(f"{where}: empty country (a new place needs one, e.g. SY)")
    if kind and kind not in DESK_KINDS:
        raise InvalidRecordError(
            f"{where}: unknown kind {get('kind')!r} (one of {', '.join(DESK_KINDS)})"
        )
    for alias in (name, *aliases):
        if any(ch in alias for ch in "\r\n\t"):
            raise InvalidRecordError(f"{where}: name or alias {alias!r} holds a control char")
    return DeskPlace(
        place_id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        country=country,
        admin1=get("admin1") or None,
        kind=kind or ("" if attach else "village"),
        aliases=aliases,
        attach=attach,
    )


def read_places_csv(path: Path) -> list[DeskPlace]:
    """Parse and validate every row of a desk CSV; raises on the first bad row."""
    path = Path(path)
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InvalidRecordError(
            f"{path}: missing column(s) {', '.join(missing)}; expected "
            f"{', '.join(DESK_COLUMNS)} (place_id optional), found {', '.join(header) or 'none'}"
        )
    unknown = [c for c in header if c not in DESK_COLUMNS]
    if unknown:
        raise InvalidRecordError(f"{path}: unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header
    rows: list[DeskPlace] = []
    for rec in reader:
        where = f"{path}, line {reader.line_num}"
        if None in rec:
            raise InvalidRecordError(f"{where}: more fields than the header has")
        if not any((v or "").strip() for v in rec.values()):
            continue
        rows.append(_parse_row(rec, where))
    if not rows:
        raise EmptyInputError(f"{path}: no places (only a header)")
    return rows


def load_desk_places(path: Path | None = None) -> list[DeskPlace]:
    """The stored desk places (empty when there is no file yet)."""
    target = path or desk_places_path()
    if not target.exists():
        return []
    try:
        rows = read_places_csv(target)
    except EmptyInputError:
        return []
    except (InvalidRecordError, BinaryInputError, EncodingError) as exc:
        raise GazetteerError(f"desk places file is broken: {exc.message}") from exc
    return rows


def _assign_ids(rows: Iterable[DeskPlace], taken: set[str]) -> list[DeskPlace]:
    out: list[DeskPlace] = []
    for row in rows:
        if row.attach or row.place_id:
            out.append(row)
            continue
        base = f"desk:{row.country.lower()}-{_slug(row.name)}"
        pid, n = base, 2
        while pid in taken:
            pid, n = f"{base}-{n}", n + 1
        taken.add(pid)
        out.append(
            DeskPlace(
                place_id=pid,
                name=row.name,
                lat=row.lat,
                lon=row.lon,
                country=row.country,
                admin1=row.admin1,
                kind=row.kind,
                aliases=row.aliases,
                attach=False,
            )
        )
    return out


def _same(a: DeskPlace, b: DeskPlace) -> bool:
    if a.attach or b.attach:
        return a.attach and b.attach and a.place_id == b.place_id and a.names() == b.names()
    return (
        (a.name, a.country, a.kind, a.aliases) == (b.name, b.country, b.kind, b.aliases)
        and abs(a.lat - b.lat) < 1e-6
        and abs(a.lon - b.lon) < 1e-6
    )


def add_places(
    path: Path,
    *,
    home: Path | None = None,
    known: Callable[[str], bool] | None = None,
) -> AddResult:
    """Validate every row of ``path``, then append the new ones to the desk file.

    ``known`` tells whether a ``place_id`` exists in the gazetteer; ids of desk places
    (stored or in this file) are always known.  Exact repeats of stored rows are skipped.
    """
    incoming = read_places_csv(Path(path))
    target = desk_places_path(home)
    stored = load_desk_places(target)
    taken = {r.place_id for r in stored}
    new = _assign_ids(incoming, set(taken))
    new_ids = {r.place_id for r in new if not r.attach}
    for number, row in enumerate(incoming, start=1):
        if (
            row.attach
            and row.place_id not in taken | new_ids
            and not (known is not None and known(row.place_id))
        ):
            raise InvalidRecordError(
                f"{path}, place {number} ({', '.join(row.names())}): unknown place_id "
                f"{row.place_id!r} (not in the gazetteer nor in the desk places)"
            )
    fresh: list[DeskPlace] = []
    for row, original in zip(new, incoming, strict=True):
        if any(_same(original, s) or _same(row, s) for s in stored):
            continue
        fresh.append(row)
    _write(target, [*stored, *fresh])
    return AddResult(
        path=str(target),
        added=sum(1 for r in fresh if not r.attach),
        attached=sum(1 for r in fresh if r.attach),
        duplicates=len(incoming) - len(fresh),
        total=len(stored) + len(fresh),
        fresh=tuple(fresh),
    )


def add_places_to_gazetteer(
    path: Path, *, rebuild: bool = True, full: bool = False
) -> tuple[AddResult, IndexUpdate | None]:
    """:func:`add_places` checked against the default index, then applied to it.

    When the index exists the new rows are laid over it in about a second
    (:func:`~observatory.geo.index_build.apply_desk_overlay`); otherwise, or with
    ``full``, the index is rebuilt (about 30 s).  Either way it is replaced atomically,
    so processes that have it open keep working; they see the new places once they
    reopen it.  Returns the result and how the index was updated (None when ``rebuild`` is
    false).  If the update fails the desk file is put back as it was.
    """
    from observatory.geo.gazetteer import Gazetteer, build_gazetteer, default_gazetteer_path
    from observatory.geo.index_build import apply_desk_overlay
    from observatory.geo.packs import list_packs, read_pack

    rows = read_places_csv(Path(path))  # refuse a bad file before opening anything
    target = default_gazetteer_path()
    wanted = {r.place_id for r in rows if r.attach and not r.place_id.startswith("desk:")}
    found: set[str] = set()
    if wanted:
        for info in list_packs():  # ids of imported packs (maybe not yet in the index)
            found.update(r.place_id for r in read_pack(Path(info.path)) if r.place_id in wanted)
    if wanted - found:
        gaz = Gazetteer.open(target)
        try:
            found.update(pid for pid in wanted - found if gaz.get(pid) is not None)
        finally:
            gaz.close()
    stored = desk_places_path()
    previous = stored.read_bytes() if stored.exists() else None
    result = add_places(path, known=found.__contains__)
    if not rebuild:
        return result, None
    try:
        # every stored row is laid over again (rows stored with --no-build included)
        everything = load_desk_places(stored)
        defined = {r.place_id for r in everything if not r.attach}
        attach_ids = {r.place_id for r in everything if r.attach} - defined
        overlay = target.exists() and not full and not _missing_ids(attach_ids, target)
        if overlay:
            seconds = apply_desk_overlay(target, everything, desk_total=result.total)
        else:
            seconds = build_gazetteer(target).seconds
        update = IndexUpdate(str(target), "overlay" if overlay else "rebuild", seconds)
    except BaseException:
        # the index could not take the new rows: put the desk file back as it was
        if previous is None:
            stored.unlink(missing_ok=True)
        else:
            _write_bytes(stored, previous)
        raise
    return result, update


def _missing_ids(ids: set[str], index: Path) -> set[str]:
    """The ids not in the built index (a pack imported with --no-build, or a desk place
    stored with --no-build): those need a full build."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
        try:
            return {
                pid
                for pid in ids
                if conn.execute("SELECT 1 FROM places WHERE place_id = ?", (pid,)).fetchone()
                is None
            }
        finally:
            conn.close()
    except sqlite3.Error:
        return set(ids)


def _cell(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.6f}"


def _write_bytes(target: Path, content: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write(target: Path, rows: list[DeskPlace]) -> None:
    """Write the whole desk file to a temporary file, then replace the old one."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DESK_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.name,
                _cell(r.lat),
                _cell(r.lon),
                r.country,
                r.admin1 or "",
                r.kind,
                "|".join(r.aliases),
                r.place_id,
            ]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(out.getvalue(), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise GazetteerError(f"cannot write desk places {target}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
