from django.core.management.base import BaseCommand

from apps.editorial.checks import (
    READABILITY_TARGET,
    flesch_reading_ease,
    readability_text,
    refresh_status,
)
from apps.editorial.registry import publishable_models


class Command(BaseCommand):
    help = (
        "Run the editor checks over every content item, store the results the admin "
        "dashboard counts, and print each item's readability and open warnings. Run it "
        "daily (help-service verification goes stale with time, not with edits)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--public-only", action="store_true", help="Only print items readers can see now."
        )

    def handle(self, *args, public_only=False, **options):
        total = 0
        for model in publishable_models():
            queryset = model.objects.public() if public_only else model.objects.all()
            for obj in queryset.order_by("pk"):
                pending, done = refresh_status(obj)
                total += len(pending)
                score = flesch_reading_ease(readability_text(obj)) if obj.citation_fields else None
                figure = f"reading ease {score:5.1f}" if score is not None else " " * 18
                self.stdout.write(
                    f"{model._meta.model_name:12} {obj.slug:40} {figure}  "
                    f"{len(pending)} open, {len(done)} accepted"
                )
                for warning in pending:
                    self.stdout.write(f"    - {warning.label}: {warning.quote or warning.message}")
        self.stdout.write(
            f"{total} open warning(s). Readability target: Flesch reading ease "
            f"{READABILITY_TARGET} or more."
        )
