import datetime
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from apps.referrals.models import TaxonomyTerm

from .factories import AreaFactory, ContactFactory, LanguageFactory, RuleFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "vendor" / "hsds-3.0" / "schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _registry():
    """Every vendored schema under the URL the OpenAPI file uses, so $refs resolve offline."""
    resources = []
    for path in SCHEMA_DIR.rglob("*.json"):
        contents = json.loads(path.read_text())
        uri = BASE + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()
OPENAPI = json.loads((SCHEMA_DIR / "openapi.json").read_text())


def _validate(instance, ref):
    validator = Draft202012Validator({"$ref": BASE + ref}, registry=REGISTRY)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def _validate_page(data, item_ref):
    page = OPENAPI["components"]["schemas"]["Page"]
    Draft202012Validator(page).validate(data)
    assert set(page["properties"]) <= set(data)
    for item in data["contents"]:
        _validate(item, item_ref)


@pytest.fixture
def full_service():
    service = ServiceFactory(name="Full", alert="Text line closed today")
    service.categories.add(TaxonomyTerm.objects.get(code="crisis-line"))
    ContactFactory(service=service, kind="phone", value="988")
    ContactFactory(service=service, kind="text", value="741741")
    ContactFactory(service=service, kind="tty", value="1-800-487-4889")
    ContactFactory(service=service, kind="website", value="https://example.org")
    ContactFactory(service=service, kind="email", value="help@example.org")
    AreaFactory(service=service, country="US")
    AreaFactory(service=service, country="GB", region="England", nationwide=False)
    LanguageFactory(service=service, code="es")
    RuleFactory(service=service, weekday=4, opens=datetime.time(20), closes=datetime.time(2))
    return service


def test_index_gives_version(client):
    data = client.get("/api/hsds/").json()
    assert data["version"] == "3.0"


def test_services_list_validates(client, full_service):
    ServiceFactory(is_24_7=True, organization=None)
    data = client.get("/api/hsds/services").json()
    assert data["total_items"] == 2 and data["first_page"] and data["last_page"]
    _validate_page(data, "compiled/service_list.json")


def test_service_detail_validates(client, full_service):
    data = client.get(f"/api/hsds/services/{full_service.hsds_id}").json()
    _validate(data, "service.json")
    assert data["status"] == "active"
    assert {p["type"] for p in data["phones"]} == {"voice", "text", "textphone"}
    assert data["schedules"][0]["byday"] == "FR"
    assert data["attributes"][0]["taxonomy_term"]["code"] == "crisis-line"
    assert data["organization"]["id"] == str(full_service.organization_id)


def test_24_7_service_detail_validates(client):
    service = ServiceFactory(is_24_7=True, organization=None)
    data = client.get(f"/api/hsds/services/{service.hsds_id}").json()
    _validate(data, "service.json")
    assert data["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"


def test_organizations_validate(client, full_service):
    data = client.get("/api/hsds/organizations").json()
    _validate_page(data, "compiled/organization_list.json")
    detail = client.get(f"/api/hsds/organizations/{full_service.organization_id}").json()
    _validate(detail, "organization.json")


def test_taxonomies_and_terms_validate(client):
    data = client.get("/api/hsds/taxonomies").json()
    assert data["total_items"] == 1
    _validate_page(data, "taxonomy.json")
    terms = client.get("/api/hsds/taxonomy_terms").json()
    assert terms["total_items"] == 9
    _validate_page(terms, "taxonomy_term.json")


def test_only_public_services_are_listed(client):
    ServiceFactory(name="Draft", status="draft", published_at=None)
    public = ServiceFactory(name="Public")
    data = client.get("/api/hsds/services").json()
    assert [s["name"] for s in data["contents"]] == ["Public"]
    draft = ServiceFactory(status="draft", published_at=None)
    assert client.get(f"/api/hsds/services/{draft.hsds_id}").status_code == 404
    assert client.get(f"/api/hsds/services/{public.hsds_id}").status_code == 200


def test_search_taxonomy_and_modified_after_filters(client):
    crisis = ServiceFactory(name="Crisis text", description="Text us")
    term = TaxonomyTerm.objects.get(code="crisis-line")
    crisis.categories.add(term)
    ServiceFactory(name="Other")
    names = lambda q: [s["name"] for s in client.get(f"/api/hsds/services?{q}").json()["contents"]]  # noqa: E731
    assert names("search=crisis") == ["Crisis text"]
    assert names(f"taxonomy_term_id={term.id}") == ["Crisis text"]
    assert names("modified_after=2000-01-01T00:00:00Z") == ["Crisis text", "Other"]
    assert names("modified_after=2999-01-01T00:00:00") == []


def test_pagination_envelope(client):
    ServiceFactory.create_batch(5)
    data = client.get("/api/hsds/services?per_page=2&page=3").json()
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (
        5,
        3,
        3,
        1,
    )
    assert data["last_page"] and not data["first_page"]
    beyond = client.get("/api/hsds/services?per_page=2&page=9").json()
    assert beyond["empty"] and beyond["contents"] == []


@pytest.mark.parametrize(
    "query",
    [
        "per_page=100000",
        "per_page=0",
        "per_page=abc",
        "page=-1",
        "modified_after=garbage",
        "modified_after=2024-13-45T99:00:00",
        "taxonomy_term_id=not-a-uuid",
    ],
)
def test_bad_parameters_answer_400_json(client, query):
    response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "bad_request"


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/services/00000000-0000-0000-0000-000000000000",
        "/api/hsds/organizations/%3Cscript%3E",
    ],
)
def test_unknown_or_malformed_ids_answer_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_api_sets_no_cookies_and_allows_cors(client, full_service):
    for url in (
        "/api/hsds/",
        "/api/hsds/services",
        f"/api/hsds/services/{full_service.hsds_id}",
        "/api/hsds/services?per_page=100000",
    ):
        response = client.get(url)
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_api_is_read_only_and_says_so_in_json(client, method):
    response = getattr(client, method)("/api/hsds/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {
        "status": 405,
        "error": "method_not_allowed",
        "message": "This API is read-only: use GET or HEAD.",
    }


