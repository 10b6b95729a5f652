"""Stage 2, sentences: split cleaned text into sentences with their offsets.

A rule-based splitter tuned for news: every line is a paragraph; inside a
paragraph a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a
closing quote or bracket) before whitespace and an upper-case letter, a digit
or an opening quote, unless the period closes a known abbreviation or an
initial ("U.K.", "Gen.", "J.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
        "cmdr", "adm", "brig", "gov", "sen", "rep", "pres", "st", "mt", "ft", "no", "nos",
        "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept",
        "e.g", "i.e", "u.s", "u.k", "u.n", "km",
    }
)
# Abbreviations that often end a sentence: a capital after them starts a new one.
_SENTENCE_FINAL = frozenset({"a.m", "p.m", "etc"})

_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and its offsets in the cleaned report text."""

    index: int
    start: int
    end: int
    text: str


def _is_abbreviation(paragraph: str, dot_index: int) -> bool:
    match = _WORD_BEFORE.search(paragraph, 0, dot_index + 1)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _SENTENCE_FINAL:
        return False
    if word in _ABBREVIATIONS:
        return True
    # An initial ("J.") or a dotted acronym ("U.S.", "U.K.").
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _split_paragraph(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        first_mark = match.start()
        if paragraph[first_mark] == "." and _is_abbreviation(paragraph, first_mark):
            continue
        end = match.end()
        if paragraph[start:end].strip():
            spans.append((offset + start, offset + end))
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if paragraph[start:].strip():
        spans.append((offset + start, offset + len(paragraph.rstrip())))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    position = 0
    for paragraph in text.split("\n"):
        for start, end in _split_paragraph(paragraph, position):
            sentences.append(Sentence(len(sentences), start, end, text[start:end]))
        position += len(paragraph) + 1
    return sentences
