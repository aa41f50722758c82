from pathlib import Path

from django.core.management.base import BaseCommand

from apps.site.backup import backup


class Command(BaseCommand):
    help = (
        "Write the whole site (content, history, help services, standing pages, settings, "
        "feedback, staff accounts, admin log) to one portable JSON file; .gz compresses it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {file}."))
