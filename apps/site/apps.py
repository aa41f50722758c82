from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _after_migrate(sender, using="default", apps=None, **kwargs):
    from apps.editorial.identity import sync_site

    from .standing_pages import ensure_standing_pages

    # A changed SITE_URL reaches the Site row on the next deploy's migrate; standing
    # pages deleted by mistake come back (edited ones are never overwritten).
    sync_site(apps=apps, using=using)
    ensure_standing_pages(apps=apps, using=using)


class SiteConfig(AppConfig):
    name = "apps.site"
    label = "site"
    verbose_name = "Site shell"

    def ready(self):
        from apps.pagecache.generation import change_committed  # noqa: PLC0415

        from .shell import render_after_change  # noqa: PLC0415

        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="site-identity-pages")
        change_committed.connect(render_after_change, dispatch_uid="shell-parts")
