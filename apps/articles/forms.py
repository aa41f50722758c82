from django import forms

from apps.editorial.models import Topic

from .models import Audience


class ArticleFilterForm(forms.Form):
    """The GET filters on /articles/. An unknown value matches nothing, with a message."""

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
    )
    audience = forms.ChoiceField(
        label="Written for",
        required=False,
        choices=[("", "Anyone")] + Audience.choices,
    )

    def filters(self):
        """``(filters, messages)``: ``filters`` is None when a value was not one we know."""
        if self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if value}, []
        messages = [
            f"We have no articles for that “{self.fields[name].label or name.title()}” value. "
            "Choose from the list instead."
            for name in self.errors
            if name in self.fields
        ]
        return None, messages
