import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.referrals.hsds_import import HSDSImportError, import_data


class Command(BaseCommand):
    help = (
        "Import organizations and services from an Open Referral HSDS 3.0 JSON file (one "
        "service, a list, or a page with contents). All or nothing; new services are drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        except RecursionError:
            raise CommandError(f"{file} is nested too deeply to be an HSDS file.") from None
        except ValueError as error:  # JSONDecodeError, or a number too long to read
            raise CommandError(f"{file} is not valid JSON: {error}") from None
        try:
            counts = import_data(data)
        except HSDSImportError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing imported: {len(error.problems)} problem(s) in {file}."
            ) from None
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {file.name}: {summary}."))
