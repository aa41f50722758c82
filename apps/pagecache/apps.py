from django.apps import AppConfig
from django.apps import apps as registry
from django.core.signals import request_finished
from django.db.models.signals import m2m_changed, post_delete, post_save


class PageCacheConfig(AppConfig):
    name = "apps.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .generation import is_public_model, on_model_change  # noqa: PLC0415
        from .middleware import sent_pages  # noqa: PLC0415

        # Cached pages go to the shared cache once their response has been sent.
        request_finished.connect(sent_pages.store, dispatch_uid="pagecache-sent-pages")

        # Every model (and many-to-many table) but a short list readers never see
        # (generation.py): a forgotten model costs a cache miss, never a stale page.
        # Per model, not for every sender: models with no listener keep Django's fast
        # bulk delete (sessions, the search index). Listed last in INSTALLED_APPS, so
        # these receivers run after the search index's, and the bump after the reindex.
        for model in registry.get_models(include_auto_created=True):
            if is_public_model(model):
                uid = f"pagecache-{model._meta.label_lower}"
                post_save.connect(on_model_change, sender=model, dispatch_uid=uid)
                post_delete.connect(on_model_change, sender=model, dispatch_uid=uid)
                if model._meta.auto_created:
                    m2m_changed.connect(on_model_change, sender=model, dispatch_uid=uid)
