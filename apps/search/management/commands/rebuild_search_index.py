from django.core.management.base import BaseCommand

from apps.search.documents import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the site search index from every content item (safe to run at any time)."

    def handle(self, *args, **options):
        counts = rebuild_index()
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing to index"
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
