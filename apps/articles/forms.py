from django import forms

from apps.editorial.forms import LenientFilterForm, any_choice
from apps.editorial.models import Topic

from .models import Audience


class ArticleFilterForm(LenientFilterForm):
    """The GET filters on /articles/. Invalid values are dropped with a message, never fatal."""

    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
    )
    audience = any_choice("Written for", Audience.choices)
