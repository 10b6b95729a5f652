from observatory.clean.furniture import clean_text, is_furniture, normalise_line


def test_comment_prompts_are_removed_and_reported() -> None:
    raw = (
        "Fighting went on near the dam.\nCOMMENTS\nPlease let us know if you're having "
        "issues with commenting.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "Fighting went on near the dam."
    assert cleaned.removed_lines == (
        "COMMENTS",
        "Please let us know if you're having issues with commenting.",
    )


def test_share_read_more_and_newsletter_lines() -> None:
    for line in [
        "Share this article",
        "Read more: the war in the east",
        "Sign up for our daily newsletter",
        "Share on Facebook",
        "Tweet",
        "Advertisement",
        "Follow us on Telegram",
    ]:
        assert is_furniture(line), line


def test_report_sentences_are_not_furniture() -> None:
    for line in [
        "Residents said they would share what little food they had with the displaced.",
        "The monitor said comments by the governor had angered the tribes, and clashes "
        "followed on Friday night.",
        "Read the statement, the commander told his men before the assault on the base began.",
    ]:
        assert not is_furniture(line), line


def test_quotes_dashes_and_spaces_are_normalised() -> None:
    assert (
        normalise_line("  \u201cviolent\u00a0clashes,\u201d  it\u2019s  said ")
        == '"violent clashes," it\'s said'
    )


def test_blank_lines_collapse_and_paragraphs_stay_one_per_line() -> None:
    cleaned = clean_text("First paragraph.\r\n\r\n\r\nSecond   paragraph.")
    assert cleaned.text == "First paragraph.\nSecond paragraph."
