from django import forms

from .models import Category, Cost, Evidence, HelpsWith


def _any(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", "Any")] + choices)


class AlternativeFilterForm(forms.Form):
    """The GET filters on /alternatives/. Invalid values are dropped, never fatal."""

    category = _any("Type", Category.choices)
    helps_with = _any("Helps with", HelpsWith.choices)
    evidence = _any("Evidence", Evidence.choices)
    cost = _any("Cost", Cost.choices)

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