PAGING_NASTIES = [
    "page=%C2%B2",  # superscript two: str.isdigit() says yes, int() says no
    "per_page=%C2%B2",
    "page=%D9%A3",  # Arabic-Indic three
    "page=%EF%BC%91",  # fullwidth one
    "page=1e3",
    "page=+1",  # a space once decoded
    "page=1%20",
    "page=0x10",
    "page=100001",
    "per_page=101",
    "page=99999999999999999999999",
    "page=%00",
]
SEARCH_NASTIES = [
    "search=%00",
    "search=sleep%00",
    "search=%ED%A0%80",  # a lone surrogate, encoded as UTF-8
    "search=caf%E9",  # Latin-1, not UTF-8
    "search=" + "x" * 201,
    "modified_after=%D9%A2%D9%A0%D9%A2%D9%A4-01-01",  # Arabic-Indic year
    "modified_after=2024-01-01%00",
    "taxonomy_term_id=%00",
    "taxonomy_term_id=" + "%D9%A3" * 32,
]
LISTS = ["services", "organizations", "taxonomies", "taxonomy_terms"]


@pytest.mark.parametrize(
    ("endpoint", "query"),
    [(endpoint, query) for endpoint in LISTS for query in PAGING_NASTIES]
    + [("services", query) for query in SEARCH_NASTIES],
)
def test_hostile_parameters_answer_400_json(client, endpoint, query):
    response = client.get(f"/api/hsds/{endpoint}?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "error", "message"}
    assert body["status"] == 400 and body["error"] == "bad_request"


def test_repeated_and_array_parameters_do_not_break_the_api(client):
    ServiceFactory()
    assert client.get("/api/hsds/services?page=1&page=2&page[]=3").status_code == 200
    assert client.get("/api/hsds/services?page=1&page=%C2%B2").status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/api/hsds/nothing-here", "/api/hsds/services/", "/api/hsds/services/a/b", "/api/other"],
)
def test_unknown_api_paths_answer_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_found"


def test_error_messages_do_not_repeat_what_was_sent(client):
    response = client.get("/api/hsds/services/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code == 404
    assert "script" not in response.content.decode()


def test_an_unexpected_error_answers_json_500(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("apps.referrals.hsds.taxonomy", explode)
    response = client.get("/api/hsds/taxonomies")
    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "error": "server_error",
        "message": "Something went wrong on our side.",
    }


def test_organizations_appear_only_with_a_public_service(client):
    public = ServiceFactory(name="Public")
    draft_only = ServiceFactory(status="draft", published_at=None).organization
    data = client.get("/api/hsds/organizations").json()
    assert [org["id"] for org in data["contents"]] == [str(public.organization_id)]
    assert client.get(f"/api/hsds/organizations/{draft_only.id}").status_code == 404
    assert client.get(f"/api/hsds/organizations/{public.organization_id}").status_code == 200


def test_service_list_query_count_is_fixed(client, django_assert_num_queries):
    for n in (1, 30):
        service = ServiceFactory()
        for i in range(n):
            ContactFactory(service=service, value=f"0800 {i:04d}")
            AreaFactory(service=service)
    client.get("/api/hsds/services")
    with django_assert_num_queries(7):  # count, page, 5 prefetches
        client.get("/api/hsds/services")


def test_schema_check_catches_a_bad_record():
    # Guards the guard: a record breaking HSDS (status outside the enum) must fail.
    with pytest.raises(AssertionError):
        _validate({"id": "x", "name": "Bad", "status": "open"}, "service.json")


def test_a_bad_host_header_answers_json_400_under_the_api(client, settings):
    settings.ALLOWED_HOSTS = ["nightlight.example.org"]
    response = client.get("/api/hsds/services", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)  # each save commits, and its commit serialises
def test_after_a_service_edit_the_first_page_of_services_is_ready_and_current(client):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    service = ServiceFactory(name="Night line")
    client.get("/api/hsds/services")
    service.name = "Night line (renamed)"
    service.save()
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/api/hsds/services").json()
    assert [record["name"] for record in data["contents"]] == ["Night line (renamed)"]
    assert "referrals_service" not in " ".join(query["sql"] for query in captured)


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_the_stored_first_page_is_read_under_its_generation_only(client):
    from django.core.cache import cache  # noqa: PLC0415

    from apps.pagecache.generation import current  # noqa: PLC0415
    from apps.referrals import api  # noqa: PLC0415
    from tests.articles.factories import ArticleFactory  # noqa: PLC0415

    ServiceFactory(name="Night line")
    cache.set(api._first_page_key(current()), {"stored": True})
    assert client.get("/api/hsds/services").json() == {"stored": True}
    assert "stored" not in client.get("/api/hsds/services", {"page": "1"}).json()
    ArticleFactory()  # any public change bumps the generation
    assert client.get("/api/hsds/services").json()["contents"][0]["name"] == "Night line"
