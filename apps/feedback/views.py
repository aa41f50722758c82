from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import FeedbackForm, is_same_site_path
from .models import Feedback
from .ratelimit import client_address, over_limit


# CSRF protection would need a cookie on every content page. It is not needed here:
# the form is anonymous, relies on no session or login, and a forged submission can do
# nothing a visitor could not do directly — store one rate-limited message.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    if request.method != "POST":
        page = request.GET.get("page", "/")
        form = FeedbackForm(initial={"page": page if is_same_site_path(page) else "/"})
        return render(request, "feedback/feedback.html", {"form": form})
    form = FeedbackForm(request.POST)
    if form.is_spam:
        return render(request, "feedback/thanks.html", {"page": "/"})
    if over_limit(client_address(request)):
        return render(request, "feedback/rate_limited.html", status=429)
    if not form.is_valid():
        return render(request, "feedback/feedback.html", {"form": form}, status=400)
    content_type, object_id = form.cleaned_data["item"]
    Feedback.objects.create(
        page=form.cleaned_data["page"],
        content_type=content_type,
        object_id=object_id,
        helpful=form.cleaned_data["helpful"],
        message=form.cleaned_data["message"].strip(),
    )
    return render(request, "feedback/thanks.html", {"page": form.cleaned_data["page"]})
