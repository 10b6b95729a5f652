"""Stage 8b, control: who holds, took, lost, regained or shares which place.

Input: one sentence, the actors and the place it names (or the report's place
in focus). Output: :class:`ControlFinding` records; the pipeline turns them into
the contract's ``control_claims``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from observatory.extract.actors import ActorMention

_SHARE = re.compile(r"\bshar(?:e|es|ed|ing)\s+control\b", re.IGNORECASE)
_REGAIN = re.compile(
    r"\b(?:re-?took|re-?taken|recaptur(?:ed|es|e)|regain(?:ed|s)?|took\s+back|liberat(?:ed|es))\b",
    re.IGNORECASE,
)
_TOOK = re.compile(
    r"\b(?:captured|seized|overran|took\s+(?:over|control\s+of)|gained\s+control\s+of|"
    r"(?:is|are|was|were)\s+now\s+in\s+control\s+of)\b",
    re.IGNORECASE,
)
_LOST = re.compile(r"\b(?:lost|los(?:es|ing)\s+control\s+of|fell\s+to)\b", re.IGNORECASE)
_WITHDREW = re.compile(
    r"\b(?:withdr(?:ew|awn)|pulled\s+out\s+of|retreated\s+from|evacuated)\b", re.I
)
_HELD = re.compile(r"\b([A-Z][\w]*)-(?:held|controlled)\b")
_SEIZED_BY = re.compile(r"\b(?:seized|captured|held|taken)\s+by\s*$", re.IGNORECASE)
_INTENT = re.compile(
    r"\b(?:to\s+(?:capture|seize|retake|recapture|take)|attempt(?:ed|s)?\s+to|tr(?:y|ied|ying)\s+to|"
    r"offensive\s+to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ControlFinding:
    """A control statement found in one sentence."""

    kind: str
    controllers: tuple[str, ...]
    from_actor: str | None
    start: int
    end: int


def _names(mentions: Sequence[ActorMention]) -> list[str]:
    names: list[str] = []
    for mention in mentions:
        if mention.actor.inter in (6, 7):
            continue
        if mention.actor.name not in names:
            names.append(mention.actor.name)
    return names


def find_control(text: str, offset: int, actors: Sequence[ActorMention]) -> list[ControlFinding]:
    """Control statements in one sentence (``text`` starts at report offset ``offset``)."""
    findings: list[ControlFinding] = []
    end = offset + len(text)
    share = _SHARE.search(text)
    if share:
        names = _names(actors)
        if len(names) >= 2:
            findings.append(ControlFinding("shared", tuple(names[:2]), None, offset, end))
        return findings
    for pattern, kind in (
        (_REGAIN, "regained"),
        (_TOOK, "took"),
        (_WITHDREW, "withdrew"),
        (_LOST, "lost"),
    ):
        match = pattern.search(text)
        if match is None:
            continue
        if _INTENT.search(text[max(0, match.start() - 25) : match.end()]):
            continue
        before = [m for m in actors if m.end - offset <= match.start()]
        after = [m for m in actors if m.start - offset >= match.end()]
        subject = _names(before[:1])
        if not subject:
            continue
        from_actor: str | None = None
        for mention in after:
            window = text[max(0, mention.start - offset - 20) : mention.start - offset]
            if _SEIZED_BY.search(window) or re.search(r"\bfrom\s+(?:the\s+)?$", window, re.I):
                from_actor = mention.actor.name
                break
        if kind == "lost" and after:
            # "X lost P to Y": Y took it.
            takers = _names(after)
            findings.append(ControlFinding("lost", tuple(subject), None, offset, end))
            if takers:
                findings.append(ControlFinding("took", (takers[0],), subject[0], offset, end))
            break
        findings.append(ControlFinding(kind, tuple(subject), from_actor, offset, end))
        break
    return findings


def held_by(text: str, offset: int, actors: Sequence[ActorMention]) -> list[ControlFinding]:
    """``IS-held`` / ``rebel-controlled`` adjectives: the actor holds the place named there."""
    findings: list[ControlFinding] = []
    for match in _HELD.finditer(text):
        start = offset + match.start(1)
        for mention in actors:
            if mention.start <= start < mention.end:
                findings.append(
                    ControlFinding(
                        "holds",
                        (mention.actor.name,),
                        None,
                        offset + match.start(),
                        offset + match.end(),
                    )
                )
                break
    return findings
