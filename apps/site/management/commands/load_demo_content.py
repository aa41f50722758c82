import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: content cites sources and contributors, and links across apps.
DEMO_MODULES = [
    "apps.site.demo",
    "apps.editorial.demo",
    "apps.referrals.demo",
    "apps.alternatives.demo",
    "apps.articles.demo",
    # Last: seeds search synonyms and rebuilds the index over everything above.
    "apps.search.demo",
]


class Command(BaseCommand):
    help = "Load Nightlight's demo content (idempotent: safe to run again; keeps editors' changes to standing pages)."

    @transaction.atomic
    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            counts = module.load()
            summary = ", ".join(f"{n} {what}" for what, n in counts.items())
            self.stdout.write(f"{module_name.split('.')[1]}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
