"""An item's page parts are rendered once per change (apps/editorial/pages.py), never stale.

Transactional tests: the generation is bumped, and a saved item's page rendered, in
transaction.on_commit, which the usual rolled-back test transaction never runs.
"""

import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.editorial.models import Contributor, Draft, Status
from apps.editorial.pages import render_parts
from apps.pagecache.models import Fragment
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory, article_showing
from tests.editorial.factories import ContributorFactory, SourceFactory
from tests.referrals.factories import ContactFactory, ServiceFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def stored_main(item):
    fragment = Fragment.objects.get(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )
    return fragment.parts["main"]


def test_a_saved_item_is_rendered_once_its_transaction_commits(client):
    article = ArticleFactory.published(title="First words", standfirst="Before the edit.")
    with transaction.atomic():
        article.standfirst = "After the edit."
        article.save()
        # The old parts went with the save; the new ones are not rendered before the commit.
        assert not Fragment.objects.filter(object_id=article.pk).exists()
    assert "After the edit." in stored_main(article)  # before anyone asks for the page
    with mock.patch("apps.editorial.pages.render_parts") as render:
        assert "After the edit." in page(client, article.get_absolute_url())
    render.assert_not_called()


def test_a_rolled_back_edit_renders_nothing(client):
    article = ArticleFactory.published(standfirst="The reviewed text.")
    assert "The reviewed text." in page(client, article.get_absolute_url())
    with transaction.atomic():
        article.standfirst = "Never committed."
        article.save()
        transaction.set_rollback(True)
    assert "Never committed." not in stored_main(article)
    assert "Never committed." not in page(client, article.get_absolute_url())


def test_a_related_item_edit_and_unpublish_show_on_the_next_request(client):
    related = ArticleFactory.published(title="Linked answer")
    article = ArticleFactory.published(title="Main answer")
    article.related_articles.add(related)
    url = article.get_absolute_url()
    assert "Linked answer" in page(client, url)

    related.title = "Renamed linked answer"
    related.save()
    assert "Renamed linked answer" in page(client, url)

    related.status = Status.DRAFT
    related.save()
    assert "Renamed linked answer" not in page(client, url)


def test_a_change_to_a_contributor_or_source_shows_on_the_next_request(client):
    author = ContributorFactory(name="Sam Writer")
    source = SourceFactory(title="A trial of sleep")
    article = ArticleFactory.published(cite=[source])
    article.authors.add(author)
    url = article.get_absolute_url()
    assert "Sam Writer" in page(client, url) and "A trial of sleep" in page(client, url)
    author.name = "Sam Editor"
    author.save()
    source.title = "A larger trial of sleep"
    source.save()
    content = page(client, url)
    assert "Sam Editor" in content and "A larger trial of sleep" in content


def test_a_scheduled_related_item_appears_when_it_goes_live(client):
    now = timezone.now()
    later = ArticleFactory.published(
        title="Scheduled answer", published_at=now + datetime.timedelta(hours=2)
    )
    article = ArticleFactory.published(title="Main answer")
    article.related_articles.add(later)
    url = article.get_absolute_url()
    assert "Scheduled answer" not in page(client, url)
    assert "Scheduled answer" not in page(client, url)  # from the stored parts
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=3)):
        assert "Scheduled answer" in page(client, url)


def test_a_working_draft_and_its_preview_never_reach_the_public_page(client, admin_user):
    article = ArticleFactory.published(standfirst="The reviewed text.")
    Draft.objects.create(
        content_type=ContentType.objects.get_for_model(article),
        object_id=str(article.pk),
        data={"fields": {"standfirst": "An unreviewed draft."}, "m2m": {}, "inlines": {}},
        status=Status.DRAFT,
        version=article.version,
    )
    staff = Client()
    staff.force_login(admin_user)
    preview = staff.get(f"/admin/articles/article/{article.pk}/draft/preview/")
    assert "An unreviewed draft." in preview.content.decode()
    assert "An unreviewed draft." not in page(client, article.get_absolute_url())
    assert "An unreviewed draft." not in stored_main(article)


def test_staff_neither_read_nor_fill_the_stored_parts(client, admin_user):
    article = ArticleFactory.published(standfirst="Live text.")
    staff = Client()
    staff.force_login(admin_user)
    first = staff.get(article.get_absolute_url()).content.decode()
    assert "Live text." in first
    # A public page is not a preview for staff either: indexable, with its JSON-LD.
    assert "application/ld+json" in first and "noindex" not in first
    # A change that bumps nothing (a bulk update): only a fresh render can show it.
    type(article).objects.filter(pk=article.pk).update(standfirst="Quietly changed.")
    assert "Quietly changed." in staff.get(article.get_absolute_url()).content.decode()


def _queries_after_save(client, article):
    article.save()  # as an editor would: the next request is the first after a change
    with CaptureQueriesContext(connection) as captured:
        content = page(client, article.get_absolute_url())
    return len(captured), content


def test_the_first_request_after_an_edit_costs_few_queries_however_much_the_page_shows(client):
    small, large = article_showing(1), article_showing(30)
    page(client, small.get_absolute_url())  # the help strip and site settings, once
    one, _ = _queries_after_save(client, small)
    thirty, content = _queries_after_save(client, large)
    # The generation, and the stored parts with the row joined in (no ORM read of the row).
    assert one == thirty == 2
    assert content.count('<li id="ref-') == 30


