from django.core.management.base import BaseCommand

from apps.referrals.linkcheck import check_contacts
from apps.referrals.models import LinkStatus


class Command(BaseCommand):
    help = "Check every website and chat address in the referral directory and store the result."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request.")
        parser.add_argument("--workers", type=int, default=8, help="Requests at the same time.")
        parser.add_argument(
            "--deadline", type=float, default=None, help="Seconds for the whole run."
        )

    def handle(self, *args, timeout, workers, deadline, **options):
        counts = check_contacts(
            timeout=timeout, workers=max(1, workers), deadline=deadline, progress=self.stdout.write
        )
        self.stdout.write("")
        self.stdout.write(f"{'Status':<15} {'Links':>5}")
        for status in LinkStatus:
            self.stdout.write(f"{status.label:<15} {counts.get(status, 0):>5}")
        self.stdout.write(f"{'Total':<15} {sum(counts.values()):>5}")
