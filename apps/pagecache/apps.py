from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class PageCacheConfig(AppConfig):
    name = "apps.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .generation import on_model_change  # noqa: PLC0415

        # Every model, minus a short list of ones readers never see (generation.py):
        # a forgotten model then costs a cache miss, never a stale page.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"pagecache-{signal!r}")
