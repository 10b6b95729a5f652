"""ACLED's actor conventions applied after the sentence roles are read."""

from __future__ import annotations

from observatory.extract.actors import default_actors
from observatory.extract.pipeline import (
    CIVILIANS,
    PROTESTERS,
    RIOTERS,
    UNIDENTIFIED,
    acled_roles,
)
from observatory.models import ActorRef

POLICE = ActorRef(name="Police forces", type="state_forces", inter=1)
PARTY = ActorRef(name="BNP", type="political_militia", inter=3)


def test_stand_ins_are_dictionary_actors() -> None:
    actors = default_actors()
    for ref in (PROTESTERS, RIOTERS, UNIDENTIFIED, CIVILIANS):
        actor = actors.get(ref.name)
        assert actor is not None and actor.inter == ref.inter and actor.type == ref.type


def test_protest_by_a_party_is_by_protesters_with_the_party_associated() -> None:
    actor1, actor2, assoc = acled_roles("Protests", PARTY, None, [])
    assert actor1 == PROTESTERS and actor2 is None and assoc == [PARTY]


def test_police_named_first_in_a_protest_become_actor2() -> None:
    actor1, actor2, assoc = acled_roles("Protests", POLICE, PROTESTERS, [])
    assert actor1 == PROTESTERS and actor2 == POLICE and assoc == []


def test_riot_gets_rioters() -> None:
    actor1, _, assoc = acled_roles("Riots", PARTY, None, [PARTY])
    assert actor1 == RIOTERS and assoc == [PARTY]


def test_violence_against_civilians_by_nobody_named() -> None:
    actor1, actor2, _ = acled_roles("Violence against civilians", None, None, [])
    assert actor1 == UNIDENTIFIED and actor2 == CIVILIANS


def test_battles_are_left_alone() -> None:
    assert acled_roles("Battles", POLICE, PARTY, []) == (POLICE, PARTY, [])
