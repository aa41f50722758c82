from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.site.backup import restore


class Command(BaseCommand):
    help = (
        "Replace everything in this (migrated) database with a file written by `backup`. "
        "All or nothing: on any error the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask before replacing the data",
        )

    def handle(self, *args, file, interactive, **options):
        if not file.is_file():
            raise CommandError(f"Cannot read {file}.")
        if interactive:
            answer = input(f"Replace everything in this database with {file}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing restored.")
        restore(file)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
