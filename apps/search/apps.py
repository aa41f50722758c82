from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "apps.search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 - registers the FTS5 start-up check
        from .documents import connect_signals  # noqa: PLC0415

        connect_signals()
