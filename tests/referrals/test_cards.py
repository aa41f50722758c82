"""/help/'s service cards are rendered once per change to the service they show.

Transactional tests with the page cache on, as readers get it: the whole page is cached
under the generation, which is bumped in transaction.on_commit.
"""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.referrals import cards
from tests.referrals.factories import AreaFactory, ContactFactory, ServiceFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def help_page(client):
    response = client.get("/help/?country=")
    assert response.status_code == 200
    return response.content.decode()


def listed_service(name, number):
    service = ServiceFactory(name=name)
    AreaFactory(service=service)
    ContactFactory(service=service, value=number)
    return service


def test_a_contact_edit_shows_on_the_next_request(client):
    service = listed_service("Night line", "1-800-111-2222")
    assert "1-800-111-2222" in help_page(client)
    contact = service.contacts.get()
    contact.value = contact.display = "1-800-333-4444"
    contact.save()
    content = help_page(client)
    assert "1-800-333-4444" in content and "1-800-111-2222" not in content


def test_a_rolled_back_edit_leaves_the_card_as_it_was(client):
    service = listed_service("Night line", "1-800-111-2222")
    assert "1-800-111-2222" in help_page(client)
    with transaction.atomic():
        contact = service.contacts.get()
        contact.value = contact.display = "1-800-333-4444"
        contact.save()
        transaction.set_rollback(True)
    assert "1-800-333-4444" not in help_page(client)


def test_an_edit_to_one_service_renders_only_its_card_again(client):
    edited = listed_service("Night line", "1-800-111-2222")
    for n in range(4):
        listed_service(f"Other line {n}", f"1-800-555-000{n}")
    help_page(client)
    with mock.patch.object(cards, "_render", side_effect=cards._render) as render:
        edited.description = "Open to anyone who needs to talk."
        edited.save()  # renders its cards once the save commits
        assert render.call_count == len(cards.TEMPLATES)
        assert "Open to anyone who needs to talk." in help_page(client)
    assert render.call_count == len(cards.TEMPLATES)  # the page itself rendered none


def test_the_first_request_after_an_edit_reads_no_rows_of_the_listed_services(client):
    edited = listed_service("Night line", "1-800-111-2222")
    for n in range(4):
        listed_service(f"Other line {n}", f"1-800-555-000{n}")
    help_page(client)
    edited.save()
    with CaptureQueriesContext(connection) as captured:
        help_page(client)
    tables = " ".join(query["sql"] for query in captured)
    assert "referrals_contactpoint" not in tables
    assert "referrals_schedulerule" not in tables
