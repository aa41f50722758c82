from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


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

        from .pages import forget_on_delete, render_on_commit
        from .registry import publishable_models

        # A saved item's page is rendered once its transaction commits (pages.py), so
        # the first reader after an edit finds it ready; a deleted item's is deleted.
        for model in publishable_models():
            uid = f"page-{model._meta.label_lower}"
            post_save.connect(render_on_commit, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_on_delete, sender=model, dispatch_uid=uid)
