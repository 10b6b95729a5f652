from observatory.extract.sentences import split_sentences


def test_offsets_point_into_the_text() -> None:
    text = "Clashes broke out on Friday. Two fighters died.\nThe monitor said so."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Clashes broke out on Friday.",
        "Two fighters died.",
        "The monitor said so.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_split() -> None:
    text = (
        "According to the U.K.-based monitor, Gen. Hassan said U.S. jets struck at 5 "
        "p.m. Nobody was hurt."
    )
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert sentences[1].text == "Nobody was hurt."


def test_quote_closing_a_sentence() -> None:
    text = '"The city is calm now." The governor spoke on Sunday.'
    assert [s.text for s in split_sentences(text)] == [
        '"The city is calm now."',
        "The governor spoke on Sunday.",
    ]


def test_lowercase_after_period_does_not_split() -> None:
    assert len(split_sentences("They fled to the hills. and waited there.")) == 1
