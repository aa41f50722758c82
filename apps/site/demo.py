"""The demo content loader: reads ``demo_content/`` and makes the database match it.

Every demo item is a file a medical reviewer can read and correct without reading Python
(see ``demo_content/README.md``): articles and sleep alternatives are Markdown with TOML
front matter between ``+++`` lines, help services are TOML, and the shared reference data
(sources, contributors, topics, organisations, search synonyms) is one TOML file each.
TOML is read with the standard library's ``tomllib``, so no new dependency.

Loading is idempotent (the bakerydemo pattern): items are matched by slug or key and
saved only when something differs, so a rerun creates no duplicates, no history rows and
no new versions. Review dates are written as "reviewed N days ago" and computed from the
day an item is first loaded (or its text changes), so the demo never turns overdue on a
fixed calendar date; a rerun on a later day keeps the stored dates.
"""

import datetime
import tomllib
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from apps.editorial.demo_support import set_if_changed, sync_m2m
from apps.editorial.models import Contributor, Source, Status, Topic, one_year_after

from .standing_pages import ensure_standing_pages

DEMO_DIR = Path(settings.BASE_DIR) / "demo_content"
FRONT_MATTER = "+++"


class DemoContentError(Exception):
    """A demo file is malformed; the message names the file."""


# --- reading ------------------------------------------------------------------------
def read_toml(path):
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"{path}: {exc}") from exc


def read_markdown(path):
    """(front matter dict, Markdown body) of a ``+++``-fenced file."""
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n" + FRONT_MATTER + "\n")
    if not head.startswith(FRONT_MATTER + "\n") or not sep:
        raise DemoContentError(f"{path}: expected TOML front matter between +++ lines")
    try:
        meta = tomllib.loads(head.removeprefix(FRONT_MATTER + "\n"))
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"{path}: {exc}") from exc
    return meta, rest.strip("\n") + "\n"


def items(folder, suffix):
    """(slug, path) for each file in ``demo_content/<folder>``, sorted by slug."""
    return [(path.stem, path) for path in sorted((DEMO_DIR / folder).glob(f"*{suffix}"))]


def review_dates(obj, changed, days_ago, today):
    """Give a new or changed item review dates relative to ``today``; keep them otherwise."""
    if changed or obj.pk is None or obj.last_reviewed_on is None:
        reviewed = today - datetime.timedelta(days=days_ago)
        changed |= obj.last_reviewed_on != reviewed
        obj.last_reviewed_on = reviewed
        obj.next_review_due = one_year_after(reviewed)
    return changed


def save_if(obj, changed):
    if changed or obj.pk is None:
        obj.full_clean()
        obj.save()


# --- editorial reference data -------------------------------------------------------
def load_editorial():
    sources = read_toml(DEMO_DIR / "sources.toml")
    for key, data in sources.items():
        source = Source.objects.filter(key=key).first() or Source(key=key)
        values = {
            "authors": data.get("authors", ""),
            "title": data["title"],
            "publisher": data.get("publisher", ""),
            "year": data.get("year"),
            "doi": data.get("doi", ""),
            "pmid": data.get("pmid", ""),
            "url": data.get("url", ""),
            "source_type": data["type"],
            "cautious": data.get("cautious", False),
            "status": data.get("status", "current"),
            "status_note": data.get("status_note", ""),
        }
        save_if(source, set_if_changed(source, values))
    contributors = read_toml(DEMO_DIR / "contributors.toml")
    for slug, data in contributors.items():
        contributor = Contributor.objects.filter(slug=slug).first() or Contributor(slug=slug)
        save_if(contributor, set_if_changed(contributor, data))
    topics = read_toml(DEMO_DIR / "topics.toml")
    for slug, data in topics.items():
        topic = Topic.objects.filter(slug=slug).first() or Topic(slug=slug)
        save_if(topic, set_if_changed(topic, data))
    return {"sources": len(sources), "contributors": len(contributors), "topics": len(topics)}


