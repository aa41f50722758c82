"""Running a search: the same rules on PostgreSQL and SQLite, each with its own engine.

``search(text, kind, shown)`` returns a ``SearchResult``: the ranked ids of every
match, from which the view takes one page, and only that page's rows with their
highlighted snippets (on PostgreSQL read by the ranking statement itself, for the
positions ``shown``). The rules, whatever the database:

1. Synonyms: "ketum tea" also searches "kratom tea".
2. Every word (except stop words) must be on the page; if no page has them all and a
   word is unknown, it is corrected from the index's own words ("kratum" -> kratom);
   if still nothing, pages with some of the words are shown, and the page says so.
3. Ranking: an exact title match first, then titles containing every word, then
   titles containing some of them, then the rest; within each tier the database's
   relevance (ts_rank on PostgreSQL, bm25 on SQLite, both with the weights each
   content type declared), then the newest.

Every path costs a fixed number of queries: synonyms (1), the ranked ids (1), the
shown rows (1 on SQLite, or when the page shown is not the one asked for), and only
when the words as typed find nothing, a spelling correction (1) and one more ranking
per retry.
"""

import functools
import re
from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.editorial.markdown import truncate_words

from .documents import MARK_END, MARK_START, is_postgres, title_key, words
from .models import SearchDocument, SearchIndexRow, Synonym
from .stopwords import STOP_WORDS

# A query using websearch operators (a "phrase" or -exclusion) is never broadened.
OPERATORS_RE = re.compile(r'"|(?:^|\s)-\w')
SIMILARITY_THRESHOLD = 0.35
SNIPPET_CHARS = 220
# Ranking reads each candidate's whole vector, so a word found on nearly every page
# would cost ~100 ms at 10,000 pages if every match were ranked. The pages whose title
# is the query, the newest title matches and the newest body matches, up to these
# caps, are ranked instead; past them the page says "or more" results. Finding and
# ranking a candidate costs PostgreSQL about 4 microseconds, more when a filter skips
# rows to find it: at 300 of each, a common query cost twice as much at 100,000
# articles as on the demo site (5.2 against 2.3 ms); at 100 of each, the same. A
# hundred of each is twenty pages of results, and the exact title is never capped out.
TITLE_CANDIDATES = 100
BODY_CANDIDATES = 100
MAX_RESULTS = TITLE_CANDIDATES + BODY_CANDIDATES
# Tiers of the ranking rule (3 above), best first.
EXACT_TITLE, TITLE_HAS_EVERY_WORD, TITLE_HAS_SOME_WORD, TEXT_ONLY = range(4)


@dataclass
class SearchResult:
    ids: list[int]
    terms: list[str]
    query: object = None  # what the snippets highlight (engine-specific)
    corrected: str = ""
    expanded: list[str] = field(default_factory=list)
    broadened: bool = False  # no page had every word; these have some of them
    capped: bool = False  # there may be more matches than ``ids``
    engine: object = None
    # The rows at the positions asked for, with their headlines, read by the statement
    # that ranked them (PostgreSQL), by id.
    shown: dict = field(default_factory=dict)

    def documents(self, page_ids):
        """The index rows for ``page_ids`` (one page of ``ids``), in ranked order, with
        their highlighted titles and snippets."""
        rows = self.shown
        if any(pk not in rows for pk in page_ids):
            # Not read with the ranking (another page, or SQLite): public() again, so
            # an item unpublished since the ids were ranked is left out.
            rows = self.engine.headlines(SearchDocument.objects.public(), page_ids, self.query)
        return [rows[pk] for pk in page_ids if pk in rows]


def synonym_variants(text):
    """The query as typed plus one variant per synonym, e.g. "ketum tea" -> "kratom tea"."""
    lowered = text.lower()
    variants, canonicals = [], []
    terms = _candidate_terms(lowered)
    if not terms:
        return variants, canonicals
    # Written out, as the ranking is: the ORM's filter() costs ten times the lookup.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, canonical FROM {Synonym._meta.db_table} "  # noqa: S608 - our own table
            f"WHERE term IN ({', '.join(['%s'] * len(terms))}) ORDER BY canonical, term",
            terms,
        )
        found = cursor.fetchall()
    for term, canonical in found:
        variants.append(re.sub(rf"\b{re.escape(term)}\b", canonical, lowered))
        canonicals.append(canonical)
    return variants, canonicals


