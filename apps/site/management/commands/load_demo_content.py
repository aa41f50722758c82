from django.core.management.base import BaseCommand
from django.db import transaction

from apps.site.demo import load_all
from apps.site.demo_featured import load as load_featured_questions


class Command(BaseCommand):
    help = (
        "Load Nightlight's demo content from demo_content/ (idempotent: safe to run again; "
        "keeps editors' changes to standing pages and featured questions)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # The featured questions step is separate so it survives changes to how the
        # content itself is stored; it needs the articles.
        for part, counts in [*load_all(), ("site", load_featured_questions())]:
            summary = ", ".join(f"{n} {what}" for what, n in counts.items())
            self.stdout.write(f"{part}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
