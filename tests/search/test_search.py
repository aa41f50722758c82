import datetime

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import SearchDocumentFactory, SynonymFactory, build_vectors

pytestmark = pytest.mark.django_db


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response, [doc.title for doc in response.context["page_obj"].object_list]


def test_title_match_ranks_above_body_match(client):
    SearchDocumentFactory(
        title="Sleep hygiene basics", body="Kratom is mentioned here kratom kratom."
    )
    SearchDocumentFactory(title="Kratom withdrawal", body="What to expect.")
    build_vectors()
    _, titles = results(client, q="kratom")
    assert titles == ["Kratom withdrawal", "Sleep hygiene basics"]


def test_body_match_is_found(client):
    SearchDocumentFactory(title="Winding down", body="A regular wake time helps insomnia.")
    build_vectors()
    _, titles = results(client, q="insomnia")
    assert titles == ["Winding down"]


def test_only_public_documents_are_found(client):
    now = timezone.now()
    SearchDocumentFactory(title="Kratom public")
    SearchDocumentFactory(title="Kratom draft", status="draft")
    SearchDocumentFactory(title="Kratom scheduled", published_at=now + datetime.timedelta(days=2))
    SearchDocumentFactory(title="Kratom archived", status="archived")
    build_vectors()
    _, titles = results(client, q="kratom")
    assert titles == ["Kratom public"]


def test_type_filter_limits_results(client):
    SearchDocumentFactory(title="Kratom article", kind="article")
    SearchDocumentFactory(title="Kratom helpline", kind="service", url="/help/kratom-helpline/")
    build_vectors()
    _, titles = results(client, q="kratom", type="service")
    assert titles == ["Kratom helpline"]


def test_result_shows_type_and_highlighted_escaped_snippet(client):
    SearchDocumentFactory(title="Kratom <b>facts</b>", body="Kratom & you <script>x</script>")
    build_vectors()
    response, _ = results(client, q="kratom")
    html = response.content.decode()
    assert "<mark>Kratom</mark>" in html
    assert "&lt;b&gt;facts&lt;/b&gt;" in html
    assert "<script>x" not in html
    assert '<span class="badge">' in html


def test_synonym_finds_canonical_word(client):
    SynonymFactory(term="ketum", canonical="kratom")
    SearchDocumentFactory(title="Kratom and sleep")
    build_vectors()
    response, titles = results(client, q="ketum")
    assert titles == ["Kratom and sleep"]
    assert "Also searching for: kratom" in response.content.decode()


def test_no_results_shows_suggestions_and_help(client):
    SearchDocumentFactory(title="Kratom and sleep")
    build_vectors()
    response, titles = results(client, q="zzzqqq")
    html = response.content.decode()
    assert titles == []
    assert "We found no pages matching" in html
    assert "If you need help now" in html


def test_results_are_paginated_and_bad_page_gives_last_page(client):
    for n in range(25):
        SearchDocumentFactory(title=f"Kratom note {n}")
    build_vectors()
    response, titles = results(client, q="kratom", page="99")
    assert response.context["page_obj"].number == 3
    assert len(titles) == 5
    assert 'rel="prev"' in response.content.decode()


def test_search_page_sets_no_cookies(client):
    SearchDocumentFactory(title="Kratom and sleep")
    build_vectors()
    response, _ = results(client, q="kratom")
    assert not response.cookies


def count_queries(client, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/", params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("title", "text", "most"),
    [
        # synonyms, the ranked ids, one page of rows, the help strip
        pytest.param("Kratom note", "kratom", 4, id="found"),
        # synonyms, ids for every word, a spelling correction, ids for any word,
        # the help strip, the suggested topics
        pytest.param("Kratom note", "zzzqqq wwwvvv", 6, id="nothing-found"),
        # synonyms, ids as typed, the correction, ids corrected, a page of rows, the strip
        pytest.param("Insomnia note", "insomina", 6, id="misspelt"),
    ],
)
def test_search_costs_a_fixed_number_of_queries(client, title, text, most):
    SearchDocumentFactory(title=title)
    build_vectors()
    client.get("/search/", {"q": text})  # warm the site settings cache
    one = count_queries(client, q=text)
    for n in range(29):
        SearchDocumentFactory(title=f"{title} {n}")
    build_vectors()
    assert count_queries(client, q=text) == one
    assert one <= most


@pytest.mark.postgres
@pytest.mark.parametrize("page", ["1", "2"])
def test_postgres_reads_the_shown_page_with_the_ranking(client, page):
    # One statement ranks and reads the page's rows with their headlines: synonyms,
    # that statement, the help strip (apps/search/query.py, PostgresEngine).
    for n in range(15):
        SearchDocumentFactory(title=f"Kratom note {n}", body=f"Kratom and sleep, part {n}.")
    build_vectors()
    client.get("/search/", {"q": "kratom"})  # warm the site settings cache
    with CaptureQueriesContext(connection) as captured:
        response, titles = results(client, q="kratom", page=page)
    assert len(captured) == 3
    assert len(titles) == (10 if page == "1" else 5)
    assert response.content.decode().count("<mark>Kratom</mark>") >= 2 * len(titles)


