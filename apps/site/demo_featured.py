"""Demo step: the home page's featured questions, flagship first.

Kept apart from the content loaders so it survives changes to how demo content is
stored; the loader calls ``load()`` after the articles exist. Idempotent, and it keeps
an editor's later choices: it only adds questions when none are featured yet.
"""

from apps.articles.models import Article

from .models import FeaturedQuestion

FEATURED_SLUGS = [
    "does-kratom-cause-insomnia",
    "kratom-withdrawal-and-sleep",
    "safer-kratom-use",
    "mixing-kratom-with-other-substances",
]


def load():
    if FeaturedQuestion.objects.exists():
        return {"featured questions added": 0}
    articles = Article.objects.in_bulk(FEATURED_SLUGS, field_name="slug")
    added = 0
    for position, slug in enumerate(FEATURED_SLUGS, start=1):
        if slug in articles:
            FeaturedQuestion.objects.create(article=articles[slug], position=position)
            added += 1
    return {"featured questions added": added}
