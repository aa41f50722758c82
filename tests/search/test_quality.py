"""Search quality: readers' queries, each with the page it must rank first.

The same table runs on SQLite (FTS5) and on PostgreSQL (``make test-postgres``), over
the demo pages as indexed (tests/search/quality_corpus.py). Count the passes per
database with ``pytest tests/search/test_quality.py -q``.
"""

import pytest

from apps.site.demo import DEMO_DIR, read_toml

from .factories import SearchDocumentFactory, SynonymFactory, build_vectors
from .quality_corpus import CORPUS

pytestmark = pytest.mark.django_db
SYNONYMS = read_toml(DEMO_DIR / "synonyms.toml")

NOTHING = None

QUERIES = [
    # Exact titles, as typed or copied.
    ("Does kratom cause insomnia?", "Does kratom cause insomnia?"),
    ("kratom withdrawal and sleep", "Kratom withdrawal and sleep"),
    ("melatonin", "Melatonin"),
    ("stimulus control", "Stimulus control"),
    ("Samaritans", "Samaritans"),
    ("never use alone", "Never Use Alone"),
    ("sleep restriction therapy", "Sleep restriction therapy"),
    # Questions in readers' own words.
    ("does kratom cause insomnia", "Does kratom cause insomnia?"),
    ("can kratom cause insomnia", "Does kratom cause insomnia?"),
    ("is it safe to mix kratom and alcohol", "Mixing kratom with other substances"),
    ("does kratom help with pain", "Kratom and pain: what the evidence says"),
    ("how can I use kratom more safely", "Safer use if you use kratom"),
    ("cognitive behavioural therapy", "CBT-I (cognitive behavioural therapy for insomnia)"),
    ("coach app", "CBT-i Coach app"),
    ("find a sleep centre", "Sleep center directory"),
    ("poison help", "Poison Help"),
    # Misspellings.
    ("kratum withdrawal", "Kratom withdrawal and sleep"),
    ("insomina kratom", "Does kratom cause insomnia?"),
    ("melatonine", "Melatonin"),
    ("samaritens", "Samaritans"),
    ("valarian", "Valerian and other herbal sleep aids"),
    # Synonyms for kratom.
    ("ketum withdrawal", "Kratom withdrawal and sleep"),
    ("biak pain", "Kratom and pain: what the evidence says"),
    ("ketum and alcohol", "Mixing kratom with other substances"),
    # Plurals and stems.
    ("herbal sleep aid", "Valerian and other herbal sleep aids"),
    ("antihistamines", "Over-the-counter antihistamine sleep aids"),
    ("meditating", "Mindfulness and meditation"),
    ("relaxing", "Relaxation training"),
    # Hyphenated terms.
    ("CBT-I therapy", "CBT-I (cognitive behavioural therapy for insomnia)"),
    ("digital CBT-I", "Digital or self-help CBT-I"),
    ("over-the-counter sleep aids", "Over-the-counter antihistamine sleep aids"),
    ("7-OH", "Safer use if you use kratom"),
    # Nothing to find: an honest empty page.
    ("zzzqqq", NOTHING),
    ("xylophone", NOTHING),
    ("football", NOTHING),
]


@pytest.fixture
def corpus():
    for term, canonical in SYNONYMS.items():
        SynonymFactory(term=term, canonical=canonical)
    for n, (kind, title, body) in enumerate(CORPUS):
        SearchDocumentFactory(kind=kind, title=title, body=body, url=f"/{kind}/{n}/")
    build_vectors()


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_expected_page_ranks_first(client, corpus, query, expected):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = response.context.get("page_obj")
    titles = [document.title for document in page.object_list] if page else []
    assert (titles[0] if titles else NOTHING) == expected, titles[:5]


def test_the_table_is_big_enough_and_covers_each_kind_of_query():
    assert len(QUERIES) >= 30
    assert sum(expected is NOTHING for _, expected in QUERIES) >= 2
