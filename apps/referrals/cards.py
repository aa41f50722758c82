"""The service cards on /help/, rendered once per change to the service they show.

A card shows one service and its own rows (contacts, hours, areas, languages: the rows
it is edited with, ``Service.draft_inlines``) and nothing else. So it is cached under
the service's ``card_token``, which every save of the service or of one of those rows
changes in the same transaction, rather than under the site's generation, which every
edit anywhere changes: an edit to one service renders one card again, not every card on
the page. Never stale: a reader sees the new token together with the new rows, or the
old token with the old rows. Also keyed by the day (the "not re-checked" warning) and
the code version; a card saying "Open now" is kept only until the minute changes.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from apps.pagecache import generation as generations

from .models import Service, new_card_token

TEMPLATES = {"call": "referrals/_call_card.html", "listing": "referrals/_service_card.html"}


def service_rows_changed(sender, instance, raw=False, **kwargs):
    """A contact, hour, area or language row of a service was saved or deleted."""
    if not raw:
        Service.objects.filter(pk=instance.service_id).update(card_token=new_card_token())
        render_on_commit(instance.service_id)


def service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        render_on_commit(instance.pk)


def render_on_commit(service_id):
    """Render the service's cards once the change commits, so the first reader of /help/
    after an edit finds them (in a shared cache; a per-process one keeps them only for
    this process). A failure is logged, never raised: the first reader renders them."""
    if settings.PAGE_CACHE:
        transaction.on_commit(lambda: _render_cards(service_id), robust=True)


def _render_cards(service_id):
    service = Service.objects.public().filter(pk=service_id).first()
    if service is not None:
        for kind in TEMPLATES:
            with_cards([service], kind)


def _key(service, kind):
    day = timezone.localdate().isoformat()
    return f"card:{generations.code_version()}:{kind}:{service.pk}:{service.card_token}:{day}"


def _render(service, kind):
    return render_to_string(TEMPLATES[kind], {"service": service, "heading": 3})


def with_cards(services, kind, *, store=True):
    """``services`` as a list, each with its card's HTML as ``card_html``.

    ``store``: use and fill the cache (not during a preview, nor with the page cache
    switched off). Services whose card is missing are read with their rows in one go.
    """
    services = list(services)
    store = store and settings.PAGE_CACHE
    keys = {service.pk: _key(service, kind) for service in services}
    found = cache.get_many(list(keys.values())) if store and services else {}
    now = timezone.now()
    missing = []
    for service in services:
        entry = found.get(keys[service.pk])
        if entry is None or (entry[1] is not None and entry[1] <= now):
            missing.append(service)
            continue
        html, until = entry
        service.card_html = SafeString(html)
        if until is not None:
            generations.expires_at(until)
    if missing:
        prefetch_related_objects(missing, *Service.page_prefetches())
        rendered = {}
        for service in missing:
            html, until = generations.timed(_render, service, kind)
            service.card_html = SafeString(html)
            if until is not None:
                generations.expires_at(until)
            rendered[keys[service.pk]] = (html, until)
        if store:
            cache.set_many(rendered, generations.STORED_SECONDS)
    return services
