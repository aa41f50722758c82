from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.accounts import throttle, twofactor


class Command(BaseCommand):
    help = (
        "Recovery for a staff member who lost their authenticator app and recovery codes: "
        "removes their second-factor devices (and clears failed sign-ins), so they set up "
        "a new app at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        devices = twofactor.reset(user)
        throttle.unlock(username)
        self.stdout.write(
            f"Removed {devices} second-factor device(s) of {username}. They sign in with "
            "their password and set up an authenticator app at once; until they do, no "
            "admin page opens for them. Check it is really them before running this."
        )
