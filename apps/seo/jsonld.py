"""Structured data (schema.org JSON-LD), built from what each content type declares.

A content page's graph is the site's Organization plus whatever the item returns from
``structured_data(ld)``, where ``ld`` is a ``StructuredData`` holding the request. The
helpers below read only what every Publishable has (dates, reviewer, authors, sources,
topics); anything specific to a content type is built by that type.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .meta import SITE_DESCRIPTION, SITE_NAME, absolute, meta_for

# JSON-LD sits in a <script> block: "<", ">" and "&" are written as JSON escapes, as
# Django's json_script does, so no text can close the block or start markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class StructuredData:
    def __init__(self, request=None):
        self.request = request

    def url(self, path):
        return absolute(self.request, path)

    def organization(self):
        return {
            "@type": "Organization",
            "@id": self.url("/#organization"),
            "name": SITE_NAME,
            "url": self.url("/"),
            "description": SITE_DESCRIPTION,
            "email": settings.CONTACT_EMAIL,
        }

    def web_page(self, obj, page_type="WebPage"):
        """What every content page states about itself: name, address, dates, publisher."""
        meta = meta_for(self.request, obj)
        page = {
            "@type": page_type,
            "@id": meta["url"],
            "name": meta["title"],
            "url": meta["url"],
            "description": meta["description"],
            "inLanguage": "en",
            "publisher": {"@id": self.url("/#organization")},
        }
        if obj.published_at:
            page["datePublished"] = obj.published_at.isoformat()
        if obj.updated_at:
            page["dateModified"] = obj.updated_at.isoformat()
        return page

    def medical_web_page(self, obj, audiences=()):
        """A medically reviewed page: reviewer, review date, authors, citations, topics."""
        page = self.web_page(obj, "MedicalWebPage")
        if obj.last_reviewed_on:
            page["lastReviewed"] = obj.last_reviewed_on.isoformat()
        if obj.reviewed_by_id:
            page["reviewedBy"] = self.person(obj.reviewed_by)
        authors = [self.person(author) for author in obj.authors.all()]
        if authors:
            page["author"] = authors
        if audiences:
            page["audience"] = [
                {"@type": "MedicalAudience", "audienceType": kind} for kind in audiences
            ]
        citations = [self.citation(source) for source in obj.sources.all()]
        if citations:
            page["citation"] = citations
        topics = [topic.name for topic in obj.topics.all()]
        if topics:
            page["about"] = [{"@type": "Thing", "name": name} for name in topics]
        return page

    def faq_page(self, obj, pairs):
        return {
            "@type": "FAQPage",
            "@id": self.url(obj.get_absolute_url() + "#faq"),
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
                for question, answer in pairs
            ],
        }

    def person(self, contributor):
        data = {
            "@type": "Person",
            "name": contributor.name,
            "url": self.url(contributor.get_absolute_url()),
        }
        if contributor.role:
            data["jobTitle"] = contributor.role
        if contributor.credentials:
            data["description"] = contributor.credentials
            data["hasCredential"] = {
                "@type": "EducationalOccupationalCredential",
                "name": contributor.credentials,
            }
        return data

    def citation(self, source):
        scholarly = bool(source.doi or source.pmid)
        data = {"@type": "ScholarlyArticle" if scholarly else "CreativeWork", "name": source.title}
        url = source.doi_url or source.url or source.pubmed_url
        if url:
            data["url"] = url
        if source.doi:
            data["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": source.doi,
            }
        if source.authors:
            data["author"] = source.authors
        if source.publisher:
            data["publisher"] = source.publisher
        if source.year:
            data["datePublished"] = str(source.year)
        return data

    def graph(self, obj=None):
        nodes = [self.organization()]
        if obj is not None:
            nodes.extend(obj.structured_data(self))
        return {"@context": "https://schema.org", "@graph": nodes}


def ld_json(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - <, > and & escaped above
