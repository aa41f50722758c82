from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from apps.editorial.views import PublishableDetailView, paginate

from .forms import ServiceFilterForm
from .models import Service

PER_PAGE = 20
SIMILAR_SHOWN = 5


@require_safe
def service_list(request):
    filters, messages = ServiceFilterForm(request.GET).filters()
    # Shown unbound with the valid values, so ignored ones are not marked invalid twice.
    form = ServiceFilterForm(initial=filters)
    services = Service.objects.public().with_details().matching(**filters)
    query = urlencode({name: "on" if value is True else value for name, value in filters.items()})
    return render(
        request,
        "referrals/service_list.html",
        {
            "form": form,
            "filters": filters,
            "messages_shown": messages,
            "emergency": Service.objects.public().with_details().emergency_first(),
            "page_obj": paginate(request, services, PER_PAGE),
            "query": query,
        },
    )


class ServiceDetailView(PublishableDetailView):
    model = Service
    template_name = "referrals/service_detail.html"
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return Service.objects.with_details()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.object
        context["related_alternatives"] = (
            service.alternatives.public().strongest_first().only("name", "slug")
        )
        context["similar_services"] = (
            Service.objects.public().similar_to(service).only("name", "slug")[:SIMILAR_SHOWN]
        )
        return context