def _candidate_terms(lowered):
    tokens = words(lowered)[:30]
    pairs = [" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)]
    return tokens + pairs


def content_words(text):
    """The words a search looks for: stop words and single letters left out."""
    return [word for word in words(text) if word not in STOP_WORDS and len(word) > 1]


def search(text, kind="", shown=(0, 0)):
    """Search for ``text`` (in items of ``kind``, if given).

    ``shown`` (start, stop) are the positions of the page about to be shown: where the
    engine can, it reads those rows and their headlines with the ranking.
    """
    documents = SearchDocument.objects.public()
    if kind:
        documents = documents.filter(kind=kind)
    engine = POSTGRES if is_postgres() else SQLITE
    found = partial(SearchResult, engine=engine)
    variants, canonicals = synonym_variants(text)
    texts = [text, *variants]
    ids, capped, query, page = engine.ranked_ids(documents, texts, shown=shown)
    if ids or variants:
        terms = words(" ".join(texts))
        return found(ids, terms, query, expanded=canonicals, capped=capped, shown=page)
    corrected = correct_spelling(text)
    if corrected:
        ids, capped, query, page = engine.ranked_ids(documents, [corrected], shown=shown)
        if ids:
            return found(
                ids, words(corrected), query, corrected=corrected, capped=capped, shown=page
            )
    wanted = corrected or text
    if _can_broaden(wanted):
        # "does kratom cause insomnia": a page need not contain every word.
        ids, capped, query, page = engine.ranked_ids(
            documents, [wanted], any_word=True, shown=shown
        )
        return found(
            ids,
            words(wanted),
            query,
            corrected=corrected,
            broadened=True,
            capped=capped,
            shown=page,
        )
    return SearchResult([], words(wanted), corrected=corrected)


def _can_broaden(text):
    return len(content_words(text)) > 1 and not OPERATORS_RE.search(text)


MAX_TITLE_WORDS = 10


def title_words_wanted(texts):
    """The words each title is tested for, one by one, in the ranking rule.

    With fewer than two, "some of the words" is "every word", so no test per word.
    """
    return list(dict.fromkeys(content_words(" ".join(texts))))[:MAX_TITLE_WORDS]


def title_ranking(queryset, texts, every_word, word_in_title, document=""):
    """``queryset`` annotated with the ranking rule's ``tier`` and ``title_words``.

    The same rule on both databases; each engine says how to test a title for every
    word of the query (``every_word``) and for one word (``word_in_title(word)``).
    ``document`` is the path from the queried model to the SearchDocument.
    """
    wanted = title_words_wanted(texts)
    conditions = [every_word] if len(wanted) < 2 else [word_in_title(word) for word in wanted]
    title_words = Value(0)
    for condition in conditions:
        title_words = title_words + Case(
            When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    exact = {f"{document}title_key__in": [title_key(text) for text in texts]}
    return queryset.annotate(title_words=title_words).annotate(
        tier=Case(
            When(**exact, then=Value(EXACT_TITLE)),
            When(every_word, then=Value(TITLE_HAS_EVERY_WORD)),
            When(title_words__gt=0, then=Value(TITLE_HAS_SOME_WORD)),
            default=Value(TEXT_ONLY),
            output_field=IntegerField(),
        )
    )


# --- PostgreSQL: weighted tsvectors, GIN indexes, ts_rank, ts_headline ----------------------


@dataclass
class ShownDocument:
    """The columns of a SearchDocument that a results page shows (PostgresEngine.SHOWN),
    with the headlines: plain attributes, without a model instance's set-up cost."""

    id: int
    kind: str
    title: str
    body: str
    summary: str
    url: str
    title_headline: str
    snippet_headline: str


class PostgresEngine:
    """Raw SQL with parameters, built here and only here.

    The same statements composed with the ORM cost about 15 ms of Python per search,
    three times what PostgreSQL spends running them; written out, the ranking, the
    count and one page of highlighted rows are one statement.
    """

    def tsquery(self, texts, any_word=False):
        """(SQL, params) of the tsquery for ``texts``: websearch syntax, English stems."""
        if any_word:
            texts = [" or ".join(content_words(" ".join(texts)))]
        sql = " || ".join(["websearch_to_tsquery('english', %s)"] * len(texts))
        return f"({sql})", list(texts)

    def ranked_ids(self, documents, texts, any_word=False, shown=(0, 0)):
        """Ids of the ranked candidates, whether a cap was reached, the tsquery, and the
        rows at positions ``shown`` (start, stop) with their headlines, by id."""
        query, query_params = self.tsquery(texts, any_word)
        every, every_params = self.tsquery(texts)
        public, public_params = where_sql(documents)
        # The ranking rule (3 in the module docstring), as title_ranking() has it.
        wanted = title_words_wanted(texts)
        if len(wanted) < 2:
            title_words = f"(d.title_vector @@ {every})::int"
            title_words_params = every_params
        else:
            title_words = " + ".join(
                ["(d.title_vector @@ plainto_tsquery('english', %s))::int"] * len(wanted)
            )
            title_words_params = wanted
        keys = [title_key(text) for text in texts]
        candidates = " UNION ".join(
            f"(SELECT id FROM search_searchdocument WHERE {public} AND {test} "  # noqa: S608 - as below
            f"AND {vector} @@ {query} ORDER BY published_at DESC, id DESC LIMIT {limit})"
            for test, vector, limit in (
                ("title_key = ANY(%s)", "title_vector", int(TITLE_CANDIDATES)),
                ("true", "title_vector", int(TITLE_CANDIDATES)),
                ("true", "search_vector", int(BODY_CANDIDATES)),
            )
        )
        # "id = ANY(ARRAY(candidates))", not "id IN (candidates)": the planner cannot
        # tell how few candidates there are and, for IN, hash-joins them against a
        # sequential scan of the whole table; the array is looked up in the primary key.
        # The candidates are a UNION, not an OR, so each part uses its own index (the
        # exact titles the title_key B-tree, the others a GIN index or, for a word on
        # most pages, the newest-first public index until the cap).
        # Only the rows at the positions shown are read again for their headlines: in a
        # LATERAL subquery kept apart by OFFSET 0, the position test runs before the
        # lookup (joined, the planner looked every candidate up, then filtered).
        sql = f"""
            WITH ranked AS (
                SELECT id, tier, row_number() OVER (
                    ORDER BY tier, title_words DESC, rank DESC, published_at DESC, id
                ) AS position
                FROM (
                    SELECT d.id, d.published_at, w.title_words,
                        ts_rank(d.search_vector, {query}) AS rank,
                        CASE WHEN d.title_key = ANY(%s) THEN {EXACT_TITLE}
                            WHEN d.title_vector @@ {every} THEN {TITLE_HAS_EVERY_WORD}
                            WHEN w.title_words > 0 THEN {TITLE_HAS_SOME_WORD}
                            ELSE {TEXT_ONLY} END AS tier
                    FROM search_searchdocument d
                    CROSS JOIN LATERAL (SELECT {title_words} AS title_words) w
                    WHERE d.id = ANY(ARRAY({candidates}))
                ) scored
            )
            SELECT ranked.id, ranked.tier, page.*
            FROM ranked LEFT JOIN LATERAL (
                SELECT {self.headline_columns(query)}
                FROM search_searchdocument s
                WHERE s.id = ranked.id AND ranked.position > %s AND ranked.position <= %s
                OFFSET 0
            ) page ON true
            ORDER BY ranked.position
        """  # noqa: S608 - every value is a parameter; the rest is our own SQL
        params = [
            *query_params,
            keys,
            *every_params,
            *title_words_params,
            *public_params,
            keys,
            *query_params,
            *public_params,
            *query_params,
            *public_params,
            *query_params,
            *self.headline_params(query_params),
            *shown,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        in_title = sum(1 for row in rows if row[1] < TEXT_ONLY)
        capped = len(rows) >= BODY_CANDIDATES or in_title >= TITLE_CANDIDATES
        page = {row[0]: self.document(row[2:]) for row in rows if row[2] is not None}
        return [row[0] for row in rows], capped, (query, query_params), page

    # The columns a results page shows; "id" first, never NULL, so a LEFT JOIN that
    # found no row is told apart.
    SHOWN = ("id", "kind", "title", "body", "summary", "url")
    TITLE_OPTIONS = f"StartSel='{MARK_START}', StopSel='{MARK_END}', HighlightAll=true"
    SNIPPET_OPTIONS = (
        f"StartSel='{MARK_START}', StopSel='{MARK_END}', MaxWords=35, MinWords=15, "
        "MaxFragments=2, FragmentDelimiter=' … '"
    )

    def headline_columns(self, query):
        """The shown columns of ``s`` and its highlighted title and snippet for ``query``."""
        columns = ", ".join(f"s.{column}" for column in self.SHOWN)
        return (
            f"{columns}, ts_headline('english', s.title, {query}, %s), "
            f"ts_headline('english', s.body, {query}, %s)"
        )

    def headline_params(self, query_params):
        return [*query_params, self.TITLE_OPTIONS, *query_params, self.SNIPPET_OPTIONS]

    def document(self, values):
        """The shown columns, with the headlines, as a ShownDocument."""
        return ShownDocument(*values)

    def headlines(self, documents, page_ids, query):
        """The rows of ``page_ids`` still in ``documents``, with headlines, by id."""
        sql, params = query
        public, public_params = where_sql(documents)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.headline_columns(sql)} FROM search_searchdocument s "  # noqa: S608
                f"WHERE s.id = ANY(%s) AND s.id IN (SELECT id FROM search_searchdocument "
                f"WHERE {public})",
                [*self.headline_params(params), list(page_ids), *public_params],
            )
            return {values[0]: self.document(values) for values in cursor.fetchall()}

    def correction_candidates(self, tokens):
        with connection.cursor() as cursor:
            # One query for every word: the trigram index finds candidates (the %
            # operator uses pg_trgm.similarity_threshold, 0.3 by default).
            cursor.execute(
                """
                SELECT typed.word, term.word
                FROM unnest(%s::text[]) AS typed(word)
                JOIN search_searchterm term ON term.word %% typed.word
                """,
                [tokens],
            )
            return cursor.fetchall()


def where_sql(queryset):
    """(SQL, params) of ``queryset``'s filters, such as the public rule, for raw SQL on
    its table: the rule stays defined once, in the queryset."""
    query = queryset.query
    return query.where.as_sql(query.get_compiler(connection=connection), connection)


# --- SQLite: FTS5 (porter unicode61), bm25, snippet(), a trigram word table -----------------


def _fts_phrase(chunk):
    """One word or hyphenated term as an FTS5 string ("CBT-I" -> the phrase "cbt i")."""
    return '"' + " ".join(words(chunk)) + '"'


def fts_query(texts, any_word=False, column=None):
    """The FTS5 query for ``texts`` (websearch-like: "phrases", -exclusions, or).

    Returns "" when nothing is left to search for (only stop words or symbols).
    """
    alternatives = []
    for text in texts:
        if any_word:
            every = [_fts_phrase(word) for word in content_words(text)]
            alternatives.extend(every)
            continue
        wanted, unwanted, pending_or = [], [], False
        for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
            negate, phrase, chunk = match.group(1), match.group(2), match.group(3)
            if chunk is not None and chunk.lower() == "or" and wanted:
                pending_or = True
                continue
            if chunk is not None and chunk.startswith("-") and len(chunk) > 1:
                negate, chunk = "-", chunk[1:]
            if phrase is not None:
                term = _fts_phrase(phrase) if words(phrase) else ""
            else:
                kept = [w for w in words(chunk) if w not in STOP_WORDS or len(words(chunk)) > 1]
                term = _fts_phrase(" ".join(kept)) if kept else ""
            if not term:
                continue
            if negate:
                unwanted.append(term)
            elif pending_or:
                wanted[-1] = f"({wanted[-1]} OR {term})"
                pending_or = False
            else:
                wanted.append(term)
        if wanted:
            query = " AND ".join(wanted)
            if unwanted:
                query = f"({query}) NOT ({' OR '.join(unwanted)})"
            alternatives.append(f"({query})")
    if not alternatives:
        return ""
    query = " OR ".join(alternatives)
    return f"{column} : ({query})" if column else query


# bm25 weights per FTS5 column: title (searched only for the title rule), then the
# text at weight A, B, C, D, as PostgreSQL's ts_rank weighs its letters.
BM25 = "bm25(search_fts, 0.0, 1.0, 0.4, 0.2, 0.1)"
MATCHING_IDS = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"


class SqliteEngine:
    def ranked_ids(self, documents, texts, any_word=False, shown=(0, 0)):
        """As PostgresEngine.ranked_ids, without the shown rows: FTS5's snippet() needs
        its own MATCH per row, so reading them separately costs nothing more."""
        query = fts_query(texts, any_word)
        if not query:
            return [], False, None, {}
        # As on PostgreSQL, bm25 ranks a capped set of candidates: the most recently
        # indexed title matches and text matches (FTS5 walks its rowids backwards and
        # stops at the cap), so a word on every page does not cost a score per page.
        # Each match FTS5 walks is checked against ``documents`` by primary key; an
        # "IN (public ids)" list instead costs building that 10,000-id list for every
        # subquery that uses it, and without "+ 0" SQLite hands such a list to FTS5
        # as rowid lookups, one full-text query per id.
        public = Exists(documents.filter(pk=OuterRef("document_id")))
        newest = ("-document_id",)
        titles = SearchIndexRow.objects.filter(public, title__match=query).order_by(*newest)
        texts_ = SearchIndexRow.objects.filter(public, search_fts__match=query).order_by(*newest)
        in_title = Q(document_key__in=titles.values("document_id")[:TITLE_CANDIDATES])
        # The pages titled as the query, however old: found by the title_key index.
        exact = documents.filter(title_key__in=[title_key(text) for text in texts])
        matches = (
            SearchIndexRow.objects.alias(
                document_key=ExpressionWrapper(F("document_id") + 0, BigIntegerField())
            )
            .filter(search_fts__match=query)
            .filter(
                in_title
                | Q(document_key__in=exact.values("pk")[:TITLE_CANDIDATES])
                | Q(document_key__in=texts_.values("document_id")[:BODY_CANDIDATES])
            )
        )
        ranked = list(
            title_ranking(
                matches,
                texts,
                in_title,  # the title candidates are the pages whose title has every word
                lambda word: _matching(f'title : "{word}"'),
                document="document__",
            )
            .annotate(score=RawSQL(BM25, []))  # noqa: S611 - a constant
            .order_by("tier", "-title_words", "score", "-document__published_at", "document_id")
            .values_list("document_id", "tier", "title_words")
        )
        in_title = sum(1 for _, tier, _ in ranked if tier < TEXT_ONLY)
        capped = len(ranked) >= BODY_CANDIDATES or in_title >= TITLE_CANDIDATES
        return [pk for pk, _, _ in ranked], capped, query, {}

    def headlines(self, documents, page_ids, query):
        """The rows of ``page_ids`` still in ``documents``, with headlines, by id."""
        body_column = Case(
            *[When(body_weight=letter, then=Value(n)) for n, letter in enumerate("ABCD", 1)],
            output_field=IntegerField(),
        )
        rows = documents.filter(pk__in=list(page_ids)).annotate(
            title_headline=_FtsFunction(
                "highlight", query, Value(0), Value(MARK_START), Value(MARK_END)
            ),
            snippet_headline=_FtsFunction(
                "snippet",
                query,
                body_column,
                Value(MARK_START),
                Value(MARK_END),
                Value("…"),
                Value(32),
            ),
        )
        return {row.pk: row for row in rows}

    def correction_candidates(self, tokens):
        parts, params = [], []
        for token in tokens:
            grams = {token[i : i + 3] for i in range(len(token) - 2)}
            if not grams:
                continue
            parts.append(
                "SELECT * FROM (SELECT %s, s.word FROM search_term_trigrams t "
                "JOIN search_searchterm s ON s.id = t.rowid "
                "WHERE search_term_trigrams MATCH %s ORDER BY t.rank LIMIT 50)"
            )
            params += [token, " OR ".join(f'"{gram}"' for gram in sorted(grams))]
        if not parts:
            return []
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            return cursor.fetchall()


def _matching(query):
    if not query:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL(MATCHING_IDS, [query]))  # noqa: S611 - the query is a parameter


