from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from apps.editorial.markdown import render_page
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
    template_name = "articles/article_detail.html"
    http_method_names = ["get", "head"]

    def get_queryset(self):
        # Built per request: the related items' "public now" test reads the clock.
        return Article.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # The body and every FAQ answer together, so citations share numbers and one
        # References list; rendered once per content (render_page), never in the template.
        faq_items = list(article.faq_items.all())
        page = render_page(
            [article.body, *(item.answer for item in faq_items)], article.sources.all(), toc=True
        )
        body, *answers = page.fields
        context["body_html"] = body.html
        context["toc"] = body.toc
        context["faq"] = [
            (item, answer.html) for item, answer in zip(faq_items, answers, strict=True)
        ]
        context["references"] = page.references
        return context
