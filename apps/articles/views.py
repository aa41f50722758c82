from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from apps.editorial.views import PublishableDetailView, paginate

from .forms import ArticleFilterForm
from .models import Article

PER_PAGE = 12


@require_safe
def article_list(request):
    form = ArticleFilterForm(request.GET)
    filters, messages = form.filters()
    articles = Article.objects.public().matching(**filters).newest_first().for_list()
    query = {name: request.GET[name] for name in form.fields if request.GET.get(name)}
    return render(
        request,
        "articles/article_list.html",
        {
            "form": form,
            "filtered": bool(query),
            "messages_shown": messages,
            "page_obj": paginate(request, articles, PER_PAGE),
            "query": urlencode(query),
        },
    )


class ArticleDetailView(PublishableDetailView):
    model = Article
