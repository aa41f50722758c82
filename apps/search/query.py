"""Running a search: synonyms, full-text ranking on PostgreSQL, a plain fallback elsewhere.

``search(text, kind)`` returns a ``SearchResult``: the ranked ids of every match (title
matches first), from which the view takes one page and loads only those rows, with
their highlighted snippets. Every path costs a fixed number of queries: synonyms (1),
the ranked ids (1), and only when the words as typed find nothing, a spelling
correction (1 on PostgreSQL) and a search for any of the words (1 each).
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .documents import MARK_END, MARK_START, is_postgres
from .models import SearchDocument, Synonym

WORD_RE = re.compile(r"\w+", re.UNICODE)
# A query using websearch operators (a "phrase" or -exclusion) is never broadened.
OPERATORS_RE = re.compile(r'"|(?:^|\s)-\w')
SIMILARITY_THRESHOLD = 0.35
SNIPPET_CHARS = 220
# Ranking reads each candidate's whole vector, so a word found on nearly every page
# would cost ~100 ms at 10,000 pages if every match were ranked. The newest title
# matches and the newest body matches, up to these caps, are ranked instead; past
# them the page says "or more" results.
TITLE_CANDIDATES = 300
BODY_CANDIDATES = 300


@dataclass
class SearchResult:
    ids: list[int]
    terms: list[str]
    tsquery: SearchQuery | None = None  # PostgreSQL: what the snippets highlight
    corrected: str = ""
    expanded: list[str] = field(default_factory=list)
    broadened: bool = False  # no page had every word; these have some of them
    capped: bool = False  # there may be more matches than ``ids``

    def documents(self, page_ids):
        """The index rows for ``page_ids`` (one page of ``ids``), in ranked order."""
        # public() again: an item unpublished since the ids were ranked is left out.
        rows = (
            SearchDocument.objects.public()
            .filter(pk__in=list(page_ids))
            .defer("search_vector", "title_vector")
        )
        if self.tsquery is not None:
            rows = rows.annotate(**_headlines(self.tsquery))
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in page_ids if pk in by_id]


def words(text):
    return WORD_RE.findall(text.lower())


def synonym_variants(text):
    """The query as typed plus one variant per synonym, e.g. "ketum tea" -> "kratom tea"."""
    lowered = text.lower()
    variants, canonicals = [], []
    found = Synonym.objects.filter(term__in=_candidate_terms(lowered)).values_list(
        "term", "canonical"
    )
    for term, canonical in found:
        variants.append(re.sub(rf"\b{re.escape(term)}\b", canonical, lowered))
        canonicals.append(canonical)
    return variants, canonicals


def _candidate_terms(lowered):
    tokens = words(lowered)[:30]
    pairs = [" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)]
    return tokens + pairs


def search(text, kind=""):
    documents = SearchDocument.objects.public()
    if kind:
        documents = documents.filter(kind=kind)
    variants, canonicals = synonym_variants(text)
    if is_postgres():
        return _postgres_search(documents, text, variants, canonicals)
    return _simple_search(documents, text, variants, canonicals)


def _can_broaden(text):
    return len(words(text)) > 1 and not OPERATORS_RE.search(text)


# --- PostgreSQL ----------------------------------------------------------------------


def _tsquery(texts):
    query = None
    for text in texts:
        part = SearchQuery(text, search_type="websearch", config="english")
        query = part if query is None else query | part
    return query


def _postgres_search(documents, text, variants, canonicals):
    query = _tsquery([text, *variants])
    ids, capped = _ranked_ids(documents, query)
    if ids or variants:
        terms = words(" ".join([text, *variants]))
        return SearchResult(ids, terms, query, expanded=canonicals, capped=capped)
    corrected = correct_spelling(text)
    if corrected:
        query = _tsquery([corrected])
        ids, capped = _ranked_ids(documents, query)
        if ids:
            return SearchResult(ids, words(corrected), query, corrected=corrected, capped=capped)
    wanted = corrected or text
    if _can_broaden(wanted):
        # "does kratom cause insomnia": a page need not contain every word.
        query = _tsquery([" or ".join(word for word in words(wanted) if word != "or")])
        ids, capped = _ranked_ids(documents, query)
        return SearchResult(
            ids, words(wanted), query, corrected=corrected, broadened=True, capped=capped
        )
    return SearchResult([], words(wanted), corrected=corrected)


def _ranked_ids(documents, query):
    """Ids of the ranked candidates, title matches first, and whether a cap was reached."""
    newest = ("-published_at", "-pk")
    titles = documents.filter(title_vector=query).order_by(*newest).values("pk")
    bodies = documents.filter(search_vector=query).order_by(*newest).values("pk")
    # A UNION, not an OR, so each half uses its own GIN index.
    candidates = titles[:TITLE_CANDIDATES].union(bodies[:BODY_CANDIDATES])
    ranked = list(
        SearchDocument.objects.filter(pk__in=candidates)
        .annotate(
            title_match=Case(When(title_vector=query, then=Value(True)), default=Value(False)),
            rank=SearchRank(F("search_vector"), query),
        )
        .order_by("-title_match", "-rank", "-published_at", "pk")
        .values_list("pk", "title_match")
    )
    title_matches = sum(1 for _, in_title in ranked if in_title)
    capped = len(ranked) >= BODY_CANDIDATES or title_matches >= TITLE_CANDIDATES
    return [pk for pk, _ in ranked], capped


def _headlines(query):
    options = {"config": "english", "start_sel": MARK_START, "stop_sel": MARK_END}
    return {
        "title_headline": SearchHeadline("title", query, highlight_all=True, **options),
        "snippet_headline": SearchHeadline(
            "body",
            query,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **options,
        ),
    }


def correct_spelling(text):
    """Replace each word the index does not know by the most similar word it does.

    Returns "" when no word changed.
    """
    tokens = [token for token in words(text) if not token.isdigit()][:8]
    if not tokens:
        return ""
    with connection.cursor() as cursor:
        # One query for every word: the trigram index finds candidates (the % operator
        # uses pg_trgm.similarity_threshold, 0.3 by default), similarity() ranks them.
        # Stop words ("of", "the") are never in the index and never corrected.
        cursor.execute(
            """
            SELECT typed.word, best.word
            FROM unnest(%s::text[]) AS typed(word)
            LEFT JOIN LATERAL (
                SELECT term.word FROM search_searchterm term
                WHERE to_tsvector('english', typed.word) <> ''::tsvector
                AND term.word %% typed.word AND similarity(term.word, typed.word) >= %s
                ORDER BY term.word = typed.word DESC, similarity(term.word, typed.word) DESC
                LIMIT 1
            ) best ON true
            """,
            [tokens, SIMILARITY_THRESHOLD],
        )
        replacements = dict(cursor.fetchall())
    corrected = [replacements.get(token) or token for token in tokens]
    return " ".join(corrected) if corrected != tokens else ""


# --- SQLite and other databases ------------------------------------------------------

MAX_SIMPLE_RESULTS = TITLE_CANDIDATES + BODY_CANDIDATES


def _simple_search(documents, text, variants, canonicals):
    # Each word of the query (or its synonym) must appear in the title or the body;
    # when no page has them all, any of them will do.
    groups = _word_groups(text, variants)
    if not groups:
        return SearchResult([], [])
    every, some, in_title = Q(), Q(), Q()
    for group in groups:
        any_word = Q()
        for word in group:
            any_word |= Q(title__icontains=word) | Q(body__icontains=word)
            in_title |= Q(title__icontains=word)
        every &= any_word
        some |= any_word
    terms = sorted({word for group in groups for word in group}, key=len, reverse=True)
    ids = _simple_ranked_ids(documents, every, in_title)
    broadened = not ids and len(groups) > 1 and _can_broaden(text)
    if broadened:
        ids = _simple_ranked_ids(documents, some, in_title)
    return SearchResult(
        ids,
        terms,
        expanded=canonicals,
        broadened=broadened,
        capped=len(ids) >= MAX_SIMPLE_RESULTS,
    )


def _simple_ranked_ids(documents, matches, in_title):
    return list(
        documents.filter(matches)
        .annotate(title_match=Case(When(in_title, then=Value(True)), default=Value(False)))
        .order_by("-title_match", "-published_at", "pk")
        .values_list("pk", flat=True)[:MAX_SIMPLE_RESULTS]
    )


def _word_groups(text, variants):
    typed = [word for word in words(text) if len(word) > 1][:10]
    groups = [{word} for word in typed]
    for variant in variants:
        for group, word in zip(groups, [w for w in words(variant) if len(w) > 1], strict=False):
            group.add(word)
    return groups


# --- snippets -------------------------------------------------------------------------


def highlight(text, terms=(), limit=None):
    """Escape ``text`` and wrap matches in <mark>; the only place search marks HTML safe.

    Text may carry MARK_START/MARK_END from PostgreSQL's ts_headline; otherwise the
    ``terms`` are found here (SQLite). Escaping happens before the marks go in.
    """
    text = text or ""
    if MARK_START not in text and terms:
        text = _mark_terms(text, terms, limit)
    elif limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added


def _mark_terms(text, terms, limit):
    pattern = re.compile("|".join(re.escape(term) for term in terms if term), re.IGNORECASE)
    if limit and len(text) > limit:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - limit // 3)
        text = ("… " if start else "") + text[start : start + limit].strip() + " …"
    return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text)


def kind_labels():
    from apps.editorial.registry import publishable_models  # noqa: PLC0415

    return {
        m._meta.model_name: str(m._meta.verbose_name).capitalize() for m in publishable_models()
    }


def annotate_snippets(documents, terms):
    labels = kind_labels()
    for document in documents:
        document.kind_label = labels.get(document.kind, document.kind.capitalize())
        if hasattr(document, "snippet_headline"):
            document.title_html = highlight(document.title_headline)
            body = document.snippet_headline if MARK_START in document.snippet_headline else ""
            document.snippet_html = highlight(
                body or document.summary or document.body, [], SNIPPET_CHARS
            )
        else:
            document.title_html = highlight(document.title, terms)
            document.snippet_html = highlight(
                document.body or document.summary, terms, SNIPPET_CHARS
            )
    return documents
