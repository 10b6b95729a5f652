"""Stage 1, clean: normalise whitespace and quotes, drop page-furniture lines.

Input: raw report text. Output: :class:`CleanText` with the cleaned text (all
evidence offsets of later stages point into it) and the lines that were
removed, so an analyst can see what was dropped and why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": None,
        "\u200e": None,
        "\u200f": None,
        "\ufeff": None,
        "\u2013": "-",
        "\u2014": " - ",
    }
)

_SPACES = re.compile(r"[ \t\f\v]+")

# Lines that are page furniture, not report text. Each pattern must match the
# whole (stripped) line, so a sentence that merely contains "share" survives.
_FURNITURE = [
    r"comments?(\s*\(\d+\))?:?",
    r"\d+\s+comments?",
    r"(leave|post|add|write|view|show|hide|load)\s+(a\s+|all\s+|more\s+)?(comments?|reply|replies)",
    r"please\s+(let\s+us\s+know|read|note)\b.*\b(comment|commenting|comments)\b.*",
    r".*\b(issues?|problems?|trouble)\s+with\s+commenting\b.*",
    r"(share|tweet|email|e-mail|print|pin|like)(\s+(this|on\s+\w+|article|story|page))*:?",
    r"share\s+(on|via)\s+\w+(\s+\w+)?",
    r"(facebook|twitter|whatsapp|telegram|linkedin|reddit|x|email)(\s*[|/,]\s*\w+)*",
    r"read\s+(more|also|next|the\s+full\s+(story|article))\b.*",
    r"(related|recommended|more\s+from|most\s+(read|popular)|trending)(\s+(stories|articles|news|content|posts))?:?.*",
    r"(sign\s+up|subscribe)\b.*\b(newsletter|updates|inbox|email|alerts)\b.*",
    r".*\bnewsletter\b.*",
    r"(click|tap)\s+here\b.*",
    r"advertisements?|sponsored(\s+content)?|ad",
    r"follow\s+us\b.*",
    r"(copyright|\(c\)|©)\b.*|all\s+rights\s+reserved\.?",
    r"skip\s+to\s+(main\s+)?content|back\s+to\s+top|loading\.*",
    r".*\b(cookies?|privacy\s+policy|terms\s+of\s+(use|service))\b.*\b(accept|agree|use|consent)\b.*",
    r"(photo|image|picture|video)\s*(credit)?:.*",
    r"(tags?|topics?|filed\s+under):.*",
    r"(next|previous)\s+(article|story|post)\b.*",
    r"continue\s+reading\.?",
]
_FURNITURE_RE = re.compile(r"^(?:" + "|".join(_FURNITURE) + r")$", re.IGNORECASE)

#: A furniture line is short; a real paragraph that happens to match a loose
#: pattern (e.g. one mentioning a newsletter) is longer than this.
_MAX_FURNITURE_WORDS = 16


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text of a report and what cleaning removed."""

    text: str
    removed_lines: tuple[str, ...]


def normalise_line(line: str) -> str:
    """Normalise one line: NFC, straight quotes, plain dashes, single spaces."""
    line = unicodedata.normalize("NFC", line).translate(_QUOTES)
    return _SPACES.sub(" ", line).strip()


def is_furniture(line: str) -> bool:
    """True when a (normalised) line is page furniture rather than report text."""
    if len(line.split()) > _MAX_FURNITURE_WORDS:
        return False
    return _FURNITURE_RE.match(line) is not None


def clean_text(raw: str) -> CleanText:
    """Clean a report: one paragraph a line, furniture lines removed and reported."""
    kept: list[str] = []
    removed: list[str] = []
    for raw_line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_line(raw_line)
        if not line:
            continue
        if is_furniture(line):
            removed.append(line)
        else:
            kept.append(line)
    return CleanText(text="\n".join(kept), removed_lines=tuple(removed))
