from django.core.management.base import BaseCommand

from apps.editorial.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the Writer, Medical reviewer and Publisher groups."

    def handle(self, *args, **options):
        wanted = sync_roles()
        for role, permissions in wanted.items():
            self.stdout.write(f"{role}: {len(permissions)} permissions")
