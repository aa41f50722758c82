"""Home page: editors choose and order the featured questions."""

import re

import pytest

from apps.site.models import FeaturedQuestion
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def featured_titles(client):
    html = client.get("/").content.decode()
    start = html.index('id="home-featured"')
    section = html[start : html.index("</section>", start)]
    return re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", section)


def test_home_leads_with_featured_questions_in_the_editors_order(client):
    later = ArticleFactory.published(title="Second question")
    first = ArticleFactory.published(title="First question")
    draft = ArticleFactory(title="Draft question")
    FeaturedQuestion.objects.create(article=later, position=2)
    FeaturedQuestion.objects.create(article=first, position=1)
    FeaturedQuestion.objects.create(article=draft, position=0)
    assert featured_titles(client) == ["First question", "Second question"]


def test_newest_articles_below_do_not_repeat_a_featured_one(client):
    featured = ArticleFactory.published(title="Featured question")
    ArticleFactory.published(title="Other question")
    FeaturedQuestion.objects.create(article=featured, position=1)
    html = client.get("/").content.decode()
    assert html.count("Featured question") == 1
    assert "Other question" in html


def test_editor_features_a_question_in_the_admin(admin_client):
    article = ArticleFactory.published(title="Chosen in the admin")
    response = admin_client.post(
        "/admin/site/featuredquestion/add/", {"article": article.pk, "position": 3}
    )
    assert response.status_code == 302
    assert FeaturedQuestion.objects.get().article == article
    assert admin_client.get("/admin/site/featuredquestion/").status_code == 200
    assert featured_titles(admin_client) == ["Chosen in the admin"]


# The demo puts the flagship question first, and keeps it there when loaded again:
# test_demo_content.py, on the demo that module loads once.