def _stored_item(kind):
    if kind == "article":
        return article_showing(3)
    if kind == "alternative":
        return AlternativeFactory.published(name="Wind-down routine")
    return ContactFactory(service__name="Night line").service


@pytest.mark.parametrize("kind", ["article", "alternative", "service"])
def test_a_page_from_stored_parts_is_the_page_rendered_afresh(client, settings, kind):
    item = _stored_item(kind)
    url = item.get_absolute_url()
    item.save()  # renders and stores its parts
    settings.PAGE_CACHE = False  # every part rendered for this request, from the row
    fresh = page(client, url)
    settings.PAGE_CACHE = True
    with mock.patch("apps.editorial.pages.render_parts") as render:
        stored = page(client, url)
    render.assert_not_called()
    assert stored == fresh


def test_stored_parts_are_not_served_once_the_item_is_archived_renamed_or_deleted(client):
    article = ArticleFactory.published(title="Old answer", slug="old-answer")
    page(client, article.get_absolute_url())
    article.status = Status.ARCHIVED
    article.save()
    assert client.get("/articles/old-answer/").status_code == 410

    other = ArticleFactory.published(title="Moving answer", slug="moving-answer")
    page(client, other.get_absolute_url())
    other.slug = "moved-answer"
    other.save()
    assert client.get("/articles/moving-answer/").status_code == 301
    assert "Moving answer" in page(client, "/articles/moved-answer/")

    other.delete()
    assert client.get("/articles/moved-answer/").status_code == 404


def test_a_reader_reads_stored_parts_by_address_only_for_that_type(client):
    article = ArticleFactory.published(slug="same-slug", title="An article")
    AlternativeFactory.published(slug="same-slug", name="An alternative")
    page(client, article.get_absolute_url())  # parts stored for the article only
    content = page(client, "/alternatives/same-slug/")
    assert "An alternative" in content and "An article" not in content


def test_a_save_no_other_page_shows_renders_that_items_page_alone(client):
    related = ArticleFactory.published(title="Linked answer", body="The first body.")
    article = ArticleFactory.published(title="Main answer")
    article.related_articles.add(related)
    url = article.get_absolute_url()
    assert "Linked answer" in page(client, url)
    related.body = "The corrected body."  # shown on its own page only
    related.save()
    with mock.patch("apps.editorial.pages.render_parts", side_effect=render_parts) as render:
        assert "Linked answer" in page(client, url)  # the other page: its stored parts
        render.assert_not_called()
        assert "The corrected body." in page(client, related.get_absolute_url())
    related.title = "Renamed linked answer"  # shown on the other page
    related.save()
    assert "Renamed linked answer" in page(client, url)


def _different(field, value, others):
    """A valid value of ``field`` unlike ``value`` (``others``: instances of related models)."""
    if field.is_relation:
        return next(obj.pk for obj in others[field.related_model] if obj.pk != value)
    if field.choices:
        return next(key for key, _ in field.flatchoices if key != value)
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.DateTimeField):
        return (value or timezone.now()) + datetime.timedelta(days=3)
    if isinstance(field, models.DateField):
        return (value or timezone.localdate()) + datetime.timedelta(days=3)
    if isinstance(field, models.IntegerField):
        return (value or 0) + 7
    changed = f"Zq{value}"
    return changed[: field.max_length] if field.max_length else changed


def test_the_fields_an_item_shows_on_its_own_page_only_appear_on_no_other_page():
    """Publishable.page_only_fields is a promise: changing those fields changes no other
    item's page, so no other stored page is rendered again. Each is changed on an item
    that other items' pages show, and those pages must come out the same."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from apps.editorial.pages import render_parts as render  # noqa: PLC0415

    service = ServiceFactory(name="Shown service")
    article_shown = ArticleFactory.published(title="Shown article")
    alternative = AlternativeFactory.published(name="Shown alternative")
    alternative.related_services.add(service)
    alternative.related_articles.add(article_shown)
    article = ArticleFactory.published(title="Showing article")
    article.related_articles.add(article_shown)
    article.related_services.add(service)
    alternative.related_articles.add(article)
    showing_alternative = AlternativeFactory.published(name="Showing alternative")
    showing_alternative.related_articles.add(article_shown)
    showing_alternative.related_services.add(service)
    items = [service, article_shown, alternative, article, showing_alternative]
    others = {
        Contributor: [ContributorFactory(), ContributorFactory()],
        get_user_model(): [get_user_model().objects.create_user(f"user-{n}") for n in range(2)],
    }

    def pages(exclude):
        return {
            (type(item), item.pk): render(type(item)._base_manager.get(pk=item.pk))
            for item in items
            if item is not exclude
        }

    for shown, name in (
        (article_shown, "Shown article"),
        (alternative, "Shown alternative"),
        (service, "Shown service"),
    ):
        before = pages(exclude=shown)
        assert any(name in parts["main"] for parts in before.values()), name
        model = type(shown)
        fields = [model._meta.get_field(field) for field in model.page_only_fields]
        current = model._base_manager.filter(pk=shown.pk).values(*(f.attname for f in fields)).get()
        changes = {f.attname: _different(f, current[f.attname], others) for f in fields}
        model._base_manager.filter(pk=shown.pk).update(**changes)
        after = pages(exclude=shown)
        for key, parts in before.items():
            assert after[key] == parts, (model.__name__, key)
