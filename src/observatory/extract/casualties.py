"""Casualty figures in report text: how many were killed or injured, who, and how they nest.

Input: the cleaned report text and its publication date (or None).
Output: :func:`find_casualties` returns one :class:`CasualtyMention` per figure, in
text order, each with its position in the list (``index``) and, for a figure
that is a subset of another ("among them 71 soldiers"), the ``index`` of the
larger figure (``part_of``). :func:`fatalities_for` sums the deaths of the
top-level, non-cumulative figures in a span of the text.

Figures are read from these shapes (N is a number phrase, "a man" counts as 1)::

    N people were killed / died / were shot dead / are dead / were found dead
    N fighters and M policemen were killed, a man and his son were killed
    killing N people, killed N civilians, shot dead a man, killed a farmer and his son
    beat a woman to death, leaving N dead (and M injured), resulted in N rebels dead
    N fatalities / N deaths / N bodies (found), the bodies of N men (were found)
    led to the killing of N, the death toll rose to N
    "Gunmen kill police reservist", "Land agent killed at home" (headline style: 1)
    N were injured, wounding N, injured N people (injured only: ``killed`` None)
    no casualties / no fatalities / no one was killed / no injuries (a zero)

Rules that keep figures from being counted twice or counted wrongly:

- A list after a figure ("among them 71 soldiers and 48 fighters, including 11
  suicide bombers") gives subsets: each item is ``part_of`` the figure (or item)
  it follows.
- An anaphoric figure ("the two officers were killed", "he died", "one of them
  died") and a figure someone claims or denies against another account ("the
  rebels claimed 25 dead") is ``part_of`` the closest earlier top-level death
  figure, if there is one.
- ACLED coders end notes with the event's count: "3 fatalities." as a sentence of
  its own, "Fatalities: 3", or "8 fatalities split over 2 locations (4)" (the
  share, 4). When the other top-level death figures add up to it, the closing
  count is ``part_of`` the first of them (it repeats them, and the deaths stay
  with the sentences that tell the event). When they do not, the closing count
  wins: it is top-level and they become ``part_of`` it. Either way
  :func:`fatalities_for` over the notes returns the coder's count and keeps its
  simple definition.
- Killed and injured figures joined by "and" ("killing 3 and injuring 5") merge.
- Numbers that are dates, ages ("a 25-year-old"), times or measures are skipped,
  and so are killings that a protest is about ("protested against the killing
  of a student") and killings that did not happen ("nearly killed").

A figure is ``cumulative`` when its sentence speaks of a running total ("so far",
"in total", "to date", "death toll rose", "since the offensive began", "since May
30"); its subsets are cumulative too. ``period_start``/``period_end`` are set when
that sentence names the period ("since May 30" -> May 30 .. published).
``group_text`` is the raw text naming who was hit, "" when the text names nobody.

The patterns only run near casualty words (kill, dead, injur..., fatalit...), which
keeps a 600-word report to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from observatory.extract.dates import find_dates
from observatory.extract.numerals import NUMBER_PATTERN, read_number


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One casualty figure. ``qualifier`` is a ``models.Qualifier`` word ("at least", ...).

    ``group_text`` is the raw text naming who was hit ("regime forces", "people"),
    or "" when the text names nobody ("killing 3").
    """

    index: int
    start: int
    end: int
    killed: int | None
    injured: int | None
    qualifier: str
    group_text: str
    part_of: int | None
    cumulative: bool
    period_start: dt.date | None
    period_end: dt.date | None


@dataclass(slots=True)
class _Draft:
    """A figure while it is being built (mutable; becomes a CasualtyMention)."""

    start: int
    end: int
    num_start: int
    num_end: int
    killed: int | None
    injured: int | None
    qualifier: str
    group: str
    rank: int
    weak: bool = False
    closing: bool = False
    parent: _Draft | None = None
    merged_into: _Draft | None = None
    cumulative: bool = False
    period: tuple[dt.date | None, dt.date | None] = (None, None)


