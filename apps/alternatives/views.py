from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from apps.editorial.citations import cited_keys
from apps.editorial.markdown import render_page
from apps.editorial.models import Source
from apps.editorial.views import PublishableDetailView, paginate

from . import compare
from .evidence import GUIDE
from .forms import AlternativeFilterForm
from .models import EVIDENCE_MEANING, Alternative, Evidence

PER_PAGE = 12


@require_safe
def alternative_list(request):
    filters, messages = AlternativeFilterForm(request.GET).filters()
    # Shown unbound with the valid values, so ignored ones are not marked invalid twice.
    form = AlternativeFilterForm(initial=filters)
    alternatives = Alternative.objects.public().matching(**filters).strongest_first()
    return render(
        request,
        "alternatives/alternative_list.html",
        {
            "form": form,
            "filters": filters,
            "messages_shown": messages,
            "page_obj": paginate(request, alternatives, PER_PAGE),
            "query": urlencode(filters),
        },
    )


@require_safe
def evidence_guide(request):
    page = render_page([GUIDE], Source.objects.filter(key__in=cited_keys(GUIDE)), toc=True)
    grades = [(value, label, EVIDENCE_MEANING[value]) for value, label in Evidence.choices]
    return render(
        request,
        "alternatives/evidence.html",
        {"guide": page.fields[0], "references": page.references, "grades": grades},
    )


@require_safe
def compare_alternatives(request):
    slugs = compare.requested_slugs(request.GET)
    context = {"max_items": compare.MAX_ITEMS, "requested": slugs}
    if len(slugs) > compare.MAX_ITEMS:
        return render(
            request, "alternatives/compare.html", context | {"too_many": True}, status=400
        )
    valid = [slug for slug in slugs if compare.looks_like_slug(slug)]
    found = {item.slug: item for item in Alternative.objects.public().filter(slug__in=valid)}
    context["alternatives"] = [found[slug] for slug in slugs if slug in found]
    context["missing"] = [slug for slug in slugs if slug not in found]
    return render(request, "alternatives/compare.html", context)


class AlternativeDetailView(PublishableDetailView):
    model = Alternative