# --- help services ------------------------------------------------------------------
def stable_id(*parts):
    """The same uuid on every install, so HSDS ids survive a reload."""
    from apps.referrals.taxonomy import NAMESPACE

    return uuid.uuid5(NAMESPACE, "demo:" + ":".join(parts))


def _sync(model, lookup, values, exclude=("service",)):
    """update_or_create that saves only when something changed (no new history rows)."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    if created:
        for name, value in values.items():
            setattr(obj, name, value)
    if created or set_if_changed(obj, values):
        obj.full_clean(exclude=list(exclude), validate_unique=False)
        obj.save()
    return obj, created


def load_services():
    from apps.referrals.models import (
        NUMBER_KINDS,
        Organization,
        Service,
        TaxonomyTerm,
        normalise_phone,
    )
    from apps.referrals.taxonomy import ensure_taxonomy

    ensure_taxonomy(TaxonomyTerm._meta.get_field("taxonomy").related_model, TaxonomyTerm)
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    orgs = {}
    for key, data in read_toml(DEMO_DIR / "organizations.toml").items():
        orgs[key], _ = _sync(
            Organization,
            {"id": stable_id("org", key)},
            {
                "name": data["name"],
                "description": data["description"],
                "website": data.get("website", ""),
            },
            exclude=(),
        )
    created = 0
    files = items("services", ".toml")
    for slug, path in files:
        data = read_toml(path)
        existing = Service.objects.filter(slug=slug).first()
        values = {
            "hsds_id": stable_id("service", slug),
            "name": data["name"],
            "organization": orgs.get(data.get("organization", "")),
            "description": data["description"],
            "status": Status.PUBLISHED,
            "published_at": existing.published_at if existing else timezone.now(),
            "is_free": True,
            "fees_description": "",
            "eligibility": data.get("eligibility", ""),
            "is_confidential": data.get("confidential", False),
            "is_anonymous": data.get("anonymous", False),
            "time_zone": data["time_zone"],
            "is_24_7": data.get("is_24_7", False),
            "hours_note": data.get("hours_note", ""),
            "available_worldwide": data.get("available_worldwide", False),
            "featured_in_help_strip": "help_strip_order" in data,
            "help_strip_order": data.get("help_strip_order", 0),
            "help_strip_label": data.get("help_strip_label", ""),
        }
        service, was_created = _sync(Service, {"slug": slug}, values, exclude=())
        created += was_created
        sync_m2m(service.categories, [terms[code] for code in data["categories"]])
        sync_m2m(
            service.topics,
            list(Topic.objects.filter(slug__in=["getting-help", *data.get("topics", [])])),
        )
        _sync_service_children(service, data, NUMBER_KINDS, normalise_phone)
    return {"services": len(files), "created": created, "organizations": len(orgs)}


def _sync_service_children(service, data, number_kinds, normalise_phone):
    from apps.referrals.models import ContactPoint, ServiceArea, ServiceLanguage

    slug = service.slug
    keep = []
    for order, contact in enumerate(data.get("contacts", [])):
        kind, value = contact["kind"], contact["value"]
        display = contact.get("display") or _default_display(kind, value, number_kinds)
        obj, _ = _sync(
            ContactPoint,
            {"hsds_id": stable_id("contact", slug, str(order))},
            {
                "service": service,
                "kind": kind,
                "value": normalise_phone(value) if kind in number_kinds else value,
                "display": display,
                "label": contact.get("label", ""),
                "note": contact.get("note", ""),
                "order": order,
            },
        )
        keep.append(obj.pk)
    service.contacts.exclude(pk__in=keep).delete()

    keep = []
    for area in data.get("areas", []):
        country, _, region = area.partition("/")
        obj, _ = _sync(
            ServiceArea,
            {"service": service, "country": country, "region": region},
            {"nationwide": not region},
        )
        keep.append(obj.pk)
    service.service_areas.exclude(pk__in=keep).delete()

    keep = []
    for language in data.get("languages", ["en"]):
        code, _, note = language.partition(":")
        obj, _ = _sync(ServiceLanguage, {"service": service, "code": code}, {"note": note.strip()})
        keep.append(obj.pk)
    service.languages_spoken.exclude(pk__in=keep).delete()


def _default_display(kind, value, number_kinds):
    if kind in number_kinds:
        return value
    if kind in ("website", "chat"):
        return value.split("://", 1)[1].removeprefix("www.").rstrip("/")
    return value


# --- editor checks a reviewer accepted -------------------------------------------------
def accept_reviewed_warnings(obj, meta, reviewer):
    """Record the demo reviewer's acceptance of warnings listed in ``[[accepted_warnings]]``.

    Each entry names the check, the start of the warned-about text and the reason. An
    entry whose text no longer raises a warning is skipped; an already accepted warning
    is not accepted twice, so a rerun writes nothing.
    """
    from apps.editorial.checks import accept, open_warnings

    wanted = meta.get("accepted_warnings", [])
    if wanted:
        pending, _done = open_warnings(obj)
        for entry in wanted:
            for warning in pending:
                if warning.check == entry["check"] and warning.excerpt.startswith(entry["text"]):
                    accept(obj, warning.fingerprint, entry["reason"], name=reviewer.name)


def sync_past_changes(obj, meta, today):
    """Add the ``[[past_changes]]`` of a demo file to the item's public change archive."""
    from django.contrib.contenttypes.models import ContentType

    from apps.editorial.models import ChangeNote

    existing = set(ChangeNote.objects.for_object(obj).values_list("note", flat=True))
    for entry in meta.get("past_changes", []):
        if entry["note"] not in existing:
            ChangeNote.objects.create(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                changed_on=today - datetime.timedelta(days=entry["days_ago"]),
                note=entry["note"],
            )


