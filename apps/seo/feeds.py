"""Atom feed of new and re-reviewed articles: a re-review moves an article back to the top."""

import io
import re
from xml.sax.saxutils import escape as xml_escape

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, get_tag_uri, rfc3339_date
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from apps.articles.models import Article
from apps.editorial.identity import site_url

from .addresses import slug_address

# Enough for a reader that checks even weekly (a busy week changes a few articles). Each
# entry cost about 0.2 ms through Django's generator, so thirty made the feed half as
# dear again as a demo site's five; the feed is meant to cost the same at 100,000
# articles as at 10. Formatted here (BufferedAtom1Feed), an entry costs about 50
# microseconds, most of it reading its two candidate rows.
FEED_SIZE = 10
# What an entry shows; the body and the other long texts stay in the database.
ENTRY_FIELDS = (
    "pk",
    "slug",
    "title",
    "seo_description",
    "standfirst",  # meta_description falls back to it
    "change_note",
    "published_at",
    "last_reviewed_on",
)


class BufferedAtom1Feed(Atom1Feed):
    """Atom, handed to the response in one write, its entries formatted as strings.

    The generator writes every tag and text node separately, and each write to an
    HttpResponse is encoded and stored on its own: thousands of them per feed. Its SAX
    handler also costs about 25 microseconds an entry, which made a full feed of ten
    cost a quarter more than a demo site's five; an entry formatted here costs a few.
    The feed's own elements still come from Atom1Feed.
    """

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        handler = SimplerXMLGenerator(buffer, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        # Always ends with a closed element (the title comes first), so nothing of the
        # handler's is pending when the entries are written to the buffer after it.
        self.add_root_elements(handler)
        for item in self.items:
            if any(item[name] for name in GENERATOR_ONLY):
                handler.startElement("entry", self.item_attributes(item))
                self.add_item_elements(handler, item)
                handler.endElement("entry")
            else:
                buffer.write(atom_entry(item))
        handler.endElement("feed")
        outfile.write(buffer.getvalue())


# What atom_entry() leaves to the generator: an item with any of these is written by it.
GENERATOR_ONLY = ("author_name", "enclosures", "categories", "item_copyright")


def atom_entry(item):
    """One <entry>, as Atom1Feed.add_item_elements writes it, for an item of
    SyndicationFeed.add_item() without the parts in GENERATOR_ONLY."""
    unique_id = item["unique_id"]
    if unique_id is None:
        unique_id = get_tag_uri(item["link"], item["pubdate"])
    parts = [
        f"<entry><title>{xml_text(item['title'])}</title>",
        f'<link href="{xml_attribute(item["link"])}" rel="alternate"/>',
    ]
    if item["pubdate"] is not None:
        parts.append(f"<published>{rfc3339_date(item['pubdate'])}</published>")
    if item["updateddate"] is not None:
        parts.append(f"<updated>{rfc3339_date(item['updateddate'])}</updated>")
    parts.append(f"<id>{xml_text(unique_id)}</id>")
    if item["description"] is not None:
        parts.append(f'<summary type="html">{xml_text(item["description"])}</summary>')
    parts.append("</entry>")
    return "".join(parts)


# XML 1.0 has no way to write these (SimplerXMLGenerator refuses them the same way).
XML_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")


def xml_text(text):
    """``text`` escaped for XML character data."""
    if XML_CONTROL_CHARACTERS.search(text):
        raise UnserializableContentError
    return xml_escape(text)


def xml_attribute(text):
    """``text`` escaped for a double-quoted XML attribute value."""
    return xml_text(text).replace('"', "&quot;")


class ArticleFeed(Feed):
    feed_type = BufferedAtom1Feed
    title = "Nightlight: new and re-reviewed articles"
    subtitle = "Cited harm-reduction articles, listed again each time a reviewer checks them."

    # Absolute addresses from SITE_URL, so the Site row or Host header never decides them.
    def link(self):
        return site_url(reverse("articles:index"))

    def feed_url(self):
        return site_url(reverse("seo:article-feed"))

    def get_object(self, request, *args, **kwargs):
        # Once per request, for item_link (the same value on every request; not at
        # import, when the URLconf that get_absolute_url() reads may not be loaded).
        self.article_address = slug_address(Article)
        return None

    def item_link(self, item):
        return site_url(self.article_address(item.slug))

    def items(self):
        return Article.objects.public().only(*ENTRY_FIELDS).latest_changes(FEED_SIZE)

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        # Atom's <summary type="html"> is read as HTML by feed readers: editors' plain
        # text must arrive as text, so "<" in a summary is escaped before XML escaping.
        text = item.meta_description
        if item.change_note:
            text = f"{text} What changed at the last review: {item.change_note}"
        return escape(text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.changed_at
