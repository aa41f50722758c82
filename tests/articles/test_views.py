import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.editorial.models import Status
from tests.editorial.factories import ContributorFactory, SourceFactory, TopicFactory

from .factories import ArticleFactory, FAQItemFactory, article_showing

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.title for a in response.context["page_obj"].object_list]


def messages_in(html):
    return html.split('<ul class="messages"')[1].split("</ul>")[0]


# --- the list ---------------------------------------------------------------------------


def test_list_shows_public_articles_newest_first(client):
    now = timezone.now()
    ArticleFactory.published(title="Old", published_at=now - datetime.timedelta(days=9))
    ArticleFactory.published(title="New", published_at=now - datetime.timedelta(days=1))
    response = client.get("/articles/")
    assert response.status_code == 200
    assert titles(response) == ["New", "Old"]
    assert "Yes, it can." in response.content.decode()  # the standfirst


def test_list_card_shows_audience_topics_in_order_and_review_date(client):
    article = ArticleFactory.published(
        title="Night sweats", audience="professionals", last_reviewed_on=datetime.date(2026, 3, 2)
    )
    article.topics.set([TopicFactory(name="Sleep"), TopicFactory(name="Kratom & <sleep>")])
    html = client.get("/articles/").content.decode()
    card = html.split("Night sweats", 1)[1].split("</article>")[0]
    assert "For: professionals" in card
    assert "Topics: Kratom &amp; &lt;sleep&gt;, Sleep" in card
    assert 'Reviewed <time datetime="2026-03-02">2 March 2026</time>' in card


