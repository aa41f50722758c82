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


def test_demo_review_dates_follow_the_day_the_demo_is_loaded(db):
    """Loaded on any day, the demo is freshly reviewed, never overdue on a fixed date."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.articles.models import Article
    from apps.site import demo

    later = timezone.localdate() + timedelta(days=900)
    demo.load_all(today=later)
    article = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert later - timedelta(days=60) < article.last_reviewed_on <= later
    assert article.next_review_due > later


def test_a_second_load_on_a_later_day_keeps_the_review_dates(db):
    from datetime import timedelta

    from django.utils import timezone

    from apps.articles.models import Article
    from apps.site import demo

    demo.load_all()
    before = Article.objects.values_list("slug", "last_reviewed_on", "version")
    before = sorted(before)
    demo.load_all(today=timezone.localdate() + timedelta(days=30))
    assert sorted(Article.objects.values_list("slug", "last_reviewed_on", "version")) == before
