from django.shortcuts import render
from django.views.decorators.http import require_safe

from apps.editorial.views import PublishableDetailView

from .codes import COUNTRY_NAMES, country_name
from .country import reader_country
from .forms import ServiceFilterForm
from .listing import listing
from .models import Service


@require_safe
def service_list(request):
    filters, messages = ServiceFilterForm.filters_of(request.GET)
    # The country the reader chose (an empty choice means every country) or, until they
    # choose, the one their browser's language names (apps.referrals.country).
    from_browser = "country" not in request.GET
    if from_browser and (country := reader_country(request)) in COUNTRY_NAMES:
        filters["country"] = country
    country = filters.get("country")
    html, page_number = listing(request, filters, from_browser, messages)
    return render(
        request,
        "referrals/service_list.html",
        {
            "listing": html,
            "country_name": country_name(country, in_sentence=True) if country else "",
            "page_number": page_number,
        },
    )


class ServiceDetailView(PublishableDetailView):
    model = Service
