from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command

from apps.editorial.models import Contributor, Source, Topic


def counts():
    return (
        FlatPage.objects.count(),
        Source.objects.count(),
        Contributor.objects.count(),
        Topic.objects.count(),
    )


def test_load_demo_content_is_idempotent_and_keeps_editor_changes(db):
    call_command("load_demo_content", verbosity=0)
    first = counts()
    assert first[0] == 3
    assert first[1] >= 12
    about = FlatPage.objects.get(url="/about/")
    about.content = "Edited by staff."
    about.save()
    call_command("load_demo_content", verbosity=0)
    assert counts() == first
    assert FlatPage.objects.get(url="/about/").content == "Edited by staff."
