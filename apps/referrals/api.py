"""A read-only Open Referral HSDS 3.0 API over the public directory.

No cookies (no session or CSRF machinery is touched) and CORS open to any origin for
GET, so other directories and apps can read our data from a browser.
"""

import math
import uuid
from functools import wraps

from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from . import hsds
from .models import Organization, Service, Taxonomy, TaxonomyTerm

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


class BadRequest(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


def api_view(view):
    """GET/HEAD only; bad parameters answer 400 JSON and unknown ids 404 JSON, never 500."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return _json(view(request, *args, **kwargs))
        except BadRequest as error:
            return _json({"error": "bad_request", "message": str(error)}, status=400)
        except LookupError as error:
            return _json({"error": "not_found", "message": str(error)}, status=404)

    return wrapper


def _positive_int(request, name, default):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"{name} must be a whole number of 1 or more.")
    return int(raw)


def _page(request, queryset, serialise):
    per_page = _positive_int(request, "per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise BadRequest(f"per_page can be at most {MAX_PER_PAGE}.")
    page = _positive_int(request, "page", 1)
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
        raise LookupError(f"No {what} has the id {value!r}.") from None


@api_view
def index(request):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
        "services_url": request.build_absolute_uri(reverse("hsds:services")),
    }


@api_view
def services(request):
    queryset = Service.objects.public().with_details().order_by("name", "pk")
    if search := request.GET.get("search", "").strip():
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if term := request.GET.get("taxonomy_term_id"):
        try:
            term_id = uuid.UUID(term)
        except ValueError:
            raise BadRequest("taxonomy_term_id must be a UUID.") from None
        queryset = queryset.filter(categories__id=term_id)
    if after := request.GET.get("modified_after"):
        try:
            moment = parse_datetime(after)
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
        raise LookupError(f"No public service has the id {pk!r}.")
    return hsds.service(found)


@api_view
def organizations(request):
    return _page(request, Organization.objects.order_by("name", "pk"), hsds.organization)


@api_view
def organization_detail(request, pk):
    found = Organization.objects.filter(id=_uuid(pk, "organization")).first()
    if found is None:
        raise LookupError(f"No organization has the id {pk!r}.")
    return hsds.organization(found)


@api_view
def taxonomies(request):
    return _page(request, Taxonomy.objects.order_by("name"), hsds.taxonomy)


@api_view
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("order", "name")
    return _page(request, queryset, hsds.taxonomy_term)
