import pytest

from tests.articles.factories import ArticleFactory
from tests.referrals.factories import ServiceFactory

from .factories import ContributorFactory

pytestmark = pytest.mark.django_db


def test_reviewers_page_lists_what_they_reviewed_and_skips_types_without_a_reviewer(client):
    # Help services have no medical reviewer field; the page must not fail on them.
    reviewer = ContributorFactory(name="Dr Reviewer")
    article = ArticleFactory.published(reviewed_by=reviewer, title="Reviewed article")
    ServiceFactory()
    response = client.get(reviewer.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.content.decode()
