"""Benchmark of the extraction hot path over a generated, seeded corpus.

The corpus is assembled from sentence templates written for this project, with
actors, places, dates and casualty figures drawn at random (seeded), to about
``mean_words`` words a report. Figures: reports per second for the whole
pipeline, time per stage, and the process's peak resident memory.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from observatory.clean.furniture import clean_text
from observatory.extract.attribution import attribute
from observatory.extract.casualties import find_casualties
from observatory.extract.dates import find_dates
from observatory.extract.pipeline import default_extractor
from observatory.extract.sentences import split_sentences
from observatory.geo.toponyms import find_toponyms

_ACTORS = [
    "regime forces",
    "Islamic State militants",
    "the Syrian Democratic Forces",
    "Turkish-backed factions",
    "Hezbollah fighters",
    "Russian warplanes",
    "Kurdish fighters",
    "rebels",
    "unidentified gunmen",
    "police",
    "protesters",
    "the army",
    "Taliban fighters",
    "Al Shabaab militants",
    "residents",
]
_PLACES = [
    "al-Hasakah",
    "Raqqa",
    "Deir ez-Zor",
    "Idlib",
    "Aleppo",
    "Homs",
    "Hama",
    "Daraa",
    "Manbij",
    "Qamishli",
    "Kobani",
    "Palmyra",
    "Saraqib",
    "Mosul",
    "Kirkuk",
    "Kandahar",
    "Nairobi",
    "Mogadishu",
]
_DAYS = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday night",
    "on Sunday",
    "last week",
    "earlier this month",
    "since Thursday",
]
_NUMBERS = ["two", "three", "five", "seven", "11", "14", "at least 20", "dozens of", "more than 30"]
_TEMPLATES = [
    "{a1} clashed with {a2} {day} near {p1}, the monitor said.",
    "{a1} shelled positions held by {a2} in the countryside of {p1} {day}, killing {n} people.",
    "Warplanes carried out raids on {a2}-held areas south of {p1} {day}, according to the "
    "Observatory.",
    "{n} civilians were killed when a roadside bomb exploded in {p1} {day}, local sources "
    "reported.",
    "{a1} recaptured the village of {p2} from {a2} after fierce fighting {day}.",
    "Hundreds of {a1} protested in {p1} {day} against rising prices and the lack of electricity.",
    "The death toll from the fighting in {p1} has risen to {n} since the start of the month.",
    "{a1} share control of {p1} with {a2}, the agency noted.",
    "Residents said the situation in {p1} remained tense, with shops closed and roads blocked.",
    "Aid groups warned that thousands of families had fled {p2} toward {p1} in recent days.",
    "{a1} arrested {n} people in {p1} {day} on suspicion of links to {a2}.",
    "Unidentified gunmen abducted a local official in {p2} {day}, his relatives said.",
]


def generate_corpus(n_reports: int, mean_words: int, seed: int) -> list[str]:
    """``n_reports`` synthetic reports of about ``mean_words`` words each (seeded)."""
    rng = random.Random(seed)
    corpus: list[str] = []
    for _ in range(n_reports):
        target = max(50, int(rng.gauss(mean_words, mean_words * 0.25)))
        words = 0
        paragraphs: list[str] = []
        while words < target:
            sentence = rng.choice(_TEMPLATES).format(
                a1=rng.choice(_ACTORS),
                a2=rng.choice(_ACTORS),
                p1=rng.choice(_PLACES),
                p2=rng.choice(_PLACES),
                day=rng.choice(_DAYS),
                n=rng.choice(_NUMBERS),
            )
            sentence = sentence[0].upper() + sentence[1:]
            paragraphs.append(sentence)
            words += len(sentence.split())
        corpus.append("\n".join(paragraphs))
    return corpus


@dataclass(slots=True)
class BenchResult:
    reports: int
    words: int
    seconds: float
    reports_per_second: float
    words_per_second: float
    peak_rss_mb: float
    warmup_seconds: float
    stages_ms_per_report: dict[str, float] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, object]:
        return asdict(self)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _time_stage(corpus: list[str], func: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for text in corpus:
        func(text)
    return (time.perf_counter() - start) * 1000 / len(corpus)


def bench_extraction(*, n_reports: int = 500, mean_words: int = 600, seed: int = 7) -> BenchResult:
    """Run the whole pipeline over a generated corpus, then each stage alone."""
    corpus = generate_corpus(n_reports, mean_words, seed)
    published = dt.date(2020, 6, 8)
    t0 = time.perf_counter()
    extractor = default_extractor()
    extractor.extract(corpus[0], published=published)
    warmup = time.perf_counter() - t0
    start = time.perf_counter()
    for text in corpus:
        extractor.extract(text, published=published)
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in corpus)
    cleaned = [clean_text(t).text for t in corpus]
    sample = cleaned[: min(len(cleaned), 200)]
    stages = {
        "clean": _time_stage(corpus[: len(sample)], clean_text),
        "sentences": _time_stage(sample, split_sentences),
        "actors": _time_stage(sample, extractor.actors.find),
        "toponyms": _time_stage(sample, lambda t: find_toponyms(t, extractor.gazetteer)),
        "dates": _time_stage(sample, lambda t: find_dates(t, published)),
        "casualties": _time_stage(sample, lambda t: find_casualties(t, published)),
        "attribution": _time_stage(sample, lambda t: attribute(t, split_sentences(t))),
    }
    return BenchResult(
        reports=n_reports,
        words=words,
        seconds=round(seconds, 3),
        reports_per_second=round(n_reports / seconds, 1),
        words_per_second=round(words / seconds),
        peak_rss_mb=round(_peak_rss_mb(), 1),
        warmup_seconds=round(warmup, 2),
        stages_ms_per_report={k: round(v, 3) for k, v in stages.items()},
    )


def format_bench(result: BenchResult) -> str:
    """The benchmark figures as readable lines."""
    lines = [
        f"reports:            {result.reports} ({result.words} words, "
        f"{result.words / max(result.reports, 1):.0f} per report)",
        f"whole pipeline:     {result.reports_per_second} reports/s, "
        f"{result.words_per_second} words/s"
        f" on one core ({result.seconds} s)",
        f"start-up:           {result.warmup_seconds} s (load actors and gazetteer, first report)",
        f"peak memory (RSS):  {result.peak_rss_mb} MB",
        "per stage (ms per report):",
    ]
    for stage, ms in result.stages_ms_per_report.items():
        lines.append(f"  {stage:12} {ms:.3f}")
    return "\n".join(lines)
