"""The parts of every page that do not depend on the page: rendered once, not per request.

The help strip, the site header and the footer are the same HTML on most pages: the strip
depends only on the reader's country and what the shell shows (the featured services and
the site settings), the footer on the site settings, the header on which section of the
site the page is in, and the head's links (stylesheet, icon, feed) on nothing but the
process's static files and URLs. Rendering them (about twenty URL reversals, two cache
reads and a few includes) cost about as much as the rest of an uncached page, so each is
rendered once per process and per what it depends on (``part_key``) and reused as HTML.

The strip and the footer change with the shell, and each process used to render them
again on its first request after a change: most of an uncached /help/ once its list was
stored. So they are also kept in the shared cache (with the code version in the key,
since it outlives a deploy), and a change to what they show renders them once its
transaction commits, for the neutral strip and each directory country's (as items'
pages are, apps/editorial/pages.py): the first reader on any worker reads them.

Never stale: the strip's and the footer's keys contain ``Generation.shell``
(apps/pagecache/generation.py), which every change to what they show changes, and every
process reads the generation on every request; a process started after a deploy starts
empty, so a changed template never meets HTML from the old one. Rendered from a context
of their own, never the page's, so one page's variables cannot reach another page's
shell. Previews, the outage pages (no request, no database) and a search page (the
header repeats the reader's query) render the part for that one request, as before.
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, engines
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString

from apps.pagecache import generation
from apps.pagecache.memo import forget_when_templates_change
from apps.pagecache.middleware import LocalPages

from .help_strip import help_strip_for, strip_country
from .models import SiteSettings

HEAD = "includes/site_head.html"
HELP_STRIP = "includes/help_strip.html"
HEADER = "includes/site_header.html"
FOOTER = "includes/site_footer.html"

# The main navigation's sections: the page at the named URL and every page below it, or
# (about) that page alone. The header marks the reader's current one (aria-current).
SECTIONS = (
    ("articles", "articles:index", True),
    ("alternatives", "alternatives:index", True),
    ("help", "referrals:index", True),
    ("about", "site:about", False),
)
# A few per country and section; the least recently used (old shells') are dropped.
local_parts = LocalPages(size=512)
# The parts that depend on the shell, and so are worth sharing between processes.
SHARED = (HELP_STRIP, FOOTER)
_settings_changes = [0]


@receiver(setting_changed)
def _forget_parts(**kwargs):
    # Settings change only in tests (override_settings): CONTACT_EMAIL, the URLconf. The
    # count keeps this process from reading shared parts rendered before the change.
    local_parts.clear()
    _section_urls.cache_clear()
    _settings_changes[0] += 1


forget_when_templates_change(local_parts)


def nav_section(path):
    """The main navigation entry the page at ``path`` belongs to, or None."""
    for section, url, below in _section_urls(get_script_prefix(), get_urlconf()):
        if path == url or (below and path.startswith(url)):
            return section
    return None


@functools.lru_cache(maxsize=8)
def _section_urls(script_prefix, urlconf):
    # Reversed once per prefix and URLconf (both part of what reverse() reads).
    return [(section, reverse(name), below) for section, name, below in SECTIONS]


def part_key(template_name, context):
    """What ``template_name`` shows for this request depends on, or None: render it afresh."""
    request = context.get("request")
    if request is None or getattr(request, "editorial_preview", None):
        return None
    # URL reversals depend on the script prefix and the request's URLconf.
    where = (get_script_prefix(), getattr(request, "urlconf", None))
    if template_name == HEAD:
        return (HEAD, *where)
    if template_name == HEADER:
        if context.get("search_query"):
            return None
        return (HEADER, nav_section(request.path), *where)
    shell = generation.current(request).shell_key
    if template_name == HELP_STRIP:
        return (HELP_STRIP, shell, strip_country(request), *where)
    if template_name == FOOTER:
        return (FOOTER, shell, *where)
    return None


def _shared_key(key):
    return f"shell-part:{generation.code_version()}:{_settings_changes[0]}:" + ":".join(
        map(str, key)
    )


def render_part(template_name, context):
    """``template_name`` for this request, from the per-process store when it allows,
    else from the shared cache."""
    key = part_key(template_name, context)
    if key is None:
        return _render(template_name, context)
    html = local_parts.get(key)
    if html is not None:
        return html
    shared = settings.PAGE_CACHE and template_name in SHARED
    if shared and (html := _fetch_shared(key, context)) is not None:
        pass
    else:
        html = _render(template_name, context)
        if shared:
            cache.set(_shared_key(key), str(html), generation.STORED_SECONDS)
    local_parts.put(key, html)
    return html


def _fetch_shared(key, context):
    """The shared copy of the part at ``key``, or None; the page's other shared parts
    missing from this process come in the same round trip (after a change to the shell
    both are: one read instead of two) and are kept here for when the page reaches them."""
    wanted = {key}
    for name in SHARED:
        other = part_key(name, context)
        if other is not None and other != key and local_parts.get(other) is None:
            wanted.add(other)
    found = cache.get_many([_shared_key(part) for part in wanted])
    html = None
    for part in wanted:
        if (value := found.get(_shared_key(part))) is not None:
            if part == key:
                html = SafeString(value)
            else:
                local_parts.put(part, SafeString(value))
    return html


def _render(template_name, context):
    names = ("request", "site_settings", "help_strip", "contact_email", "search_query")
    own = {name: context[name] for name in names if name in context}
    if "request" in own:
        own["nav_section"] = nav_section(own["request"].path)
    template = context.template.engine.get_template(template_name)
    return SafeString(template.render(Context(own, autoescape=context.autoescape)))


def render_after_change(sender, shell_changed=False, **kwargs):
    """generation.change_committed: a change to what the shell shows renders its shared
    parts, before readers come."""
    if shell_changed and settings.PAGE_CACHE:
        _render_shared_parts()


def _render_shared_parts():
    """The footer and the strips readers most often get, for the current shell, rendered
    as render_part() would for a reader, into the shared cache."""
    from apps.referrals.codes import READER_COUNTRIES  # noqa: PLC0415

    shell = generation.current().shell_key  # read before rendering, as items' pages do
    where = (get_script_prefix(), None)  # as for a request that set no URLconf of its own
    site_settings = SiteSettings.current()
    own = {
        "site_settings": site_settings,
        "contact_email": site_settings.public_contact_email,
    }
    engine = engines["django"].engine
    parts = {(FOOTER, shell, *where): (FOOTER, own)}
    for country in READER_COUNTRIES:
        strip = {**own, "help_strip": help_strip_for(country, shell)}
        parts[(HELP_STRIP, shell, country, *where)] = (HELP_STRIP, strip)
    cache.set_many(
        {
            _shared_key(key): engine.get_template(name).render(Context(context))
            for key, (name, context) in parts.items()
        },
        generation.STORED_SECONDS,
    )
