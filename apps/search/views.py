from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from apps.editorial.models import Topic
from apps.editorial.views import paginate

from .forms import SearchForm
from .query import annotate_snippets, search

RESULTS_PER_PAGE = 10


def page_positions(number):
    """(start, stop) positions of page ``number`` if it exists, so the search can read
    that page's rows with the ranking; the paginator has the final word (a page past
    the end shows the last, whose rows are then read on their own)."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    return (number - 1) * RESULTS_PER_PAGE, number * RESULTS_PER_PAGE


@require_safe
def search_view(request):
    form = SearchForm(request.GET)
    text, kind, messages = form.query()
    context = {
        "form": form,
        "query": text,
        "search_query": text,
        "kind": kind,
        "messages_list": messages,
    }
    if text:
        result = search(text, kind, shown=page_positions(request.GET.get("page")))
        page_obj = paginate(request, result.ids, RESULTS_PER_PAGE)
        page_obj.object_list = annotate_snippets(
            result.documents(page_obj.object_list), result.terms
        )
        context.update(
            result=result,
            page_obj=page_obj,
            query_string=urlencode({"q": text, "type": kind} if kind else {"q": text}),
        )
    if not text or not context["page_obj"].paginator.count:
        context["topics"] = Topic.objects.order_by("name")[:8]
    return render(request, "search/results.html", context)
