"""Check the web addresses in the directory, with the standard library only.

HEAD first (cheap), then GET when a server refuses HEAD or errors. Redirects are
followed by hand so a loop is named as one; every request has a timeout and the whole
run has a deadline, so one stalled server can never hang the command.
"""

import concurrent.futures
import http.client
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from django.db import transaction
from django.utils import timezone

from .models import URL_KINDS, ContactPoint, LinkStatus

USER_AGENT = "NightlightLinkCheck/1.0 (+https://nightlight.example/about/)"
MAX_REDIRECTS = 5
# Results saved per transaction. Each committed change to the directory bumps the page
# cache's generation and renders /help/, the strips and the API's first page for readers
# (apps.pagecache.generation.change_committed), about 0.2 s of CPU: once per batch, not
# once per link. Only the saves are in the transaction, never the network checks.
SAVE_BATCH = 50


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # we follow redirects ourselves to count hops and spot loops


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url, method, timeout):
    """(status code, Location header) for one request, without following redirects."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("only http(s) addresses are checked")
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def check_url(url, timeout=10.0, max_redirects=MAX_REDIRECTS):
    """One of LinkStatus's values for ``url``."""
    seen = set()
    for _hop in range(max_redirects + 1):
        if url in seen:
            return LinkStatus.REDIRECT_LOOP
        seen.add(url)
        try:
            status, location = _request(url, "HEAD", timeout)
            if status in (405, 501) or status >= 500 or status == 403:
                status, location = _request(url, "GET", timeout)
        except TimeoutError:
            return LinkStatus.TIMEOUT
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return LinkStatus.TIMEOUT
            return LinkStatus.BROKEN
        except (http.client.HTTPException, OSError, ValueError):
            return LinkStatus.BROKEN
        if 300 <= status < 400 and location:
            url = urllib.parse.urljoin(url, location)
            continue
        return LinkStatus.OK if 200 <= status < 300 else LinkStatus.BROKEN
    return LinkStatus.REDIRECT_LOOP


def check_contacts(contacts=None, timeout=10.0, workers=8, deadline=None, progress=None):
    """Check every URL contact, store the results and return a Counter of statuses.

    ``deadline`` (seconds) bounds the whole run: anything unfinished by then is recorded
    as a timeout rather than waited for.
    """
    if contacts is None:
        contacts = ContactPoint.objects.filter(kind__in=URL_KINDS).select_related("service")
    contacts = list(contacts)
    deadline = deadline or max(timeout * 3, timeout * (len(contacts) / max(workers, 1) + 2))
    counts = Counter()
    pending = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    futures = {pool.submit(check_url, c.value, timeout): c for c in contacts}
    recorded = set()
    try:
        for future in concurrent.futures.as_completed(futures, timeout=deadline):
            recorded.add(future)
            _record(futures[future], future.result(), counts, progress, len(contacts), pending)
    except concurrent.futures.TimeoutError:
        for future, contact in futures.items():
            if future not in recorded:
                _record(contact, LinkStatus.TIMEOUT, counts, progress, len(contacts), pending)
    finally:
        # Do not wait for stalled threads: they end by themselves at their own timeout.
        pool.shutdown(wait=False, cancel_futures=True)
        _save(pending)
    return counts


def _record(contact, status, counts, progress, total, pending):
    contact.last_status = status
    contact.last_checked_at = timezone.now()
    pending.append(contact)
    if len(pending) >= SAVE_BATCH:
        _save(pending)
    counts[status] += 1
    if progress:
        done = sum(counts.values())
        progress(
            f"[{done}/{total}] {LinkStatus(status).label}: {contact.value} ({contact.service})"
        )


def _save(contacts):
    """Save ``contacts``' results in one transaction, and empty the list."""
    with transaction.atomic():
        for contact in contacts:
            contact.save(update_fields=["last_status", "last_checked_at"])
    contacts.clear()
