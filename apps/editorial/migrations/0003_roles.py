"""Create the Writer, Medical reviewer and Publisher groups.

Depends on nothing outside auth, contenttypes and this app: a dependency on the
content apps' latest migrations made the first foreign key from a content model to
an editorial model a circular dependency. The content types' review/publish
permissions and role grants are applied by the post_migrate handler and
``manage.py sync_roles`` (apps/editorial/roles.py), which run after every migrate.
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
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
