"""The site plus one bare Django view, for scripts/benchmark_pages.py only.

Gunicorn serves ``bench_app:application`` (with ``--pythonpath scripts``): the same
settings and middleware as production, the real URLconf, and ``/__bench__/bare/``, a
view that returns 10 KB without touching the database or a template. Its speed is the
ceiling the benchmark compares every page with. Never deploy this module.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")

from importlib import import_module  # noqa: E402

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.cache import never_cache  # noqa: E402

BARE_BODY = ("<p>" + "Nightlight benchmark. " * 20 + "</p>\n") * 23  # about 10 KB


@never_cache  # the ceiling for a rendered view: no page cache may answer for it
def bare(request):
    return HttpResponse(BARE_BODY)


site_urls = import_module(settings.ROOT_URLCONF)
urlpatterns = [path("__bench__/bare/", bare), path("", include(site_urls))]
for name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site_urls, name):
        globals()[name] = getattr(site_urls, name)

# Before the first request, so the resolver is built from this module.
settings.ROOT_URLCONF = __name__
site_application = get_wsgi_application()

# The bare view without the page cache's middleware: that middleware reads the public
# site's generation (one query) before any view runs, which would slow the ceiling every
# page is compared with and flatter their share of it.
PAGE_CACHE_MIDDLEWARE = "apps.pagecache.middleware.PageCacheMiddleware"
_middleware = settings.MIDDLEWARE
settings.MIDDLEWARE = [name for name in _middleware if name != PAGE_CACHE_MIDDLEWARE]
bare_application = WSGIHandler()
settings.MIDDLEWARE = _middleware


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/__bench__/bare/":
        return bare_application(environ, start_response)
    return site_application(environ, start_response)
