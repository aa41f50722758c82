from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from apps.pagecache.middleware import is_public_read

from .models import Contributor, Status, Topic
from .pages import page_parts, stored_parts
from .pagination import CappedPaginator
from .registry import public_content_for


class PublishableDetailView(DetailView):
    """Detail page for any Publishable: public items for everyone, drafts for staff.

    The page is templates/content_page.html around the item's parts, which the model
    declares (``page_template``, ``page_context()``) and apps/editorial/pages.py renders
    once per change; a reader's page reads the stored parts alone (one query, no item
    row), any other page the row and then its parts.

    Staff see any item at its future URL as a preview. Archived items answer 410 Gone
    with a link back to the index; everything else not public is a 404.
    """

    template_name = "content_page.html"
    gone_template_name = "editorial/gone.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        # A reader's page of a public item whose parts are stored: no item row needed.
        slug = kwargs.get(self.slug_url_kwarg)
        if slug is not None and (parts := stored_parts(self.model, slug, request)) is not None:
            return self.render_to_response({"parts": parts})
        self.object = self.get_object()
        # The admin's draft preview renders a working draft through this same view.
        of_draft = getattr(request, "editorial_preview", None) == "draft"
        is_preview = of_draft or not self.object.is_public
        if is_preview and not self.can_preview(request):
            if self.object.status == Status.ARCHIVED:
                index_url = reverse(self.model.section[1])
                return TemplateResponse(
                    request, self.gone_template_name, {"index_url": index_url}, status=410
                )
            raise Http404("Not published")
        # A reader's page uses the parts rendered once (pages.py); staff and previews
        # (a draft written onto the live rows) neither read nor fill the store.
        public = not is_preview and is_public_read(request)
        context = self.get_context_data(
            object=self.object,
            is_preview=is_preview,
            preview_of_draft=of_draft,
            parts=page_parts(self.object, request, public=public, is_preview=is_preview),
        )
        response = self.render_to_response(context)
        if is_preview:
            # A preview is for this member of staff only: no cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_queryset(self):
        # The row alone: what the page shows of its relations is in its stored parts.
        return self.model.objects.for_page()

    def can_preview(self, request):
        opts = self.model._meta
        return request.user.is_staff and request.user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        )


@require_safe
def topic_index(request):
    return render(request, "editorial/topic_index.html", {"topics": Topic.objects.all()})


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    sections = public_content_for(topics=topic)
    return render(request, "editorial/topic_detail.html", {"topic": topic, "sections": sections})


@require_safe
def contributor_detail(request, slug):
    contributor = get_object_or_404(Contributor, slug=slug)
    sections = public_content_for(authors=contributor) + public_content_for(
        reviewed_by=contributor, heading_prefix="Reviewed: "
    )
    return render(
        request,
        "editorial/contributor_detail.html",
        {"contributor": contributor, "sections": sections},
    )


def paginate(request, queryset, per_page=20):
    """A page of ``queryset``: a bad or out-of-range page number gives the last page.

    The same cost on page 1 and on the last page, at any table size: see CappedPaginator.
    """
    return CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
