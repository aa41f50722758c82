"""plain_text() (meta descriptions, search, structured data) keeps what readers typed."""

import pytest

from apps.editorial.markdown import plain_text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Try **CBT-I** first [@edinger-2021].", "Try CBT-I first."),
        ("Long-term use; 7-OH is *not* kratom.", "Long-term use; 7-OH is not kratom."),
        ("It is not long-lasting.", "It is not long-lasting."),
        ("Don't stop — talk first (e.g. with a GP).", "Don't stop — talk first (e.g. with a GP)."),
        ("[CBT-I](/alternatives/cbt-i/) works.", "CBT-I works."),
        ("- one-off\n- follow-up", "one-off follow-up"),
        ("Sleep 7–9 hours, 1-2 naps.", "Sleep 7–9 hours, 1-2 naps."),
    ],
)
def test_plain_text_keeps_hyphens_and_punctuation(markdown, text):
    assert plain_text(markdown) == text


def test_plain_text_limit_cuts_at_a_word_and_keeps_hyphenated_words_whole():
    text = plain_text("The long-term effects of 7-OH are unclear. " * 10, limit=60)
    assert len(text) <= 60 and text.endswith("…")
    words = set(["The", "long-term", "effects", "of", "7-OH", "are", "unclear."])
    assert set(text.rstrip("…").split()) <= words
