import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import RequestFactory

from apps.feedback import ratelimit
from apps.feedback.models import Feedback
from tests.alternatives.factories import AlternativeFactory

pytestmark = pytest.mark.django_db


def test_form_page_sets_no_cookie_and_has_no_csrf_token(client):
    response = client.get("/feedback/?page=/alternatives/")
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_include_renders_honeypot_hidden_without_inline_style():
    request = RequestFactory().get("/alternatives/x/")
    html = render_to_string("feedback/_form.html", {"item": None}, request=request)
    assert "Was this page helpful?" in html and 'name="website"' in html
    assert 'class="visually-hidden" aria-hidden="true"' in html and 'tabindex="-1"' in html
    assert "style=" not in html and "csrf" not in html


def test_posting_stores_feedback_with_no_identifier(client):
    item = AlternativeFactory.published()
    response = client.post(
        "/feedback/",
        {
            "page": item.get_absolute_url(),
            "item": f"alternatives.alternative:{item.pk}",
            "helpful": "no",
            "message": "The link in step 2 is broken.",
        },
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )
    assert response.status_code == 200 and not response.cookies
    feedback = Feedback.objects.get()
    assert feedback.item == item and feedback.helpful is False
    values = " ".join(str(getattr(feedback, f.attname)) for f in Feedback._meta.concrete_fields)
    assert "203.0.113" not in values and "TestBrowser" not in values
    assert feedback.created_at.minute == 0 and feedback.created_at.second == 0


def test_honeypot_is_refused_silently(client):
    response = client.post(
        "/feedback/", {"page": "/", "helpful": "yes", "website": "http://spam.example"}
    )
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not Feedback.objects.exists()


def test_rate_limit_answers_429_and_keeps_nothing_in_the_database(client):
    for _ in range(ratelimit.LIMIT):
        assert client.post("/feedback/", {"page": "/", "helpful": "yes"}).status_code == 200
    response = client.post("/feedback/", {"page": "/", "helpful": "yes"})
    assert response.status_code == 429 and "try again" in response.content.decode()
    assert Feedback.objects.count() == ratelimit.LIMIT
    other = client.post("/feedback/", {"page": "/", "helpful": "yes"}, REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"page": "//evil.example/"},
        {"page": "/", "helpful": "maybe"},
        {"page": "/", "item": "auth.user:1", "helpful": "yes"},
        {"page": "/", "item": "alternatives.alternative:99999999999999999999"},
        {"page": "x" * 5000, "message": "y" * 50000},
    ],
)
def test_garbage_never_500s(client, data):
    assert client.post("/feedback/", data).status_code in (200, 400)


def test_unknown_item_is_stored_without_a_link(client):
    client.post("/feedback/", {"page": "/", "item": "auth.user:1", "helpful": "yes"})
    assert Feedback.objects.get().content_type is None


def test_admin_marks_feedback_resolved(admin_client):
    one = Feedback.objects.create(page="/a/", helpful=False, message="Wrong number")
    admin = User.objects.get(username="admin")
    response = admin_client.post(
        "/admin/feedback/feedback/", {"action": "mark_resolved", "_selected_action": [one.pk]}
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.resolved and one.resolved_by == admin and one.resolved_at


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?helpful__exact=1", {"/a/"}), ("?resolved__exact=0", {"/b/"}), ("", {"/a/", "/b/"})],
)
def test_admin_list_filters_and_search(admin_client, query, expected):
    Feedback.objects.create(page="/a/", helpful=True, resolved=True)
    Feedback.objects.create(page="/b/", helpful=False)
    response = admin_client.get("/admin/feedback/feedback/" + query)
    assert response.status_code == 200
    assert {f.page for f in response.context["cl"].result_list} == expected


def post_from(client, forwarded_for):
    return client.post(
        "/feedback/",
        {"page": "/", "helpful": "yes"},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_each_reader_has_their_own_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(ratelimit.LIMIT):
        assert post_from(client, "203.0.113.7").status_code == 200
    assert post_from(client, "203.0.113.7").status_code == 429
    assert post_from(client, "203.0.113.8").status_code == 200
    # A client-written entry on the left does not buy a fresh limit.
    assert post_from(client, "198.51.100.99, 203.0.113.7").status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(ratelimit.LIMIT):
        assert post_from(client, f"203.0.113.{n}").status_code == 200
    assert post_from(client, "203.0.113.200").status_code == 429


@pytest.mark.parametrize(
    "page",
    [
        "/\t/evil.example/phish",
        "/\n/evil.example/",
        "/\r\n/evil.example/",
        "/ /evil.example/",
        "/\\evil.example/",
        "/\\\\evil.example/",
        "\t//evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\x00",
    ],
)
def test_go_back_link_never_leaves_the_site(client, page):
    response = client.post("/feedback/", {"page": page, "helpful": "yes"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    form_page = client.get("/feedback/", {"page": page}).content.decode()
    assert 'name="page" value="/"' in form_page


def test_go_back_link_points_to_the_page_the_reader_was_on(client):
    response = client.post("/feedback/", {"page": "/articles/a/?x=1#top", "helpful": "yes"})
    assert '<a href="/articles/a/?x=1#top">' in response.content.decode()


def test_item_with_a_non_ascii_digit_is_stored_without_a_link(client):
    response = client.post(
        "/feedback/",
        "page=/&helpful=yes&item=articles.article:%C2%B2",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Feedback.objects.get().content_type is None
