import functools

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from apps.editorial.views import PublishableDetailView, paginate

from .cards import with_cards
from .codes import COUNTRY_NAMES, country_name
from .country import reader_country
from .forms import ServiceFilterForm
from .models import Service

PER_PAGE = 20
CALL_NOW_SHOWN = 8


@functools.lru_cache(maxsize=256)
def filter_fields(filters):
    """The filter form's fields for ``filters`` (sorted pairs), rendered once per process.

    Its choices (countries, kinds of help, languages) are constants in the code, so the
    HTML depends on the chosen filters alone and can never be stale; rendering the
    country and language selects' options is most of an uncached /help/ otherwise.
    """
    form = ServiceFilterForm(initial=dict(filters))
    return render_to_string("referrals/_filter_fields.html", {"form": form})


@require_safe
def service_list(request):
    filters, messages = ServiceFilterForm(request.GET).filters()
    # The country the reader chose (an empty choice means every country) or, until they
    # choose, the one their browser's language names (apps.referrals.country).
    from_browser = "country" not in request.GET
    if from_browser and (country := reader_country(request)) in COUNTRY_NAMES:
        filters["country"] = country
    country = filters.get("country")
    # Shown unbound with the valid values, so ignored ones are not marked invalid twice.
    form = ServiceFilterForm(initial=filters)
    # Capped: without a country this is every country's emergency line, and the page is
    # rendered whole for each reader; the rest are in the list below, linked from here.
    call_now = list(Service.objects.public().call_first(country)[: CALL_NOW_SHOWN + 1])
    more_to_call = len(call_now) > CALL_NOW_SHOWN
    # Each service's card is rendered once per change to it (cards.py); a preview of a
    # draft (written onto the live rows) neither reads nor fills them.
    store = not getattr(request, "editorial_preview", None)
    call_now = with_cards(call_now[:CALL_NOW_SHOWN], "call", store=store)
    services = (
        Service.objects.public()
        .matching(**filters)
        .exclude(pk__in=[service.pk for service in call_now])
    )
    page_obj = paginate(request, services, PER_PAGE)
    page_obj.object_list = with_cards(page_obj.object_list, "listing", store=store)
    query = urlencode({name: "on" if value is True else value for name, value in filters.items()})
    return render(
        request,
        "referrals/service_list.html",
        {
            "form": form,
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


class ServiceDetailView(PublishableDetailView):
    model = Service
