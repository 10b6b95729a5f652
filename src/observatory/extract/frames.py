"""Stage 4, event frames: what kind of event a sentence reports, and who did it to whom.

Input: one sentence with the actor mentions found in it. Output: a
:class:`Frame` (ACLED event type and sub-event type, trigger span, actor roles)
or ``None`` when the sentence reports no event, or only background
("Assad has lost three-quarters of Syria", "skirmishes break out at times").

Typing works in two steps: cue families are found with compiled patterns
(:data:`observatory.extract.frame_cues.CUES`), then :func:`_decide` turns the
families present, and the types of the actors around the trigger, into one
ACLED type. The ACLED taxonomy is in
``SUB_EVENT_TYPES``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from observatory.extract.actors import ActorMention
from observatory.extract.frame_cues import ARMED_WORDS as _ARMED_WORDS
from observatory.extract.frame_cues import BACKGROUND as _BACKGROUND
from observatory.extract.frame_cues import CIVILIAN_WORDS as _CIVILIAN_WORDS
from observatory.extract.frame_cues import CUES as _CUES
from observatory.extract.frame_cues import REPORTED_EVENT as _REPORTED_EVENT

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Arrests": "Strategic developments",
    "Agreement": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

_ARMED_INTER = {1, 2, 3, 4, 8}


@dataclass(frozen=True, slots=True)
class Frame:
    """What one sentence reports: ACLED types, trigger, and actors by role."""

    event_type: str
    sub_event_type: str
    trigger_start: int
    trigger_end: int
    actor1: ActorMention | None
    actor2: ActorMention | None
    assoc: tuple[ActorMention, ...]
    strength: float


def _find(text: str) -> dict[str, re.Match[str]]:
    """The first cue of each family, ignoring cues inside a protest's demands.

    "Workers protested, demanding justice for a colleague who was assaulted"
    reports a peaceful protest: the assault is what the protest is about.
    """
    protest = _CUES["protest"].search(text)
    blocked = _purpose_spans(text) if protest is not None else []
    found: dict[str, re.Match[str]] = {}
    for family, pattern in _CUES.items():
        for match in pattern.finditer(text):
            if family != "protest" and any(a <= match.start() < b for a, b in blocked):
                continue
            if family in ("grenade", "shelling") and _CROWD_CONTROL.search(
                text[max(0, match.start() - 20) : match.end() + 12]
            ):
                continue
            if family == "violent_demo" and _NO_VIOLENCE.search(
                text[max(0, match.start() - 40) : match.end()]
            ):
                continue
            found[family] = match
            break
    return found


_PURPOSE = re.compile(
    r"\b(?:demand(?:ing|ed|s)?|to\s+demand|call(?:ing|ed)\s+for|against|condemn(?:ing|ed)?|"
    r"protesting|to\s+protest|in\s+protest|over\s+the|justice\s+for|seeking|in\s+solidarity|"
    r"to\s+denounce|denouncing|in\s+support\s+of|advocat(?:e|ing)|prevent(?:ing)?|to\s+end|"
    r"awareness|commemorat\w+|commitment)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[,;:()]|\s-\s|\b(?:and\s+then|after\s+which|when|but|then|before|while|later|become|became|"
    r"turned|descended|erupted)\b|\band\s+(?:\w+ed|burnt|threw|lit|set|stoned|fought|broke|beat|hurled)\b",
    re.I,
)
_NO_VIOLENCE = re.compile(
    r"\b(?:no|without|shun\w*|against|stop|end(?:ing)?|non-?|free\s+of|peaceful(?:ly)?)\s+"
    r"(?:\w+\s+){0,3}violen\w*$",
    re.IGNORECASE,
)


# Crowd-control munitions are not explosive weapons.
_CROWD_CONTROL = re.compile(
    r"\b(?:sound|stun|tear\s*-?gas|smoke|flash)\s+(?:grenades?|shells?|canisters?)|"
    r"(?:shells?|canisters?)\s+of\s+tear\s*-?gas",
    re.IGNORECASE,
)


def _purpose_spans(text: str) -> list[tuple[int, int]]:
    """Spans of a protest sentence that state what the protest is about."""
    spans: list[tuple[int, int]] = []
    for marker in _PURPOSE.finditer(text):
        end = _CLAUSE_END.search(text, marker.end())
        spans.append((marker.start(), end.start() if end is not None else len(text)))
    return spans


# Armed forces answering an attack make it a fight between armed sides.
_ARMED_RESPONSE = re.compile(
    r"\b(?:police|security\s+forces|officers|soldiers|troops|army)\s+(?:\w+\s+)?(?:intervened|responded|"
    r"repulsed|pursued|pushed\s+back|fought\s+back|returned\s+fire|engaged)|\bshoot-?out\b|"
    r"\bfought\s+back|\breturned\s+fire",
    re.IGNORECASE,
)
_TWO_SIDED = re.compile(
    r"clash|fight|fought|battl|exchang|skirmish|shoot-?out|combat|engag|hostilities|bursts|shots",
    re.I,
)
_OFF_DUTY = re.compile(r"\b(?:off-?duty|former|retired|ex-)\b", re.I)
# Attacks named as what someone is suspected of, not as what happened.
_INTENT = re.compile(
    r"\b(?:planning|plotting|plan(?:ned)?\s+to|plot\s+to|suspected\s+of|accused\s+of|"
    r"involved\s+in|linked\s+to|charged\s+with|wanted\s+for)\s+(?:\w+\s+){0,3}"
    r"(?:attacks?|killings?|murders?|kidnappings?|robber(?:y|ies))",
    re.IGNORECASE,
)
_CROWD = re.compile(
    r"\b(?:crowds?|supporters|protesters|demonstrators|gathering|assembly|rally|voters|students)\b",
    re.I,
)


def _target_kind(
    text: str, trigger: re.Match[str], actors: Sequence[ActorMention], offset: int
) -> str:
    """Whether the side attacked is armed ("armed"), civilian, or unknown.

    In the active voice the target follows the trigger; in the passive voice
    ("two farmers were shot by ...") it is the subject before it.
    """
    passive = _is_passive(text, trigger.start(), trigger.end())
    if passive:
        region_start, region_end = max(0, trigger.start() - 100), trigger.start()
    else:
        region_start, region_end = trigger.end(), trigger.end() + 80
    if _OFF_DUTY.search(text[region_start:region_end]):
        return "civilian"
    in_region = [
        m
        for m in actors
        if region_start <= m.start - offset < region_end
        and not _PASSIVE_BY.search(text[max(0, m.start - offset - 30) : m.start - offset])
    ]
    if in_region:
        chosen = in_region[-1] if passive else in_region[0]
        if chosen.actor.inter == 4 and _VICTIM_WORDS.search(chosen.text):
            return "civilian"
        return "armed" if chosen.actor.inter in _ARMED_INTER else "civilian"
    window = text[region_start:region_end]
    civ = _CIVILIAN_WORDS.search(window)
    armed = _ARMED_WORDS.search(window)
    if civ and (not armed or civ.start() < armed.start()):
        return "civilian"
    if armed:
        return "armed"
    return "unknown"


_VICTIM_WORDS = re.compile(
    r"\b(?:herders?|herdsmen|fishermen|farmers?|villagers?|pastoralists)\b", re.I
)


# Someone attacking the protesters: the protest met an intervention, it was not violent.
_ATTACK_ON_PROTEST = re.compile(
    r"\b(?:assault|attack|beat|hack|chas)\w*\s+(?:and\s+\w+\s+)?(?:the\s+|a\s+)?(?:[\w()-]+\s+){0,4}"
    r"(?:demonstrators|protesters|procession|rally|participants|marchers)\b|"
    r"\b(?:assault|attack|beat|hack)\w*\s+(?:and\s+\w+\s+)?(?:[\w()-]+\s+){0,10}during\s+"
    r"(?:[\w()-]+'s\s+|their\s+|the\s+|a\s+|an\s+)(?:[\w-]+\s+){0,3}"
    r"(?:protest|demonstration|procession|rally|march|sit-?in|human\s+chain|programme)",
    re.IGNORECASE,
)


def _protest_type(found: dict[str, re.Match[str]], text: str) -> str:
    if "excessive" in found and re.search(
        r"\b(?:killed|shot|dead|died|wounded|injured)\b", text, re.I
    ):
        return "Excessive force against protesters"
    if "violent_demo" in found and _ATTACK_ON_PROTEST.search(text):
        return "Protest with intervention"  # others attacked the protest
    if "violent_demo" in found or "mob" in found and "protest" in found:
        return "Violent demonstration"
    if "intervention" in found:
        return "Protest with intervention"
    return "Peaceful protest"


_SUB_OF_FAMILY: dict[str, str] = {
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "grenade": "Grenade",
    "ied": "Remote explosive/landmine/IED",
    "sexual": "Sexual violence",
    "abduction": "Abduction/forced disappearance",
    "clash": "Armed clash",
    "disrupted": "Disrupted weapons use",
    "looting": "Looting/property destruction",
    "arrest": "Arrests",
    "agreement": "Agreement",
    "hq": "Headquarters or base established",
    "transfer": "Non-violent transfer of territory",
    "change": "Change to group/activity",
    "other": "Other",
}
# Families that name the means of an attack: when present they type the event
# wherever they stand in the sentence ("killed in an air strike").
_MEANS = ("suicide", "chemical", "air", "shelling", "grenade", "ied")
# Families that only type the event when nothing stronger is present.
_WEAK = ("transfer", "agreement", "other", "change")
# ACLED coders open some notes with the kind of development they record.
_CODER_PREFIX = {
    "movement of forces": "Change to group/activity",
    "non-violent activity": "Other",
    "property destruction": "Looting/property destruction",
    "non-violent transfer of territory": "Non-violent transfer of territory",
    "headquarters or base established": "Headquarters or base established",
}
_CODER_PREFIX_RE = re.compile(
    r"^\W*(" + "|".join(re.escape(k) for k in _CODER_PREFIX) + r")\s*:", re.IGNORECASE
)


def _decide(
    found: dict[str, re.Match[str]], text: str, actors: Sequence[ActorMention], offset: int
) -> tuple[str, re.Match[str]] | None:
    """Pick the ACLED sub-event type for the cue families found in a sentence."""
    agreed = _AGREED.search(text)
    if agreed is not None:
        return "Agreement", agreed
    prefix = _CODER_PREFIX_RE.match(text)
    if prefix is not None:
        return _CODER_PREFIX[prefix.group(1).lower()], prefix
    if "riot" in found and "mob" not in found:
        return "Violent demonstration", found["riot"]
    if "protest" in found:
        return _protest_type(found, text), found["protest"]
    if "mob" in found and not (
        "clash" in found and any(m.actor.inter in (1, 2, 8) for m in actors)
    ):
        return "Mob violence", found["mob"]
    if "intervention" in found and _CROWD.search(text) and not (_MEANS_RE.search(text)):
        return "Protest with intervention", found["intervention"]
    violent = [found[f] for f in ("clash", "attack", "looting", "violent_demo") if f in found]
    first_violent = min(violent, key=lambda m: m.start()) if violent else None
    if (
        first_violent is not None
        and not _MEANS_RE.search(text)
        and _unarmed_agent(text, actors, offset, first_violent.start())
    ):
        match = first_violent
        if _STATE_WORDS.search(text) and _PROTEST_CONTEXT.search(text):
            return "Violent demonstration", match
        return "Mob violence", match
    if (
        "clash" in found
        and not _MEANS_RE.search(text)
        and not any(m.actor.inter in _ARMED_INTER for m in actors)
        and not _ARMED_AGENT_WORDS.search(text)
        and _GROUP_FIGHT.search(text)
        and not _IDENTITY_WORDS.search(text)
    ):
        return "Mob violence", found["clash"]
    if "regain" in found and not _rebel_subject(actors, found["regain"], offset):
        return "Government regains territory", found["regain"]
    if "overtake" in found and _state_subject(actors, found["overtake"], offset):
        return "Government regains territory", found["overtake"]
    if "overtake" in found or "regain" in found:
        return "Non-state actor overtakes territory", found.get("overtake") or found["regain"]
    if "disrupted" in found:
        found = {k: v for k, v in found.items() if k not in ("ied", "grenade", "shelling")}
    means = [f for f in _MEANS if f in found]
    if means:
        family = means[0]
        generic_blast = family == "ied" and _GENERIC_BLAST.fullmatch(found[family].group(0))
        if (family in ("shelling", "grenade") or generic_blast) and _SMALL_ARMS.search(text):
            return "Armed clash", found[family]
        if family == "shelling" and re.search(
            r"\bexchang\w*\s+(?:\w+\s+)?(?:artillery|fire|shell)", text, re.I
        ):
            return "Armed clash", found[family]
        if (
            family == "shelling"
            and "clash" in found
            and found["clash"].start() < found["shelling"].start()
            and _TWO_SIDED.search(found["clash"].group(0)) is not None
        ):
            return "Armed clash", found["clash"]
        return _SUB_OF_FAMILY[family], found[family]
    strong = [(m.start(), f) for f, m in found.items() if f in _SUB_OF_FAMILY and f not in _WEAK]
    strong += [(m.start(), f) for f, m in found.items() if f == "attack"]
    if strong:
        # The earliest cue wins; on a tie the more specific family ("shoot-out" is a
        # clash before it is a shooting).
        _, family = min(strong, key=lambda it: (it[0], it[1] == "attack"))
        if family in ("arrest", "looting") and "attack" in found and not _INTENT.search(text):
            family = "attack"  # killed or beaten in the course of an arrest or a raid
        match = found[family]
        if family == "attack":
            if "clash" in found and _TWO_SIDED.search(found["clash"].group(0)):
                return "Armed clash", match
            if _ARMED_RESPONSE.search(text):
                return "Armed clash", match
            kind = _target_kind(text, match, actors, offset)
            return ("Armed clash" if kind == "armed" else "Attack"), match
        return _SUB_OF_FAMILY[family], match
    weak = [(found[f].start(), _WEAK.index(f), f) for f in _WEAK if f in found]
    if weak:
        _, _, family = min(weak)  # earliest; on a tie, the more specific family
        return _SUB_OF_FAMILY[family], found[family]
    return None


_UNARMED_WORDS = re.compile(
    r"\b(?:supporters|members|activists|leaders?|workers|followers|cadres|villagers|residents|locals|"
    r"people|youths?|groups?|mob|crowd|students|relatives|famil(?:y|ies)|rivals?|factions?|neighbou?rs|"
    r"traders|journalists|farmers|women|villages|rioters|party)\b",
    re.IGNORECASE,
)
_ARMED_AGENT_WORDS = re.compile(
    r"\b(?:police|policem[ae]n|officers?|soldiers?|troops?|army|military|security|forces|militants?|"
    r"insurgents?|rebels?|gunm[ae]n|armed|fighters?|militia(?:men|s)?|guards?|bandits?|terrorists?|"
    r"jihadists?|commandos?|paramilitar(?:y|ies)|RAB|BGB|Taliban|Shabaab|cartel|gang(?:s|sters)?|ethnic|clans?|"
    r"clansmen|tribes?|tribesmen|raiders?|rustlers?|herders|pastoralists|thie(?:f|ves)|robbers?|criminals?|"
    r"kidnappers?|assailants?|attackers?|unknown\s+persons?|unidentified|pirates?|poachers?|warriors?|morans?)\b",
    re.IGNORECASE,
)
_STATE_WORDS = re.compile(
    r"\b(?:police|policem[ae]n|officers|security\s+forces|law\s+enforcers|RAB|BGB)\b", re.I
)
_PROTEST_CONTEXT = re.compile(
    r"\b(?:blockade|hartal|strike|rall(?:y|ies)|demonstrat\w*|protest\w*|procession|march|programme|program|"
    r"picket\w*|demand\w*)\b",
    re.IGNORECASE,
)
_MEANS_RE = re.compile(
    r"\b(?:bombs?|grenades?|IEDs?|mortars?|shell(?:s|ed|ing)|rockets?|missiles?|air\s*strikes?|drones?)\b",
    re.IGNORECASE,
)
_PARTY_ACTOR_TYPES = {5, 6, 7}
# A clash between crowds: nobody armed is named, but two sides are.
_IDENTITY_WORDS = re.compile(
    r"\b(?:ethnic|communit(?:y|ies)|clans?|sub-?clans?|tribes?|tribal)\b", re.I
)
_GROUP_FIGHT = re.compile(
    r"\b(?:two|rival|both)\s+(?:\w+\s+)?(?:groups|sides|factions|camps|communities|villages|families)|"
    r"\bsupporters\b|\bfollowers\b|\bactivists\b|\bmembers\b|\bresidents\b|\bvillagers\b|"
    r"\blocals\b|\bstudents\b|\bpassengers\b|\boperators\b|\bcrowds?\b|\byouths?\b|\brivals?\b",
    re.IGNORECASE,
)
_GENERIC_BLAST = re.compile(r"explosions?|blasts?", re.IGNORECASE)
# Small-arms fire alongside heavy weapons makes an exchange an armed clash.
_SMALL_ARMS = re.compile(
    r"\b(?:small\s+arms|(?<!heavy\s)machine\s*-?guns?|in\s+both\s+directions|gunfire|"
    r"exchange[ds]?\s+(?:of\s+)?fire|automatic\s+weapons)\b",
    re.IGNORECASE,
)


def _unarmed_agent(text: str, actors: Sequence[ActorMention], offset: int, trigger: int) -> bool:
    """True when the side acting is nobody armed: party supporters, villagers, rival groups.

    In the passive voice the agent is the ``by`` phrase; with no ``by`` phrase the
    agent is unknown, which ACLED codes as an unidentified armed group, not a crowd.
    """
    if _FOUND_DEAD.search(text):
        return False
    passive = _is_passive(text, trigger, trigger + 20)
    by_phrase = re.search(r"\bby\s+((?:[\w'-]+\s+){0,5}[\w'-]+)", text[trigger : trigger + 70])
    if passive:
        if by_phrase is None:
            return False
        subject = by_phrase.group(1)
        lo, hi = trigger + by_phrase.start(1), trigger + by_phrase.end(1)
        subject_actors = [m for m in actors if lo <= m.start - offset < hi]
    else:
        subject = text[max(0, trigger - 140) : trigger]
        subject_actors = [m for m in actors if m.end - offset <= trigger]
    subject_actors = [m for m in subject_actors if m.actor.inter != 7]
    first = subject_actors[0] if subject_actors else None
    if first is not None and (
        first.actor.inter in (1, 2, 4, 8) or (first.actor.inter == 3 and first.actor.generic)
    ):
        return False
    if _ARMED_AGENT_WORDS.search(subject):
        unarmed = _UNARMED_WORDS.search(subject)
        armed = _ARMED_AGENT_WORDS.search(subject)
        if armed is not None and (unarmed is None or armed.start() < unarmed.start()):
            return False
    if first is not None and first.actor.inter in _PARTY_ACTOR_TYPES:
        return True
    if first is not None and first.actor.party:
        return True  # a political party or its wing acting as a crowd
    if passive:
        return _UNARMED_WORDS.search(subject) is not None
    return _UNARMED_SUBJECT.search(subject) is not None


_FOUND_DEAD = re.compile(
    r"\b(?:found\s+(?:\w+\s+){0,3}(?:dead|murdered|killed|lifeless)|bod(?:y|ies)\s+(?:of|were|was)|"
    r"drive-by|shot\s+dead\s+by\s+(?:unknown|unidentified|armed))\b",
    re.IGNORECASE,
)
# Crowd words that mark the subject of an active sentence as unarmed. "people" and
# "persons" are left out: "2 people killed a man" is too rare to outweigh victims.
_UNARMED_SUBJECT = re.compile(
    r"\b(?:supporters|members|activists|workers|followers|cadres|villagers|residents|locals|"
    r"youths?|mob|crowd|students|relatives|famil(?:y|ies)|rivals?|factions?|neighbou?rs|"
    r"traders|farmers|rioters|party|groups?\s+of|voters|hawkers|brokers|"
    r"volunteers|encroachers|colleagues|touts|operators|drivers|vendors|accomplices)\b",
    re.IGNORECASE,
)


def _state_subject(actors: Sequence[ActorMention], trigger: re.Match[str], offset: int) -> bool:
    before = [m for m in actors if m.end - offset <= trigger.start()]
    return bool(before) and before[0].actor.inter == 1


def _rebel_subject(actors: Sequence[ActorMention], trigger: re.Match[str], offset: int) -> bool:
    before = [m for m in actors if m.end - offset <= trigger.start()]
    return bool(before) and before[0].actor.inter != 1


_ASSOC_BEFORE = re.compile(
    r"(?:backed\s+by|supported\s+by|alongside|allied|with\s+the\s+support\s+of|and\s+allied|"
    r"aided\s+by|together\s+with|(?<!were\s)(?<!was\s)backed(?:\s+the)?)\s*$",
    re.IGNORECASE,
)
_PASSIVE_BY = re.compile(
    r"\bby\s+(?:the\s+|a\s+|an\s+|suspected\s+|unknown\s+|unidentified\s+)*$", re.I
)
_TARGET_BEFORE = re.compile(r"\b(?:against|on|targeting|at|with|between)\s+(?:the\s+|a\s+)?$", re.I)
_PASSIVE_VOICE = re.compile(
    r"\b(?:is|are|was|were|been|being|got)\s+(?:\w+\s+){0,2}\w+(?:ed|en|t)\b", re.I
)


# An auxiliary a few words before the trigger, with no new clause in between:
# "was injured in a drive-by shooting", but not "were killed when gunmen attacked".
_AUX_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being|got)\s+"
    r"(?:(?!when\b|as\b|after\b|while\b|and\b|but\b|because\b)[\w'-]+,?\s+){0,4}$",
    re.IGNORECASE,
)


def _is_passive(text: str, start: int, end: int) -> bool:
    """Whether the trigger at ``[start, end)`` stands in a passive clause."""
    if _AUX_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    return _PASSIVE_VOICE.search(text[max(0, start - 25) : end + 5]) is not None


def _roles(
    text: str, offset: int, trigger: re.Match[str], actors: Sequence[ActorMention]
) -> tuple[ActorMention | None, ActorMention | None, tuple[ActorMention, ...]]:
    """Split a sentence's actors into actor1 (agent), actor2 (target) and associates."""
    assoc: list[ActorMention] = []
    main: list[ActorMention] = []
    for mention in actors:
        local = mention.start - offset
        if (
            _ASSOC_BEFORE.search(text[max(0, local - 40) : local])
            or re.search(r"\ballied\s*$", text[max(0, local - 10) : local], re.I)
            or re.match(r"allied\b", mention.text, re.I)
        ):
            assoc.append(mention)
        else:
            main.append(mention)
    # An actor named once as an ally is an ally throughout the sentence
    # ("backed the Kurdish forces, known as the YPG, ...").
    allies = {a.actor.name for a in assoc}
    main = [m for m in main if m.actor.name not in allies] or main
    # Remove repeats of one actor, keeping the first mention.
    unique: list[ActorMention] = []
    for mention in main:
        if all(m.actor.name != mention.actor.name for m in unique):
            unique.append(mention)
    assoc = [a for a in assoc if all(a.actor.name != m.actor.name for m in unique)]
    agent: ActorMention | None = None
    target: ActorMention | None = None
    # A passive agent ("were attacked by gunmen") counts only right after the trigger.
    by_agent = [
        m
        for m in unique
        if 0 <= m.start - offset - trigger.end() <= 40
        and _PASSIVE_BY.search(text[trigger.end() : m.start - offset])
        and _is_passive(text, trigger.start(), trigger.end())
    ]
    if by_agent:
        agent = by_agent[0]
        rest = [m for m in unique if m is not agent]
        target = rest[0] if rest else None
    else:
        # A mention that runs into the trigger ("coalition airstrikes") is its agent.
        before = [m for m in unique if m.start - offset < trigger.start()]
        after = [m for m in unique if m.start - offset >= trigger.start()]
        passive = _is_passive(text, trigger.start(), trigger.end())
        if before and passive and not after:
            target = before[0]
        elif before:
            agent = before[0]
            target = after[0] if after else (before[1] if len(before) > 1 else None)
        elif after:
            targeted = [
                m
                for m in after
                if _TARGET_BEFORE.search(text[max(0, m.start - offset - 15) : m.start - offset])
            ]
            if targeted and len(after) > 1:
                target = targeted[0]
                agent = next(m for m in after if m is not target)
            else:
                agent = after[0]
                target = after[1] if len(after) > 1 else None
    return agent, target, tuple(assoc)


