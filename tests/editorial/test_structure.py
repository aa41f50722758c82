"""The editorial core's shape: a migration graph content apps can build on, and
medical review as its own mixin."""

import pytest
from django.db.migrations.loader import MigrationLoader

from apps.alternatives.models import Alternative
from apps.articles.models import Article
from apps.editorial.models import MedicalReview, Publishable
from apps.referrals.models import Service

CONTENT_APPS = {"articles", "alternatives", "referrals", "feedback", "search", "site"}
MEDICAL_FIELDS = {"reviewed_by", "last_reviewed_on", "next_review_due", "change_note", "sources"}


def test_no_editorial_migration_depends_on_a_content_app():
    # A content model may then add a foreign key to an editorial model without
    # making a circular dependency (0003_roles once depended on every content app's
    # __latest__ migration).
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    assert graph.leaf_nodes("editorial")
    for node in graph.leaf_nodes("editorial"):
        needs = {app for app, _ in graph.forwards_plan(node)}
        assert not needs & CONTENT_APPS, needs & CONTENT_APPS


def test_medical_review_is_a_mixin_services_do_not_carry():
    service_fields = {field.name for field in Service._meta.get_fields()}
    assert not MEDICAL_FIELDS & service_fields
    for model in (Article, Alternative):
        assert issubclass(model, MedicalReview) and issubclass(model, Publishable)
        assert {field.name for field in model._meta.get_fields()} >= MEDICAL_FIELDS
    assert not issubclass(Service, MedicalReview)


@pytest.mark.django_db
def test_roles_are_applied_after_migrate_without_the_editorial_migration_knowing_content():
    from django.contrib.auth.models import Group

    writer = Group.objects.get(name="Writer").permissions.values_list("codename", flat=True)
    assert {"change_article", "change_service", "change_contactpoint"} <= set(writer)
