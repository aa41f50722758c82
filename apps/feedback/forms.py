import re

from django import forms
from django.contrib.contenttypes.models import ContentType

from apps.editorial.registry import publishable_models

ITEM_PK = re.compile(r"[0-9]{1,11}")  # ASCII only: "²".isdigit() is true, int("²") fails
# A path on this site and nothing else: browsers drop tabs and newlines anywhere in a URL
# and treat a backslash as a slash, so "/\t/evil.example" would leave the site. No
# whitespace, control characters or backslashes at all, and never "//" at the start.
SAME_SITE_PATH = re.compile(r"/(?![/\\])[^\x00-\x20\x7f\\]*")


def is_same_site_path(value):
    return bool(SAME_SITE_PATH.fullmatch(value))


class FeedbackForm(forms.Form):
    page = forms.CharField(max_length=300, widget=forms.HiddenInput)
    item = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="Report a problem (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not include your name or contact details.",
    )
    # Honeypot: hidden from people (visually-hidden, aria-hidden, tabindex -1); bots fill it.
    website = forms.CharField(required=False, label="Leave this empty")

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not is_same_site_path(page):
            raise forms.ValidationError("Unknown page.")
        return page

    def clean_item(self):
        """``app_label.model:pk`` of a content item, or nothing."""
        value = self.cleaned_data["item"]
        label, _, pk = value.partition(":")
        models = {m._meta.label_lower: m for m in publishable_models()}
        if label in models and ITEM_PK.fullmatch(pk):
            return ContentType.objects.get_for_model(models[label]), int(pk)
        return None, None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("helpful") is None and not cleaned.get("message", "").strip():
            raise forms.ValidationError("Choose yes or no, or tell us about a problem.")
        return cleaned

    @property
    def page_path(self):
        """The page this feedback is about, for the link back to it (home when unknown)."""
        value = self["page"].value() or ""
        return value if is_same_site_path(value) and len(value) <= 300 else "/"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
