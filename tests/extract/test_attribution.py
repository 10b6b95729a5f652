from observatory.extract.attribution import attribute, find_sources
from observatory.extract.sentences import split_sentences


def _chains(text: str) -> list[tuple[str, ...]]:
    return list(attribute(text, split_sentences(text)).by_sentence)


def test_according_to_and_relay_chain() -> None:
    text = (
        "According to the Syrian Observatory for Human Rights, shelling hit the market. "
        '"The toll is rising," noted the monitor group, Agence France-Presse reports.'
    )
    assert _chains(text) == [("SOHR",), ("SOHR", "AFP")]


def test_citing_puts_the_original_source_first() -> None:
    text = "Reuters reported, citing SOHR, that the convoy was hit near the border."
    assert _chains(text) == [("SOHR", "Reuters")]


def test_monitor_anaphora_resolves_to_the_named_monitor() -> None:
    text = (
        "Rebels took two hills, a monitor group reports. The Syrian Observatory said "
        "the fighting went on."
    )
    assert _chains(text)[0] == ("SOHR",)


def test_pronoun_speaker_inherits_the_previous_chain() -> None:
    text = (
        "The fighting is fierce, said the head of the Syrian Observatory. It will go on, he added."
    )
    assert _chains(text) == [("SOHR",), ("SOHR",)]


def test_sources_cited_in_order_and_unique() -> None:
    text = "SANA said the army advanced. AFP reported the same. SANA added that mines were cleared."
    assert attribute(text, split_sentences(text)).sources_cited == ("SANA", "AFP")


def test_no_cue_no_attribution() -> None:
    assert _chains("SANA correspondents were in the city during the fighting.") == [()]


def test_case_sensitive_aliases() -> None:
    names = [
        m.name for m in find_sources("The observatory of the town said AP was there; ap-style.")
    ]
    assert names == ["AP"]


def test_source_country_comes_from_the_source_table() -> None:
    from observatory.extract.attribution import source_country

    assert source_country("SANA") == "SY"
    assert source_country("Syrian Observatory for Human Rights") == "SY"
    assert source_country("Reuters") is None
    assert source_country(None) is None