# --- articles -----------------------------------------------------------------------
def load_articles(today):
    from apps.articles.models import Article, FAQItem

    contributors = {c.slug: c for c in Contributor.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    files = items("articles", ".md")
    for slug, path in files:
        meta, body = read_markdown(path)
        article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
        created += article.pk is None
        values = {
            "title": meta["title"],
            "standfirst": meta["standfirst"],
            "key_points": "\n".join(meta["key_points"]),
            "body": body,
            "audience": meta["audience"],
            "change_note": meta.get("change_note", ""),
            "status": Status.PUBLISHED,
            "reviewed_by": contributors[meta["reviewer"]],
        }
        changed = set_if_changed(article, values)
        changed = review_dates(article, changed, meta["reviewed_days_ago"], today)
        save_if(article, changed)
        wanted = [(faq["question"], faq["answer"].strip()) for faq in meta.get("faq", [])]
        current = list(article.faq_items.order_by("order", "pk").values_list("question", "answer"))
        if current != wanted:
            article.faq_items.all().delete()
            for order, (question, answer) in enumerate(wanted, start=1):
                item = FAQItem(article=article, question=question, answer=answer, order=order)
                item.full_clean()
                item.save()
        if set(article.sources.values_list("key", flat=True)) != set(article.cited_keys()):
            article.sync_sources()
        sync_m2m(article.authors, [contributors[meta["author"]]])
        sync_m2m(article.topics, [topics[s] for s in meta["topics"] if s in topics])
        accept_reviewed_warnings(article, meta, article.reviewed_by)
        sync_past_changes(article, meta, today)
    return {"articles": len(files), "created": created}


# --- sleep alternatives -------------------------------------------------------------
def load_alternatives(today):
    from apps.alternatives.models import Alternative, Delivery, HelpsWith

    contributors = {c.slug: c for c in Contributor.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    files = items("alternatives", ".md")
    for slug, path in files:
        meta, steps = read_markdown(path)
        alternative = Alternative.objects.filter(slug=slug).first() or Alternative(slug=slug)
        created += alternative.pk is None
        values = {
            "name": meta["name"],
            "category": meta["category"],
            "evidence": meta["evidence"],
            "not_enough_alone": meta.get("not_enough_alone", False),
            "summary": meta["summary"],
            "steps": steps,
            "cautions": meta.get("cautions", "").strip("\n") + "\n",
            "time_to_benefit": meta.get("time_to_benefit", ""),
            "effort": meta["effort"],
            "cost": meta["cost"],
            # In the properties' own order, so an unchanged item compares equal.
            "delivery": [v for v in Delivery.values if v in meta["delivery"]],
            "helps_with": [v for v in HelpsWith.values if v in meta["helps_with"]],
            "change_note": meta.get("change_note", ""),
            "status": Status.PUBLISHED,
            "reviewed_by": contributors[meta["reviewer"]],
        }
        changed = set_if_changed(alternative, values)
        changed = review_dates(alternative, changed, meta["reviewed_days_ago"], today)
        save_if(alternative, changed)
        if set(alternative.sources.values_list("key", flat=True)) != set(alternative.cited_keys()):
            alternative.sync_sources()
        sync_m2m(alternative.authors, [contributors[meta["author"]]])
        sync_m2m(alternative.topics, [topics[s] for s in meta["topics"] if s in topics])
        accept_reviewed_warnings(alternative, meta, alternative.reviewed_by)
        sync_past_changes(alternative, meta, today)
    return {"alternatives": len(files), "created": created}


# --- links between items, once everything exists --------------------------------------
def link_related():
    from apps.alternatives.models import Alternative, related_field_names
    from apps.articles.models import Article
    from apps.referrals.models import Service

    articles = {a.slug: a for a in Article.objects.all()}
    services = {s.slug: s for s in Service.objects.all()}
    for slug, path in items("articles", ".md"):
        meta, _ = read_markdown(path)
        article = articles[slug]
        related = meta.get("related_articles", [])
        sync_m2m(article.related_articles, [articles[s] for s in related if s in articles])
        wanted = meta.get("services", [])
        sync_m2m(article.related_services, [services[s] for s in wanted if s in services])
    by_model = {"related_services": services, "related_articles": articles}
    keys = {"related_services": "services", "related_articles": "related_articles"}
    for slug, path in items("alternatives", ".md"):
        meta, _ = read_markdown(path)
        alternative = Alternative.objects.get(slug=slug)
        for relation in related_field_names():
            known = by_model[relation]
            wanted = [known[s] for s in meta.get(keys[relation], []) if s in known]
            sync_m2m(getattr(alternative, relation), wanted)


def refresh_check_results():
    """Store the editor-check results the admin dashboard counts."""
    from apps.editorial.checks import refresh_status
    from apps.editorial.registry import publishable_models

    items_checked = warnings = 0
    for model in publishable_models():
        for obj in model.objects.all():
            pending, _done = refresh_status(obj)
            items_checked += 1
            warnings += len(pending)
    return {"items checked": items_checked, "open warnings": warnings}


def load_synonyms():
    from apps.search.documents import rebuild_index
    from apps.search.models import Synonym

    synonyms = read_toml(DEMO_DIR / "synonyms.toml")
    for term, canonical in synonyms.items():
        synonym = Synonym.objects.filter(term=term).first() or Synonym(term=term)
        save_if(synonym, set_if_changed(synonym, {"canonical": canonical}))
    counts = rebuild_index()
    return {"synonyms": len(synonyms), "search documents": sum(counts.values())}


def load_all(today=None):
    """Load everything in dependency order; return [(part, {what: count})]."""
    today = today or timezone.localdate()
    report = [
        ("site", {"standing pages created": ensure_standing_pages()}),
        ("editorial", load_editorial()),
        ("referrals", load_services()),
        ("articles", load_articles(today)),
        ("alternatives", load_alternatives(today)),
    ]
    link_related()
    report.append(("editor checks", refresh_check_results()))
    # Last: the search index covers everything above.
    report.append(("search", load_synonyms()))
    return report
