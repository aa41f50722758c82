from django.db import migrations

from apps.referrals.taxonomy import ensure_taxonomy


def seed(apps, schema_editor):
    ensure_taxonomy(apps.get_model("referrals", "Taxonomy"), apps.get_model("referrals", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
