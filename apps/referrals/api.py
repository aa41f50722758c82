"""A read-only Open Referral HSDS 3.0 API over the public directory.

No cookies (no session or CSRF machinery is touched) and CORS open to any origin for
GET, so other directories and apps can read our data from a browser.
"""

import logging
import math
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apps.pagecache import generation as generations

from . import hsds
from .listing import directory_changed
from .models import Organization, Service, Taxonomy, TaxonomyTerm

logger = logging.getLogger(__name__)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = 200
ALLOWED_METHODS = ("GET", "HEAD")
# Whole numbers in plain ASCII: "²" and "٣" are digits to str.isdigit() but not to int().
ASCII_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
# NUL, lone surrogates, and U+FFFD, which is what Django decodes invalid UTF-8 into.
UNREADABLE = re.compile("[\x00\ud800-\udfff\ufffd]")


class BadRequest(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status != 200:
        response["Cache-Control"] = "no-store"
    # 200s get the site's shared-cache headers, ETag and 304s (apps/pagecache): clients
    # revalidate, so a changed service is never five minutes late.
    return response


def error_response(status, error, message):
    """The one shape of every API error: ``{"status", "error", "message"}``."""
    response = _json({"status": status, "error": error, "message": message}, status=status)
    if status == 405:
        response["Allow"] = ", ".join(ALLOWED_METHODS)
    if status == 503:
        response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    return response


def is_api_request(request):
    """True under /api/ (where hub/urls.py mounts this API): the site's error handlers
    answer these in JSON too."""
    return request.path_info.startswith("/api/")


def unavailable():
    return error_response(
        503, "unavailable", "The directory is briefly unavailable; try again shortly."
    )


def server_error():
    return error_response(500, "server_error", "Something went wrong on our side.")


def api_view(view):
    """GET/HEAD only; every answer is JSON, errors included, whatever goes wrong."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ALLOWED_METHODS:
            return error_response(
                405, "method_not_allowed", "This API is read-only: use GET or HEAD."
            )
        try:
            return _json(view(request, *args, **kwargs))
        except BadRequest as error:
            return error_response(400, "bad_request", str(error))
        except LookupError as error:
            return error_response(404, "not_found", str(error))
        except SuspiciousOperation:
            return error_response(400, "bad_request", "The request was malformed.")
        except (OperationalError, InterfaceError):
            logger.warning("Database unavailable for %s", request.path_info)
            return unavailable()
        except Exception:
            logger.exception("API error at %s", request.path_info)
            return server_error()

    return wrapper


@api_view
def not_found(request, rest=""):
    raise LookupError("There is no such endpoint; see /api/hsds/ for the ones there are.")


def _text(request, name, max_length=MAX_SEARCH_LENGTH):
    """A query parameter as clean text: no NUL, no broken UTF-8, bounded length."""
    value = request.GET.get(name, "")
    if UNREADABLE.search(value):
        raise BadRequest(f"{name} must be UTF-8 text without NUL characters.")
    if len(value) > max_length:
        raise BadRequest(f"{name} can be at most {max_length} characters long.")
    return value.strip()


def _whole_number(request, name, default, maximum):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not ASCII_WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise BadRequest(f"{name} must be a whole number from 1 to {maximum}.")
    return int(raw)


def _page(request, queryset, serialise):
    per_page = _whole_number(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    page = _whole_number(request, "page", 1, MAX_PAGE)
    return _page_of(queryset, per_page, page, serialise)


def _page_of(queryset, per_page, page, serialise):
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    contents = (
        [serialise(item) for item in queryset[start : start + per_page]] if start < total else []
    )
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _uuid(value, what):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise LookupError(f"No {what} has that id.") from None


@api_view
def index(request):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
        "services_url": request.build_absolute_uri(reverse("hsds:services")),
    }


def _services():
    return Service.objects.public().with_details().order_by("name", "pk")


def _first_page():
    return _page_of(_services(), DEFAULT_PER_PAGE, 1, lambda svc: hsds.service(svc, full=False))


def _first_page_key(generation):
    return f"hsds-services:{generations.code_version()}:{generation.key}"


def _stored_first_page(generation, *, refresh=False):
    """The first page of services under ``generation``, serialised once per generation."""
    key = _first_page_key(generation)
    data = None if refresh else cache.get(key)
    if data is None:
        data = _first_page()
        cache.set(key, data, generations.STORED_SECONDS)
    return data


def render_after_change(sender, changed=(), **kwargs):
    """generation.change_committed: after a change to the directory, the first page of
    services (what a directory that syncs with ours asks for) is serialised before anyone
    asks. A failure is logged, never raised (generation.py)."""
    if directory_changed(changed):
        # The generation is read before serialising, as items' pages do.
        _stored_first_page(generations.current(), refresh=True)


@api_view
def services(request):
    if not request.GET and settings.PAGE_CACHE:
        # The first page with no parameters: stored under the public site's generation,
        # which every public change bumps, so it is never stale.
        return _stored_first_page(generations.current(request))
    queryset = _services()
    if search := _text(request, "search"):
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if term := _text(request, "taxonomy_term_id", max_length=40):
        try:
            term_id = uuid.UUID(term) if term.isascii() else None
        except ValueError:
            term_id = None
        if term_id is None:
            raise BadRequest("taxonomy_term_id must be a UUID.")
        queryset = queryset.filter(categories__id=term_id)
    if after := _text(request, "modified_after", max_length=40):
        try:
            moment = parse_datetime(after) if after.isascii() else None
        except ValueError:
            moment = None
        if moment is None:
            raise BadRequest("modified_after must be an ISO 8601 date and time.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.UTC)
        queryset = queryset.filter(updated_at__gt=moment)
    return _page(request, queryset, lambda svc: hsds.service(svc, full=False))


@api_view
def service_detail(request, pk):
    found = Service.objects.public().with_details().filter(hsds_id=_uuid(pk, "service")).first()
    if found is None:
        raise LookupError("No public service has that id.")
    return hsds.service(found)


@api_view
def organizations(request):
    return _page(request, Organization.objects.public().order_by("name", "pk"), hsds.organization)


@api_view
def organization_detail(request, pk):
    found = Organization.objects.public().filter(id=_uuid(pk, "organization")).first()
    if found is None:
        raise LookupError("No organization with a public service has that id.")
    return hsds.organization(found)


@api_view
def taxonomies(request):
    return _page(request, Taxonomy.objects.order_by("name"), hsds.taxonomy)


@api_view
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("order", "name")
    return _page(request, queryset, hsds.taxonomy_term)
