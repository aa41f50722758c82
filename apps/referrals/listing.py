"""The main content of /help/ (its heading, emergency block, filters and list), rendered once per change.

Building it (the emergency block, the filtered and counted list, the cards, the filter
form) was most of an uncached /help/. The first page of each choice of filters is the
same for every reader between two public changes, so it is stored in the cache under
the public site's generation (apps/pagecache/generation.py), the day and the code
version: never stale, since every public change (a service, its rows, an organization,
a scheduled item going live) bumps the generation, and a listing showing "Open now" is
kept only until the minute changes. A change to the directory renders the common
variants (no country, and each directory country as a browser's language names it) once
its transaction commits, as items' pages are (apps/editorial/pages.py), so the first
reader after an edit finds them; any other change leaves it to the first reader.

Rendered for that one request, never read from nor written to the store: a draft
preview (written onto the live rows), a later page (``?page=``, with any page number a
reader may type) and a request with ignored filter values (its messages are part of it).
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from apps.editorial.pagination import CappedPaginator
from apps.pagecache import generation as generations

from .cards import with_cards
from .codes import COUNTRY_NAMES, READER_COUNTRIES, country_name
from .forms import ServiceFilterForm
from .models import Service

PER_PAGE = 20
CALL_NOW_SHOWN = 8
TEMPLATE = "referrals/service_list.html#listing"
DIRECTORY = "referrals."  # the labels of the models /help/ shows


def directory_changed(changed):
    """Whether a committed change (``changed``: model labels, from
    generation.change_committed) is to the directory, and rendering it for readers
    ahead of time is on (the page cache)."""
    return settings.PAGE_CACHE and any(label.startswith(DIRECTORY) for label in changed)


@functools.lru_cache(maxsize=256)
def filter_fields(filters):
    """The filter form's fields for ``filters`` (sorted pairs), rendered once per process.

    Its choices (countries, kinds of help, languages) are constants in the code, so the
    HTML depends on the chosen filters alone and can never be stale; rendering the
    country and language selects' options is most of an uncached /help/ otherwise.
    """
    form = ServiceFilterForm(initial=dict(filters))
    return render_to_string("referrals/_filter_fields.html", {"form": form})


def render_listing(filters, from_browser, page=None, messages=(), store=True):
    """The list part's HTML for ``filters`` (a dict of valid filters, the country
    included), page ``page`` of the rest of the list. ``store``: the cards may come from
    and go to their cache (cards.py)."""
    country = filters.get("country")
    # Capped: without a country this is every country's emergency line, and the page is
    # rendered whole for each reader; the rest are in the list below, linked from here.
    call_now = list(Service.objects.public().call_first(country)[: CALL_NOW_SHOWN + 1])
    more_to_call = len(call_now) > CALL_NOW_SHOWN
    call_now = with_cards(call_now[:CALL_NOW_SHOWN], "call", store=store)
    services = (
        Service.objects.public()
        .matching(**filters)
        .exclude(pk__in=[service.pk for service in call_now])
    )
    # As editorial.views.paginate: a bad or out-of-range page number gives the last page.
    page_obj = CappedPaginator(services, PER_PAGE).get_page(page)
    page_obj.object_list = with_cards(page_obj.object_list, "listing", store=store)
    query = urlencode({name: "on" if value is True else value for name, value in filters.items()})
    html = render_to_string(
        TEMPLATE,
        {
            "filter_fields": filter_fields(tuple(sorted(filters.items()))),
            "filters": filters,
            "country": country,
            "country_name": country_name(country, in_sentence=True) if country else "",
            "country_from_browser": from_browser and bool(country),
            "countries": sorted(COUNTRY_NAMES.items(), key=lambda item: item[1]),
            "messages_shown": messages,
            "call_now": call_now,
            "more_to_call": more_to_call,
            "page_obj": page_obj,
            "query": query,
        },
    )
    return SafeString(html), page_obj.number


def _key(generation, filters, from_browser):
    # The browser's country and the same one chosen from the list differ only in a note.
    chosen = urlencode(sorted((name, str(value)) for name, value in filters.items()))
    browser = int(from_browser and bool(filters.get("country")))
    day = timezone.localdate().isoformat()
    return f"help-list:{generations.code_version()}:{generation.key}:{day}:{browser}:{chosen}"


def listing(request, filters, from_browser, messages):
    """(HTML, page number) of the list part of /help/ for this request."""
    page = request.GET.get("page")
    store = (
        settings.PAGE_CACHE
        and not getattr(request, "editorial_preview", None)
        and page is None
        and not messages
    )
    if not store:
        preview = bool(getattr(request, "editorial_preview", None))
        return render_listing(filters, from_browser, page, messages, store=not preview)
    key = _key(generations.current(request), filters, from_browser)
    entry = cache.get(key)
    if entry is None or (entry[1] is not None and entry[1] <= timezone.now()):
        entry = _render_and_store(key, filters, from_browser)
    html, until = entry
    if until is not None:
        generations.expires_at(until)
    return SafeString(html), 1


def _render_and_store(key, filters, from_browser):
    (html, _), until = generations.timed(render_listing, filters, from_browser)
    entry = (str(html), until)
    cache.set(key, entry, generations.STORED_SECONDS)
    return entry


def render_after_change(sender, changed=(), **kwargs):
    """generation.change_committed: a change to the directory (a service, its rows, an
    organization, a category) renders the common listings, before readers come."""
    if directory_changed(changed):
        _render_common()


def _render_common():
    generation = generations.current()  # read before rendering, as items' pages do
    for country in READER_COUNTRIES:
        filters = {"country": country} if country else {}
        _render_and_store(_key(generation, filters, True), filters, True)
