"""Markdown rendering, done once, here, for every content type.

Markdown is parsed by markdown-it-py with raw HTML disabled (it is shown as text,
never trusted), then sanitised by nh3 as a second line of defence. ``[@key]``
citations become numbered superscript links to a References list, numbered in order
of first use across every field rendered with the same ``Document``.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field

import nh3
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt

from .citations import CITATION_RE

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-label"},
    "sup": {"id", "class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


@dataclass
class TocEntry:
    level: int
    id: str
    text: str


@dataclass
class Rendered:
    html: str
    toc: list[TocEntry] = field(default_factory=list)


def _citation_rule(state, silent):
    if not state.src.startswith("[@", state.pos):
        return False
    match = CITATION_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"key": match.group(1)}
    state.pos = match.end()
    return True


def _build_parser():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    # Content headings start at h2: the page title is the only h1.
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


def _shift_headings(state):
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


_PARSER = _build_parser()


class Document:
    """Renders the Markdown fields of one page, sharing citation numbering between them."""

    def __init__(self, sources=()):
        self.sources_by_key = {source.key: source for source in sources}
        self.citation_order: list[str] = []
        self._cite_counts: dict[str, int] = {}
        self._heading_ids: set[str] = set()

    @property
    def references(self):
        """Cited sources in order of first use, each with its number."""
        return [
            (number, self.sources_by_key[key])
            for number, key in enumerate(self.citation_order, start=1)
            if key in self.sources_by_key
        ]

    def render(self, text, *, toc=False):
        env = {}
        tokens = _PARSER.parse(text or "", env)
        entries = self._label_headings(tokens)
        html = _PARSER.renderer.render(tokens, _PARSER.options, env)
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
        return Rendered(html=mark_safe(html), toc=entries if toc else [])  # noqa: S308 - sanitised by nh3 above

    def _label_headings(self, tokens):
        entries = []
        for index, token in enumerate(tokens):
            if token.type == "citation":
                continue
            if token.type == "inline" and token.children:
                for child in token.children:
                    if child.type == "citation":
                        child.type = "html_inline"
                        child.content = self._citation_html(child.meta["key"])
            if token.type != "heading_open":
                continue
            text = "".join(
                child.content
                for child in tokens[index + 1].children or []
                if child.type in ("text", "code_inline")
            ).strip()
            anchor = self._unique_id(slugify(text) or "section")
            token.attrSet("id", anchor)
            if token.tag in ("h2", "h3"):
                entries.append(TocEntry(level=int(token.tag[1]), id=anchor, text=text))
        return entries

    def _unique_id(self, base):
        anchor, n = base, 2
        while (
            anchor in self._heading_ids or anchor.startswith("ref-") or anchor.startswith("cite-")
        ):
            anchor, n = f"{base}-{n}", n + 1
        self._heading_ids.add(anchor)
        return anchor

    def _citation_html(self, key):
        if key not in self.sources_by_key:
            return f'<sup class="citation citation--unknown">[{escape(key)}?]</sup>'
        if key not in self.citation_order:
            self.citation_order.append(key)
        number = self.citation_order.index(key) + 1
        count = self._cite_counts[key] = self._cite_counts.get(key, 0) + 1
        return (
            f'<sup class="citation" id="cite-{number}-{count}">'
            f'<a href="#ref-{number}" aria-label="Reference {number}">[{number}]</a></sup>'
        )


# Part of every render-cache key: change it when the renderer's output changes.
RENDERER_VERSION = 1
RENDER_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class RenderedPage:
    """One page's Markdown fields rendered together, and its numbered references."""

    fields: list[Rendered]
    references: list


def render_page(texts, sources=(), *, toc=False):
    """Render one page's Markdown ``texts`` (in page order) with shared citation numbers.

    Rendered once per content, not per request: the cache key is a hash of everything
    the output depends on (the texts, the keys of the sources they may cite, the
    renderer version), so an entry can never be stale. A change to any of them is a
    new key, a save that changes nothing re-renders nothing, and a draft preview reads
    or adds only its own content's entry. ``toc`` collects headings of the first text.
    """
    sources = list(sources)
    by_key = {source.key: source for source in sources}
    material = json.dumps([RENDERER_VERSION, sorted(by_key), [t or "" for t in texts], toc])
    key = f"markdown:{hashlib.sha256(material.encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is None:
        document = Document(sources)
        rendered = [document.render(text, toc=toc and n == 0) for n, text in enumerate(texts)]
        cached = (rendered, list(document.citation_order))
        cache.set(key, cached, RENDER_CACHE_SECONDS)
    rendered, order = cached
    references = [(n, by_key[k]) for n, k in enumerate(order, start=1) if k in by_key]
    return RenderedPage(fields=rendered, references=references)


def render_markdown(text):
    """Render Markdown with no citations (standing pages, FAQ answers without sources)."""
    return render_page([text]).fields[0].html


# Inline tokens whose text is the words a reader sees; everything else (citations,
# images, HTML shown as text) contributes nothing or a space.
_TEXT_TOKENS = {"text", "code_inline"}
_SPACE_TOKENS = {"softbreak", "hardbreak"}
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")


def plain_text(text, limit=None):
    """Markdown to one line of plain text, for meta descriptions, search and structured data.

    Words come from the parsed Markdown, so hyphens and punctuation survive ("CBT-I",
    "long-term") while markup and ``[@key]`` citations go. ``limit`` cuts at a word.
    """
    parts = []
    for token in _PARSER.parse(text or ""):
        if token.type == "inline":
            parts.append(
                "".join(
                    child.content
                    if child.type in _TEXT_TOKENS
                    else " "
                    if child.type in _SPACE_TOKENS
                    else ""
                    for child in token.children or ()
                )
            )
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    stripped = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(" ".join(parts).split()))
    return truncate_words(stripped, limit) if limit else stripped


def truncate_words(text, limit, ellipsis="…"):
    """``text`` cut to at most ``limit`` characters at a word boundary, marked with ``ellipsis``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis) + 1]
    if not text[len(cut)].isspace():
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:–—-") + ellipsis
