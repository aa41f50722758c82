import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HOSTILE = [
    "x" * 10_000,
    "kratom\x00sleep",
    "\x00",
    "!!! ??? ... ((( ))) & | : * '\" <script>",
    "the and of to a in is it",
    "\ufffd\ufffe\uffff",
    "-",
    '"',
    "kratom & | !",
    "<mark>sleep</mark>",
    "%",
    "\\",
    "a:* | b",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_answer_without_error(client, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "raw", ["q=%ED%A0%80", "q=%FF%FE%00", "q=%C0%AF", "q=caf%E9", "type=%00&q=sleep"]
)
def test_broken_utf8_in_query_string_answers_200(client, raw):
    response = client.get("/search/", QUERY_STRING=raw)
    assert response.status_code == 200


def test_long_query_is_shortened_with_a_message(client):
    response = client.get("/search/", {"q": "sleep " * 2000})
    assert response.status_code == 200
    assert "first 200 characters" in response.content.decode()
    assert len(response.context["query"]) <= 200


def test_unknown_type_is_ignored_with_a_message(client):
    response = client.get("/search/", {"q": "sleep", "type": "bogus"})
    assert response.status_code == 200
    assert response.context["kind"] == ""
    assert '<ul class="messages"' in response.content.decode()


def test_query_is_escaped_in_the_page(client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_empty_search_shows_suggestions_and_help(client):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "If you need help now" in html
    assert 'href="/articles/"' in html and 'href="/alternatives/"' in html
    assert not response.cookies


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), kind=st.sampled_from(["", "article", "service", "x\x00"]))
def test_any_text_answers_200(client, text, kind):
    response = client.get("/search/", {"q": text, "type": kind})
    assert response.status_code == 200
