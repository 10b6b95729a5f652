"""Tests for the actor dictionary (observatory.extract.actors)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from tests.conftest import shared_path

from observatory.errors import ActorDictionaryError
from observatory.extract.actors import (
    ENV_VAR,
    INTER_CODES,
    Actor,
    ActorDictionary,
    ActorMention,
    bundled_files,
    default_actors,
    expand_alias,
    inter_for,
)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def names(d: ActorDictionary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor.name) for m in d.find(text)]


def only(d: ActorDictionary, text: str) -> Actor:
    found = d.find(text)
    assert len(found) == 1, found
    return found[0].actor


# -- the seed article's phrases ---------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Troops loyal to Syrian dictator Bashar al-Assad",
        "forces loyal to President Bashar al-Assad",
        "Assad government forces",
        "regime forces",
        "the Assad army",
        "Assad troops",
        "Assad's forces",
        "the Syrian Arab Army",
        "the Tiger Forces",
        "Syria regime \u201cwarplanes",
        "regime warplanes",
    ],
)
def test_syrian_government_forces(actors: ActorDictionary, phrase: str) -> None:
    actor = only(actors, phrase)
    assert actor.name == "Syrian government forces"
    assert (actor.type, actor.inter, actor.country) == ("state_forces", 1, "SY")


def test_troops_loyal_to_assad_span_covers_phrase(actors: ActorDictionary) -> None:
    text = "Troops loyal to Syrian dictator Bashar al-Assad, backed by Kurdish fighters"
    first = actors.find(text)[0]
    assert first.text == "Troops loyal to Syrian dictator Bashar al-Assad"
    assert (first.start, first.end) == (0, 47)


def test_assad_alone_is_not_an_actor(actors: ActorDictionary) -> None:
    assert actors.find("Bashar al-Assad said on Sunday that Assad would stay.") == []


def test_allied_militiamen(actors: ActorDictionary) -> None:
    actor = only(actors, "and their allied militiamen")
    assert actor.name == "Pro-government militias"
    assert (actor.type, actor.inter, actor.parent) == ("political_militia", 3, None)
    ndf = only(actors, "NDF gunmen")
    assert ndf.name == "National Defence Forces"
    assert ndf.parent == "Pro-government militias"


@pytest.mark.parametrize(
    "phrase",
    ["Islamic State", "ISIS", "ISIL", "Daesh", "ISIS jihadists", "IS militants", "IS group"],
)
def test_islamic_state(actors: ActorDictionary, phrase: str) -> None:
    actor = only(actors, f"clashes with {phrase} near the town")
    assert (actor.name, actor.type, actor.inter) == ("Islamic State", "rebel", 2)


def test_group_noun_is_part_of_the_mention(actors: ActorDictionary) -> None:
    [mention] = actors.find("ISIS jihadists were pushed back")
    assert mention.text == "ISIS jihadists"


def test_bracketed_gloss_does_not_leave_a_stray_generic(actors: ActorDictionary) -> None:
    found = names(actors, "clashes against IS [Islamic State] militants go on")
    assert found == [("IS", "Islamic State"), ("Islamic State", "Islamic State")]


@pytest.mark.parametrize(
    "phrase",
    ["Kurdish fighters", "the armed Kurdish forces", "People's Protection Units", "YPG", "YPJ"],
)
def test_ypg(actors: ActorDictionary, phrase: str) -> None:
    actor = only(actors, phrase)
    assert (actor.name, actor.type, actor.inter) == ("YPG", "political_militia", 3)


def test_curly_apostrophe_matches(actors: ActorDictionary) -> None:
    assert only(actors, "the People\u2019s Protection Units (").name == "YPG"


def test_kurds_as_a_people_are_not_the_ypg(actors: ActorDictionary) -> None:
    text = "Kurds in Syria have refused to join the uprising; the Kurds were urged to help."
    assert actors.find(text) == []


def test_coalition_airstrikes(actors: ActorDictionary) -> None:
    [mention] = actors.find("U.S.-led coalition airstrikes backed them")
    assert mention.text == "U.S.-led coalition airstrikes"
    assert (mention.actor.name, mention.actor.inter) == ("US-led coalition", 8)
    assert only(actors, "coalition warplanes hit the bridge").name == "US-led coalition"


@pytest.mark.parametrize(
    "phrase",
    [
        "al Nusra Front",
        "Jabhat al-Nusra",
        "al-Qaeda's Syrian affiliate",
        "HTS",
        "Hayat Tahrir al-Sham",
    ],
)
def test_nusra_hts(actors: ActorDictionary, phrase: str) -> None:
    assert only(actors, phrase).name == "Nusra Front / HTS"


def test_sources_and_people_are_not_actors(actors: ActorDictionary) -> None:
    text = (
        "According to the Syrian Observatory for Human Rights (SOHR), SANA and AFP, "
        "said Rami Abdel Rahman, the Observatory's chief."
    )
    assert actors.find(text) == []


@pytest.mark.shared
def test_seed_report_actors() -> None:
    seed = shared_path("examples", "seed")
    found = {m.actor.name for m in default_actors().find((seed / "report.txt").read_text())}
    gold = json.loads((seed / "gold.json").read_text())
    wanted = {a for e in gold["events"] for a in e["actors"] + e.get("assoc_actors", [])}
    assert wanted <= found


# -- ordinary English must not fire wrongly ------------------------------------------------


def test_is_the_verb_never_matches(actors: ActorDictionary) -> None:
    assert actors.find("The situation is grim; it Is what it is.") == []
    assert only(actors, "The IS attack is over.").name == "Islamic State"


def test_forces_alone_does_not_match(actors: ActorDictionary) -> None:
    assert actors.find("market forces and the forces of nature") == []


def test_army_of_volunteers_is_still_army(actors: ActorDictionary) -> None:
    actor = only(actors, "an army of volunteers")
    assert (actor.name, actor.inter, actor.generic) == ("Military forces", 1, True)


def test_rebel_held(actors: ActorDictionary) -> None:
    [mention] = actors.find("shelling of rebel-held Idlib")
    assert (mention.text, mention.actor.type) == ("rebel", "rebel")


def test_is_held_keeps_the_actor(actors: ActorDictionary) -> None:
    [mention] = actors.find("raids on IS-held places")
    assert (mention.text, mention.actor.name) == ("IS", "Islamic State")


def test_generic_adjective_before_non_actor_noun(actors: ActorDictionary) -> None:
    assert actors.find("a spate of military defeats") == []


def test_no_match_across_sentence_punctuation(actors: ActorDictionary) -> None:
    assert names(actors, "blamed the government. Forces arrived") == []
    assert names(actors, "the regime, forces") == [("regime", "Syrian government forces")]


# -- matching rules -------------------------------------------------------------------------


def test_longest_match_wins(actors: ActorDictionary) -> None:
    assert names(actors, "Pakistani Taliban") == [
        ("Pakistani Taliban", "Tehreek-e-Taliban Pakistan")
    ]
    assert names(actors, "angry residents") == [("angry residents", "Rioters")]
    assert names(actors, "residents fled") == [("residents", "Civilians")]
    assert names(actors, "unknown gunmen") == [("unknown gunmen", "Unidentified armed group")]


def test_mentions_are_ordered_and_do_not_overlap(actors: ActorDictionary) -> None:
    text = "Police said a man was shot by unknown gunmen while protesters clashed with riot police."
    found = actors.find(text)
    assert [m.actor.inter for m in found] == [1, 7, 3, 6, 1]
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for m in found:
        assert text[m.start : m.end] == m.text


def test_hyphen_space_and_abbreviation_variants(actors: ActorDictionary) -> None:
    assert only(actors, "the al Nusra Front").name == "Nusra Front / HTS"
    assert only(actors, "the al-Nusra Front").name == "Nusra Front / HTS"
    assert only(actors, "US-led coalition").name == "US-led coalition"
    assert only(actors, "ISIS-K claimed it").name == "ISKP"


def test_case_sensitive_aliases(actors: ActorDictionary) -> None:
    assert only(actors, "US forces").name == "US forces"
    assert actors.find("they shot at us forces") == []  # lower-case "us" is a pronoun
    assert only(actors, "the SDF").name == "SDF"
    assert actors.find("sdf") == []


def test_get_by_name_or_alias(actors: ActorDictionary) -> None:
    ypg = actors.get("YPG")
    assert ypg is not None
    assert actors.get("People\u2019s Protection Units") is ypg
    assert actors.get("ypg") is ypg
    state = actors.get("Islamic State")
    assert actors.get("IS") is state
    assert actors.get("is") is None
    assert actors.get("nobody at all") is None


def test_find_returns_typed_mentions(actors: ActorDictionary) -> None:
    [mention] = actors.find("Hezbollah fighters")
    assert isinstance(mention, ActorMention)
    with pytest.raises(AttributeError):
        mention.text = "x"  # type: ignore[misc]


def test_inter_for_event_country(actors: ActorDictionary) -> None:
    turkey = actors.get("Turkish forces")
    assert turkey is not None
    assert inter_for(turkey, "SY") == 8
    assert inter_for(turkey, "TR") == 1
    rebels = actors.get("Rebels")
    assert rebels is not None and inter_for(rebels, "SY") == 2


def test_expand_alias() -> None:
    assert expand_alias("Assad{'s|} {forces|troops}") == [
        "Assad forces",
        "Assad troops",
        "Assad's forces",
        "Assad's troops",
    ]
    with pytest.raises(ValueError):
        expand_alias("bad {brace")


# -- shipped data ------------------------------------------------------------------------


def test_bundled_files_load_in_order() -> None:
    files = bundled_files()
    assert files[0] == "generic.json"
    assert "syria.json" in files


def test_shipped_data_is_consistent(actors: ActorDictionary) -> None:
    assert actors.shadowed == ()  # no shipped file silently overrides another
    assert len(actors) >= 100
    assert actors.alias_count >= 1500
    for actor in actors:
        assert INTER_CODES[actor.type] == actor.inter
        assert actor.parent is None or actors.get(actor.parent) is not None
    for source in ("SOHR", "Syrian Observatory for Human Rights", "SANA", "AFP"):
        assert actors.get(source) is None


def test_default_actors_is_cached() -> None:
    assert default_actors() is default_actors()


def test_find_is_fast(actors: ActorDictionary) -> None:
    sentence = (
        "Regime forces and allied militiamen clashed with IS militants near the prison "
        "while coalition warplanes struck positions held by the jihadists and residents fled "
        "the town as Kurdish fighters of the YPG advanced from the north towards the city. "
    )
    words = sentence.split()
    text = " ".join((words * (600 // len(words) + 1))[:600])
    actors.find(text)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        actors.find(text)
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.01  # budget is ~1 ms; 10 ms leaves room for slow CI machines


# -- user files and validation -------------------------------------------------------------


def write(tmp_path: Path, data: object, name: str = "extra.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_extra_user_file_adds_actors_and_aliases(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        [
            {
                "name": "Sahel Brigade",
                "type": "political_militia",
                "inter": 3,
                "country": "ML",
                "aliases": ["Katiba {Sahel|Sahil}"],
            },
            {
                "name": "Islamic State",
                "type": "rebel",
                "inter": 2,
                "parent": None,
                "country": None,
                "aliases": ["Dawla fighters"],
            },
        ],
    )
    d = ActorDictionary.load(extra_paths=[extra])
    assert len(d) == len(ActorDictionary.load()) + 1
    assert only(d, "Katiba Sahil attacked").name == "Sahel Brigade"
    assert only(d, "Dawla fighters attacked").name == "Islamic State"


def test_user_file_may_take_over_an_alias(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        [
            {
                "name": "Afghan government forces",
                "type": "state_forces",
                "country": "AF",
                "aliases": ["government forces"],
            }
        ],
    )
    d = ActorDictionary.load(extra_paths=[extra])
    assert only(d, "government forces attacked").name == "Afghan government forces"
    assert d.shadowed == (
        ("government forces", "Syrian government forces", "Afghan government forces", str(extra)),
    )


def test_explicit_paths_only(tmp_path: Path) -> None:
    only_file = write(tmp_path, [{"name": "Gang A", "type": "political_militia"}])
    d = ActorDictionary.load([only_file])
    assert len(d) == 1
    gang = d.get("Gang A")
    assert gang is not None and gang.inter == 3 and gang.aliases == ()
    assert d.find("ISIS and Gang A") == [ActorMention(9, 15, "Gang A", gang)]


def test_folder_of_files(tmp_path: Path) -> None:
    write(tmp_path, [{"name": "Alpha Group", "type": "rebel"}], "a.json")
    write(tmp_path, [{"name": "Beta Group", "type": "rioters"}], "b.json")
    d = ActorDictionary.load([tmp_path])
    assert {a.name for a in d} == {"Alpha Group", "Beta Group"}


def test_env_var_adds_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from observatory.extract import actors as module

    extra = write(tmp_path, [{"name": "Zeta Front", "type": "rebel", "aliases": ["Zetafront"]}])
    monkeypatch.setenv(ENV_VAR, str(extra))
    module.default_actors.cache_clear()
    try:
        assert only(module.default_actors(), "Zetafront struck").name == "Zeta Front"
    finally:
        monkeypatch.delenv(ENV_VAR)
        module.default_actors.cache_clear()


def test_env_var_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from observatory.extract import actors as module

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope.json"))
    module.default_actors.cache_clear()
    try:
        with pytest.raises(ActorDictionaryError, match="nope.json"):
            module.default_actors()
    finally:
        monkeypatch.delenv(ENV_VAR)
        module.default_actors.cache_clear()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"type": "rebel"}], r"entry 0: missing or empty 'name'"),
        ([{"name": "X", "type": "bandits"}], r"entry 0 \('X'\): unknown type 'bandits'"),
        ([{"name": "X", "type": "rebel", "inter": 3}], r"inter 3 does not match type 'rebel'"),
        ([{"name": "X", "type": "rebel", "country": "Syria"}], r"'country' must be an ISO2"),
        ([{"name": "X", "type": "rebel", "aliases": "x"}], r"'aliases' must be a list"),
        ([{"name": "X", "type": "rebel", "alias": ["x"]}], r"unknown field\(s\) alias"),
        ([{"name": "X", "type": "rebel", "aliases": ["a {b"]}], r"unbalanced braces"),
        ([{"name": "X", "type": "rebel", "parent": "Nobody"}], r"unknown parent 'Nobody'"),
        (
            [
                {"name": "X", "type": "rebel", "aliases": ["the Front"]},
                {"name": "Y", "type": "rebel", "aliases": ["The  front"]},
            ],
            r"entry 1 \('Y'\): alias 'The front' already maps to 'X' in this file",
        ),
        (
            [{"name": "X", "type": "rebel"}, {"name": "X", "type": "rebel"}],
            r"entry 1 \('X'\): actor defined twice",
        ),
        (
            [
                {"name": "X", "type": "rebel", "parent": "Y"},
                {"name": "Y", "type": "rebel", "parent": "X"},
            ],
            r"its own ancestor",
        ),
        ({"name": "X"}, r"top level must be a JSON list"),
    ],
)
def test_validation_errors_name_file_and_entry(
    tmp_path: Path, entries: object, message: str
) -> None:
    path = write(tmp_path, entries, "bad.json")
    with pytest.raises(ActorDictionaryError, match=message) as info:
        ActorDictionary.load([path])
    assert "bad.json" in str(info.value)
    assert str(info.value).startswith("[E201]")


def test_invalid_json_and_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(ActorDictionaryError, match="broken.json: not valid JSON"):
        ActorDictionary.load(extra_paths=[broken])
    with pytest.raises(ActorDictionaryError, match="missing.json"):
        ActorDictionary.load(extra_paths=[tmp_path / "missing.json"])


def test_redefinition_must_agree(tmp_path: Path) -> None:
    extra = write(tmp_path, [{"name": "Islamic State", "type": "political_militia"}])
    with pytest.raises(ActorDictionaryError, match="redefines type of actor 'Islamic State'"):
        ActorDictionary.load(extra_paths=[extra])
