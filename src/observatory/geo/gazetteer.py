"""The gazetteer: places with coordinates, admin areas and every known name.

The index is one SQLite file built once (:func:`build_gazetteer`) from packaged data,
the packs imported into ``$OBSERVATORY_HOME/packs`` and the desk's places in
``$OBSERVATORY_HOME/desk_places.csv`` (see :mod:`observatory.geo.index_build`,
:mod:`observatory.geo.packs`, :mod:`observatory.geo.desk`).  :meth:`Gazetteer.open` loads
the name keys into memory once per process (about 110 MB, 0.5 s); place rows are read on
demand and cached.  Input: a name; output: :class:`Place` rows, best first.

    >>> gaz = Gazetteer.open()                       # doctest: +SKIP
    >>> gaz.lookup("Hassakeh")[0].place_id          # doctest: +SKIP
    'geonames:173811'
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from observatory.errors import GazetteerError
from observatory.geo.index_build import SCHEMA_VERSION, BuildStats, build_index
from observatory.geo.normalize import normalize_name
from observatory.geo.paths import observatory_home

__all__ = [
    "BuildStats",
    "Gazetteer",
    "GazetteerInfo",
    "Place",
    "build_gazetteer",
    "default_gazetteer_path",
]

PLACE_KINDS = ("country", "admin1", "admin2", "city", "town", "village", "site")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    kind: str
    population: int


@dataclass(frozen=True, slots=True)
class GazetteerInfo:
    """Counts describing an opened index."""

    path: str
    schema_version: int
    built_at: str
    places: int
    keys: int
    by_source: dict[str, int]
    by_kind: dict[str, int]
    by_country: dict[str, int]
    packs: dict[str, int]
    desk_places: int
    build_seconds: float
    bytes: int

    def describe(self) -> str:
        """A few human-readable lines (``observatory gazetteer info``)."""
        sources = ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_source.items()))
        kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_kind.items()))
        packs = ", ".join(f"{k} ({v:,} rows)" for k, v in sorted(self.packs.items()))
        top = sorted(self.by_country.items(), key=lambda kv: -kv[1])[:8]
        return "\n".join(
            [
                f"index:          {self.path}",
                f"schema version: {self.schema_version}",
                f"built at:       {self.built_at} in {self.build_seconds:.1f} s",
                f"size on disk:   {self.bytes / 1e6:.1f} MB",
                f"places:         {self.places:,} ({len(self.by_country)} countries; "
                + ", ".join(f"{c} {n:,}" for c, n in top)
                + ", ...)",
                f"name keys:      {self.keys:,}",
                f"by source:      {sources}",
                f"by kind:        {kinds}",
                f"imported packs: {packs or 'none'}",
                f"desk places:    {self.desk_places:,} row(s)",
            ]
        )


def default_gazetteer_path() -> Path:
    """``$OBSERVATORY_HOME/gazetteer-v<N>.sqlite`` (default ``~/.cache/conflict-observatory``)."""
    return observatory_home() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def build_gazetteer(path: Path, *, home: Path | None = None) -> BuildStats:
    """Build the index at ``path`` from the installed data, the packs and the desk places
    of ``home`` (default ``$OBSERVATORY_HOME``); returns what was written."""
    return build_index(Path(path), home=home)


_BUILD_LOCK = threading.Lock()


class Gazetteer:
    """Name lookup over the SQLite index.  Use :meth:`open`; the constructor does no I/O."""

    def __init__(self, path: Path, keys: dict[str, str], conn: sqlite3.Connection) -> None:
        self.path = path
        self._keys = keys
        self._conn = conn
        self._cache: dict[int, Place] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | None = None, *, build_if_missing: bool = True) -> Gazetteer:
        """Open (and, if allowed, first build) the index at ``path``.

        Raises :class:`GazetteerError` naming the path when the file is missing (and
        ``build_if_missing`` is false), unreadable, or not a gazetteer of this version.
        """
        target = Path(path) if path is not None else default_gazetteer_path()
        if not target.exists():
            if not build_if_missing:
                raise GazetteerError(
                    f"gazetteer index not found at {target}; build it with build_gazetteer()"
                )
            with _BUILD_LOCK:
                if not target.exists():
                    build_index(target)
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if version is None or int(version[0]) != SCHEMA_VERSION:
                found = version[0] if version else "none"
                raise GazetteerError(
                    f"gazetteer index {target} has schema version {found}, "
                    f"expected {SCHEMA_VERSION}; rebuild it"
                )
            keys: dict[str, str] = dict(conn.execute("SELECT key, ids FROM names"))
        except (sqlite3.Error, ValueError) as exc:
            raise GazetteerError(f"gazetteer index {target} is unreadable: {exc}") from exc
        if not keys:
            raise GazetteerError(f"gazetteer index {target} holds no names")
        return cls(target, keys, conn)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    # -- lookups -------------------------------------------------------------------------
    def has_key(self, key: str) -> bool:
        """True when a normalised key names at least one place."""
        return key in self._keys

    def candidates(self, key: str) -> list[tuple[Place, bool]]:
        """Places for a normalised key with their alias-table flag, most populous first."""
        raw = self._keys.get(key)
        if raw is None:
            return []
        out: list[tuple[Place, bool]] = []
        for item in raw.split(","):
            preferred = item.endswith("*")
            place = self._place(int(item.rstrip("*")))
            if place is not None:
                out.append((place, preferred))
        return out

    def lookup(self, name: str) -> list[Place]:
        """Places known by ``name`` (any spelling the normaliser folds), best first."""
        return [place for place, _ in self.candidates(normalize_name(name))]

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``geonames:173811``, ``admin1:SY.01``...), or None."""
        row = self._query("SELECT * FROM places WHERE place_id = ?", (place_id,))
        if row is None:
            return None
        return self._remember(row)

    def name_keys(self) -> list[str]:
        """Every normalised name key of the index."""
        return list(self._keys)

    def settlements(self) -> list[tuple[int, str]]:
        """``(row, display name)`` of every city, town and village (for :meth:`place_at`)."""
        return [
            (int(rowid), str(name))
            for rowid, name in self._rows(
                "SELECT id, name FROM places WHERE kind IN ('city', 'town', 'village')"
            )
        ]

    def place_at(self, row: int) -> Place | None:
        """The place stored at an index row (as given by :meth:`settlements`)."""
        return self._place(row)

    def settlement_populations(self) -> list[tuple[str, str, str | None, int]]:
        """``(country, admin1, admin2, summed population)`` of the settlements in each area;
        the index stores no population for admin areas themselves."""
        return [
            (str(country), str(admin1), None if admin2 is None else str(admin2), int(pop or 0))
            for country, admin1, admin2, pop in self._rows(
                "SELECT country, admin1, admin2, SUM(population) FROM places "
                "WHERE kind IN ('city', 'town', 'village') AND admin1 IS NOT NULL "
                "GROUP BY country, admin1, admin2"
            )
        ]

    def info(self) -> GazetteerInfo:
        """Counts by source, kind and country."""
        meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        by_country = dict(
            self._conn.execute("SELECT country, COUNT(*) FROM places GROUP BY country")
        )
        places = sum(by_country.values())
        return GazetteerInfo(
            path=str(self.path),
            schema_version=int(meta.get("schema_version", 0)),
            built_at=str(meta.get("built_at", "")),
            places=places,
            keys=len(self._keys),
            by_source=json.loads(meta.get("by_source", "{}")),
            by_kind=json.loads(meta.get("by_kind", "{}")),
            by_country=by_country,
            packs=json.loads(meta.get("packs", "{}")),
            desk_places=int(meta.get("desk_places", 0)),
            build_seconds=float(meta.get("build_seconds", 0.0)),
            bytes=self.path.stat().st_size if self.path.exists() else 0,
        )

    # -- internals -----------------------------------------------------------------------
    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                rows: list[tuple[Any, ...]] = self._conn.execute(sql).fetchall()
        except sqlite3.Error as exc:
            raise GazetteerError(f"gazetteer index {self.path} query failed: {exc}") from exc
        return rows

    def _query(self, sql: str, args: tuple[object, ...]) -> tuple[object, ...] | None:
        try:
            with self._lock:
                row: tuple[object, ...] | None = self._conn.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"gazetteer index {self.path} is unreadable: {exc}") from exc
        return row

    def _place(self, rowid: int) -> Place | None:
        cached = self._cache.get(rowid)
        if cached is not None:
            return cached
        row = self._query("SELECT * FROM places WHERE id = ?", (rowid,))
        return None if row is None else self._remember(row)

    def _remember(self, row: tuple[object, ...]) -> Place:
        rowid, place_id, name, lat, lon, country, admin1, admin2, kind, pop, _src = row
        place = Place(
            place_id=str(place_id),
            name=str(name),
            lat=float(str(lat)),
            lon=float(str(lon)),
            country=str(country),
            admin1=None if admin1 is None else str(admin1),
            admin2=None if admin2 is None else str(admin2),
            kind=str(kind),
            population=int(str(pop)),
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[int(str(rowid))] = place
        return place
