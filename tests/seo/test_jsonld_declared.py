"""JSON-LD is built from what each content type declares, not guessed from its words."""

import json
import re

import pytest

from apps.articles.models import SCHEMA_AUDIENCE, Audience
from apps.seo.jsonld import StructuredData
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory
from tests.referrals.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def graph(client, obj):
    html = client.get(obj.get_absolute_url()).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload.group(1))["@graph"]


def node(nodes, kind):
    return next(n for n in nodes if n["@type"] == kind)


@pytest.mark.parametrize("audience", list(Audience))
def test_article_audience_comes_from_its_audience_field(client, audience):
    # The title names another audience: words in labels or titles must not matter.
    article = ArticleFactory.published(
        title="For family, friends, clinicians and patients", audience=audience
    )
    page = node(graph(client, article), "MedicalWebPage")
    assert page["audience"] == [
        {"@type": "MedicalAudience", "audienceType": SCHEMA_AUDIENCE[audience]}
    ]


def test_descriptions_keep_hyphens(client):
    article = ArticleFactory.published(standfirst="Long-term use of 7-OH; try CBT-I first.")
    page = node(graph(client, article), "MedicalWebPage")
    assert page["description"] == "Long-term use of 7-OH; try CBT-I first."


def test_each_content_type_contributes_the_nodes_it_declares(client):
    alternative = AlternativeFactory.published()
    page = node(graph(client, alternative), "MedicalWebPage")
    assert "audience" not in page  # alternatives declare no audience
    assert page["reviewedBy"]["name"] == alternative.reviewed_by.name
    service_graph = graph(client, ServiceFactory())
    types = {n["@type"] for n in service_graph}
    # Services are verified, not medically reviewed: no MedicalWebPage, no reviewer.
    assert "MedicalWebPage" not in types and "WebPage" in types
    assert "reviewedBy" not in node(service_graph, "WebPage")


def test_the_graph_is_the_organization_plus_the_declared_nodes():
    class Declared:
        def structured_data(self, ld):
            return [{"@type": "Thing", "name": "declared"}]

    nodes = StructuredData().graph(Declared())["@graph"]
    assert [n["@type"] for n in nodes] == ["Organization", "Thing"]
    assert nodes[1]["name"] == "declared"
