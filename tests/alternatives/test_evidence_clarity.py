"""Evidence clarity: only supported options are suggested; "against" pages teach nothing."""

import pytest

from tests.articles.factories import ArticleFactory

from .factories import AlternativeFactory

pytestmark = pytest.mark.django_db


def help_instead(html):
    start = html.index('id="help-instead-heading"')
    return html[start : html.index("</section>", start)]


def test_article_suggests_only_options_the_evidence_supports(client):
    article = ArticleFactory.published()
    for name, grade in [
        ("Strong option", "strong"),
        ("Limited option", "limited"),
        ("Unknown option", "insufficient"),
        ("Advised against", "against"),
    ]:
        AlternativeFactory.published(name=name, evidence=grade).related_articles.add(article)
    section = help_instead(client.get(article.get_absolute_url()).content.decode())
    assert "Strong option" in section and "Limited option" in section
    assert "Unknown option" not in section and "Advised against" not in section


def test_recommended_against_page_has_no_how_to_and_points_to_supported_options(client):
    AlternativeFactory.published(name="Supported option", evidence="strong")
    against = AlternativeFactory.published(name="Pills", evidence="against")
    html = client.get(against.get_absolute_url()).content.decode()
    assert "How to do it" not in html
    assert "What to know first" in html
    assert 'class="notice notice--against"' in html
    section = help_instead(html)
    assert "What the evidence supports instead" in section and "Supported option" in section
    assert "Pills" not in section


def test_supported_page_keeps_its_how_to(client):
    supported = AlternativeFactory.published(evidence="moderate")
    html = client.get(supported.get_absolute_url()).content.decode()
    assert "How to do it" in html
    assert "notice--against" not in html


def test_home_suggests_no_option_graded_against(client):
    AlternativeFactory.published(name="Advised against", evidence="against")
    AlternativeFactory.published(name="Works", evidence="strong")
    html = client.get("/").content.decode()
    assert "Works" in html and "Advised against" not in html
