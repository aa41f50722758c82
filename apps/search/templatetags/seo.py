"""Sharing and structured data, built from the same fields the page shows.

``{% seo_meta object %}`` renders the canonical link and OpenGraph/Twitter tags;
``{% structured_data object %}`` renders one JSON-LD block: MedicalWebPage (with
FAQPage when the object has FAQ items) for medically reviewed content, a WebPage about
a Service for help services, Organization on its own for the home page
(``{% structured_data %}``). JSON-LD is a data block, never executed, so
the strict CSP allows it; ``<``, ``>`` and ``&`` are escaped as in json_script.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from apps.editorial.markdown import plain_text

register = template.Library()

SITE_NAME = "Nightlight"
SITE_DESCRIPTION = (
    "Honest, cited harm-reduction answers about kratom, sleep and pain, with "
    "evidence-graded sleep alternatives and verified help contacts."
)

# Words in an item's audience value -> schema.org audience type.
AUDIENCES = [
    ("clinician", "Clinician"),
    ("professional", "Clinician"),
    ("caregiver", "Caregiver"),
    ("carer", "Caregiver"),
    ("family", "Caregiver"),
    ("patient", "Patient"),
    ("people", "Patient"),
    ("user", "Patient"),
]


def absolute(request, path):
    if path.startswith(("http://", "https://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def meta_for(request, obj=None):
    if obj is None:
        return {
            "title": SITE_NAME,
            "description": SITE_DESCRIPTION,
            "url": absolute(request, request.path if request else "/"),
            "type": "website",
        }
    return {
        "title": obj.meta_title,
        "description": plain_text(obj.meta_description, limit=200),
        "url": absolute(request, obj.get_absolute_url()),
        "type": "article",
    }


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context, obj=None):
    return {"meta": meta_for(context.get("request"), obj), "site_name": SITE_NAME}


def organization(request):
    return {
        "@type": "Organization",
        "@id": absolute(request, "/#organization"),
        "name": SITE_NAME,
        "url": absolute(request, "/"),
        "description": SITE_DESCRIPTION,
        "email": settings.CONTACT_EMAIL,
    }


def person(request, contributor):
    data = {
        "@type": "Person",
        "name": contributor.name,
        "url": absolute(request, contributor.get_absolute_url()),
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


def citation(source):
    scholarly = bool(source.doi or source.pmid)
    data = {"@type": "ScholarlyArticle" if scholarly else "CreativeWork", "name": source.title}
    url = source.doi_url or source.url or source.pubmed_url
    if url:
        data["url"] = url
    if source.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
    if source.authors:
        data["author"] = source.authors
    if source.publisher:
        data["publisher"] = source.publisher
    if source.year:
        data["datePublished"] = str(source.year)
    return data


def audience(obj):
    value = getattr(obj, "audience", None)
    if not value:
        return None
    display = getattr(obj, "get_audience_display", lambda: "")()
    values = list(value) if isinstance(value, list | tuple | set) else [value, display]
    found = []
    for label in values:
        for word, audience_type in AUDIENCES:
            if word in str(label).lower() and audience_type not in found:
                found.append(audience_type)
                break
    return [{"@type": "MedicalAudience", "audienceType": kind} for kind in found] or None


def faq_items(obj):
    value = getattr(obj, "faq_items", None)
    if value is None:
        return []
    if hasattr(value, "all"):
        value = value.all()
    pairs = []
    for item in value or ():
        if isinstance(item, dict):
            question, answer = item.get("question", ""), item.get("answer", "")
        else:
            question, answer = getattr(item, "question", ""), getattr(item, "answer", "")
        if question and answer:
            pairs.append((question, plain_text(answer)))
    return pairs


def medical_web_page(request, obj):
    page = web_page(request, obj, "MedicalWebPage")
    if obj.last_reviewed_on:
        page["lastReviewed"] = obj.last_reviewed_on.isoformat()
    if obj.reviewed_by_id:
        page["reviewedBy"] = person(request, obj.reviewed_by)
    authors = [person(request, author) for author in obj.authors.all()]
    if authors:
        page["author"] = authors
    medical_audience = audience(obj)
    if medical_audience:
        page["audience"] = medical_audience
    citations = [citation(source) for source in obj.sources.all()]
    if citations:
        page["citation"] = citations
    topics = [topic.name for topic in obj.topics.all()]
    if topics:
        page["about"] = [{"@type": "Thing", "name": name} for name in topics]
    return page


def faq_page(request, obj, pairs):
    return {
        "@type": "FAQPage",
        "@id": absolute(request, obj.get_absolute_url() + "#faq"),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in pairs
        ],
    }


def web_page(request, obj, page_type="WebPage"):
    """What every content page states about itself: name, address, dates, publisher."""
    meta = meta_for(request, obj)
    page = {
        "@type": page_type,
        "@id": meta["url"],
        "name": meta["title"],
        "url": meta["url"],
        "description": meta["description"],
        "inLanguage": "en",
        "publisher": {"@id": absolute(request, "/#organization")},
    }
    if obj.published_at:
        page["datePublished"] = obj.published_at.isoformat()
    if obj.updated_at:
        page["dateModified"] = obj.updated_at.isoformat()
    return page


# Contact kinds -> how schema.org's ServiceChannel names them.
CHANNEL_PROPERTIES = {"phone": "servicePhone", "tty": "servicePhone", "text": "serviceSmsNumber"}


def service_channel(contact, languages):
    channel = {"@type": "ServiceChannel", "name": contact.label or contact.get_kind_display()}
    if contact.kind in CHANNEL_PROPERTIES:
        channel[CHANNEL_PROPERTIES[contact.kind]] = {
            "@type": "ContactPoint",
            "telephone": contact.display or contact.value,
        }
    else:
        channel["serviceUrl"] = contact.href
    if languages:
        channel["availableLanguage"] = languages
    return channel


def service_web_page(request, service):
    """A help service: a WebPage about a Service, checked (lastReviewed) by staff.

    Not a MedicalWebPage: directory entries are verified by staff, not medically reviewed.
    """
    page = web_page(request, service)
    if service.last_verified_on:
        page["lastReviewed"] = service.last_verified_on.isoformat()
    entity = {"@type": "Service", "name": service.name, "description": service.description}
    if service.organization_id:
        provider = {"@type": "Organization", "name": service.organization.name}
        if service.organization.website:
            provider["url"] = service.organization.website
        entity["provider"] = provider
    kinds = [term.name for term in service.categories.all()]
    if kinds:
        entity["serviceType"] = kinds
    areas = [
        {"@type": "AdministrativeArea" if area.region else "Country", "name": str(area)}
        for area in service.service_areas.all()
    ]
    if areas:
        entity["areaServed"] = areas
    languages = [language.name for language in service.languages_spoken.all()]
    channels = [service_channel(contact, languages) for contact in service.contacts.all()]
    if channels:
        entity["availableChannel"] = channels
    if service.is_free:
        entity["isAccessibleForFree"] = True
    page["mainEntity"] = entity
    return page


def graph_for(request, obj=None):
    graph = [organization(request)]
    if obj is not None and not getattr(obj, "requires_medical_review", True):
        graph.append(service_web_page(request, obj))
    elif obj is not None:
        graph.append(medical_web_page(request, obj))
        pairs = faq_items(obj)
        if pairs:
            graph.append(faq_page(request, obj, pairs))
    return {"@context": "https://schema.org", "@graph": graph}


def ld_json(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - <, > and & escaped above


@register.simple_tag(takes_context=True)
def structured_data(context, obj=None):
    return ld_json(graph_for(context.get("request"), obj))
