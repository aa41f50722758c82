from django import forms
from django.contrib import admin

from apps.editorial.admin import PublishableAdmin

from .models import Alternative, Delivery, HelpsWith, related_field_names


class AlternativeForm(forms.ModelForm):
    # One tick-box list per multi-valued field instead of nine loose booleans.
    helps_with = forms.MultipleChoiceField(
        choices=HelpsWith.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    delivery = forms.MultipleChoiceField(
        label="How people can do it",
        choices=Delivery.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["helps_with"].initial = self.instance.helps_with
            self.fields["delivery"].initial = self.instance.delivery

    def _post_clean(self):
        # Set the flags before model validation and saving.
        self.instance.helps_with = self.cleaned_data.get("helps_with", [])
        self.instance.delivery = self.cleaned_data.get("delivery", [])
        super()._post_clean()


@admin.register(Alternative)
class AlternativeAdmin(PublishableAdmin):
    form = AlternativeForm
    list_display = (
        "name",
        "category",
        "evidence",
        "not_enough_alone",
        *PublishableAdmin.review_list_display,
    )
    list_filter = ("category", "evidence", "cost", *PublishableAdmin.list_filter)
    sortable_by = ("name", *PublishableAdmin.review_sortable_by)
    list_select_related = ("reviewed_by",)
    search_fields = ("name", "slug", "summary", "steps", "cautions")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = PublishableAdmin.review_autocomplete_fields
    filter_horizontal = tuple(related_field_names())
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary", "steps"]}),
        (
            "Evidence and practicalities",
            {
                "fields": [
                    "evidence",
                    "not_enough_alone",
                    "time_to_benefit",
                    "effort",
                    "cost",
                    "helps_with",
                    "delivery",
                    "cautions",
                ]
            },
        ),
        *PublishableAdmin.publishing_fieldsets[:1],
        *PublishableAdmin.review_fieldsets,
        *PublishableAdmin.publishing_fieldsets[1:],
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if related_field_names():
            fieldsets.insert(
                2, ("Where to get help, and related reading", {"fields": related_field_names()})
            )
        return fieldsets
