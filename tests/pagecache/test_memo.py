"""List cards and filter fields rendered once per what they show (apps/pagecache/memo.py):
never out of date, and not rendered again when only something else changed."""

from unittest import mock

import pytest

from apps.pagecache import memo
from tests.articles.factories import ArticleFactory
from tests.editorial.factories import TopicFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def rendered_templates(client, path):
    with mock.patch.object(memo, "render_to_string", wraps=memo.render_to_string) as render:
        html = page(client, path)
    return html, sorted(call.args[0] for call in render.call_args_list)


def test_after_another_change_the_list_renders_no_card_or_filter_again(client):
    ArticleFactory.published(title="First answer")
    ArticleFactory.published(title="Second answer")
    page(client, "/articles/")
    ArticleFactory.published(title="Third answer")  # a change: the page is rendered again
    html, rendered = rendered_templates(client, "/articles/")
    assert "Third answer" in html and "First answer" in html
    assert rendered == ["articles/_card.html"]  # the new article's card, and nothing else


def test_a_card_shows_every_change_to_what_it_shows(client):
    topic = TopicFactory(name="Sleep")
    article = ArticleFactory.published(title="An answer", standfirst="Short answer.")
    article.topics.add(topic)
    assert "Topics: Sleep" in page(client, "/articles/")
    topic.name = "Sleep and rest"
    topic.save()
    assert "Topics: Sleep and rest" in page(client, "/articles/")
    article.standfirst = "A longer answer."
    article.save()
    html = page(client, "/articles/")
    assert "A longer answer." in html and "Short answer." not in html


def test_the_filter_fields_show_a_new_topic_and_the_readers_choice(client):
    TopicFactory(name="Sleep", slug="sleep")
    page(client, "/articles/")
    TopicFactory(name="Withdrawal", slug="withdrawal")
    html = page(client, "/articles/")
    assert '<option value="withdrawal">Withdrawal</option>' in html
    chosen = page(client, "/articles/?topic=withdrawal")
    assert '<option value="withdrawal" selected>Withdrawal</option>' in chosen
    assert '<option value="withdrawal" selected>' not in page(client, "/articles/?topic=sleep")


def test_a_card_escapes_what_it_shows(client):
    ArticleFactory.published(title="Tags <b>and</b> & ampersands")
    html = page(client, "/articles/")
    assert "Tags &lt;b&gt;and&lt;/b&gt; &amp; ampersands" in html


def test_runserver_forgets_kept_html_when_a_template_changes(client, tmp_path):
    from django.utils.autoreload import file_changed  # noqa: PLC0415

    from apps.site import shell  # noqa: PLC0415

    ArticleFactory.published(title="Kept answer")
    page(client, "/articles/")
    assert memo.rendered.entries and shell.local_parts.entries
    file_changed.send(sender=None, file_path=tmp_path / "module.py")
    assert memo.rendered.entries and shell.local_parts.entries
    file_changed.send(sender=None, file_path=tmp_path / "_card.html")
    assert not memo.rendered.entries and not shell.local_parts.entries
