"""Stage 8a, attribution: who says so, sentence by sentence.

Input: the cleaned text and its sentences. Output: for each sentence the chain
of sources it is attributed to, original source first ("SOHR ... AFP reports"
gives ``["SOHR", "AFP"]``), and the document's ``sources_cited``.

Sources are canonical names from a data file (``data/sources/sources.json``);
"the monitor group" and its kin refer back to the monitor the report names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from observatory.errors import DataError
from observatory.extract.sentences import Sentence

_CUE = re.compile(
    r"\baccording\s+to\b|\b(?:said|says|say|saying|reported|reports|report|reporting|noted|notes|"
    r"added|adds|mentioned|mentions|highlighted|told|tells|stated|states|announced|announces|"
    r"claimed|claims|confirmed|confirms|quoted|cited|citing|quoting|documented|documents|"
    r"recorded|records|showed|shows|observed|monitored)\b",
    re.IGNORECASE,
)
_CITING = re.compile(r"\b(?:citing|quoting|according\s+to|cited\s+by|quoted\s+by)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class SourceMention:
    start: int
    end: int
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """The sources each sentence is attributed to, and the report's cited sources."""

    by_sentence: tuple[tuple[str, ...], ...]
    sources_cited: tuple[str, ...]
    mentions: tuple[SourceMention, ...]


@dataclass(frozen=True, slots=True)
class _SourceTable:
    pattern: re.Pattern[str]
    by_alias: dict[str, tuple[str, str]]
    anaphora: re.Pattern[str]
    countries: dict[str, str]


def _alternation(aliases: Sequence[str]) -> str:
    ordered = sorted(set(aliases), key=len, reverse=True)
    return "|".join(re.escape(a) for a in ordered)


@lru_cache(maxsize=1)
def _table() -> _SourceTable:
    try:
        raw = (
            resources.files("observatory.data.sources").joinpath("sources.json").read_text("utf-8")
        )
        data = json.loads(raw)
        entries = data["sources"]
        anaphora = data["anaphora"]["monitor"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"sources.json: cannot read the source table ({exc})") from exc
    by_alias: dict[str, tuple[str, str]] = {}
    countries: dict[str, str] = {}
    insensitive: list[str] = []
    sensitive: list[str] = []
    for entry in entries:
        if entry.get("country"):
            for alias in [entry["name"], *entry.get("aliases", [])]:
                countries[alias.lower()] = entry["country"]
        for alias in entry.get("aliases", []):
            by_alias[alias.lower()] = (entry["name"], entry["kind"])
            insensitive.append(alias)
        for alias in entry.get("case_sensitive_aliases", []):
            by_alias[alias] = (entry["name"], entry["kind"])
            sensitive.append(alias)
    pattern = re.compile(
        r"(?<![\w-])(?:(?i:"
        + _alternation(insensitive)
        + r")|"
        + _alternation(sensitive)
        + r")(?![\w-])"
    )
    anaphora_re = re.compile(r"(?<!\w)(?:" + _alternation(anaphora) + r")(?!\w)", re.IGNORECASE)
    return _SourceTable(pattern, by_alias, anaphora_re, countries)


def source_country(source: str | None) -> str | None:
    """The one country a known source reports on (``"SANA"`` gives ``"SY"``), else None."""
    if not source:
        return None
    return _table().countries.get(source.strip().lower())


def find_sources(text: str) -> list[SourceMention]:
    """Every named source in ``text``, in order (anaphora not resolved)."""
    table = _table()
    found: list[SourceMention] = []
    for match in table.pattern.finditer(text):
        alias = match.group(0)
        hit = table.by_alias.get(alias) or table.by_alias.get(alias.lower())
        if hit is None:
            continue
        found.append(SourceMention(match.start(), match.end(), hit[0], hit[1]))
    return found


def _monitor_anaphora(text: str, named: Sequence[SourceMention]) -> list[SourceMention]:
    monitors = [m for m in named if m.kind == "monitor"]
    if not monitors:
        return []
    resolved: list[SourceMention] = []
    for match in _table().anaphora.finditer(text):
        before = [m for m in monitors if m.end <= match.start()]
        target = before[-1] if before else monitors[0]
        resolved.append(SourceMention(match.start(), match.end(), target.name, target.kind))
    return resolved


def _chain(sentence: Sentence, mentions: Sequence[SourceMention], text: str) -> list[str]:
    citing_first: list[str] = []
    rest: list[str] = []
    for mention in mentions:
        window = text[max(sentence.start, mention.start - 40) : mention.start]
        target = citing_first if _CITING.search(window) else rest
        if mention.name not in citing_first and mention.name not in rest:
            target.append(mention.name)
    return citing_first + rest


def attribute(text: str, sentences: Sequence[Sentence]) -> Attribution:
    """Attribute every sentence to its chain of sources."""
    named = find_sources(text)
    mentions = sorted(named + _monitor_anaphora(text, named), key=lambda m: m.start)
    chains: list[tuple[str, ...]] = []
    cited: list[str] = []
    previous: tuple[str, ...] = ()
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        has_cue = _CUE.search(sentence.text) is not None
        chain: tuple[str, ...] = ()
        if has_cue and inside:
            chain = tuple(_chain(sentence, inside, text))
        elif has_cue:
            # "he added", "it reports": the speaker of the sentence before.
            chain = previous
        chains.append(chain)
        for name in chain:
            if name not in cited:
                cited.append(name)
        previous = chain
    return Attribution(tuple(chains), tuple(cited), tuple(mentions))
