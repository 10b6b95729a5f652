import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.extract.casualties import CasualtyMention, fatalities_for, find_casualties

PUBLISHED = dt.date(2021, 3, 15)


def _find(text: str) -> list[CasualtyMention]:
    return find_casualties(text, PUBLISHED)


def _total(text: str) -> int | None:
    return fatalities_for(_find(text), 0, len(text))


def test_nested_running_total() -> None:
    text = (
        "So far, at least 64 people have been killed in the fighting, \u201camong them 40 "
        "government soldiers and 24 rebel fighters, including 6 snipers,\u201d a monitor said."
    )
    found = _find(text)
    assert [(m.killed, m.part_of) for m in found] == [(64, None), (40, 0), (24, 0), (6, 2)]
    assert [m.index for m in found] == [0, 1, 2, 3]
    assert found[0].qualifier == "at least"
    assert [m.qualifier for m in found[1:]] == ["exact"] * 3
    assert found[0].group_text == "people"
    assert [m.group_text for m in found[1:]] == [
        "government soldiers",
        "rebel fighters",
        "snipers",
    ]
    assert all(m.cumulative for m in found)
    # A running total is a claim, not deaths of one event.
    assert fatalities_for(found, 0, len(text)) is None


def test_period_named_in_the_sentence() -> None:
    (mention,) = _find("Since March 2 at least 30 people have died, the council said.")
    assert mention.cumulative
    assert (mention.period_start, mention.period_end) == (dt.date(2021, 3, 2), PUBLISHED)


def test_death_toll_is_cumulative() -> None:
    text = "The death toll rose to 12 after two more bodies were found."
    found = _find(text)
    assert [(m.killed, m.cumulative) for m in found] == [(12, True), (2, True)]
    assert fatalities_for(found, 0, len(text)) is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen stormed the market, killing 3 people.", 3),
        ("Three people were killed when the bridge was shelled.", 3),
        ("Militia fighters killed two civilians at a checkpoint.", 2),
        ("A man was shot dead near the bakery.", 1),
        ("A woman was found dead in an irrigation ditch.", 1),
        ("Two soldiers died in the ambush.", 2),
        ("The bodies of 4 men were found by farmers.", 4),
        ("A crowd beat a suspected thief to death.", 1),
        ("Villagers lynched a cattle raider.", 1),
        ("Unknown assailants shot and killed a teacher.", 1),
        ("Insurgents beheaded a village guard.", 1),
        ("A 25-year-old man was killed in the crossfire.", 1),
        ("On 4 March, a mine blast left 3 soldiers and 1 medic dead.", 4),
        ("Gunmen killed a farmer and his son at dawn.", 2),
        ("A car bomb killed 6 and wounded 11 outside the court.", 6),
        ("Nobody was hurt, but 2 guards died of burns.", 2),
    ],
)
def test_killed_patterns(text: str, killed: int) -> None:
    assert _total(text) == killed


def test_killed_and_injured_in_one_mention() -> None:
    (mention,) = _find("Police opened fire, leaving 5 dead and 12 injured.")
    assert (mention.killed, mention.injured) == (5, 12)
    assert mention.qualifier == "exact" and not mention.cumulative


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("The blast injured 7 people.", 7),
        ("Rebels shelled the camp, wounding 4.", 4),
        ("Two journalists were injured by rubber bullets.", 2),
    ],
)
def test_injured_only_does_not_add_deaths(text: str, injured: int) -> None:
    found = _find(text)
    assert [(m.killed, m.injured) for m in found] == [(None, injured)]
    assert fatalities_for(found, 0, len(text)) is None


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("No casualties were reported.", 0, 0),
        ("There were no fatalities.", 0, None),
        ("No one was killed in the raid.", 0, None),
        ("No injuries were reported.", None, 0),
    ],
)
def test_explicit_zero(text: str, killed: int | None, injured: int | None) -> None:
    (mention,) = _find(text)
    assert (mention.killed, mention.injured) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "Police said 3 people were arrested after the march.",
        "Gunmen abducted 2 traders; 10 protesters gathered at noon.",
        "At 10:30 on 14 March 2021, 40 families fled 5 km to the south.",
        "Some may have been killed, residents feared.",
        "Crowds protested against the killing of a student by police.",
        "Relatives of two brothers killed in a feud blocked the road, demanding justice.",
        "A mob attacked and nearly killed a suspected thief.",
        "The troops pulled back two kilometres [about 1.2 miles].",
        "The rebels held more than three-quarters of the district.",
    ],
)
def test_not_casualties(text: str) -> None:
    assert _total(text) is None


def test_closing_count_wins_over_body_counts() -> None:
    text = (
        "On 3 March 2021, gunmen attacked a convoy, killing 2 drivers, and a guard "
        "was shot dead later. 4 fatalities."
    )
    found = _find(text)
    closing = found[-1]
    assert (closing.killed, closing.part_of) == (4, None)
    assert all(m.part_of == closing.index for m in found[:-1])
    assert fatalities_for(found, 0, len(text)) == 4


