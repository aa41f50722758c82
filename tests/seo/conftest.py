import urllib.parse
import xml.etree.ElementTree as ET

import pytest

SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fetch_xml(client, url):
    parts = urllib.parse.urlsplit(url)
    response = client.get(parts.path, dict(urllib.parse.parse_qsl(parts.query)))
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 - parsing our own output


@pytest.fixture
def sitemap_pages(client):
    """Every page the sitemap index links to: {page URL: <urlset> root}."""

    def pages():
        index = fetch_xml(client, "/sitemap.xml")
        return {
            loc.text: fetch_xml(client, loc.text) for loc in index.findall("sm:sitemap/sm:loc", SM)
        }

    return pages


@pytest.fixture
def sitemap_urls(sitemap_pages):
    """Every <url> element of every page of the sitemap, in order."""
    return lambda: [url for root in sitemap_pages().values() for url in root.findall("sm:url", SM)]
