import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.editorial.factories import TopicFactory

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_is_well_formed_and_lists_pages_and_topics(sitemap_urls):
    TopicFactory(slug="kratom", name="Kratom")
    locations = [url.findtext("sm:loc", namespaces=NS) for url in sitemap_urls()]
    assert any(loc.endswith("/topics/kratom/") for loc in locations)
    assert any(loc.endswith("/about/") for loc in locations)
    assert not any("/search/" in loc for loc in locations)


def test_home_structured_data_is_an_organization_with_escaped_json():
    request = RequestFactory().get("/")
    html = Template("{% load seo %}{% structured_data %}").render(Context({"request": request}))
    payload = re.search(r'<script type="application/ld\+json">(.*)</script>', html, re.S).group(1)
    data = json.loads(payload)
    assert data["@graph"][0]["@type"] == "Organization"
    assert "<" not in payload


def test_seo_meta_without_object_has_canonical_and_cards():
    request = RequestFactory().get("/about/")
    html = Template("{% load seo %}{% seo_meta %}").render(Context({"request": request}))
    # SITE_URL, not the request's Host, is the canonical address.
    assert '<link rel="canonical" href="http://127.0.0.1:8000/about/">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'property="og:title"' in html
