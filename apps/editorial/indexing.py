"""What a content type hands the search index: the declaration, not the fields.

Each Publishable builds its own ``SearchEntry`` (``search_entry()``); the search app
stores and ranks whatever it is given and never names a content field. Weights use
PostgreSQL's letters (A highest, D lowest); SQLite maps them onto bm25 column weights.
"""

from dataclasses import dataclass

WEIGHT_LETTERS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class SearchEntry:
    kind: str  # the content type's model name, also the search page's "Show" filter
    title: str
    body: str  # plain text, already stripped of Markdown
    summary: str = ""
    title_weight: str = "A"
    body_weight: str = "B"

    def __post_init__(self):
        for weight in (self.title_weight, self.body_weight):
            if weight not in WEIGHT_LETTERS:
                raise ValueError(f"Search weights are one of {WEIGHT_LETTERS}, not {weight!r}.")
