"""The feed's entries, formatted as strings, are what Django's Atom generator writes."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import UnserializableContentError

from apps.seo.feeds import BufferedAtom1Feed
from tests.articles.factories import ArticleFactory

ATOM = {"a": "http://www.w3.org/2005/Atom"}
AWKWARD = 'Kratom & "alcohol" <b>not bold</b> – café'


def written(feed_type, **item):
    feed = feed_type(title="Feed", link="https://example.org/", description="")
    feed.add_item(
        **{
            "title": AWKWARD,
            "link": "https://example.org/articles/a/?x=1&y=2",
            "description": AWKWARD,
            "pubdate": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
            "updateddate": datetime.datetime(2026, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
            **item,
        }
    )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


@pytest.mark.parametrize(
    "item",
    [{}, {"unique_id": "tag:example.org,2026:1"}, {"categories": ["sleep"]}],
    ids=["as the article feed", "own id", "with a category"],
)
def test_entries_are_written_as_the_atom_generator_writes_them(item):
    assert written(BufferedAtom1Feed, **item) == written(Atom1Feed, **item)


def test_an_entry_with_a_control_character_is_refused_as_the_generator_refuses_it():
    with pytest.raises(UnserializableContentError):
        written(BufferedAtom1Feed, title="Bell \x07")


@pytest.mark.django_db
def test_feed_is_valid_atom_with_markup_characters_as_text(client):
    ArticleFactory.published(
        title=AWKWARD, published_at=timezone.now(), last_reviewed_on=timezone.localdate()
    )
    root = ET.fromstring(client.get("/feeds/articles/").content)  # noqa: S314 - our own output
    [entry] = root.findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == AWKWARD
    assert [child.tag.split("}")[1] for child in entry] == [
        "title",
        "link",
        "published",
        "updated",
        "id",
        "summary",
    ]
