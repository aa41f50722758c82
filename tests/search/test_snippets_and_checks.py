"""Snippets cut at word boundaries, and the start-up check names a missing FTS5."""

import re
import sqlite3

import pytest

from apps.search import checks
from apps.search.query import SNIPPET_CHARS, highlight

from .factories import SearchDocumentFactory, build_vectors

# Every word distinct and hyphenated, so a cut inside one shows as a word not in the text.
WORDS = [f"long-term{n}" if n % 3 else f"CBT-I{n}" for n in range(200)]
BODY = " ".join(WORDS)


def _words_of(html):
    text = re.sub(r"</?mark>", "", str(html)).replace("…", " ")
    return text.split()


@pytest.mark.parametrize("term", ["", "long-term1", "CBT-I99", "long-term101", "CBT-I198"])
def test_highlight_cuts_only_between_words(term):
    html = highlight(BODY, [term] if term else [], SNIPPET_CHARS)
    shown = _words_of(html)
    assert shown, "the snippet shows some text"
    assert set(shown) <= set(WORDS), "a word was cut"
    assert len(str(html)) < len(BODY)
    if term:
        assert term in shown


@pytest.mark.django_db
def test_search_result_snippets_cut_only_between_words(client):
    SearchDocumentFactory(title="Sleep", body=BODY, summary="")
    build_vectors()
    response = client.get("/search/", {"q": "long-term100"})
    documents = list(response.context["page_obj"].object_list)
    assert len(documents) == 1
    shown = _words_of(documents[0].snippet_html)
    assert shown
    assert set(shown) <= set(WORDS), shown


def test_fts5_probe_reports_false_when_sqlite_lacks_it():
    class NoTrigrams:
        """A connection whose SQLite has FTS5 but not the trigram tokenizer."""

        def __init__(self, name):
            self.real = sqlite3.connect(name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.real.close()

        def execute(self, statement):
            if "trigram" in statement:
                raise sqlite3.OperationalError("no such tokenizer: trigram")
            return self.real.execute(statement)

    assert checks.sqlite_has_fts5() is True  # this Python's SQLite (the README requires it)
    assert checks.sqlite_has_fts5(connect=NoTrigrams) is False


class Connections:
    def __init__(self, vendor):
        self.vendor = vendor

    def all(self):
        return [self]


def test_start_up_check_says_clearly_what_is_missing(monkeypatch):
    monkeypatch.setattr(checks, "sqlite_has_fts5", lambda: False)
    monkeypatch.setattr(checks, "connections", Connections("sqlite"))
    errors = checks.check_full_text_search()
    assert [error.id for error in errors] == ["search.E001"]
    assert "FTS5" in errors[0].msg and sqlite3.sqlite_version in errors[0].msg
    assert "DATABASE_URL" in errors[0].hint


def test_start_up_check_is_silent_when_fts5_is_there_or_not_needed(monkeypatch):
    monkeypatch.setattr(checks, "connections", Connections("sqlite"))
    assert checks.check_full_text_search() == []
    monkeypatch.setattr(checks, "sqlite_has_fts5", lambda: False)
    monkeypatch.setattr(checks, "connections", Connections("postgresql"))
    assert checks.check_full_text_search() == []


def test_a_database_snippet_is_widened_to_whole_words():
    from apps.search.query import MARK_END, MARK_START, whole_words

    text = "Before long-term use of 7-OH, try CBT-I first."
    snippet = f"… term use of {MARK_START}7{MARK_END}-OH, try CBT …"
    assert whole_words(snippet, text) == (
        f"… long-term use of {MARK_START}7{MARK_END}-OH, try CBT-I …"
    )
    assert whole_words("not in the text", text) == "not in the text"