def is_background(text: str) -> bool:
    """True when a sentence talks about the conflict rather than reporting an event."""
    return _BACKGROUND.search(text) is not None and _REPORTED_EVENT.search(text) is None


# An agreement reached, as the sentence's main news ("agreed to a ceasefire after fighting").
_AGREED = re.compile(
    r"\b(?:agreed\s+(?:to|on|upon)|signed|reached)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:ceasefire|cease-fire|truce|deal|agreement|accord|prisoner\s+(?:exchange|swap))",
    re.IGNORECASE,
)
# Accidents and disasters: no event unless something hostile is named too.
_ACCIDENT = re.compile(
    r"\b(?:accident(?:al)?|crash(?:ed|es)?|collision|collided|plunged|derail(?:ed|ment)|"
    r"gas\s+leak|industrial|chemical\s+plant|factory\s+fire|fire\s+broke\s+out|short\s+circuit|"
    r"earthquake|flood(?:s|ing)?|landslide|storm|cyclone|hurricane|typhoon|drought|"
    r"stampede|capsized|boiler|cylinder\s+(?:blast|explosion))\b",
    re.IGNORECASE,
)
_HOSTILE = re.compile(
    r"\b(?:attack\w*|gunm[ae]n|militants?|insurgents?|rebels?|terroris\w+|bomb(?:s|ing|er)?|"
    r"IEDs?|grenades?|shell(?:s|ing|ed)|air\s*strikes?|troops|soldiers|protest\w*|riot\w*|"
    r"shot|stabbed|killed\s+by|murder\w*|clash\w*|mob)\b",
    re.IGNORECASE,
)


