"""What every public GET filter form shares: bad values are dropped with a message, never fatal."""

from django import forms


def any_choice(label, choices):
    """An optional choice filter whose empty value means "Any"."""
    return forms.ChoiceField(label=label, required=False, choices=[("", "Any"), *choices])


class LenientFilterForm(forms.Form):
    @classmethod
    def filters_of(cls, data):
        """``cls(data).filters()``, without building the form when ``data`` names none of
        its fields and none is required: there is then nothing to filter by nor to ignore,
        and building it (a deep copy of every field and its choices) cost a tenth of an
        uncached /help/."""
        fields = cls.base_fields
        if not any(name in data for name in fields) and not any(
            field.required for field in fields.values()
        ):
            return {}, []
        return cls(data).filters()

    def rendering_key(self):
        """Everything the form's fields show, for rendering them once per process
        (``{% filter_fields %}``, apps/pagecache/memo.py): per field its value, whether it
        has an error, and its choices (a topic renamed or added is a new key)."""
        return (
            type(self).__module__,
            type(self).__qualname__,
            self.prefix,
            tuple(
                (
                    field.name,
                    repr(field.value()),
                    bool(field.errors),
                    tuple((str(value), str(label)) for value, label in field.field.choices)
                    if hasattr(field.field, "choices")
                    else (),
                )
                for field in self
            ),
        )

    def filters(self):
        """The valid filters (invalid ones left out), and a message per ignored one."""
        self.is_valid()
        valid = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name in self.fields and value
        }
        ignored = [
            ignored_filter_message(self.fields[name].label or name)
            for name in self.errors
            if name in self.fields
        ]
        return valid, ignored


def ignored_filter_message(label):
    """The one answer to a filter value we do not know, on public lists and in the admin:
    the list is shown without that filter, and this says so (never a 500, never empty)."""
    return (
        f"We ignored the “{label}” filter because its value was not one we know. "
        "Choose from the list instead."
    )