class _FtsFunction(Func):
    """highlight() or snippet() of a SearchDocument row's FTS5 entry for ``query``.

    A correlated subquery, because FTS5's auxiliary functions need the MATCH in their
    own SELECT; it runs once per row of a results page.
    """

    def __init__(self, name, query, *arguments):
        super().__init__(*arguments, output_field=TextField())
        self.name, self.query = name, query

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for argument in self.get_source_expressions():
            sql, argument_params = compiler.compile(argument)
            parts.append(sql)
            params.extend(argument_params)
        # The function name is one of ours ("highlight", "snippet"); the query is a parameter.
        call = f"{self.name}(search_fts, {', '.join(parts)})"
        sql = f'(SELECT {call} FROM search_fts WHERE search_fts MATCH %s AND rowid = "search_searchdocument"."id")'  # noqa: S608
        return sql, [*params, self.query]


POSTGRES = PostgresEngine()
SQLITE = SqliteEngine()


# --- spelling ----------------------------------------------------------------------------


def trigrams(word):
    """pg_trgm's trigrams of one word (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one, other):
    """pg_trgm's similarity(): shared trigrams over all trigrams of both words."""
    a, b = trigrams(one), trigrams(other)
    return len(a & b) / len(a | b) if a and b else 0.0


def correct_spelling(text):
    """Replace each word the index does not know by the most similar word it does.

    Returns "" when no word changed. Stop words and numbers are never corrected.
    """
    tokens = [t for t in words(text) if not t.isdigit() and t not in STOP_WORDS][:8]
    if not tokens:
        return ""
    engine = POSTGRES if is_postgres() else SQLITE
    best = {}
    for typed, known in engine.correction_candidates(tokens):
        score = similarity(typed, known)
        if score >= SIMILARITY_THRESHOLD and score > best.get(typed, ("", 0.0))[1]:
            best[typed] = (known, score)
    replacements = {typed: known for typed, (known, _) in best.items()}
    corrected = [replacements.get(token, token) for token in words(text)]
    return " ".join(corrected) if corrected != words(text) else ""