def frame_sentence(text: str, offset: int, actors: Sequence[ActorMention]) -> Frame | None:
    """The event a sentence reports, or ``None``.

    ``text`` is the sentence, ``offset`` its start in the report, ``actors`` the
    actor mentions inside it (report offsets).
    """
    found = _find(text)
    if is_background(text) and "protest" not in found:
        return None
    if not found and not _CODER_PREFIX_RE.match(text):
        return None
    if _ACCIDENT.search(text) and not _HOSTILE.search(text) and "protest" not in found:
        return None  # an accident or a disaster, not political violence
    decided = _decide(found, text, actors, offset)
    if decided is None:
        return None
    sub, trigger = decided
    agent, target, assoc = _roles(text, offset, trigger, actors)
    strength = 0.5 + 0.1 * min(len(found), 3) + (0.1 if agent else 0.0) + (0.1 if target else 0.0)
    return Frame(
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        trigger_start=offset + trigger.start(),
        trigger_end=offset + trigger.end(),
        actor1=agent,
        actor2=target,
        assoc=assoc,
        strength=min(strength, 0.95),
    )


_PROTEST_ORDER = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Violent demonstration": 2,
    "Excessive force against protesters": 3,
}
# Follow-up sentences that add a casualty figure or a consequence to the event before them.
_CONSEQUENCE_ONLY = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:killed|died|dead|injured|wounded|hurt|fatalit|death|bodies|body|"
    r"sustained|hospital|no\s+(?:one|casualties|injuries|deaths))",
    re.IGNORECASE,
)


