from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, using="default", **kwargs):
    from .roles import sync_roles

    sync_roles(using=using)


class EditorialConfig(AppConfig):
    name = "apps.editorial"

    def ready(self):
        # After every migrate, so content types added later get their review/publish
        # permissions and role grants without a new data migration. Sent once per app;
        # the editorial signal comes after all migrations have run.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="editorial-sync-roles")
