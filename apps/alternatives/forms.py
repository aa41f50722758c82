from apps.editorial.forms import LenientFilterForm, any_choice

from .models import Category, Cost, Evidence, HelpsWith


class AlternativeFilterForm(LenientFilterForm):
    """The GET filters on /alternatives/. Invalid values are dropped, never fatal."""

    category = any_choice("Type", Category.choices)
    helps_with = any_choice("Helps with", HelpsWith.choices)
    evidence = any_choice("Evidence", Evidence.choices)
    cost = any_choice("Cost", Cost.choices)
