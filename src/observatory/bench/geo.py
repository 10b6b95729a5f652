"""Geocoding throughput: detect + resolve over a set of texts.

Input: texts (for example the GeoWebNews articles, read where they lie) and a gazetteer.
Output: a :class:`GeoBench` with the warm-up time (opening the index and building the
in-memory tables on the first text), toponyms resolved per second and per document once
warm, and the peak resident memory of the process.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from observatory.geo.gazetteer import Gazetteer
from observatory.geo.geocode import geocode

__all__ = ["GeoBench", "bench_geo", "bench_geo_corpus", "format_geo_bench"]


@dataclass(frozen=True, slots=True)
class GeoBench:
    """Figures of one run."""

    documents: int
    characters: int
    toponyms: int
    open_seconds: float
    warmup_seconds: float
    seconds: float
    toponyms_per_second: float
    documents_per_second: float
    peak_rss_mb: float

    def to_json_dict(self) -> dict[str, object]:
        """Every figure, rounded."""
        return {
            name: round(value, 3) if isinstance(value, float) else value
            for name in self.__slots__
            for value in [getattr(self, name)]
        }


def bench_geo(
    texts: Sequence[str], *, gazetteer: Gazetteer | None = None, repeat: int = 1
) -> GeoBench:
    """Time :func:`~observatory.geo.geocode.geocode` (detection mode) over ``texts``."""
    began = time.perf_counter()
    gaz = gazetteer or Gazetteer.open()
    opened = time.perf_counter() - began
    began = time.perf_counter()
    if texts:
        geocode(texts[0], gaz)
    warm = time.perf_counter() - began
    count = 0
    began = time.perf_counter()
    for _ in range(max(1, repeat)):
        for text in texts:
            count += len(geocode(text, gaz))
    spent = time.perf_counter() - began
    docs = len(texts) * max(1, repeat)
    return GeoBench(
        documents=docs,
        characters=sum(len(t) for t in texts) * max(1, repeat),
        toponyms=count,
        open_seconds=opened,
        warmup_seconds=warm,
        seconds=spent,
        toponyms_per_second=count / spent if spent else 0.0,
        documents_per_second=docs / spent if spent else 0.0,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def bench_geo_corpus(path: Path, corpus: str, *, repeat: int = 1) -> GeoBench:
    """:func:`bench_geo` over the texts of an evaluation corpus (``gwn``, ``trnews``...)."""
    from observatory.evaluation.geo import load_corpus

    texts = [doc.text for doc in load_corpus(path, corpus)]
    return bench_geo(texts, repeat=repeat)


def format_geo_bench(result: GeoBench) -> str:
    """A readable summary."""
    return "\n".join([
        f"geo bench: {result.documents} documents, {result.characters:,} characters, "
        f"{result.toponyms:,} toponyms",
        f"  open index        {result.open_seconds:.2f} s",
        f"  warm-up           {result.warmup_seconds:.2f} s (first text, in-memory tables)",
        f"  detect + resolve  {result.seconds:.2f} s: {result.toponyms_per_second:,.0f} "
        f"toponyms/s, {result.documents_per_second:,.1f} documents/s",
        f"  peak RSS          {result.peak_rss_mb:.0f} MB",
    ])
