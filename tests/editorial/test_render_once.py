"""Markdown is rendered once per content, not on every request, and never stale."""

from unittest import mock

import pytest

from apps.editorial import markdown
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_article_page_renders_its_markdown_once_until_its_text_changes(client):
    article = ArticleFactory.published(title="Rendered once", body="## First\n\nSome words.")
    with mock.patch.object(
        markdown.Document, "render", autospec=True, side_effect=markdown.Document.render
    ) as render:
        assert "Some words." in client.get(article.get_absolute_url()).content.decode()
        rendered = render.call_count
        assert rendered >= 1
        article.save()  # saved again, nothing changed: nothing to render again
        assert "Some words." in client.get(article.get_absolute_url()).content.decode()
        assert render.call_count == rendered
        article.body = "## First\n\nOther words."
        article.save()
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Other words." in page and "Some words." not in page
        assert render.call_count > rendered


def test_citation_numbers_follow_the_sources_that_exist():
    rendered = markdown.render_page(["A [@one] and [@two]."], [])
    assert "citation--unknown" in rendered.fields[0].html and rendered.references == []
