from django import forms

from .codes import COUNTRY_NAMES, FILTER_LANGUAGES, language_name
from .taxonomy import CATEGORIES


def _any(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", "Any")] + choices)


class ServiceFilterForm(forms.Form):
    """The GET filters on /help/. Invalid values are dropped with a message, never fatal."""

    country = _any("Country", sorted(COUNTRY_NAMES.items(), key=lambda item: item[1]))
    category = _any("Kind of help", [(code, name) for code, name, _ in CATEGORIES])
    language = _any("Language", [(code, language_name(code)) for code in FILTER_LANGUAGES])
    open_24_7 = forms.BooleanField(label="Open 24/7", required=False)
    free = forms.BooleanField(label="Free", required=False)
    text = forms.BooleanField(label="Can text", required=False)

    def filters(self):
        """The valid filters (invalid ones left out), and a message per ignored one."""
        self.is_valid()
        valid = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name in self.fields and value
        }
        ignored = [
            f"We ignored the “{self.fields[name].label}” filter because its value was not "
            "one we know. Choose from the list instead."
            for name in self.errors
            if name in self.fields
        ]
        return valid, ignored

    @property
    def choice_fields(self):
        return [self[name] for name in ("country", "category", "language")]

    @property
    def checkbox_fields(self):
        return [self[name] for name in ("open_24_7", "free", "text")]