def test_closing_count_that_repeats_the_body_nests_under_it() -> None:
    text = "On 3 March 2021, gunmen shot dead 2 guards at a depot. 2 fatalities."
    found = _find(text)
    assert [(m.killed, m.part_of) for m in found] == [(2, None), (2, 0)]
    sentence_end = text.index(" 2 fatalities")
    assert fatalities_for(found, 0, sentence_end) == 2
    assert fatalities_for(found, 0, len(text)) == 2


def test_closing_count_of_zero() -> None:
    text = "On 2 March 2021, a soldier was reportedly killed by a sniper. 0 fatalities."
    assert _total(text) == 0


def test_fatality_label_form() -> None:
    assert _total("Clashes erupted in the valley. Fatalities: 3.") == 3


def test_anaphora_does_not_double_count() -> None:
    text = (
        "Five people were killed in the shelling. The two officers were killed at the gate, "
        "and one of them died on the way to hospital."
    )
    found = _find(text)
    assert fatalities_for(found, 0, len(text)) == 5
    assert [m.part_of for m in found] == [None, 0, 0]


def test_fatalities_for_counts_only_the_span() -> None:
    text = "Two guards died on Monday. Three farmers were killed on Tuesday."
    found = _find(text)
    split = text.index("Three")
    assert fatalities_for(found, 0, split) == 2
    assert fatalities_for(found, split, len(text)) == 3
    assert fatalities_for(found, 0, len(text)) == 5
    assert fatalities_for([], 0, len(text)) is None


def test_vague_figures_have_no_count() -> None:
    (mention,) = _find("Dozens of people were killed in the floods of violence.")
    assert mention.killed is None
    assert mention.qualifier == "dozens"


def test_offsets_point_at_the_figure() -> None:
    text = "Witnesses said 9 fishermen were killed at sea."
    (mention,) = _find(text)
    assert text[mention.start : mention.end] == "9 fishermen were killed"


_VOCABULARY = (
    "killed dead at least 3 a the were killing injured 2021 May fatalities . , among them "
    "including and 1,200 one of whom since so far toll rose to no casualties"
)
_CASUALTY_WORDS = st.sampled_from(_VOCABULARY.split(" "))


@given(st.text(max_size=300) | st.lists(_CASUALTY_WORDS, max_size=40).map(" ".join))
def test_find_casualties_never_raises_and_nests_within_the_list(text: str) -> None:
    found = find_casualties(text, PUBLISHED)
    for i, mention in enumerate(found):
        assert mention.index == i
        assert mention.part_of is None or 0 <= mention.part_of < len(found)
        assert 0 <= mention.start <= mention.end <= len(text)
        seen = {i}
        parent = mention.part_of
        while parent is not None:  # nesting never loops back
            assert parent not in seen
            seen.add(parent)
            parent = found[parent].part_of


@given(st.integers(min_value=2, max_value=5000))
def test_digit_counts_round_trip(n: int) -> None:
    text = f"Officials said {n:,} people were killed in the offensive."
    assert _total(text) == n


def test_coder_share_of_split_fatalities() -> None:
    text = (
        "Army raids hit two districts, killing 8 fighters. 8 fatalities split over 2 locations (4)."
    )
    assert _total(text) == 4
    text = "A soldier was killed on the front line [1 fatality split among 12 events]."
    assert _total(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kill police reservist near market",
        "Land agent killed at his home by unknown men",
        "Villagers lynch suspected thief",
    ],
)
def test_headline_style_singular_counts_one(text: str) -> None:
    assert _total(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kill civilians in a night raid",
        "Activists said the lockdown kills tourism in the valley.",
        "A mob tried to lynch a driver who ran over a goat.",
    ],
)
def test_headline_style_without_a_count(text: str) -> None:
    assert _total(text) is None


def test_rival_claim_does_not_add() -> None:
    text = (
        "Four guards were killed when the post was overrun. The insurgents claimed "
        "they had killed 30 soldiers."
    )
    found = _find(text)
    assert fatalities_for(found, 0, len(text)) == 4
    assert found[1].killed == 30 and found[1].part_of == 0


def test_a_list_of_subjects_shares_the_verb() -> None:
    text = "On 2 March 2021, 12 militants and 3 police officers were killed near the pass."
    found = _find(text)
    assert [(m.killed, m.group_text) for m in found] == [
        (12, "militants"),
        (3, "police officers"),
    ]
    assert _total(text) == 15


def test_gunfire_at_protesters_is_not_background() -> None:
    text = "Police fired on crowds protesting against fuel prices, killing 2 demonstrators."
    assert _total(text) == 2
