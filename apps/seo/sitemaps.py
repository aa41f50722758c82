"""The sitemap's sections. Which sections exist is declared once, in ``apps.seo.urls.SITEMAPS``.

A section page is rendered from one ``<url>`` element per entry, built here as a string
(``url_element``) and joined by a template that adds only the ``<urlset>`` around them:
Django's own sitemap template costs tens of microseconds per URL in variable lookups
and date filters, so a full page of a large section cost ten times a demo-sized one.
The index is built the same way (``index_elements``): it lists every section page, a
thousand of them at 100,000 articles, and its template loop cost 40 ms there.
"""

import functools
import html
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from apps.alternatives.models import Alternative
from apps.articles.models import Article
from apps.editorial.identity import site_domain, site_protocol
from apps.editorial.models import Topic
from apps.editorial.pagination import KeyRangePaginator
from apps.referrals.models import Service

from .addresses import slug_address


def url_element(location, day="", changefreq="", priority=""):
    """One ``<url>`` of a section page, as Django's sitemap template writes it; ``day``
    is the last change's date as ``YYYY-MM-DD`` (``lastmod_day``)."""
    return SafeString(
        f"<url><loc>{html.escape(location)}</loc>"
        + (f"<lastmod>{day}</lastmod>" if day else "")
        + (f"<changefreq>{changefreq}</changefreq>" if changefreq else "")
        + (f"<priority>{priority}</priority>" if priority not in (None, "") else "")
        + "</url>\n"
    )


@functools.lru_cache(maxsize=20_000)
def item_element(location, updated_at, zone, changefreq, priority):
    """``url_element`` of an item last changed at ``updated_at``, kept under those values.

    A page of a section after one item's change then formats that one URL again, not the
    hundred around it (about 12 µs each on the project's machine, most of a full page's
    cost beyond a demo-sized one's). Bounded: 20,000 short strings.
    """
    return url_element(location, lastmod_day(updated_at, zone), changefreq, priority)


def index_elements(entries):
    """The index's ``<sitemap>`` elements, as its template wrote them, for Django's index
    entries (``location``, ``last_mod``): the last change as a W3C date-time
    (``isoformat()``), when the section has one.

    Every page of a section shares its address and last change, so each is escaped and
    formatted once per section, not once per page.
    """
    escaped, lastmods = {}, {}
    elements = []
    for entry in entries:
        base, mark, page = entry.location.partition("?")
        if base not in escaped:
            escaped[base] = html.escape(base)
        last_mod = entry.last_mod
        if last_mod not in lastmods:
            lastmods[last_mod] = (
                f"<lastmod>{html.escape(last_mod.isoformat())}</lastmod>" if last_mod else ""
            )
        elements.append(
            f"<sitemap><loc>{escaped[base]}{html.escape(mark + page) if mark else ''}</loc>"
            f"{lastmods[last_mod]}</sitemap>\n"
        )
    return SafeString("".join(elements))


def lastmod_day(value, zone):
    """The date of ``value`` in ``zone`` (the site's), as the ``date`` filter shows it.

    The zone is looked up once per page by the caller: looking it up per item cost
    more than the rest of the item.
    """
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(zone)
        value = value.date()
    return value.isoformat()


class SiteURLSitemap(Sitemap):
    """Addresses on SITE_URL's domain and scheme, whatever Host the request came with.

    (The index page reads the domain from the Site row, which migrate keeps equal to
    SITE_URL's, and the scheme from ``protocol``.)
    """

    def get_urls(self, page=1, site=None, protocol=None):
        # For the section template (templates/seo/sitemap_section.xml): ready elements.
        zone = timezone.get_current_timezone()
        return [
            url_element(
                url["location"],
                lastmod_day(url["lastmod"], zone) if url["lastmod"] else "",
                url["changefreq"],
                url["priority"],
            )
            for url in super().get_urls(page, site, protocol)
        ]

    @property
    def protocol(self):
        return site_protocol()

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_protocol()


class PublishableSitemap(SiteURLSitemap):
    """Every public item of ``model``, dated by its last change.

    Listed in pages (``sitemap-article.xml?p=2``) of at most ``limit`` URLs, each page a
    range of primary keys, so any page costs the same at 100,000 items as at 10: one
    range scan of two columns, and one formatted string per URL. (Through Django's
    defaults a URL cost about 150 µs: a model instance, a ``reverse()``, the template's
    lookups and date filter; a page of 500 cost eight times a demo-sized one.)

    ``limit`` is small so that a full page costs about what a page of five does (at
    roughly 15 µs a URL, 100 add a tenth to the request). The price is a longer index:
    a thousand pages at 100,000 articles.
    """

    model = None
    changefreq = "monthly"
    priority = 0.8
    limit = 100

    def items(self):
        return self.model.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    @property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        address, zone = slug_address(self.model), timezone.get_current_timezone()
        rows = self.paginator.page(page).object_list.values_list("slug", "updated_at")
        urls = [
            item_element(origin + address(slug), updated_at, zone, self.changefreq, self.priority)
            for slug, updated_at in rows
        ]
        # Read by the sitemap view for the page's Last-Modified, as Django's own sets it.
        self.latest_lastmod = max((updated_at for _, updated_at in rows), default=None)
        return urls

    def get_latest_lastmod(self):
        # For the index. Django's default calls lastmod() on every item.
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class ArticleSitemap(PublishableSitemap):
    model = Article


class AlternativeSitemap(PublishableSitemap):
    model = Alternative


class ServiceSitemap(PublishableSitemap):
    model = Service


class StandingPagesSitemap(SiteURLSitemap):
    changefreq = "weekly"
    priority = 0.6
    url_names = [
        "site:home",
        "site:about",
        "site:editorial-policy",
        "site:privacy",
        "articles:index",
        "alternatives:index",
        "referrals:index",
        "editorial:topics",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class TopicSitemap(SiteURLSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
