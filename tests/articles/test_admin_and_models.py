import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.articles.models import Article
from tests.admin_forms import change_form_data
from tests.editorial.factories import ContributorFactory, SourceFactory, TopicFactory

from .factories import ArticleFactory, FAQItemFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def add_form_data(**overrides):
    data = {
        "title": "Does kratom cause insomnia?",
        "slug": "does-kratom-cause-insomnia",
        "audience": "people-who-use",
        "standfirst": "Yes, mostly in withdrawal.",
        "key_points": "One\nTwo\nThree",
        "body": "A fact.",
        "status": "draft",
        "faq_items-TOTAL_FORMS": "0",
        "faq_items-INITIAL_FORMS": "0",
        "faq_items-MIN_NUM_FORMS": "0",
        "faq_items-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def form_errors(response):
    return response.context["adminform"].form.errors


def test_admin_add_saves_faq_and_syncs_sources_from_body_and_answers(admin_client):
    SourceFactory(key="singh-2014")
    SourceFactory(key="singh-2018")
    data = add_form_data(
        body="Withdrawal disturbs sleep [@singh-2014].",
        **{
            "faq_items-TOTAL_FORMS": "1",
            "faq_items-0-order": "1",
            "faq_items-0-question": "Will it pass?",
            "faq_items-0-answer": "Usually [@singh-2018].",
        },
    )
    response = admin_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert article.faq_items.get().question == "Will it pass?"
    assert sorted(article.sources.values_list("key", flat=True)) == ["singh-2014", "singh-2018"]


def test_unknown_citation_key_is_an_admin_error_naming_the_key(admin_client):
    SourceFactory(key="singh-2014")
    data = add_form_data(body="A [@singh-2014] and B [@made-up-2099].")
    response = admin_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 200
    assert "made-up-2099" in " ".join(form_errors(response)["body"])
    assert not Article.objects.exists()


def test_unknown_citation_key_in_a_faq_answer_is_an_error_naming_the_key(admin_client):
    SourceFactory(key="singh-2014")
    data = add_form_data(
        body="A [@singh-2014].",
        **{
            "faq_items-TOTAL_FORMS": "1",
            "faq_items-0-order": "1",
            "faq_items-0-question": "Why?",
            "faq_items-0-answer": "Because [@nobody-2000].",
        },
    )
    response = admin_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 200
    assert "nobody-2000" in response.content.decode()
    assert not Article.objects.exists()


def test_publishing_without_any_source_is_refused(admin_client):
    # Only an approved item can be published, so this one was approved without a citation.
    article = ArticleFactory(
        status="approved",
        body="No citations here.",
        reviewed_by=ContributorFactory(),
        last_reviewed_on=datetime.date(2026, 1, 1),
    )
    url = f"{CHANGELIST}{article.pk}/change/"
    data = change_form_data(admin_client, url) | {"status": ["published"]}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Cite at least one source" in " ".join(form_errors(response)["body"])


def test_publishing_without_a_source_is_refused_by_full_clean_too():
    article = ArticleFactory.published(body="No citations here.")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "body" in error.value.message_dict


def test_next_review_defaults_to_one_year_after_review():
    article = ArticleFactory(last_reviewed_on=datetime.date(2026, 3, 1))
    assert article.next_review_due == datetime.date(2027, 3, 1)


def test_key_point_list_drops_blank_lines_and_bullet_marks():
    article = ArticleFactory.build(key_points="- One\n\n* Two  \n• Three\n")
    assert article.key_point_list == ["One", "Two", "Three"]


def test_summary_is_the_standfirst():
    article = ArticleFactory.build(standfirst="The answer first.", seo_description="")
    assert article.meta_description == "The answer first."


def test_changelist_shows_review_columns_filters_and_overdue(admin_client):
    article = ArticleFactory.published(
        title="Old review", last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    article.topics.set([TopicFactory(), TopicFactory()])
    html = admin_client.get(CHANGELIST).content.decode()
    assert "Old review" in html and "Overdue:" in html
    for param in ("status__exact", "audience__exact", "review=overdue", "topic="):
        assert param in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=pain", {"Kratom and pain"}),
        ("?audience__exact=professionals", {"For clinicians"}),
        ("?review=overdue", {"Old review"}),
        ("?q=%00", {"Kratom and pain", "For clinicians", "Old review"}),  # NUL dropped
    ],
)
def test_changelist_filters_and_search_list_their_rows(admin_client, query, expected):
    ArticleFactory.published(title="Kratom and pain")
    ArticleFactory.published(title="For clinicians", audience="professionals")
    ArticleFactory.published(
        title="Old review", last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    response = admin_client.get(CHANGELIST + query)
    assert response.status_code == 200
    assert {a.title for a in response.context["cl"].result_list} == expected


def test_changelist_query_count_is_flat(admin_client, django_assert_max_num_queries):
    for _ in range(30):
        ArticleFactory.published().topics.add(TopicFactory())
    admin_client.get(CHANGELIST)
    with django_assert_max_num_queries(14):
        assert admin_client.get(CHANGELIST).status_code == 200


def test_change_form_has_faq_inline_prepopulated_slug_and_view_on_site(admin_client):
    article = ArticleFactory.published()
    FAQItemFactory(article=article, question="Is it safe to stop?")
    html = admin_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()
    assert "Is it safe to stop?" in html
    assert "prepopulated" in html
    assert "View on site" in html
    assert "[@singh-2014]" in html  # the citation syntax in the body's help text
