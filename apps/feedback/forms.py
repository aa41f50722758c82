from django import forms
from django.contrib.contenttypes.models import ContentType

from apps.editorial.registry import publishable_models


def is_local_path(value):
    """A path on this site: "/x/", never "//host" or "/\\host" (browsers read both as a host)."""
    return value.startswith("/") and not value.startswith("//") and "\\" not in value


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
        if not is_local_path(page):
            raise forms.ValidationError("Unknown page.")
        return page

    def clean_item(self):
        """``app_label.model:pk`` of a content item, or nothing."""
        value = self.cleaned_data["item"]
        label, _, pk = value.partition(":")
        models = {m._meta.label_lower: m for m in publishable_models()}
        if value and label in models and pk.isdigit() and len(pk) < 12:
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
        return value if is_local_path(value) and len(value) <= 300 else "/"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
