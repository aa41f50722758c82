"""The page shell (help strip, header, footer) is rendered once and reused (apps/site/shell.py):
what it shows must still change on the next request, and follow the page and the reader."""

import re
from unittest import mock

import pytest

from apps.site import shell
from apps.site.models import SiteSettings
from tests.referrals.factories import (
    AreaFactory,
    ContactFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

GB = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
US = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Save as an editor does: the commit bumps the generation (and the shell's version)."""

    def save(obj):
        with django_capture_on_commit_callbacks(execute=True):
            obj.save()
        return obj

    return save


def _page(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def _strip(html):
    return html[html.index('class="help-strip"') : html.index("</aside>")]


def _current_nav(html):
    nav = html[html.index('aria-label="Main"') : html.index("</nav>")]
    return re.findall(r'<a href="([^"]+)" aria-current="page">', nav)


def test_a_site_settings_change_shows_on_the_next_request(client, commit):
    _page(client, "/")  # the shell is rendered and kept
    settings_row = SiteSettings.current()
    settings_row.help_strip_text = "Text changed by an editor."
    settings_row.contact_email = "new-address@nightlight.example"
    commit(settings_row)
    html = _page(client, "/")
    assert "Text changed by an editor." in _strip(html)
    assert "mailto:new-address@nightlight.example" in html[html.index("<footer") :]


@pytest.mark.django_db(transaction=True)  # each write commits, and its commit bumps
def test_a_help_strip_change_shows_on_the_next_request_for_that_country_only(client):
    service = ServiceFactory(featured_in_help_strip=True, help_strip_label="Helpline")
    AreaFactory(service=service, country="GB")
    contact = ContactFactory(service=service, value="0800 111 222")
    assert "0800 111 222" in _strip(_page(client, "/", **GB))
    assert "0800 111 222" not in _strip(_page(client, "/", **US))

    contact.value = contact.display = "0800 333 444"
    contact.save()
    assert "0800 333 444" in _strip(_page(client, "/topics/", **GB))
    service.featured_in_help_strip = False
    service.save()
    assert "0800 333 444" not in _strip(_page(client, "/", **GB))


@pytest.mark.parametrize(
    ("path", "current"),
    [("/articles/", ["/articles/"]), ("/help/", ["/help/"]), ("/alternatives/", ["/alternatives/"]),
     ("/", []), ("/topics/", [])],
)  # fmt: skip
def test_the_current_section_follows_the_page_whatever_was_rendered_before(client, path, current):
    for other in ("/articles/", "/help/", "/"):  # shells for other sections are kept already
        _page(client, other)
    assert _current_nav(_page(client, path)) == current


def test_the_search_box_shows_this_readers_query_only(client):
    assert 'value="kratom &amp; sleep"' in _page(client, "/search/", data={"q": "kratom & sleep"})
    assert 'value="melatonin"' in _page(client, "/search/", data={"q": "melatonin"})
    header = _page(client, "/")
    assert 'name="q" type="search" value=""' in header


def _strip_changed_elsewhere(client, headers):
    """A GB strip number changed and committed, as seen by another worker, which kept
    only the old shell's parts."""
    service = ServiceFactory(featured_in_help_strip=True, help_strip_label="Helpline")
    AreaFactory(service=service, country="GB")
    contact = ContactFactory(service=service, value="0800 111 222")
    _page(client, "/topics/", **headers)
    contact.value = contact.display = "0800 333 444"
    contact.save()  # renders the strips and the footer once it commits
    shell.local_parts.clear()


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("headers", [{}, GB], ids=["neutral", "GB"])
def test_after_a_strip_change_commits_no_worker_renders_the_strip_or_the_footer(client, headers):
    _strip_changed_elsewhere(client, headers)
    with mock.patch.object(shell, "_render", side_effect=shell._render) as render:
        html = _page(client, "/topics/", **headers)
    # Only the parts kept per process (they do not depend on the shell) are rendered.
    rendered = [call.args[0] for call in render.call_args_list]
    assert sorted(rendered) == sorted([shell.HEAD, shell.HEADER])
    assert ("0800 333 444" in _strip(html)) == bool(headers)
    assert "Contact:" in html[html.index("<footer") :]


@pytest.mark.page_cache
def test_a_changed_setting_is_on_the_next_page_even_with_parts_shared(client, settings):
    _page(client, "/")
    settings.CONTACT_EMAIL = "changed-address@nightlight.example"
    html = _page(client, "/topics/")
    assert "mailto:changed-address@nightlight.example" in html[html.index("<footer") :]


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_after_a_shell_change_a_worker_reads_the_strip_and_the_footer_in_one_round_trip(client):
    from django.core.cache import caches  # noqa: PLC0415

    _strip_changed_elsewhere(client, GB)
    backend = caches["default"]
    with mock.patch.object(backend, "get_many", wraps=backend.get_many) as get_many:
        html = _page(client, "/topics/", **GB)
    [read] = get_many.call_args_list
    assert {key.split(":")[3] for key in read.args[0]} == {shell.HELP_STRIP, shell.FOOTER}
    assert "0800 333 444" in _strip(html)
