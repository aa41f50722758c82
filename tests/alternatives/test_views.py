import datetime
import re

import pytest
from django.utils import timezone

from apps.alternatives.compare import MAX_ITEMS
from tests.editorial.factories import ContributorFactory, SourceFactory, TopicFactory

from .factories import AlternativeFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/alternatives/", "/alternatives/evidence/", "/alternatives/compare/?items=x"]


def card_names(response):
    return [a.name for a in response.context["page_obj"].object_list]


def test_list_shows_strongest_evidence_first(client):
    AlternativeFactory.published(name="Melatonin", evidence="against")
    AlternativeFactory.published(name="Exercise", evidence="limited")
    AlternativeFactory.published(name="CBT-I", evidence="strong")
    response = client.get("/alternatives/")
    assert card_names(response) == ["CBT-I", "Exercise", "Melatonin"]


def test_list_hides_drafts_and_scheduled_items(client):
    AlternativeFactory(name="Draft")
    AlternativeFactory.published(
        name="Scheduled", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    AlternativeFactory.published(name="Live")
    assert card_names(client.get("/alternatives/")) == ["Live"]


def test_filters_combine_and_keep_their_state_in_the_links(client):
    AlternativeFactory.published(name="Match", category="relaxation", cost="free",
                                 evidence="moderate", helps_with=["pain"])  # fmt: skip
    AlternativeFactory.published(name="Wrong cost", category="relaxation", cost="low",
                                 evidence="moderate", helps_with=["pain"])  # fmt: skip
    AlternativeFactory.published(name="Wrong help", category="relaxation", cost="free",
                                 evidence="moderate", helps_with=["falling-asleep"])  # fmt: skip
    AlternativeFactory.published(name="Wrong grade", category="relaxation", cost="free",
                                 evidence="limited", helps_with=["pain"])  # fmt: skip
    query = "category=relaxation&helps_with=pain&evidence=moderate&cost=free"
    response = client.get(f"/alternatives/?{query}")
    assert card_names(response) == ["Match"]
    html = response.content.decode()
    assert '<option value="relaxation" selected>' in html
    assert '<option value="free" selected>' in html
    assert 'class="messages"' not in html


def test_invalid_filter_values_are_ignored_with_a_visible_message(client):
    AlternativeFactory.published(name="Free one", cost="free")
    AlternativeFactory.published(name="Low one", cost="low")
    response = client.get("/alternatives/?evidence=bogus&cost=<script>alert(1)</script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="messages"' in html
    assert "Evidence" in html.split('<ul class="messages"')[1].split("</ul>")[0]
    assert "<script>alert(1)" not in html
    assert sorted(card_names(response)) == ["Free one", "Low one"]


def test_valid_filters_survive_next_to_an_invalid_one(client):
    AlternativeFactory.published(name="Free one", cost="free")
    AlternativeFactory.published(name="Low one", cost="low")
    response = client.get("/alternatives/?cost=free&category=nonsense")
    assert card_names(response) == ["Free one"]
    assert response.context["query"] == "cost=free"


@pytest.mark.parametrize("page", ["999", "abc", "-1", ""])
def test_bad_page_numbers_give_a_page_not_an_error(client, page):
    for n in range(14):
        AlternativeFactory.published(name=f"Item {n:02}")
    response = client.get(f"/alternatives/?page={page}")
    assert response.status_code == 200


def test_pagination_links_keep_the_filters(client):
    for n in range(14):
        AlternativeFactory.published(name=f"Item {n:02}", cost="free")
    html = client.get("/alternatives/?cost=free").content.decode()
    assert 'href="?cost=free&amp;page=2"' in html


def test_list_cards_post_to_compare_with_a_get_form_of_checkboxes(client):
    AlternativeFactory.published(slug="cbt-i")
    html = client.get("/alternatives/").content.decode()
    assert 'action="/alternatives/compare/"' in html
    assert 'name="items" value="cbt-i"' in html
    assert "csrfmiddlewaretoken" not in html


def test_evidence_page_explains_grades_with_rendered_citations(client):
    SourceFactory(key="edinger-2021", title="AASM behavioural guideline")
    SourceFactory(key="qaseem-2016", title="ACP insomnia guideline")
    SourceFactory(key="sateia-2017", title="AASM drug guideline")
    response = client.get("/alternatives/evidence/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "conditional" in html.lower() and "strong" in html.lower()
    assert 'href="#ref-1"' in html and 'id="ref-1"' in html
    assert "AASM behavioural guideline" in html
    assert "[@" not in html and "citation--unknown" not in html
    assert 'class="badge badge--against">Recommended against<' in html


def test_compare_accepts_commas_and_repeated_params_and_notes_missing_slugs(client):
    AlternativeFactory.published(slug="one", name="One")
    AlternativeFactory.published(slug="two", name="Two")
    AlternativeFactory(slug="draft", name="Draft")
    response = client.get("/alternatives/compare/?items=one,nope&items=draft&items=two")
    assert response.status_code == 200
    assert [a.slug for a in response.context["alternatives"]] == ["one", "two"]
    html = response.content.decode()
    assert '<div class="table-scroll"' in html and '<table class="compare">' in html
    assert '<th scope="row">Evidence</th>' in html
    note = html.split('<ul class="messages"')[1].split("</ul>")[0]
    assert "nope" in note and "draft" in note
    assert ">Draft<" not in html


def test_compare_escapes_hostile_slugs_in_the_note(client):
    html = client.get("/alternatives/compare/?items=<script>x</script>").content.decode()
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_compare_refuses_more_than_six_items(client):
    slugs = [AlternativeFactory.published().slug for _ in range(MAX_ITEMS + 1)]
    response = client.get("/alternatives/compare/?items=" + ",".join(slugs))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="messages"' in html and "up to 6" in html
    assert '<table class="compare">' not in html


def test_compare_with_nothing_chosen_explains_how(client):
    response = client.get("/alternatives/compare/")
    assert response.status_code == 200
    assert "Compare selected" in response.content.decode()


def test_detail_badge_says_the_grade_in_words(client):
    alternative = AlternativeFactory.published(evidence="against")
    html = client.get(alternative.get_absolute_url()).content.decode()
    assert 'Evidence: <span class="badge badge--against">Recommended against</span>' in html


def test_detail_shows_not_enough_alone_notice_and_cautions(client):
    alternative = AlternativeFactory.published(not_enough_alone=True, cautions="- Mind falls.")
    html = client.get(alternative.get_absolute_url()).content.decode()
    assert "Not enough on its own" in html
    assert 'id="cautions-heading"' in html and "Mind falls." in html


def test_detail_page_shows_references_review_dates_breadcrumbs_and_canonical(client):
    source = SourceFactory(title="A trial of sleep")
    alternative = AlternativeFactory.published(cite=[source])
    html = client.get(alternative.get_absolute_url()).content.decode()
    assert "A trial of sleep" in html and 'id="ref-1"' in html
    assert "Reviewed by" in html
    assert 'class="breadcrumbs"' in html
    assert f'rel="canonical" href="http://127.0.0.1:8000{alternative.get_absolute_url()}"' in html
    assert html.count("<h1") == 1


def test_detail_unknown_slug_is_404(client):
    assert client.get("/alternatives/no-such-thing/").status_code == 404


def test_detail_draft_is_404_and_archived_is_410(client):
    draft = AlternativeFactory()
    archived = AlternativeFactory.published(status="archived")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(archived.get_absolute_url()).status_code == 410


def test_staff_can_preview_a_draft(admin_client):
    draft = AlternativeFactory(name="Not yet")
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Staff preview" in response.content.decode()


def test_evidence_and_compare_urls_are_not_read_as_slugs(client):
    AlternativeFactory.published(slug="evidence-x")
    assert client.get("/alternatives/evidence/").context["grades"]
    assert "requested" in client.get("/alternatives/compare/").context


HOSTILE_MARKDOWN = """\
<script>alert(1)</script>

[click](javascript:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=)

<img src=x onerror="alert(3)">

<iframe src="https://evil.example"></iframe>

<p style="color:red">styled</p>
"""


def tags_in_main(html):
    """The real tags of the page body; escaped text (&lt;script&gt;) is harmless."""
    return " ".join(re.findall(r"<[^>]+>", html.split('<main id="main"')[1]))


BANNED = ("<script", "javascript:", "data:", "onerror", "<iframe", "style=", "<img")


def test_steps_and_cautions_are_sanitised(client):
    source = SourceFactory()
    alternative = AlternativeFactory.published(
        steps=HOSTILE_MARKDOWN + f"\nCited [@{source.key}].", cautions=HOSTILE_MARKDOWN
    )
    tags = tags_in_main(client.get(alternative.get_absolute_url()).content.decode())
    for bad in BANNED:
        assert bad not in tags


def test_compare_cautions_are_sanitised(client):
    alternative = AlternativeFactory.published(cautions=HOSTILE_MARKDOWN)
    html = client.get(f"/alternatives/compare/?items={alternative.slug}").content.decode()
    tags = tags_in_main(html)
    for bad in BANNED:
        assert bad not in tags


def test_public_pages_set_no_cookies(client):
    alternative = AlternativeFactory.published()
    urls = [*PUBLIC_URLS, alternative.get_absolute_url(), "/alternatives/?cost=<x>"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_public_pages_have_no_inline_script_or_style(client):
    alternative = AlternativeFactory.published()
    for url in [*PUBLIC_URLS, alternative.get_absolute_url()]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", html)
        assert scripts == [], url
        assert 'style="' not in html, url


def test_home_section_lists_the_strongest_public_alternatives(client):
    AlternativeFactory.published(name="Weak", evidence="against")
    for n in range(4):
        AlternativeFactory.published(name=f"Strong {n}", evidence="strong")
    AlternativeFactory(name="Draft strong", evidence="strong")
    html = client.get("/").content.decode()
    section = html.split('id="home-alternatives"')[1].split("</section>")[0]
    assert section.count('class="card"') == 4
    assert "Weak" not in section and "Draft strong" not in section


# --- query budgets: the same count for 1 and 30 related items -------------------------


def _detail_with(n):
    sources = [SourceFactory() for _ in range(n)]
    alternative = AlternativeFactory.published(cite=sources)
    alternative.authors.set([ContributorFactory() for _ in range(n)])
    alternative.topics.set([TopicFactory() for _ in range(n)])
    return alternative


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the site-wide caches (site settings, help strip)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_detail_query_count_does_not_grow_with_related_items(client, django_assert_num_queries):
    small, large = _detail_with(1), _detail_with(30)
    one = _count_queries(client, small.get_absolute_url())
    assert one <= 8
    with django_assert_num_queries(one):
        client.get(large.get_absolute_url())


def test_list_query_count_does_not_grow_with_items(client, django_assert_num_queries):
    _detail_with(1)
    one = _count_queries(client, "/alternatives/")
    assert one <= 3
    for _ in range(29):
        _detail_with(30)
    with django_assert_num_queries(one):
        client.get("/alternatives/?page=2")


def test_compare_query_count_does_not_grow_with_related_items(client, django_assert_num_queries):
    small = [_detail_with(1).slug for _ in range(2)]
    large = [_detail_with(30).slug for _ in range(6)]
    one = _count_queries(client, "/alternatives/compare/?items=" + ",".join(small))
    assert one <= 2
    with django_assert_num_queries(one):
        client.get("/alternatives/compare/?items=" + ",".join(large))


def test_home_section_is_one_query(client, django_assert_num_queries):
    from apps.alternatives.templatetags.alternatives_tags import home_alternatives

    for _ in range(6):
        _detail_with(3)
    with django_assert_num_queries(1):
        assert len(home_alternatives()["alternatives"]) == 4


def test_cards_include_renders_what_can_help_instead(rf):
    from django.template.loader import render_to_string

    alternative = AlternativeFactory.published(name="Stimulus control", evidence="moderate")
    html = render_to_string("alternatives/_cards.html", {"alternatives": [alternative]})
    assert "What can help instead" in html
    assert 'Evidence: <span class="badge badge--moderate">Moderate<' in html
    assert alternative.get_absolute_url() in html
    assert 'name="items"' not in html
    assert render_to_string("alternatives/_cards.html", {"alternatives": []}).strip() == ""


def test_head_requests_are_answered(client):
    assert client.head("/alternatives/").status_code == 200