_FLAGS = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = (
    r"was|were|is|are|be|been|being|has|have|had|and|or|but|in|on|at|by|from|of|to|into|"
    r"with|without|during|after|before|since|while|when|where|who|whom|whose|which|that|"
    r"including|among|amid|near|as|for|their|his|her|its|the|this|these|those|a|an|"
    r"killed|dead|died|injured|wounded|hurt|shot|reportedly|allegedly|also|later|"
    r"following|over|against|inside|outside|than|more|all|both|each|other|others|"
    r"across|around|about|through|under|between|then|believed|suspected\s+of|"
    r"arrested|abducted|kidnapped|detained|missing|displaced|rescued|burned|burnt|razed|"
    r"destroyed|looted|damaged|torched|held|taken|seized|released|freed|evacuated"
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|dozen|dozens|several|scores|hundreds|thousands"
)
_NP_TOKEN = (
    rf"(?:(?!(?-i:{_STOP})\b)(?!(?:{_NUMBER_WORDS})\b)[^\W\d_](?:[\w'’/]|[.-](?=\w))*"
    r"|\d{1,3}[\s-]years?[\s-]old|\([A-Za-z][\w .'/-]{0,30}\))"
)
_NP = (
    rf"{_NP_TOKEN}(?:\s+{_NP_TOKEN}){{0,4}}"
    rf"(?:\s+of\s+(?:the\s+|an?\s+|one\s+|his\s+|her\s+|their\s+)?{_NP_TOKEN}"
    rf"(?:\s+{_NP_TOKEN}){{0,4}})?"
)
_NUM = rf"(?:{NUMBER_PATTERN}|an?(?=\s))"
#: Where a figure may start: not inside a word, a date like "19/11" or a decimal.
_START = r"(?<![\w/:-])(?<!\d[.,])"
_ORDINAL = r"(?:other|remaining|last|first|latter|former)"
_SUBJECT = (
    rf"(?:{_NUM}|(?P<the>the|he|she|his|her|their)(?=\s)"
    rf"(?!\s+(?:{_ORDINAL}\s+)?(?:{NUMBER_PATTERN})\b))"
)
_AUX = (
    r"(?:(?:was|were|is|are|had|has|have|got|been|be|being|reportedly|allegedly|also|later|"
    r"subsequently|all|both|confirmed|believed|feared|said|reported|to|eventually|then|"
    r"immediately|instantly|fatally|found|left|lying|pronounced|declared|brutally|"
    r"mercilessly|savagely|mistakenly|accidentally|apparently|likely|discovered|seriously|"
    r"critically|severely|badly|slightly|gravely|mortally|lightly)\s+){0,4}"
    r"(?:[a-z]+(?:ed|en|t)\s+and\s+)?"
)
_KILLED = (
    r"killed|dead|died|die|shot\s+dead|shot\s+and\s+killed|shot\s+to\s+death|"
    r"[a-z]+(?:ed|en|t)\s+to\s+death|lynched|beheaded|decapitated|"
    r"murdered|executed|slain|massacred|assassinated|perished|gunned\s+down|succumbed|"
    r"slaughtered|lost\s+(?:their|his|her)\s+li(?:fe|ves)"
)
_INJURED = (
    r"injured|wounded|hurt|sustained\s+(?:\w+\s+)?injuries|hospitali[sz]ed|maimed|"
    r"(?:taken|rushed|admitted)\s+to\s+(?:a\s+|the\s+)?hospital"
)
_PASSIVE_RX = re.compile(
    rf"{_START}(?P<num>{_SUBJECT})"
    rf"(?P<of>\s+of\s+(?:them|whom|(?:those|these)(?:\s+[a-z]+ed)?|the\s+{_NP_TOKEN}))?"
    rf"(?:\s+(?P<more>more|others|other|additional|further)\b)?"
    rf"(?:\s+(?P<group>{_NP}(?:\s+and\s+{_NP})?))?"
    r"(?P<aside>\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly)\b"
    r"[^.;]{0,100}?,?|\s*,\s*(?:believed|said|reported|thought|suspected|who|aged|a|an)\b"
    r"[^,.;]{1,60},)?"
    rf"\s+(?P<aux>{_AUX})(?:(?P<kill>{_KILLED})|(?P<inj>{_INJURED}))\b"
    r"(?!\s+or\s+(?:injured|wounded|hurt|killed))",
    _FLAGS,
)
#: After a passive-looking "N gunmen killed", an object means the verb was active.
_OBJECT_RX = re.compile(
    rf"\s+(?:{NUMBER_PATTERN}|an?\s|the\s|his\s|her\s|their\s|him\b|them\b|its\s|at\s+least)",
    _FLAGS,
)
_ACTIVE_RX = re.compile(
    r"\b(?:(?P<kill>kill(?:ed|ing|s)?|shot\s+dead|shoot(?:s|ing)?\s+dead|(?:fatally\s+)?shot\s+"
    r"and\s+killed|shooting\s+and\s+killing|behead(?:ed|ing|s)?|decapitat(?:ed|ing)|"
    r"lynch(?:ed|ing|es)?|murder(?:ed|ing|s)?|execut(?:ed|ing|es)|massacr(?:ed|ing|es)|"
    r"assassinat(?:ed|ing|es)|gunn?(?:ed|ing)\s+down|slaughter(?:ed|ing)|"
    r"claim(?:ed|ing)\s+the\s+li(?:ves|fe)\s+of)"
    r"|(?P<inj>injur(?:ed|ing|es|e)|wound(?:ed|ing|s)?|maim(?:ed|ing)))\s+"
    rf"(?P<num>{_NUM}|(?:the|his|her|their)(?=\s+[^\W\d_])"
    rf"(?!\s+(?:{_ORDINAL}\s+)?(?:{NUMBER_PATTERN})\b)|him\b|her\b)"
    rf"(?:\s+(?P<more>more|others|other|additional|further)\b)?(?:\s+(?P<group>{_NP}))?",
    _FLAGS,
)
_TO_DEATH_RX = re.compile(
    r"\b(?:beat(?:en|ing)?|stabb(?:ed|ing)|stab|hack(?:ed|ing)|ston(?:ed|ing)|burn(?:ed|t|ing)|"
    r"club(?:bed|bing)|tortur(?:ed|ing)|bludgeon(?:ed|ing)|shot|shoot(?:ing)?|lynch(?:ed|ing)|"
    r"strangl(?:ed|ing)|hang(?:ed|ing)|crush(?:ed|ing)|trampl(?:ed|ing))\s+"
    rf"(?P<num>{_NUM}|him\b|her\b)(?:\s+(?P<group>{_NP}))?\s+to\s+death",
    _FLAGS,
)
_ITEM = rf"(?:{_NUM}|(?:the|his|her|their)(?=\s))(?:\s+{_NP})?"
_LEFT_RX = re.compile(
    r"\b(?:leaving|left|leave|leaves|result(?:ed|ing|s)?\s+in|lead(?:ing|s)?\s+to|led\s+to|"
    r"caus(?:ed|ing|es)|with)\s+"
    rf"(?P<items>{_ITEM}(?:\s*(?:,\s*and|,|and)\s*{_ITEM}){{0,3}})"
    r"\s+(?:(?:were|are|being)\s+)?"
    r"(?:(?P<kill>dead|killed|shot\s+dead)|(?P<inj>injured|wounded|hurt))\b",
    _FLAGS,
)
_LIST_PASSIVE_RX = re.compile(
    rf"{_START}(?P<items>{_ITEM}(?:\s*(?:,\s*and|,|and)\s*{_ITEM}){{1,3}})"
    rf"\s+(?P<aux>{_AUX})(?:(?P<kill>{_KILLED})|(?P<inj>{_INJURED}))\b"
    r"(?!\s+or\s+(?:injured|wounded|hurt|killed))",
    _FLAGS,
)
_ITEM_RX = re.compile(
    rf"(?P<num>{_NUM}|(?:the|his|her|their)(?=\s))(?:\s+(?P<group>{_NP}))?", _FLAGS
)
_NOUN_RX = re.compile(
    rf"{_START}(?P<num>{NUMBER_PATTERN})\s+(?:more\s+|other\s+|additional\s+|further\s+|"
    r"reported\s+|confirmed\s+|(?-i:[A-Za-z][\w-]*)\s+)?"
    r"(?:(?P<kill>fatalit(?:y|ies)|deaths?|dead\s+bodies|bodies|killings?)|(?P<inj>injuries))\b",
    _FLAGS,
)
_CLOSING_RX = re.compile(
    r"(?:^|(?<=[.!?;:\]\)\"”]))\s*(?:(?:in\s+)?total(?:\s+of)?:?\s+)?"
    rf"(?P<num>{NUMBER_PATTERN})\s+(?:reported\s+)?fatalit(?:y|ies)\s*(?=$|[.;(\[]|\s+[A-Z])"
    r"|\bfatalit\w*\s*[:=]\s*(?P<num2>\d+)",
    _FLAGS,
)
#: "8 fatalities split over 2 locations (4)", "1 fatality split among 12 events": the
#: coder's share for this event (the number in brackets, else the even share).
_SPLIT_RX = re.compile(
    r"\bfatalit(?:y|ies)\s+(?:were\s+|was\s+)?"
    r"(?:split|spread|divided|distributed)\s+(?:among|across|between|over|into|in)\s+"
    rf"(?P<parts>{NUMBER_PATTERN})\s+[a-z]+(?:\s*\((?P<share>\d+)\))?",
    _FLAGS,
)
_NOMINAL_RX = re.compile(
    r"\b(?:(?:led\s+to|leading\s+to|resulted\s+in|resulting\s+in|caus(?:ed|ing)|with)\s+"
    r"(?:the\s+)?(?:(?P<kill>deaths?|killings?|murders?)|(?P<inj>injur(?:y|ies|ing)|wounding))"
    r"|(?P<inj2>(?:injuring|wounding|injury|injuries)))"
    rf"\s+of\s+(?P<num>{_NUM}|(?:the|his|her|their)(?=\s+[^\W\d_]))"
    rf"(?:\s+(?P<more>more|others|other|additional)\b)?"
    rf"(?:\s+(?P<group>{_NP}))?",
    _FLAGS,
)
#: "shot a civilian ..., resulting in his death": the victim already named dies.
_HIS_DEATH_RX = re.compile(
    r"\b(?:result(?:ed|ing)\s+in|lead(?:ing)?\s+to|led\s+to|caus(?:ed|ing))\s+"
    r"(?P<num>his|her)\s+death\b",
    _FLAGS,
)
#: "shot six of the robbers dead", "shot him dead".
_SHOT_DEAD_RX = re.compile(
    rf"\bshot\s+(?P<num>{_NUM}|him\b|her\b)(?:\s+of\s+(?:the|them|those)\b)?"
    rf"(?:\s+(?P<group>{_NP}))?\s+dead\b",
    _FLAGS,
)
_TOLL_RX = re.compile(
    r"\b(?:death\s+toll|casualty\s+toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|those\s+killed|"
    r"fatalities))\s+(?:\w+\s+){0,3}?(?:to|at|of|reached|hit|is|was|stood\s+at|stands\s+at)\s+"
    rf"(?P<num>{NUMBER_PATTERN})",
    _FLAGS,
)
_BODIES_RX = re.compile(
    rf"\b(?:the\s+)?bod(?:y|ies)\s+of\s+(?P<num>{_NUM})(?:\s+(?P<group>{_NP}))?",
    _FLAGS,
)
_FOUND_RX = re.compile(
    r"\b(?:found|discovered|recovered|retrieved|dumped|exhumed|lying|collected|brought|"
    r"taken\s+to|morgue|mortuary)\b",
    _FLAGS,
)
_ZERO_RX = re.compile(
    r"\b(?:no\s+(?:one|body|person|people|civilians?|lives?|soldiers?)\s+(?:(?:was|were|has\s+"
    r"been|have\s+been|had\s+been|is|are)\s+)?(?:reportedly\s+)?(?:(?P<k1>killed|dead|died|lost)|"
    r"(?P<i1>injured|wounded|hurt|harmed))"
    r"|nobody\s+(?:was\s+|has\s+been\s+)?"
    r"(?:(?P<k2>killed|died)|(?P<i2>injured|wounded|hurt|harmed))"
    r"|(?:no|without\s+(?:any\s+)?)\s+(?:reported\s+|known\s+|(?:immediate\s+)?reports?\s+of\s+)?"
    r"(?:(?P<b1>casualties|injuries\s+or\s+(?:deaths|fatalities)|(?:deaths|fatalities)\s+or\s+"
    r"injuries)|(?P<k3>fatalities|deaths|loss\s+of\s+li(?:fe|ves))|(?P<i3>injuries)))\b",
    _FLAGS,
)
#: Words after a number that make it a measure, an age or a thing, not people.
_NOT_PEOPLE = _words(
    """km kms kilometre kilometres kilometer kilometers metre metres meter meters mile miles
    hour hours minute minutes day days week weeks month months year years am pm a.m p.m
    percent per cent acres hectares kg tons tonnes times rounds shells rockets missiles
    vehicles vehicle cars car houses house homes home shops buildings cattle cows goats camels
    sheep animals livestock donkeys dogs heads head percent% o'clock people's total number
    group couple lot series crowd mob handful years-old year-old attack attacks incident
    incidents explosion explosions blast blasts strike strikes airstrikes raid raids clash
    clashes bullets guns weapons lamb lambs cow bull bulls camel dog dogs chicken chickens
    pig pigs horse horses elephant elephants lion lions hyena donkey animal death deaths
    killing killings murder murders funeral coffin case cases""",
)
#: "a total of", "a group of": the figure is further on, or not a count of people.
_QUANTITY_NOUNS = _words("total number group couple lot series handful crowd mob dozen percent")
_AGE_AFTER_RX = re.compile(r"\s*-?\s*(?:years?[\s-]+old|year-old|yr|%|percent|per\s+cent)", _FLAGS)
_ANAPHORA_BEFORE_RX = re.compile(
    rf"\b(?:the|these|those|both|all|his|her|their)\s+(?:{_ORDINAL}\s+)?$", _FLAGS
)
_ONE_OF_RX = re.compile(r"\s+of\s+(?:whom|them|the|those|these|his|her|their)\b", _FLAGS)
_SUBSET_CUE_RX = re.compile(
    r"[^.;!?]{0,80}?(?:\bamong\s+(?:them|whom|those|the\s+dead|the\s+victims)\b|\bof\s+whom\b|"
    r"\bof\s+them\b|\bincluding\b|\bcomprising\b|\bnamely\b|:)\s*[\"“”']?\s*",
    _FLAGS,
)
_SIBLING_RX = re.compile(r"\s*(?:,\s*and|,|and|as\s+well\s+as|plus)\s+[\"“”']?", _FLAGS)
_DEEPER_RX = re.compile(
    r"\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom)\s+[\"“”']?", _FLAGS
)
_MERGE_GAP_RX = re.compile(
    r"^[\s,]*(?:and|while|with|as\s+well\s+as|,)?[\s,]*(?:also\s+)?$", _FLAGS
)
_CUMULATIVE_RX = re.compile(
    r"\b(?:so\s+far|in\s+total|to\s+date|thus\s+far|(?:death\s+)?toll\s+(?:rose|climbed|has|"
    r"reached|stands|now)|bringing\s+the\s+(?:total|number|toll)|since\s+the\s+(?:start|beginning|"
    r"offensive|fighting|conflict|war|clashes|uprising|outbreak|assault|operation|battle)|"
    r"since\s+(?:it|they|the\s+\w+)\s+(?:began|started|erupted)|overall\s+toll|"
    r"(?:conflict|war|insurgency|uprising|crisis|violence)\b[^.;]{0,80}?\bha(?:s|ve)\s+"
    r"(?:so\s+far\s+|now\s+)?(?:killed|claimed|left))\b",
    _FLAGS,
)
#: A protest, vigil or demand about a killing: the killing is the cause, not the event.
_BACKGROUND_RX = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march(?:ed|es|ing)?|gather(?:ed|ing)|"
    r"sit-in|vigil|mourn\w*|strike|blockade\w*|blocked|chant\w*|condemn\w*|denounc\w*)\b"
    r"[^.;]{0,160}?\b(?:against|over|after|following|condemn\w*|denounc\w*|demand\w*|"
    r"justice|memory|in\s+response\s+to|to\s+protest|about|regarding|for\s+the)\b"
    r"(?P<tail>[^.;]{0,140})$",
    _FLAGS,
)
#: ... unless the figure follows an act of the event itself ("opened fire ..., killing 2").
_EVENT_ACT_RX = re.compile(
    r"\b(?:fired|firing|opened\s+fire|clash\w*|attack\w*|charg\w*|shot|stormed|dispers\w*|"
    r"beat|assault\w*|exchanged)\b",
    _FLAGS,
)
#: A figure someone claims against another account: an alternative, not an addition.
_CLAIM_RX = re.compile(
    r"\b(?:claim\w*|other\s+sources?|another\s+source|some\s+reports?|unconfirmed|"
    r"according\s+to\s+(?:other|some)|reports?\s+that|could\s+not\s+(?:independently\s+)?"
    r"(?:confirm|verify)|unverified|denied)\b[^.;]*$",
    _FLAGS,
)
_KEYWORD_RX = re.compile(
    r"\b(?:kill|dead|die|death|fatalit|injur|wound|hurt|harm|lynch|behead|decapitat|murder|"
    r"execut|slain|slaughter|massacr|assassinat|perish|succumb|lives|life|gunn|bod|casualt|"
    r"toll|hospitali|maim|shot|shoot)",
    _FLAGS,
)
_BOUNDARY_RX = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“'(\[]?[A-Z0-9])|\n+")
#: A month name, a year-like number or an ISO date: a number near one may be a date.
_DATE_HINT_RX = re.compile(
    r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|"
    r"SEP|OCT|NOV|DEC)|\b(?:1[89]|20)\d\d\b"
)
_NUMBER_BEFORE_RX = re.compile(rf"(?<![\w-])(?P<num>{NUMBER_PATTERN})\s+$", _FLAGS)
#: Where a figure can begin (zero-width, so "at least 119" also gives the start of "119").
_FIGURE_START_RX = re.compile(
    rf"{_START}(?=(?:{NUMBER_PATTERN})|(?:an?|the|he|she|his|her|their)\s)", _FLAGS
)
#: Words without which a sentence names no date (checked before the costlier date search).
_DATE_WORD_RX = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"yesterday|today|tonight|night|week|month|year|days|hours|recent)",
    _FLAGS,
)
_SINCE_RX = re.compile(r"\bsince\b", _FLAGS)
_PASSIVE_AUX_RX = re.compile(r"\b(?:was|were|is|are|been|be|being|got|found)\b", _FLAGS)
_AND_OBJECT_RX = re.compile(
    rf"\s*(?:\([^()]{{1,30}}\)\s*)?,?\s+and\s+(?:(?P<poss>his|her|their)|(?P<num>{_NUM}))"
    rf"\s+(?P<group>{_NP})(?!\s+(?:was|were|are|is|have|has|had)\b)",
    _FLAGS,
)
#: Headline style, no article: "Gunmen kill police reservist", "Land agent killed at home".
_BARE_HEAD = r"(?:[a-z][\w'’-]*|[A-Z]{2,}|[A-Z][a-z]+)"
_BARE_TOKEN = rf"(?!(?-i:{_STOP}|{_NUMBER_WORDS}|no|not|some|any|every|another|many)\b)"
_BARE_NP = rf"(?:{_BARE_TOKEN}(?-i:{_BARE_HEAD})\s+){{0,3}}{_BARE_TOKEN}(?-i:[a-z][\w'’-]*)"
_BARE_PASSIVE_RX = re.compile(
    rf"(?:^|(?<=[.;:]\s)|(?<=\band\s))(?P<group>{_BARE_NP})\s+"
    r"(?:(?:was|is|has\s+been|found|reportedly|allegedly)\s+){0,2}"
    r"(?:killed|shot\s+dead|murdered|lynched|beheaded|[a-z]+(?:ed|en|t)\s+to\s+death"
    r"|found\s+dead|assassinated|gunned\s+down)\b(?!\s+(?:an?|the|his|her|their|\d)\b)",
    _FLAGS,
)
_BARE_ACTIVE_RX = re.compile(
    r"(?-i:\b(?:kill|kills|lynch|lynches|behead|beheads|shoot\s+dead|"
    r"shoots\s+dead|(?P<to>stone|stones|beat|beats|hack|hacks|stab|stabs|burn|burns)))\s+"
    rf"(?P<group>{_BARE_NP})\b"
    r"(?(to)\s+to\s+death|(?!\s+(?:and|or)\s+(?:an?|the|his|her|their|\d+|one|two|three)\b))",
)
#: Nouns for a person, for headlines with no article or number ("Gunmen kill trader").
_PERSONS = _words(
    """man woman boy girl child baby chief elder mp mca official suspect thief criminal
    guard pastor priest cleric imam sheikh journalist mayor councillor politician militant
    rebel refugee pedestrian motorist cyclist vendor hawker passenger wife husband son
    daughter mother father brother sister relative victim youth person policeman
    policewoman herdsman businessman fisherman reservist civilian soldier commander cop
    inspector sergeant corporal constable student resident agent""",
)
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "man", "woman")
_COLLECTIVE = _words(
    """police army military militia group mob community government family crowd gang forces
    people personnel staff youth militia clan tribe village town villagers residents
    civilians herders raiders attackers bandits members""",
)
_BARE_STOP = _words(_STOP.replace("suspected\\s+of", "").replace("|", " ")) | _words(
    "no not one some any every another several many"
)
_PRONOUN_VALUE = {"him": 1, "her": 1, "he": 1, "she": 1, "the": 1, "his": 1, "their": 1}
_WORD_BEFORE_RX = re.compile(r"([A-Za-z]+)[\s,]*$")
#: A figure right after these words is an object, not the subject of "were killed".
_PREPOSITIONS = _words(
    """in at on near into from to with by inside outside across of for against among
    between behind under over around through toward towards""",
)
#: Verbs that, just before a list, make it their object ("killed a man and 3 were hurt").
_VERB_BEFORE_RX = re.compile(
    r"(?:kill\w*|shot|shooting|dead|injur\w*|wound\w*|lynch\w*|behead\w*|murder\w*|leaving|"
    r"left|leave)\s+$",
    _FLAGS,
)
#: A killing that was attempted or threatened did not happen.
_NOT_DONE_RX = re.compile(
    r"\b(?:nearly|almost|attempt(?:ed|ing)?\s+to|tried\s+to|trying\s+to|threat\w*\s+to|"
    r"plan(?:ned|ning)?\s+to|plot(?:ted|ting)?\s+to|intend(?:ed|ing)?\s+to|want\w*\s+to|"
    r"tr(?:y|ies)\s+to|vow\w*\s+to|would|could|might|will|not|never|of|for)\s+$",
    _FLAGS,
)


