from django import forms

from apps.editorial.forms import LenientFilterForm, any_choice

from .codes import COUNTRY_NAMES, FILTER_LANGUAGES, language_name
from .taxonomy import CATEGORIES


class ServiceFilterForm(LenientFilterForm):
    """The GET filters on /help/. Invalid values are dropped with a message, never fatal."""

    country = any_choice("Country", sorted(COUNTRY_NAMES.items(), key=lambda item: item[1]))
    category = any_choice("Kind of help", [(code, name) for code, name, _ in CATEGORIES])
    language = any_choice("Language", [(code, language_name(code)) for code in FILTER_LANGUAGES])
    open_24_7 = forms.BooleanField(label="Open 24/7", required=False)
    free = forms.BooleanField(label="Free", required=False)
    text = forms.BooleanField(label="Can text", required=False)

    @property
    def choice_fields(self):
        return [self[name] for name in ("country", "category", "language")]

    @property
    def checkbox_fields(self):
        return [self[name] for name in ("open_24_7", "free", "text")]
