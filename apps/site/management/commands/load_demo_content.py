from django.core.management.base import BaseCommand
from django.db import transaction

from apps.site.demo import load_all


class Command(BaseCommand):
    help = (
        "Load Nightlight's demo content from demo_content/ (idempotent: safe to run again; "
        "keeps editors' changes to standing pages)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for part, counts in load_all():
            summary = ", ".join(f"{n} {what}" for what, n in counts.items())
            self.stdout.write(f"{part}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