def _word_before(text: str, pos: int) -> str:
    match = _WORD_BEFORE_RX.search(text, max(0, pos - 30), pos)
    return match.group(1).lower() if match else ""


def _bare_person(group: str) -> bool:
    """True for a headline-style singular person: "police reservist", "Kenyan driver"."""
    words = group.lower().split()
    if not words or words[-1] in _COLLECTIVE or not _singular(group):
        return False
    if words[-1] not in _PERSONS and not words[-1].endswith(_PERSON_ENDINGS):
        return False
    return not any(w in _BARE_STOP or read_number(w)[0] is not None for w in words)


def _value(phrase: str) -> tuple[int | None, str]:
    lowered = phrase.strip().lower()
    if lowered in ("a", "an") or lowered in _PRONOUN_VALUE:
        return 1, "exact"
    return read_number(phrase)


def _head(group: str) -> str:
    """The head noun of a group: "rebel fighters" -> "fighters", "members of X" -> "members"."""
    words = group.lower().split()
    if not words:
        return ""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _singular(group: str) -> bool:
    head = _head(group)
    return bool(head) and (not head.endswith("s") or head in ("boss", "witness", "actress"))


def _people(group: str) -> bool:
    """False when the words after a number name a measure or a thing ("5 km", "3 houses")."""
    first = group.split()[0].lower()
    return first not in _QUANTITY_NOUNS and _head(group) not in _NOT_PEOPLE


