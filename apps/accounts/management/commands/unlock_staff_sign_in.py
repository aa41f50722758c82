from django.core.management.base import BaseCommand

from apps.accounts import throttle


class Command(BaseCommand):
    help = "Clear a staff account's failed sign-ins, lifting a throttle or lock at once."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        rows = throttle.unlock(username)
        reference = throttle.reference(throttle.account_key(username))
        self.stdout.write(
            f"{username} can sign in again (account {reference} in the logs; "
            f"{'its failures were cleared' if rows else 'it had no recent failures'})."
        )
