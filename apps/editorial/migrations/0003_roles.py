"""Create the Writer, Medical reviewer and Publisher groups.

Runs after the content apps' migrations so their models get review/publish
permissions; content types added later are covered by the post_migrate handler and
``manage.py sync_roles``, which apply the same definitions (apps/editorial/roles.py).
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from apps.editorial.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from apps.editorial.roles import CONTENT_ACTIONS

    apps.get_model("auth", "Group").objects.filter(name__in=list(CONTENT_ACTIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_contributor_user"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("redirects", "__latest__"),
        ("alternatives", "__latest__"),
        ("articles", "__latest__"),
        ("referrals", "__latest__"),
        ("feedback", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
