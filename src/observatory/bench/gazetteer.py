"""Gazetteer benchmark: build time and size, open() memory, lookup throughput.

Input: optionally an existing index (otherwise one is built into a temporary directory
with the packs and desk places of ``$OBSERVATORY_HOME``).  Output: a
:class:`GazetteerBench` with the figures, printable with :func:`format_gazetteer_bench`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from observatory.geo.gazetteer import Gazetteer, build_gazetteer, default_gazetteer_path

__all__ = ["GazetteerBench", "bench_gazetteer", "format_gazetteer_bench"]

#: Names looked up in the throughput loop: spellings of Syrian places, world cities,
#: and misses (a miss costs a normalisation and one dictionary probe).
BENCH_NAMES = (
    "al-Hasakah", "Hassakeh", "Ras al-Ain", "Serekaniye", "Shaddadi", "Tell Abiad", "Kobani",
    "Ayn al-Arab", "Deir ez-Zor", "Dayr az Zawr", "Qamishli", "al-Hol", "Tal Tamr",
    "Ain Issa", "Manbij", "Raqqa", "Idleb", "Aleppo", "Homs", "Hama", "Afrin", "Jarabulus",
    "Maarat al-Numan", "Saraqib", "Douma", "Daraa", "Quneitra", "Latakia", "Tartous",
    "الحسكة", "رأس العين", "القامشلي", "دير الزور", "حلب", "Mosul", "Sinjar", "Tal Afar",
    "Kirkuk", "Baghdad", "Gaziantep", "Ceylanpinar", "Paris", "Springfield", "Lagos",
    "Mogadishu", "Kismayo", "Nowhereville", "Qwertyuiop", "Fighting", "Sunday",
)


@dataclass(frozen=True, slots=True)
class GazetteerBench:
    """The measured figures."""

    index: str
    built: bool
    build_seconds: float
    build_peak_rss_mb: float
    size_bytes: int
    places: int
    keys: int
    open_seconds: float
    open_rss_delta_mb: float
    rss_after_open_mb: float
    lookups: int
    lookups_per_second: float
    cold_lookups_per_second: float

    def to_json_dict(self) -> dict[str, object]:
        """The figures as a JSON-ready dict."""
        return asdict(self)


def _rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc; 0.0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _measure(target: str, rounds: int) -> dict[str, float]:
    """Open the index and time lookups (run in a fresh process for a clean RSS figure)."""
    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    gaz = Gazetteer.open(Path(target), build_if_missing=False)
    open_seconds = time.perf_counter() - started
    gc.collect()
    after = _rss_mb()
    info = gaz.info()
    started = time.perf_counter()
    for name in BENCH_NAMES:  # first pass: place rows come from SQLite
        gaz.lookup(name)
    cold = len(BENCH_NAMES) / max(time.perf_counter() - started, 1e-9)
    started = time.perf_counter()
    for _ in range(rounds):
        for name in BENCH_NAMES:
            gaz.lookup(name)
    elapsed = time.perf_counter() - started
    gaz.close()
    return {
        "open_seconds": open_seconds, "before": before, "after": after,
        "size": info.bytes, "places": info.places, "keys": info.keys,
        "cold": cold, "warm": rounds * len(BENCH_NAMES) / max(elapsed, 1e-9),
    }


def bench_gazetteer(
    path: Path | None = None, *, build: bool = True, rounds: int = 200
) -> GazetteerBench:
    """Build (unless ``build`` is false) into a temp dir, open, and time lookups.

    With ``build`` false the index at ``path`` (default: the default index) is measured.
    Opening and lookups run in a fresh process, so the RSS figure is not blurred by the
    build.
    """
    with tempfile.TemporaryDirectory(prefix="obs-bench-") as tmp:
        build_seconds = 0.0
        peak = 0.0
        if build:
            target = Path(tmp) / "gazetteer.sqlite"
            stats = build_gazetteer(target)
            build_seconds = stats.seconds
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # KB on Linux
        else:
            target = Path(path) if path is not None else default_gazetteer_path()
            Gazetteer.open(target, build_if_missing=False).close()  # clear error if absent
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            m = pool.apply(_measure, (str(target), rounds))
        return GazetteerBench(
            index=str(target) if not build else "(temporary build)",
            built=build,
            build_seconds=round(build_seconds, 2),
            build_peak_rss_mb=round(peak, 1),
            size_bytes=int(m["size"]),
            places=int(m["places"]),
            keys=int(m["keys"]),
            open_seconds=round(m["open_seconds"], 3),
            open_rss_delta_mb=round(m["after"] - m["before"], 1),
            rss_after_open_mb=round(m["after"], 1),
            lookups=rounds * len(BENCH_NAMES),
            lookups_per_second=round(m["warm"]),
            cold_lookups_per_second=round(m["cold"]),
        )


def format_gazetteer_bench(result: GazetteerBench) -> str:
    """Human-readable lines."""
    lines = []
    if result.built:
        lines.append(
            f"build:        {result.build_seconds:.1f} s "
            f"(peak RSS {result.build_peak_rss_mb:.0f} MB)"
        )
    else:
        lines.append(f"index:        {result.index}")
    lines += [
        f"size on disk: {result.size_bytes / 1e6:.1f} MB "
        f"({result.places:,} places, {result.keys:,} name keys)",
        f"open():       {result.open_seconds:.2f} s, RSS +{result.open_rss_delta_mb:.0f} MB "
        f"(process {result.rss_after_open_mb:.0f} MB)",
        f"lookups:      {result.lookups_per_second:,.0f}/s warm over {result.lookups:,}, "
        f"{result.cold_lookups_per_second:,.0f}/s cold (first lookup of each name)",
    ]
    return "\n".join(lines)