def test_list_hides_drafts_in_review_scheduled_and_archived(client):
    ArticleFactory(title="Draft")
    ArticleFactory(title="In review", status=Status.IN_REVIEW)
    ArticleFactory.published(
        title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    ArticleFactory.published(title="Archived", status=Status.ARCHIVED)
    ArticleFactory.published(title="Live")
    assert titles(client.get("/articles/")) == ["Live"]


def test_list_filters_by_topic_and_audience(client):
    sleep = TopicFactory(slug="sleep", name="Sleep")
    match = ArticleFactory.published(title="Match", audience="family-and-friends")
    match.topics.add(sleep)
    other = ArticleFactory.published(title="Wrong audience", audience="professionals")
    other.topics.add(sleep)
    ArticleFactory.published(title="No topic", audience="family-and-friends")
    response = client.get("/articles/?topic=sleep&audience=family-and-friends")
    assert titles(response) == ["Match"]
    html = response.content.decode()
    assert '<option value="sleep" selected>' in html
    assert 'class="messages"' not in html


@pytest.mark.parametrize(
    "query", ["topic=no-such-topic", "audience=aliens", "topic=<script>x</script>"]
)
def test_unknown_filter_value_is_ignored_with_a_message(client, query):
    # The same behaviour as every other list (tests/editorial/test_one_definition.py).
    ArticleFactory.published(title="Live")
    response = client.get(f"/articles/?{query}")
    assert response.status_code == 200
    assert titles(response) == ["Live"]
    html = response.content.decode()
    assert "Choose from the list" in messages_in(html)
    assert "<script>x" not in html


@pytest.mark.parametrize("page", ["abc", "999", "-1", "", "1.5"])
def test_bad_page_numbers_never_fail(client, page):
    for n in range(14):
        ArticleFactory.published(title=f"Item {n:02}")
    response = client.get(f"/articles/?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.num_pages == 2


def test_list_is_paginated_twelve_a_page_and_keeps_filters(client):
    for n in range(14):
        ArticleFactory.published(title=f"Item {n:02}", audience="professionals")
    response = client.get("/articles/?audience=professionals")
    assert len(titles(response)) == 12
    assert 'href="?audience=professionals&amp;page=2"' in response.content.decode()


# --- the detail page --------------------------------------------------------------------


def test_detail_shows_standfirst_key_points_toc_body_faq_and_breadcrumbs(client):
    source = SourceFactory(title="Kratom dependence study")
    article = ArticleFactory.published(
        title="Does kratom cause insomnia?",
        standfirst="Yes, mostly in withdrawal.",
        key_points="- Withdrawal disturbs sleep\n- Little research\n\n",
        body=f"## What we know\n\nA fact [@{source.key}].\n\n## What you can do next\n\nTry CBT-I.",
    )
    FAQItemFactory(article=article, question="Will it get better?", answer="Usually.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert "Yes, mostly in withdrawal." in html
    assert "<li>Withdrawal disturbs sleep</li><li>Little research</li>" in html
    assert 'class="toc"' in html and 'href="#what-we-know"' in html
    assert '<h2 id="what-you-can-do-next">' in html
    assert "Will it get better?" in html and "Usually." in html
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Home" in crumbs and 'href="/articles/"' in crumbs and "Does kratom" in crumbs
    assert f'rel="canonical" href="http://127.0.0.1:8000{article.get_absolute_url()}"' in html


def test_citations_are_numbered_in_order_of_first_use_across_body_and_faq(client):
    first = SourceFactory(title="First source", doi="10.1000/first", pmid="111")
    second = SourceFactory(title="Second source", doi="", pmid="", url="https://example.org/")
    third = SourceFactory(title="Third source")
    body = f"A [@{first.key}]. B [@{second.key}]. Again A [@{first.key}]."
    article = ArticleFactory.published(body=body)
    FAQItemFactory(article=article, answer=f"C [@{third.key}] and B [@{second.key}].")
    article.sync_sources()
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.findall(r'aria-label="Reference (\d+)"', html) == ["1", "2", "1", "3", "2"]
    references = html.split('class="references"')[1].split("</ol>")[0]
    assert references.count("<li ") == 3
    assert (
        references.index("First source")
        < references.index("Second source")
        < references.index("Third source")
    )
    assert 'href="https://doi.org/10.1000/first"' in references
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/111/"' in references
    assert "[@" not in html


def test_review_dates_show_author_reviewer_credentials_and_change_note(client):
    reviewer = ContributorFactory(name="Dr Rivera", credentials="MD, addiction medicine")
    article = ArticleFactory.published(reviewed_by=reviewer, change_note="Added 2022 survey.")
    article.authors.add(ContributorFactory(name="Sam Writer"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Written by" in html and "Sam Writer" in html
    assert "Reviewed by" in html and "Dr Rivera" in html and "(MD, addiction medicine)" in html
    assert "Next review due" in html
    assert "Added 2022 survey." in html
    assert "Review overdue" not in html


def test_overdue_article_shows_review_notice(client):
    article = ArticleFactory.published(
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert "Review overdue" in client.get(article.get_absolute_url()).content.decode()


def test_detail_shows_only_public_related_articles(client):
    article = ArticleFactory.published()
    live = ArticleFactory.published(title="Related live")
    draft = ArticleFactory(title="Related draft")
    article.related_articles.set([live, draft])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Related live" in html and "Related draft" not in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_articles_are_404_for_anonymous_readers(client, status):
    article = ArticleFactory(status=status)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_is_404_until_its_time(client):
    article = ArticleFactory.published(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_archived_article_is_410_with_a_link_to_the_index(client):
    article = ArticleFactory.published(status=Status.ARCHIVED)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert 'href="/articles/"' in response.content.decode()


def test_staff_can_preview_a_draft(admin_client):
    draft = ArticleFactory(title="Not yet")
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Staff preview" in html and "Not yet" in html
    assert 'name="robots" content="noindex"' in html


def test_unknown_slug_is_404(client):
    assert client.get("/articles/no-such-article/").status_code == 404


# --- safety and privacy -----------------------------------------------------------------

HOSTILE_MARKDOWN = """\
<script>alert(1)</script>

[click](javascript:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=)

<img src=x onerror="alert(3)">

<iframe src="https://evil.example"></iframe>

<style>body{display:none}</style>

<p style="color:red">styled</p>
"""

BANNED = ("<script", "javascript:", "data:", "onerror", "<iframe", "<style", "style=", "<img")


def tags_in_main(html):
    """The real tags of the page body; escaped text (&lt;script&gt;) is harmless."""
    return " ".join(re.findall(r"<[^>]+>", html.split('<main id="main"')[1]))


def test_body_and_faq_answers_are_sanitised(client):
    source = SourceFactory()
    article = ArticleFactory.published(body=HOSTILE_MARKDOWN + f"\nCited [@{source.key}].")
    FAQItemFactory(article=article, answer=HOSTILE_MARKDOWN)
    tags = tags_in_main(client.get(article.get_absolute_url()).content.decode())
    for bad in BANNED:
        assert bad not in tags


def test_outbound_links_in_the_body_get_noopener_noreferrer(client):
    source = SourceFactory()
    article = ArticleFactory.published(body=f"See [CDC](https://www.cdc.gov/) [@{source.key}].")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="https://www.cdc.gov/" rel="noopener noreferrer">CDC</a>' in html


def test_public_pages_set_no_cookies_and_no_inline_script_or_style(client):
    article = ArticleFactory.published()
    urls = ["/articles/", "/articles/?topic=nope", article.get_absolute_url(), "/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        html = response.content.decode()
        assert re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", html) == [], url
        assert 'style="' not in html, url
        assert "csrfmiddlewaretoken" not in html, url


def test_home_section_lists_four_newest_public_articles(client):
    now = timezone.now()
    ArticleFactory.published(title="Oldest", published_at=now - datetime.timedelta(days=30))
    for n in range(4):
        ArticleFactory.published(
            title=f"Recent {n}", published_at=now - datetime.timedelta(days=n + 1)
        )
    ArticleFactory(title="Draft one")
    html = client.get("/").content.decode()
    section = html.split('id="home-articles"')[1].split("</section>")[0]
    assert section.count('class="card"') == 4
    assert "Oldest" not in section and "Draft one" not in section
    assert "Yes, it can." in section


# --- query budgets: the same count for 1 and 30 of everything -----------------------------


def _relate_services_and_alternatives(article, n):
    from apps.articles.models import Article

    fields = {f.name for f in Article._meta.get_fields()}
    if "related_services" in fields:
        from tests.referrals.factories import ServiceFactory

        article.related_services.set([ServiceFactory() for _ in range(n)])
    if "alternatives" in fields:
        from tests.alternatives.factories import AlternativeFactory

        article.alternatives.set([AlternativeFactory.published() for _ in range(n)])


def _count_queries(client, url):
    client.get(url)  # warm the site-wide caches (site settings, help strip)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_detail_query_count_is_the_same_for_1_and_30_related_items(
    client, django_assert_num_queries
):
    small, large = article_showing(1), article_showing(30)
    one = _count_queries(client, small.get_absolute_url())
    assert one <= 10
    client.get(large.get_absolute_url())
    with django_assert_num_queries(one):
        response = client.get(large.get_absolute_url())
    assert len(response.context["references"]) == 30
    assert len(response.context["faq"]) == 30


def test_list_query_count_is_the_same_for_1_and_30_topics_per_article(
    client, django_assert_num_queries
):
    article_showing(1)
    one = _count_queries(client, "/articles/?audience=people-who-use")
    assert one <= 6
    for _ in range(3):  # more articles, each with 30 of everything: still the same count
        article_showing(30)
    client.get("/articles/?audience=people-who-use")
    with django_assert_num_queries(one):
        client.get("/articles/?audience=people-who-use")


def test_detail_shows_public_alternatives_as_what_can_help_instead(client):
    from tests.alternatives.factories import AlternativeFactory

    article = ArticleFactory.published()
    article.alternatives.set(
        [AlternativeFactory.published(name="CBT-I"), AlternativeFactory(name="Draft idea")]
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "What can help instead" in html
    assert "CBT-I" in html and "Draft idea" not in html
