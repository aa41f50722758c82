"""What every Nightlight ModelAdmin inherits: no lost edits and no 500 on bad input.

``StaffAdmin`` is the one base for the admins of every model staff can edit (Django's
own included, re-registered in apps/site/admin.py); tests/editorial/test_no_lost_edits
and test_admin_fuzz check that none is left out and that none answers 5xx.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .edit_conflicts import NoLostEditsAdmin
from .forms import ignored_filter_message


class HostileInputAdmin:
    """Bad ids and filter values get Django's own answers (404, "?e=1"), never a 500."""

    def get_changelist_instance(self, request):
        # A date-hierarchy year of -1 or 10^20, or a NUL in a filter value, only fails
        # when the query is built or sent (the database driver refuses it first).
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError, ValidationError, DatabaseError) as error:
            raise IncorrectLookupParameters(error) from error

    def object_or_404(self, request, object_id):
        """The object at ``object_id`` (quoted, as in admin URLs), or 404 for any bad id."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        return obj

    def get_object(self, request, object_id, from_field=None):
        if "\x00" in str(object_id):
            return None
        try:
            return super().get_object(request, object_id, from_field)
        except (OverflowError, ValueError):
            return None


class StaffAdmin(NoLostEditsAdmin, HostileInputAdmin):
    """The base of every Nightlight ModelAdmin (mixed in before Django's class)."""


class RecordAdmin(StaffAdmin):
    """A record the system keeps (check results, accepted warnings): staff read it, nobody
    adds, edits or deletes it in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffHistoryAdmin(StaffAdmin, SimpleHistoryAdmin):
    """StaffAdmin with django-simple-history's History pages, guarded the same way."""

    def history_view(self, request, object_id, extra_context=None):
        self.object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.object_or_404(request, object_id)
        if not str(version_id).isdigit():
            raise Http404("No such revision.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class KnownValueFilter(admin.SimpleListFilter):
    """A list filter that ignores a value it does not offer, and says so.

    The same behaviour and message (apps.editorial.forms.ignored_filter_message) as
    the public lists' filters, instead of a silently unfiltered or empty list.
    """

    def value(self):
        value = super().value()
        known = {str(choice) for choice, _ in self.lookup_choices}
        return value if value is None or value in known else None

    def queryset(self, request, queryset):
        raw = self.used_parameters.get(self.parameter_name)
        if raw not in (None, "") and self.value() is None:
            messages.warning(request, ignored_filter_message(self.title))
            return queryset
        return self.filtered(request, queryset) if self.value() else queryset

    def filtered(self, request, queryset):
        raise NotImplementedError
