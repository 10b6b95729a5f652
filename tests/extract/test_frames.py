"""Event frames: ACLED typing and actor roles on sentences written for these tests."""

from __future__ import annotations

import pytest

from observatory.extract.actors import default_actors
from observatory.extract.frames import SUB_EVENT_TYPES, Frame, frame_sentence, is_background


def _frame(text: str) -> Frame | None:
    return frame_sentence(text, 0, default_actors().find(text))


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Government troops clashed with Islamic State militants near the dam on Friday.",
            "Armed clash",
        ),
        (
            "Regime warplanes carried out raids on rebel-held villages on Sunday.",
            "Air/drone strike",
        ),
        (
            "Rebels shelled the eastern districts with mortars overnight.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb exploded next to an army truck, the monitor said.",
            "Remote explosive/landmine/IED",
        ),
        ("A suicide bomber blew himself up at the checkpoint.", "Suicide bomb"),
        ("Someone threw a grenade into the crowded market.", "Grenade"),
        (
            "The army recaptured the village from the militants on Monday.",
            "Government regains territory",
        ),
        ("Gunmen kidnapped two aid workers on the highway.", "Abduction/forced disappearance"),
        ("Unknown gunmen shot dead a shopkeeper in his store.", "Attack"),
        ("Unknown gunmen shot two police officers at a roadblock.", "Armed clash"),
        (
            "Hundreds of teachers protested outside the ministry demanding unpaid wages.",
            "Peaceful protest",
        ),
        ("Police dispersed the protesters with tear gas.", "Protest with intervention"),
        (
            "Demonstrators pelted police with stones and torched two vehicles.",
            "Violent demonstration",
        ),
        ("An angry mob lynched a suspected thief in the market.", "Mob violence"),
        ("Police arrested three men suspected of planning attacks.", "Arrests"),
        ("Militias looted shops in the old town.", "Looting/property destruction"),
        ("The two sides signed a ceasefire agreement in the capital.", "Agreement"),
        ("Soldiers defused an explosive device found under a bridge.", "Disrupted weapons use"),
    ],
)
def test_sub_event_types(text: str, sub: str) -> None:
    frame = _frame(text)
    assert frame is not None, text
    assert frame.sub_event_type == sub
    assert frame.event_type == SUB_EVENT_TYPES[sub]


@pytest.mark.parametrize(
    "text",
    [
        "Kurds in the north have refused to join the uprising and declined to fight "
        "alongside the army.",
        "The arrangement has been tense at times, with skirmishes breaking out occasionally.",
        "Assad has reportedly lost more than three-quarters of the country to his opponents.",
        "The weather in the capital was mild and markets were busy.",
    ],
)
def test_background_and_non_events(text: str) -> None:
    assert _frame(text) is None


def test_background_marker_does_not_hide_a_reported_killing() -> None:
    assert not is_background("Gunmen killed two farmers on Monday, which could worsen tensions.")


def test_roles_active_voice_and_association() -> None:
    frame = _frame(
        "Regime forces, backed by allied militiamen, clashed with Islamic State fighters "
        "near the prison."
    )
    assert frame is not None and frame.actor1 is not None and frame.actor2 is not None
    assert frame.actor1.actor.name == "Syrian government forces"
    assert frame.actor2.actor.name == "Islamic State"
    assert [a.actor.name for a in frame.assoc] == ["Pro-government militias"]


def test_roles_passive_voice() -> None:
    frame = _frame("Two soldiers were killed by Islamic State militants in an ambush.")
    assert frame is not None and frame.actor1 is not None
    assert frame.actor1.actor.name == "Islamic State"


def test_relative_clause_by_is_not_the_agent() -> None:
    frame = _frame("The army retook territory seized by the Islamic State in recent days.")
    assert frame is not None and frame.actor1 is not None and frame.actor2 is not None
    assert frame.sub_event_type == "Government regains territory"
    assert frame.actor1.actor.name != "Islamic State"
    assert frame.actor2.actor.name == "Islamic State"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Turkish troops set up a new observation post south of the town.",
         "Headquarters or base established"),
        ("Soldiers found a cache of rifles and ammunition in an abandoned farmhouse.",
         "Disrupted weapons use"),
        ("The two armies agreed to a ceasefire after a week of fighting along the river.",
         "Agreement"),
        ("Police suppressed a march of teachers outside the ministry.",
         "Protest with intervention"),
        ("An army truck hit a buried landmine on the mountain road.",
         "Remote explosive/landmine/IED"),
        ("The government garrison withdrew from the valley, leaving it to the militia.",
         "Non-violent transfer of territory"),
        ("Villagers stoned a suspected thief to death at the market.", "Mob violence"),
        ("Workers staged a sit-in demanding the release of a colleague who was assaulted.",
         "Peaceful protest"),
        ("Two groups of farmers clashed over a water point; four were hurt.", "Mob violence"),
        ("Rebel fighters fired mortars, heavy machine guns and small arms at army positions.",
         "Armed clash"),
    ],
)  # fmt: skip
def test_more_sub_event_types(text: str, sub: str) -> None:
    frame = _frame(text)
    assert frame is not None, text
    assert frame.sub_event_type == sub, (text, frame.sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "A bus plunged off a bridge into the river, killing nine passengers.",
        "Floods swept away two villages after a week of storms.",
        "Three workers died when a gas leak caused an explosion at the chemical plant.",
    ],
)
def test_accidents_and_disasters_are_not_events(text: str) -> None:
    assert _frame(text) is None