def test_when_no_page_has_every_word_pages_with_some_are_shown(client):
    SearchDocumentFactory(title="Kratom and sleep", body="Kratom can keep you awake.")
    SearchDocumentFactory(title="Melatonin", body="A hormone.")
    build_vectors()
    response, titles = results(client, q="does kratom cause zzzqqq")
    assert titles == ["Kratom and sleep"]
    assert "No page has all of your words" in response.content.decode()


def test_a_phrase_or_exclusion_is_not_broadened(client):
    SearchDocumentFactory(title="Kratom and sleep")
    build_vectors()
    _, titles = results(client, q='"kratom zzzqqq"')
    assert titles == []


def test_page_says_or_more_when_the_candidate_cap_is_reached(client, monkeypatch):
    from apps.search import query

    monkeypatch.setattr(query, "TITLE_CANDIDATES", 5)
    monkeypatch.setattr(query, "BODY_CANDIDATES", 5)
    monkeypatch.setattr(query, "MAX_RESULTS", 10)
    for n in range(12):
        SearchDocumentFactory(title=f"Kratom note {n}", body="Kratom again.")
    build_vectors()
    response, titles = results(client, q="kratom")
    html = response.content.decode()
    count = response.context["page_obj"].paginator.count
    assert 5 <= count <= 10
    assert f"{count} or more results" in html
    assert "add a word to narrow the search" in html


def test_an_old_exact_title_ranks_first_when_thousands_of_newer_pages_match(client):
    from apps.search.models import SearchDocument

    # Made first and published long ago: the newest-first candidate caps never reach it.
    SearchDocumentFactory(
        title="Kratom",
        body="What kratom is.",
        published_at=timezone.now() - datetime.timedelta(days=3 * 365),
    )
    SearchDocument.objects.bulk_create(
        SearchDocumentFactory.build_batch(
            2000, title=factory.Sequence(lambda n: f"Kratom note {n}"), body="Kratom again."
        )
    )
    build_vectors()
    response, titles = results(client, q="kratom")
    assert titles[0] == "Kratom"
    assert "or more results" in response.content.decode()


def test_few_results_are_counted_exactly(client):
    for n in range(3):
        SearchDocumentFactory(title=f"Kratom note {n}")
    build_vectors()
    response, _ = results(client, q="kratom")
    assert "3 results." in response.content.decode()


def test_misspelt_kratom_finds_kratom_page(client):
    SearchDocumentFactory(title="Kratom withdrawal: what to expect", body="Kratom is a plant.")
    SearchDocumentFactory(title="Sleep hygiene", body="Light and routine.")
    build_vectors()
    response, titles = results(client, q="kratum")
    assert titles[0] == "Kratom withdrawal: what to expect"
    assert "showing results for" in response.content.decode()


def test_misspelt_insomnia_finds_insomnia_page(client):
    SearchDocumentFactory(title="Insomnia without pills", body="CBT-I is the first choice.")
    SearchDocumentFactory(title="Kratom basics", body="A plant from south-east Asia.")
    build_vectors()
    _, titles = results(client, q="insomina")
    assert titles == ["Insomnia without pills"]


def test_stemming_matches_word_forms(client):
    SearchDocumentFactory(title="Winding down", body="Sleeping well after stopping kratom.")
    build_vectors()
    _, titles = results(client, q="sleeps")
    assert titles == ["Winding down"]


def test_websearch_syntax_excludes_words(client):
    SearchDocumentFactory(title="Kratom and sleep")
    SearchDocumentFactory(title="Kratom and pain")
    build_vectors()
    _, titles = results(client, q="kratom -pain")
    assert titles == ["Kratom and sleep"]


def test_misspelt_words_are_corrected_before_broadening(client):
    SearchDocumentFactory(title="Insomnia without pills", body="CBT-I helps.")
    build_vectors()
    response, titles = results(client, q="insomina zzzqqq")
    assert titles == ["Insomnia without pills"]
    assert "No page has all of your words" in response.content.decode()


def test_stop_words_are_not_corrected(client):
    SearchDocumentFactory(title="Kratom off label", body="Kratom and risk.")
    build_vectors()
    response, titles = results(client, q="kratom of zzzqqq")
    assert titles == ["Kratom off label"]
    assert "showing results for" not in response.content.decode()


@pytest.mark.postgres
def test_search_indexes_keep_no_pending_list():
    # A GIN pending list makes every search scan it until vacuum runs (see migration 0003).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('search_doc_vector_gin', 'search_doc_title_gin', 'search_term_word_trgm')"
        )
        options = dict(cursor.fetchall())
    assert len(options) == 3
    assert all(value == ["fastupdate=off"] for value in options.values())


@pytest.mark.postgres
def test_search_vectors_are_kept_in_the_row():
    # Out of line, every ranked candidate's vector is fetched from TOAST (see migration 0006).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'search_searchdocument'::regclass "
            "AND attname IN ('search_vector', 'title_vector')"
        )
        storage = dict(cursor.fetchall())
    assert storage == {"search_vector": "m", "title_vector": "m"}
