"""The home page's featured questions: public articles in the editors' order."""

from apps.articles.models import Article

HOME_FEATURED_LIMIT = 6


def featured_questions(limit=HOME_FEATURED_LIMIT):
    """One query; drafts and scheduled articles stay off the home page until public."""
    return list(
        Article.objects.public()
        .filter(featured_question__isnull=False)
        .order_by("featured_question__position", "featured_question__id")[:limit]
    )
