"""HTML that is a function of a few values, rendered once per process for those values.

A list page shows a dozen cards and a filter form; rendered through templates and form
widgets they cost most of an uncached list page, and more the longer the page (five cards
on the demo site, twelve on every page of a full list). Yet after an edit nearly all of
them show what they showed before. Each is kept here under the very values it shows
(``key``), read from the database for the page anyway, so it can never be out of date: a
changed title is a new key. Per process and bounded; a process started after a deploy
starts empty, and runserver forgets it when a template changes.
"""

from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

from .middleware import LocalPages

rendered = LocalPages(size=4096)


def values_key(values):
    """A key for a dict of plain values: each with its type, since ``"a&b"`` and
    ``SafeString("a&b")`` are equal but escape differently."""
    return tuple((name, type(value), value) for name, value in values.items())


def render_once(template_name, context, key):
    """``template_name`` rendered with ``context``, or the HTML it gave for the same ``key``
    before. ``key`` must hold everything the HTML depends on (hashable); addresses in it
    also depend on the script prefix and URLconf, which are added here."""
    full_key = (template_name, get_script_prefix(), get_urlconf(), key)
    html = rendered.get(full_key)
    if html is None:
        html = SafeString(render_to_string(template_name, context))
        rendered.put(full_key, html)
    return html


def _forget(**kwargs):
    rendered.clear()


setting_changed.connect(_forget, dispatch_uid="pagecache-memo-settings")


def forget_when_templates_change(store):
    """Clear ``store`` (a LocalPages) whenever runserver sees a template change: it
    reloads a changed template without restarting, and so must HTML kept per process.
    (A receiver returning True would stop the reload: this one returns None.)"""

    def forget(file_path, **kwargs):
        if file_path.suffix == ".html":
            store.clear()

    file_changed.connect(forget, weak=False, dispatch_uid=f"pagecache-templates-{id(store)}")


forget_when_templates_change(rendered)
