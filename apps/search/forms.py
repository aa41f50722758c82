import functools

from django import forms

from apps.editorial.registry import publishable_models

from .documents import clean_text

MAX_QUERY_LENGTH = 200


@functools.cache
def kind_choices():
    # Once per process: the content types are fixed once Django has started.
    return [("", "Everything")] + [
        (model._meta.model_name, str(model._meta.verbose_name_plural).capitalize())
        for model in publishable_models()
    ]


class SearchForm(forms.Form):
    """Parses ``?q=&type=``. Over-long or odd input is cleaned, never an error page."""

    q = forms.CharField(label="Search for", required=False)
    type = forms.ChoiceField(label="Show", required=False, choices=())

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["type"].choices = kind_choices()
        self.notes = []

    def clean_q(self):
        text = " ".join(clean_text(self.cleaned_data.get("q", "")).split())
        if len(text) > MAX_QUERY_LENGTH:
            text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
            self.notes.append(
                f"Your search was long, so we used only its first {MAX_QUERY_LENGTH} characters."
            )
        return text

    def query(self):
        """(text, kind, messages): invalid parts are dropped with a message for the page."""
        self.is_valid()
        messages = list(self.notes)
        data = getattr(self, "cleaned_data", {})
        if "type" in self.errors:
            messages.append("We did not recognise that content type, so we searched everything.")
        if "q" in self.errors:
            messages.append("We could not read that search. Please try different words.")
        return data.get("q", ""), data.get("type", "") or "", messages