class _Builder:
    """Collects drafts from the patterns, then resolves overlaps and nesting."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.regions = _regions(text)
        self.drafts: list[_Draft] = []
        self._in_date: dict[tuple[int, int], bool] = {}
        self._starts: list[int] | None = None

    def scan(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` near casualty words, overlapping ones too: a reading
        rejected later must not hide one that starts inside it ("the process two
        refugees were killed")."""
        for start, end in self.regions:
            pos = start
            while (match := pattern.search(self.text, pos, end)) is not None:
                before = len(self.drafts)
                yield match
                # Taken: go on after it. Rejected: look again inside it.
                pos = match.end() if len(self.drafts) > before else match.start() + 1

    def anchored(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Like :meth:`scan` for patterns that begin with a figure: tried only where a
        number, an article or a pronoun starts (found once, far cheaper than a search)."""
        if self._starts is None:
            self._starts = [
                m.start()
                for start, end in self.regions
                for m in _FIGURE_START_RX.finditer(self.text, start, end)
            ]
        taken_until = -1
        for pos in self._starts:
            if pos < taken_until:
                continue
            end = next((e for s, e in self.regions if s <= pos < e), len(self.text))
            match = pattern.match(self.text, pos, end)
            if match is None:
                continue
            before = len(self.drafts)
            yield match
            if len(self.drafts) > before:
                taken_until = match.end()

    def blocked(self, start: int, end: int) -> bool:
        """True when the number at [start, end) is part of a date, an age or a measure."""
        if _AGE_AFTER_RX.match(self.text, end) is not None:
            return True
        if not any(ch.isdigit() for ch in self.text[start:end]):
            return False
        if (start, end) not in self._in_date:
            lo = max(0, start - 40)
            window = self.text[lo : end + 40]
            self._in_date[(start, end)] = _DATE_HINT_RX.search(window) is not None and any(
                d.start < end - lo and start - lo < d.end
                for d in find_dates(window, self.published)
            )
        return self._in_date[(start, end)]

    def add(
        self,
        match: re.Match[str],
        rank: int,
        *,
        kill: bool,
        num_group: str = "num",
        group: str | None = None,
        weak: bool = False,
        closing: bool = False,
        bare: bool = False,
    ) -> _Draft | None:
        num_start, num_end = match.span(num_group)
        phrase = match.group(num_group)
        if self.blocked(num_start, num_end):
            return None
        value, qualifier = (1, "exact") if bare else _value(phrase)
        group_text = (group or "").strip()
        lowered = phrase.lower()
        determiner = lowered in ("the", "his", "their") or (lowered == "her" and bool(group_text))
        if determiner and not bare:
            if not group_text or not _singular(group_text):
                return None  # "the victims", "their children": how many is not said
            weak = weak or lowered == "the"
        elif lowered in _PRONOUN_VALUE and not bare:
            weak = True  # "he died", "killing him": someone already counted, or one
        if group_text and not _people(group_text):
            return None
        if _ANAPHORA_BEFORE_RX.search(
            self.text, max(0, num_start - 20), num_start
        ) or _ONE_OF_RX.match(self.text, num_end):
            weak = True  # "the two officers", "killing him", "one of them": said before
        start = match.start()
        while start < num_start and self.text[start].isspace():
            start += 1
        draft = _Draft(
            start=start,
            end=match.end(),
            num_start=num_start,
            num_end=num_end,
            killed=value if kill else None,
            injured=None if kill else value,
            qualifier=qualifier,
            group=group_text,
            rank=rank,
            weak=weak,
            closing=closing,
        )
        self.drafts.append(draft)
        return draft


def _regions(text: str) -> list[tuple[int, int]]:
    """Stretches of text around casualty words: the only places the patterns look."""
    regions: list[tuple[int, int]] = []
    for match in _KEYWORD_RX.finditer(text):
        start = max(0, match.start() - 180)
        end = min(len(text), match.end() + 120)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


def _sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence bounds (a period, ! or ? before a capital or digit; a line break)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RX.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _add_items(builder: _Builder, m: re.Match[str]) -> None:
    """Each figure of a list ("3 fighters and 1 policeman") that shares one verb."""
    items = list(_ITEM_RX.finditer(builder.text, m.start("items"), m.end("items")))
    if any(builder.blocked(i.start("num"), i.end("num")) for i in items):
        return  # "On 4 May 2020, 3 people ...": a date is no member of the list
    last: _Draft | None = None
    for item in items:
        last = builder.add(item, 2, kill=m["kill"] is not None, group=item["group"]) or last
    if last is not None:
        last.end = m.end()  # "leaving 5 dead": the verb belongs to the last figure


def _active_reading(text: str, m: re.Match[str]) -> bool:
    """True when "N gunmen (have) killed ..." has an object: the verb is active."""
    verb = (m["kill"] or m["inj"]).lower()
    return (
        not _PASSIVE_AUX_RX.search(m["aux"])
        and not verb.startswith(("dead", "died", "die", "succumbed", "perished", "lost"))
        and _OBJECT_RX.match(text, m.end()) is not None
    )


def _collect(builder: _Builder) -> None:
    text = builder.text
    for m in builder.scan(_SPLIT_RX):
        parts = read_number(m["parts"])[0]
        before = _NUMBER_BEFORE_RX.search(text, max(0, m.start() - 40), m.start())
        total = read_number(before["num"])[0] if before else None
        share = int(m["share"]) if m["share"] else None
        if share is None and total is not None and parts:
            share = total // parts
        if share is not None:
            start = before.start() if before else m.start()
            builder.drafts.append(
                _Draft(start, m.end(), start, m.end(), share, None, "exact", "", 0, closing=True)
            )
    for m in builder.scan(_CLOSING_RX):
        builder.add(m, 0, kill=True, num_group="num" if m["num"] else "num2", closing=True)
    for m in builder.scan(_ZERO_RX):
        both = m["b1"] is not None
        kill = both or any(m[g] for g in ("k1", "k2", "k3"))
        builder.drafts.append(
            _Draft(
                m.start(),
                m.end(),
                m.start(),
                m.end(),
                0 if kill else None,
                0 if both or not kill else None,
                "exact",
                "",
                1,
            )  # fmt: skip
        )
    for m in builder.scan(_TOLL_RX):
        draft = builder.add(m, 1, kill=True)
        if draft is not None:
            draft.cumulative = True
    for m in builder.scan(_LEFT_RX):
        _add_items(builder, m)
    for m in builder.anchored(_PASSIVE_RX):
        if _active_reading(text, m):
            continue  # "two gunmen (have) killed a man": read by _ACTIVE_RX
        if _word_before(text, m.start()) in _PREPOSITIONS:
            continue  # "relatives of two brothers killed", "in a slum assumed to be killed"
        if _VERB_BEFORE_RX.search(text, max(0, m.start() - 20), m.start()):
            continue  # "suspected of killing a man were lynched": the object of a verb
        group = " ".join(filter(None, (m["more"], m["group"])))
        builder.add(m, 3, kill=m["kill"] is not None, group=group)
    for m in builder.anchored(_LIST_PASSIVE_RX):
        if _word_before(text, m.start()) in _PREPOSITIONS:
            continue
        if _VERB_BEFORE_RX.search(text, max(0, m.start() - 20), m.start()):
            continue
        if not _active_reading(text, m):
            _add_items(builder, m)
    for m in builder.scan(_ACTIVE_RX):
        if _NOT_DONE_RX.search(text, max(0, m.start() - 30), m.start()):
            continue
        group = " ".join(filter(None, (m["more"], m["group"])))
        draft = builder.add(m, 3, kill=m["kill"] is not None, group=group)
        also = _AND_OBJECT_RX.match(text, m.end())
        if draft is not None and draft.killed is not None and also is not None:
            more_value = 1 if also["poss"] else _value(also["num"])[0]
            if more_value is not None:  # "killed a man and his son"
                draft.killed += more_value
                draft.end = also.end()
                draft.group = f"{draft.group} and {also['group']}"
    for m in builder.scan(_BARE_PASSIVE_RX):
        if _bare_person(m["group"]):
            builder.add(m, 7, kill=True, num_group="group", group=m["group"], bare=True)
    for m in builder.scan(_BARE_ACTIVE_RX):
        if _bare_person(m["group"]) and not _NOT_DONE_RX.search(
            text, max(0, m.start() - 30), m.start()
        ):
            builder.add(m, 7, kill=True, num_group="group", group=m["group"], bare=True)
    for m in builder.scan(_HIS_DEATH_RX):
        builder.add(m, 4, kill=True, group="", bare=True)
    for m in builder.scan(_SHOT_DEAD_RX):
        builder.add(m, 3, kill=True, group=m["group"])
    for m in builder.scan(_TO_DEATH_RX):
        builder.add(m, 3, kill=True, group=m["group"])
    for m in builder.scan(_NOMINAL_RX):
        group = " ".join(filter(None, (m["more"], m["group"])))
        builder.add(m, 4, kill=m["kill"] is not None, group=group)
    for m in builder.anchored(_NOUN_RX):
        if m["kill"] and m["kill"].lower().startswith("bod"):
            window = text[max(0, m.start() - 80) : m.end() + 80]
            if not _FOUND_RX.search(window):
                continue
        builder.add(m, 5, kill=m["kill"] is not None)
    for m in builder.scan(_BODIES_RX):
        if _FOUND_RX.search(text, m.end(), m.end() + 100) or _FOUND_RX.search(
            text, max(0, m.start() - 60), m.start()
        ):
            builder.add(m, 5, kill=True, group=m["group"])


def _resolve(drafts: list[_Draft]) -> list[_Draft]:
    """Keep non-overlapping drafts: earliest first, then the lowest rank, then the longest."""
    ordered = sorted(drafts, key=lambda d: (d.rank == 7, d.num_start, d.rank, d.start - d.end))
    kept: list[_Draft] = []
    for draft in ordered:
        if not any(k.start < draft.end and draft.start < k.end for k in kept):
            kept.append(draft)
    return sorted(kept, key=lambda d: d.start)


def _items(builder: _Builder, pos: int, limit: int, parent: _Draft, out: list[_Draft]) -> int:
    """Read a list of subset figures at ``pos`` ("71 soldiers and 48 fighters, including ...")."""
    text = builder.text
    while pos < limit:
        m = _ITEM_RX.match(text, pos, limit)
        if m is None or m["group"] is None:
            break
        value, qualifier = _value(m["num"])
        if builder.blocked(m.start("num"), m.end("num")) or value is None:
            break
        if not _people(m["group"]):
            break
        item = _Draft(
            start=m.start(),
            end=m.end(),
            num_start=m.start("num"),
            num_end=m.end("num"),
            killed=value if parent.killed is not None else None,
            injured=value if parent.killed is None else None,
            qualifier=qualifier,
            group=m["group"],
            rank=6,
            parent=parent,
        )
        out.append(item)
        pos = m.end()
        deeper = _DEEPER_RX.match(text, pos, limit)
        if deeper is not None:
            pos = _items(builder, deeper.end(), limit, item, out)
        sibling = _SIBLING_RX.match(text, pos, limit)
        if sibling is None:
            break
        pos = sibling.end()
    return pos


def _sentence_of(bounds: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= pos < end:
            return start, end
    return 0, 0


def _nest(builder: _Builder, kept: list[_Draft], bounds: Sequence[tuple[int, int]]) -> list[_Draft]:
    """Subset lists, anaphora, killed+injured merging and the closing count."""
    text = builder.text
    items: list[_Draft] = []
    for draft in kept:
        if draft.weak or (draft.killed is None and draft.injured is None):
            continue
        s_start, s_end = _sentence_of(bounds, draft.start)
        aside = re.match(r"[^,]*,\s*", text[draft.num_end : draft.end])
        cue_from = draft.end
        if aside is not None and "," in text[draft.num_end : draft.end]:
            cue_from = draft.num_end
        cue = _SUBSET_CUE_RX.match(text, cue_from, s_end or len(text))
        if cue is not None:
            _items(builder, cue.end(), s_end or len(text), draft, items)
    if items:
        spans = [(i.num_start, i.num_end) for i in items]
        kept = [d for d in kept if not any(a < d.num_end and d.num_start < b for a, b in spans)]
    merged = sorted(kept + items, key=lambda d: d.start)
    # Killed and injured figures of one clause: "killing 3 and injuring 5".
    result: list[_Draft] = []
    for draft in merged:
        prev = result[-1] if result else None
        if (
            prev is not None
            and prev.parent is None
            and draft.parent is None
            and not prev.closing
            and not draft.weak
            and (prev.killed is None) != (draft.killed is None)
            and (prev.injured is None) != (draft.injured is None)
            and draft.start >= prev.end
            and _MERGE_GAP_RX.match(text[prev.end : draft.start]) is not None
            and (not draft.group or draft.group.lower() in ("others", "other", prev.group.lower()))
        ):
            prev.killed = prev.killed if prev.killed is not None else draft.killed
            prev.injured = prev.injured if prev.injured is not None else draft.injured
            prev.end = draft.end
            draft.merged_into = prev
            continue
        result.append(draft)
    # Anaphora: "the two officers were killed", "he died" repeat an earlier figure.
    for i, draft in enumerate(result):
        if draft.weak and draft.parent is None:
            earlier = [d for d in result[:i] if d.killed and not d.weak and d.parent is None]
            if earlier:
                draft.parent = earlier[-1]
            elif draft.killed is not None and _weak_alone(draft, result):
                draft.weak = False
    present = {id(d) for d in result}
    for draft in result:  # parents dropped or merged above: climb to one that is kept
        while draft.parent is not None and id(draft.parent) not in present:
            draft.parent = draft.parent.merged_into or draft.parent.parent
    closings = [d for d in result if d.closing]
    if closings:
        total = closings[-1]
        body = [d for d in result if d is not total and d.parent is None and d.killed is not None]
        if body and sum(d.killed or 0 for d in body) == total.killed:
            # The body already says it: the closing count repeats it, so the deaths stay
            # with the sentences that tell the event.
            total.parent = body[0]
        else:
            for draft in body:
                draft.parent = total
    return result


def _weak_alone(draft: _Draft, result: Sequence[_Draft]) -> bool:
    return not any(d.killed for d in result if d is not draft)


def _mark_background(
    builder: _Builder, drafts: list[_Draft], bounds: Sequence[tuple[int, int]]
) -> list[_Draft]:
    text = builder.text
    kept: list[_Draft] = []
    for draft in drafts:
        s_start, _ = _sentence_of(bounds, draft.start)
        background = _BACKGROUND_RX.search(text, s_start, draft.start)
        if (
            not draft.closing
            and background is not None
            and not _EVENT_ACT_RX.search(background["tail"])
            and not _EVENT_ACT_RX.search(text, s_start, background.start())
        ):
            continue
        if _CLAIM_RX.search(text, s_start, draft.start):
            draft.weak = True
        kept.append(draft)
    return kept


def find_casualties(text: str, published: dt.date | None) -> list[CasualtyMention]:
    """Every casualty figure of ``text`` in text order (see the module docstring)."""
    builder = _Builder(text, published)
    _collect(builder)
    if not builder.drafts:
        return []
    bounds = _sentences(text)
    kept = _mark_background(builder, _resolve(builder.drafts), bounds)
    drafts = _nest(builder, kept, bounds)
    periods: dict[int, tuple[bool, tuple[dt.date | None, dt.date | None] | None]] = {}
    for draft in drafts:
        if draft.closing:
            continue
        s_start, s_end = _sentence_of(bounds, draft.start)
        if s_start not in periods:
            periods[s_start] = _running_total(text[s_start:s_end], published)
        cumulative, period = periods[s_start]
        if draft.cumulative or cumulative:
            draft.cumulative = True
            draft.period = period or draft.period
    for draft in drafts:  # subsets of a running total are running totals
        if draft.parent is not None and draft.parent.cumulative and not draft.parent.closing:
            draft.cumulative = True
            if draft.period == (None, None):
                draft.period = draft.parent.period
    index = {id(d): i for i, d in enumerate(drafts)}
    return [
        CasualtyMention(
            index=i,
            start=d.start,
            end=d.end,
            killed=d.killed,
            injured=d.injured,
            qualifier=d.qualifier,
            group_text=d.group,
            part_of=index[id(d.parent)] if d.parent is not None else None,
            cumulative=d.cumulative,
            period_start=d.period[0],
            period_end=d.period[1],
        )
        for i, d in enumerate(drafts)
    ]


def _running_total(
    sentence: str, published: dt.date | None
) -> tuple[bool, tuple[dt.date | None, dt.date | None] | None]:
    """Whether a sentence speaks of a running total, and the period it names if any."""
    cue = _CUMULATIVE_RX.search(sentence) is not None
    if not cue and not _SINCE_RX.search(sentence):
        return False, None
    if not _DATE_WORD_RX.search(sentence):
        return cue, None
    dates = find_dates(sentence, published)
    since = any(d.kind == "since" for d in dates)
    named = next((d for d in dates if d.kind in ("since", "period")), None)
    if named is None:
        return cue or since, None
    if named.kind == "period" and "since" in sentence[: named.start].lower():
        return True, (named.date_start, published)  # "since the offensive began in late May"
    return cue or since, (named.date_start, named.date_end or published)


def fatalities_for(mentions: Sequence[CasualtyMention], start: int, end: int) -> int | None:
    """Deaths in [start, end): the sum over top-level, non-cumulative figures; None if none."""
    counted = [
        m.killed
        for m in mentions
        if start <= m.start < end
        and m.part_of is None
        and not m.cumulative
        and m.killed is not None
    ]
    return sum(counted) if counted else None


__all__ = ["CasualtyMention", "fatalities_for", "find_casualties"]