# --- snippets -----------------------------------------------------------------------------


def highlight(text, terms=(), limit=None):
    """Escape ``text`` and wrap matches in <mark>; the only place search marks HTML safe.

    Text may carry MARK_START/MARK_END from the database's highlighter; otherwise the
    ``terms`` are found here. Escaping happens before the marks go in.
    """
    text = text or ""
    if MARK_START not in text and terms:
        text = _mark_terms(text, terms, limit)
    elif limit and len(text) > limit:
        text = truncate_words(text, limit, " …")
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added


def _mark_terms(text, terms, limit):
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(term) for term in terms if term) + r")\w*", re.IGNORECASE
    )
    if limit and len(text) > limit:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - limit // 3)
        if start:
            # Start at a word: skip back to the space before ``start``.
            start = text.rfind(" ", 0, start) + 1
        text = ("… " if start else "") + truncate_words(text[start:], limit, " …")
    return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text)


def whole_words(snippet, text):
    """Widen each fragment of a database's snippet to whole words of ``text``.

    FTS5's snippet() and PostgreSQL's ts_headline cut between tokens, and a hyphenated
    word is several tokens ("long-term" is "long" and "term"), so a fragment could
    start or end inside a word ("term use of …").
    """
    widened = []
    for fragment in re.split(r"(\s*…\s*)", snippet):
        plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
        start = text.find(plain) if plain.strip() and "…" not in plain else -1
        if start < 0:
            widened.append(fragment)
            continue
        end = start + len(plain)
        before = "" if plain[0].isspace() else _word_ending_at(text, start)
        after = "" if plain[-1].isspace() else WORD_START_RE.match(text, end).group(0)
        widened.append(before + fragment + after)
    return "".join(widened)


WORD_START_RE = re.compile(r"\S*")


def _word_ending_at(text, end):
    """The non-space characters just before ``end``.

    Found by stepping back, not with a regex such as ``\\S*$``, which is tried at every
    position of the text before it (0.3 ms a fragment of a 500-word body, several ms a
    results page).
    """
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


@functools.cache
def kind_labels():
    # Once per process: the content types are fixed once Django has started.
    from apps.editorial.registry import publishable_models  # noqa: PLC0415

    return {
        m._meta.model_name: str(m._meta.verbose_name).capitalize() for m in publishable_models()
    }


def annotate_snippets(documents, terms):
    labels = kind_labels()
    for document in documents:
        document.kind_label = labels.get(document.kind, document.kind.capitalize())
        title = getattr(document, "title_headline", None)
        snippet = getattr(document, "snippet_headline", None)
        if title and MARK_START in title:
            document.title_html = highlight(title)
        else:
            document.title_html = highlight(document.title, terms)
        if snippet and MARK_START in snippet:
            document.snippet_html = highlight(whole_words(snippet, document.body))
        else:
            document.snippet_html = highlight(document.summary or document.body, [], SNIPPET_CHARS)
    return documents