def retyped(frame: Frame, sub_event_type: str) -> Frame:
    """The same frame with another ACLED sub-event type (and its event type)."""
    return replace(frame, event_type=SUB_EVENT_TYPES[sub_event_type], sub_event_type=sub_event_type)


def follow_up(
    previous: Frame, text: str, offset: int, actors: Sequence[ActorMention], own: Frame | None
) -> Frame | None:
    """Fold a follow-up sentence into the event before it, when it only continues it.

    Returns the (possibly refined) previous frame when the sentence continues it
    ("Police dispersed them with tear gas." after a protest; "Two soldiers were
    killed." after a clash), or ``None`` when the sentence stands on its own.
    """
    if previous.event_type in ("Protests", "Riots"):
        if (
            own is not None
            and own.event_type not in ("Protests", "Riots", "Strategic developments")
            and not (own.sub_event_type in ("Attack", "Armed clash") and _STATE_WORDS.search(text))
        ):
            return None
        if previous.sub_event_type == "Mob violence":
            return previous
        found = _find(text)
        rank = _PROTEST_ORDER.get(previous.sub_event_type, 2)
        candidate = previous.sub_event_type
        if ("riot" in found or "violent_demo" in found or "looting" in found) and rank < 2:
            candidate, rank = "Violent demonstration", 2
        if (
            "excessive" in found
            and re.search(r"\b(?:killed|shot|dead|died|wounded|injured)\b", text, re.I)
            and rank < 2
        ):
            candidate, rank = "Excessive force against protesters", 3
        if ("intervention" in found or "arrest" in found) and rank < 1:
            candidate = "Protest with intervention"
        if candidate == previous.sub_event_type:
            return previous
        return retyped(previous, candidate)
    if previous.sub_event_type == "Attack" and _ARMED_RESPONSE.search(text):
        return retyped(previous, "Armed clash")
    if own is None or _CONSEQUENCE_ONLY.search(text):
        return previous
    return None
