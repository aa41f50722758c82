"""What every content type shares: topics, contributors, sources and the publishable base."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator, URLValidator
from django.db import models, router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from .citations import cited_keys
from .indexing import SearchEntry
from .markdown import plain_text
from .trust import TrustPanel

http_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter an http:// or https:// address."
)
doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI such as 10.1016/j.drugalcdep.2014.03.017 (without https://doi.org/).",
)
pmid_validator = RegexValidator(r"^[1-9]\d{0,8}$", "A PubMed ID is a number such as 24698080.")
source_key_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Use lower-case letters, digits and hyphens, such as grundmann-2017.",
)


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + datetime.timedelta(days=365)


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the topic page."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editorial:topic", args=[self.slug])


class Contributor(models.Model):
    """The public identity of an author or reviewer, separate from staff accounts."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(
        max_length=120, help_text="For example: Medical reviewer, Health writer."
    )
    credentials = models.CharField(
        max_length=160,
        blank=True,
        help_text='Qualifications readers can check, such as "MD, addiction medicine".',
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences on relevant experience.")
    conflict_of_interest = models.TextField(
        "conflict-of-interest statement",
        blank=True,
        help_text="Any money, job, gift or tie that a reader could think bears on this "
        'person\'s work, or "None". Shown on their profile and with every page they wrote '
        "or reviewed.",
    )
    is_placeholder = models.BooleanField(
        "demo profile",
        default=False,
        help_text="A placeholder identity from the demo content. Readers see “demo profile” "
        "next to the name; replace it with the real person before launch.",
    )
    link = models.URLField(blank=True, validators=[http_url_validator])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor",
        limit_choices_to={"is_staff": True},
        help_text="The staff account of this person, so their reviews are recorded in their name.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def get_absolute_url(self):
        return reverse("editorial:contributor", args=[self.slug])

    @property
    def qualification_note(self):
        """Credentials and the demo marking, as readers see them after the name."""
        return "; ".join(p for p in (self.credentials, "demo profile" * self.is_placeholder) if p)

    @property
    def conflict_of_interest_text(self):
        """The statement readers see; an empty field is said plainly, never left out."""
        return self.conflict_of_interest or "No statement recorded yet."


class SourceType(models.TextChoices):
    CLINICAL_GUIDELINE = "guideline", "Clinical guideline"
    SYSTEMATIC_REVIEW = "systematic-review", "Systematic review"
    REVIEW = "review", "Narrative review"
    RANDOMISED_TRIAL = "rct", "Randomised trial"
    OBSERVATIONAL = "observational", "Observational study"
    LABORATORY = "laboratory", "Laboratory study"
    CASE_REPORT = "case-report", "Case report"
    GOVERNMENT = "government", "Government or regulator"
    EXPERT_OPINION = "expert-opinion", "Expert opinion"
    SURVEY = "survey", "Survey"


class SourceStatus(models.TextChoices):
    CURRENT = "current", "Current"
    RETRACTED = "retracted", "Retracted"
    REPLACED = "replaced", "Replaced by a newer version"


class Source(models.Model):
    key = models.CharField(
        max_length=60,
        unique=True,
        validators=[source_key_validator],
        help_text="Cite it in Markdown as [@key], for example [@grundmann-2017].",
    )
    title = models.CharField(max_length=400)
    authors = models.CharField(
        max_length=400, blank=True, help_text="As in the citation: Singh D, Müller CP, et al."
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Journal (with volume and pages) or publisher."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(blank=True, max_length=500, validators=[http_url_validator])
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[doi_validator])
    pmid = models.CharField("PubMed ID", max_length=12, blank=True, validators=[pmid_validator])
    source_type = models.CharField(max_length=30, choices=SourceType.choices)
    cautious = models.BooleanField(
        default=False,
        help_text="Tick when our facts from this source must stay hedged (reasoning from "
        "other drugs, animal data, self-report). The editor checks then warn about mixing "
        "or dose risks stated as settled where this source is cited.",
    )
    status = models.CharField(
        max_length=20,
        choices=SourceStatus.choices,
        default=SourceStatus.CURRENT,
        help_text="Mark a retracted or superseded source; every page citing it is flagged.",
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="The newer version to cite instead, if there is one.",
    )
    status_note = models.CharField(
        max_length=300, blank=True, help_text="What happened, with the date (for editors)."
    )

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key

    def clean(self):
        self.doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", self.doi.strip(), flags=re.I)
        if not (self.url or self.doi or self.pmid):
            raise ValidationError(
                "Give at least one way to find the source: a URL, a DOI or a PubMed ID."
            )
        if self.year and not 1800 <= self.year <= timezone.now().year + 1:
            raise ValidationError({"year": "Enter the year of publication."})

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


class Status(models.TextChoices):
    """Where an item (or a published item's working draft) is in the editorial cycle:
    draft → in review → approved (ready to publish) → published; a reviewer may send
    it back with a note instead of approving it."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SENT_BACK = "sent_back", "Sent back"
    APPROVED = "approved", "Approved, ready to publish"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def public_q(now=None):
    """The one rule for "visible to the public now"; querysets and search both use it."""
    return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


@dataclass(frozen=True)
class ListCheck:
    """A state editors look for, defined once: the queryset method that selects it.

    The admin list filters (apps.editorial.admin.check_filter) and the editorial
    dashboard (apps.editorial.dashboard) are both generated from these, so a count on
    the dashboard and the list its link opens cannot disagree.
    """

    parameter: str  # the admin list filter's query parameter
    value: str  # its value in the changelist URL
    label: str  # the filter's choice
    method: str  # the queryset method (no arguments) that selects the items
    dashboard: str = ""  # the dashboard row's label; empty: a filter only
    medical_review_only: bool = False  # needs MedicalReview's review dates

    @property
    def query(self):
        return f"{self.parameter}={self.value}"

    def applies_to(self, model):
        return model.requires_medical_review or not self.medical_review_only

    def select(self, queryset):
        return getattr(queryset, self.method)()


REVIEW_DUE_SOON_DAYS = 30


class PublishableQuerySet(models.QuerySet):
    # In dashboard order. A subclass adds its own (referral services: links, verification).
    list_checks = (
        ListCheck("review", "overdue", "Overdue", "review_overdue", "Overdue for review", True),
        ListCheck(
            "review",
            "due30",
            f"Due within {REVIEW_DUE_SOON_DAYS} days",
            "review_due_soon",
            f"Review due within {REVIEW_DUE_SOON_DAYS} days",
            True,
        ),
        ListCheck("workflow", "in_review", "Waiting for review", "in_review", "Waiting for review"),
        ListCheck("workflow", "approved", "Ready to publish", "approved", "Ready to publish"),
        ListCheck("workflow", "sent_back", "Sent back", "sent_back", "Sent back"),
        ListCheck("workflow", "scheduled", "Scheduled", "scheduled", "Scheduled"),
        ListCheck(
            "review", "needs", "Needs review again", "changed_since_review", "Changed since review"
        ),
    )

    def list_checks_for(self, parameter=None):
        """This content type's checks (all, or those of one admin filter)."""
        return [
            check
            for check in self.list_checks
            if check.applies_to(self.model) and parameter in (None, check.parameter)
        ]

    def public(self):
        return self.filter(public_q())

    # The two review-date filters apply to content types with MedicalReview.
    def review_overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.filter(
            next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=days)
        )

    def review_due_soon(self, today=None):
        return self.review_due_within(REVIEW_DUE_SOON_DAYS, today)

    # Items count where they, or their working drafts, are in the cycle.
    def in_state(self, status):
        from .drafts import in_state  # drafts imports this module

        return self.filter(in_state(self.model, status))

    def in_review(self):
        return self.in_state(Status.IN_REVIEW)

    def approved(self):
        return self.in_state(Status.APPROVED)

    def sent_back(self):
        return self.in_state(Status.SENT_BACK)

    def scheduled(self, now=None):
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or timezone.now())

    def changed_since_review(self):
        return self.filter(needs_review=True)

    def for_page(self):
        """The row a page reads, joined to the single related rows its parts show."""
        if self.model.requires_medical_review:
            return self.select_related("reviewed_by")
        return self

    def for_detail(self):
        """Everything the item's page (and its structured data) reads, in a fixed number of queries."""
        return self.for_page().prefetch_related(*self.model.page_prefetches())


class Publishable(models.Model):
    """The publishing base every public content type inherits: status, schedule,
    version and history. Medical review is a separate mixin (MedicalReview) that
    content types with health claims add; referral services are verified instead.

    ``substance_fields`` (used by the review workflow) names the fields whose change
    means the item needs checking again; a new date in ``check_date_field`` records
    that check and clears the flag. ``draft_inlines`` names the reverse relations
    (FAQ items, contacts…) that belong to the item's content, so a working draft and
    its publication carry them too.
    """

    citation_fields: tuple[str, ...] = ()
    substance_fields: tuple[str, ...] = ()
    check_date_field: str | None = None
    draft_inlines: tuple[str, ...] = ()
    # True on MedicalReview content: it needs a named reviewer before it goes public.
    requires_medical_review: bool = False
    # Fields no other item's page shows (its own page does, and lists and feeds may): a
    # save changing only these leaves the other items' stored pages as they are
    # (``changes_other_pages``, apps/pagecache/generation.py). A field not named here
    # counts as shown elsewhere, so a new field costs re-renders, never a stale page;
    # tests/editorial/test_rendered_pages.py checks each name against the templates.
    page_only_fields: tuple[str, ...] = (
        "seo_title",
        "seo_description",
        "needs_review",
        "version",
        "created_at",
        "updated_at",
    )

    slug = models.SlugField(max_length=120, unique=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="A future date and time schedules publication.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="%(app_label)s_%(class)s_set")
    authors = models.ManyToManyField(
        Contributor, blank=True, related_name="authored_%(app_label)s_%(class)s_set"
    )
    seo_title = models.CharField("SEO title", max_length=70, blank=True)
    seo_description = models.CharField("SEO description", max_length=160, blank=True)
    needs_review = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Set when the substance changed after the last review.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    # The change reason holds a reviewer's full send-back note: text, not varchar(100).
    history = HistoricalRecords(
        inherit=True, history_change_reason_field=models.TextField(null=True)
    )
    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from .workflow import flag_substance_change, keep_old_url

        self.fill_review_dates()
        if self.status == Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        # One transaction for the row and what goes with it (history, old URL, change
        # note): readers' caches then move on once, after all of it (apps/pagecache,
        # apps/editorial/pages.py renders the page after the last write).
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            stored = self.stored_copy()
            self.changes_other_pages = stored is None or any(
                stored[name] != getattr(self, name) for name in self.shown_elsewhere()
            )
            if stored and flag_substance_change(self, stored):
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "needs_review"}
            super().save(*args, **kwargs)
            if stored:
                keep_old_url(self, stored)
            from .corrections import record_change_note

            record_change_note(self)

    def fill_review_dates(self):
        """Hook for MedicalReview: derive the next review date."""

    @classmethod
    def shown_elsewhere(cls):
        """The attribute names of the fields other items' pages may show."""
        return [
            field.attname
            for field in cls._meta.concrete_fields
            if not field.primary_key and field.name not in cls.page_only_fields
        ]

    def stored_copy(self):
        """The saved values the workflow compares against (substance, status, review,
        slug), and those of the fields shown elsewhere (``changes_other_pages``)."""
        if self.pk is None or self._state.adding:
            return None
        names = ["slug", "status", "needs_review", *self.shown_elsewhere()]
        if self.check_date_field:
            names.append(self.check_date_field)
        for name in self.substance_fields:
            field = self._meta.get_field(name)
            if field.concrete and not field.many_to_many:
                names.append(field.attname)
        unique = dict.fromkeys(names)
        return type(self)._base_manager.filter(pk=self.pk).values(*unique).first()

    # --- public state -------------------------------------------------------------
    @property
    def is_public(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at
            and self.published_at > timezone.now()
        )

    @property
    def change_log(self):
        """(latest ChangeNote, older ones): the page's "Updated" line and its archive."""
        from .corrections import change_log

        if not hasattr(self, "_change_log"):
            self._change_log = change_log(self)
        return self._change_log

    @property
    def is_review_overdue(self):
        return False

    def trust_panel(self):
        """Who wrote this page (content types that are checked add who checked it, when,
        and when it is next due). Reads ``authors``; views prefetch it with the item."""
        return TrustPanel(authors=list(self.authors.all()))

    @property
    def meta_title(self):
        return self.seo_title or str(self)

    @property
    def meta_description(self):
        return self.seo_description or self.summary_text()

    def summary_text(self):
        """The plain-language summary used when there is no SEO description."""
        return ""

    # --- what the type declares about itself: read by search, SEO and its page --------
    # The public list this type's pages sit under: (breadcrumb label, URL name).
    section: tuple[str, str] = ("Home", "site:home")

    # Related rows that search_entry() reads: prefetched when indexing in bulk, and a
    # change to one of them re-indexes the item (an FAQ answer edited in an inline).
    search_related: tuple[str, ...] = ()

    def search_entry(self):
        """The text the site search indexes for this item (see apps.editorial.indexing)."""
        return SearchEntry(
            kind=self._meta.model_name,
            title=str(self),
            body=plain_text(self.citation_text()),
            summary=plain_text(self.meta_description, limit=300),
        )

    def structured_data(self, ld):
        """The schema.org nodes describing this item's page, built with ``ld``'s helpers.

        ``ld`` is the SEO app's builder (apps.seo.jsonld.StructuredData); passing it in
        keeps content apps free of any import of the SEO app.
        """
        return [ld.web_page(self)]

    @classmethod
    def page_prefetches(cls):
        """What the page and its structured data read besides the row itself."""
        return ["authors", "topics"]

    # The template of the item's main content (it extends content_item.html); with
    # page_context(), what apps/editorial/pages.py renders once per change.
    page_template: str | None = None

    def page_context(self):
        """What ``page_template`` needs besides the item (read with page_prefetches())."""
        return {}

    # --- citations (MedicalReview content cites; the base has nothing to cite) ---------
    def citation_text(self):
        return "\n\n".join(getattr(self, name) or "" for name in self.citation_fields)

    def checked_texts(self):
        """[(label, Markdown)] the editor checks read: each cited field by its name."""
        return [
            (str(self._meta.get_field(name).verbose_name).capitalize(), getattr(self, name) or "")
            for name in self.citation_fields
        ]

    def cited_keys(self):
        return cited_keys(self.citation_text())

    def sync_sources(self):
        """Content without sources has nothing to keep in step."""

    # --- validation -----------------------------------------------------------------
    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()


class MedicalReview(models.Model):
    """Medical review for content that makes health claims: a named, qualified reviewer,
    review dates, the change note readers see, and the sources the text cites.

    ``citation_fields`` names the Markdown fields whose ``[@key]`` citations must
    resolve to a Source. List it before Publishable in the bases, so its ``clean()``
    and ``save()`` hooks run first.
    """

    citation_fields: tuple[str, ...] = ()
    check_date_field = "last_reviewed_on"
    requires_medical_review = True
    # Who checked it and when: shown on the item's own page (and lists), not on others'.
    review_fields = ("reviewed_by", "last_reviewed_on", "next_review_due", "change_note")

    reviewed_by = models.ForeignKey(
        Contributor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_%(app_label)s_%(class)s_set",
        help_text="The qualified person who checked the facts.",
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Defaults to one year after the last review.",
    )
    change_note = models.CharField(
        max_length=300,
        blank=True,
        help_text='Shown to readers: what changed at the last review ("Added 2023 guideline").',
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        editable=False,
        related_name="%(app_label)s_%(class)s_set",
        help_text="Kept in step with the [@key] citations in the text.",
    )

    class Meta:
        abstract = True

    def fill_review_dates(self):
        if self.last_reviewed_on and not self.next_review_due:
            self.next_review_due = one_year_after(self.last_reviewed_on)

    @property
    def is_review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    @classmethod
    def page_prefetches(cls):
        return [*super().page_prefetches(), "sources"]

    def trust_panel(self):
        """Who wrote and medically reviewed this page, when, and when it is next due.

        Reads ``authors`` and ``reviewed_by``; views prefetch them with the item.
        """
        return TrustPanel(
            authors=list(self.authors.all()),
            checker=self.reviewed_by,
            checked_on=self.last_reviewed_on,
            next_due=self.next_review_due,
            change_note=self.change_note,
            overdue=self.is_review_overdue,
            overdue_title="Review overdue.",
            overdue_text=(
                f"This page was due for review on {date_format(self.next_review_due)}. "
                "Some details may be out of date."
                if self.next_review_due
                else ""
            ),
        )

    def sync_sources(self):
        """Point ``sources`` at exactly the sources cited in the text."""
        self.sources.set(Source.objects.filter(key__in=self.cited_keys()))

    def clean(self):
        super().clean()
        errors = {}
        keys = set()
        for name in self.citation_fields:
            field_keys = cited_keys(getattr(self, name) or "")
            keys.update(field_keys)
            known = set(Source.objects.filter(key__in=field_keys).values_list("key", flat=True))
            unknown = [key for key in field_keys if key not in known]
            if unknown:
                plural = len(unknown) > 1
                errors[name] = (
                    f"Unknown source key{'s' if plural else ''}: {', '.join(unknown)}. "
                    f"Add {'them' if plural else 'it'} under Sources first, or fix the spelling."
                )
        if self.status == Status.PUBLISHED:
            if self.citation_fields and not keys:
                errors.setdefault(
                    self.citation_fields[0],
                    "Cite at least one source with [@key] before publishing.",
                )
            self.fill_review_dates()
            required = [
                ("reviewed_by", "reviewed_by_id", "Name the reviewer before publishing."),
                ("last_reviewed_on", "last_reviewed_on", "Give the review date first."),
                ("next_review_due", "next_review_due", "Give the next review date first."),
            ]
            for name, attname, message in required:
                if getattr(self, attname) is None:
                    errors.setdefault(name, message)
        if (
            self.last_reviewed_on
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed_on
        ):
            errors["next_review_due"] = "The next review must fall after the last review."
        if errors:
            raise ValidationError(errors)


class Draft(models.Model):
    """The working draft of a published item (or of an organization), beside the live row.

    While an item is published its row is exactly what readers were shown after
    review; staff edits are stored here, as a serialised copy of the item's content
    fields, many-to-many links and inline rows (FAQ items, contacts, hours…), and go
    through the same cycle as new content. Publishing applies the copy to the live row
    in one transaction (apps/editorial/drafts.py). One draft per item.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    # Text, so organizations (UUID keys) have drafts too.
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(encoder=DjangoJSONEncoder)
    status = models.CharField(
        max_length=20,
        choices=[
            (s.value, s.label)
            for s in (Status.DRAFT, Status.IN_REVIEW, Status.SENT_BACK, Status.APPROVED)
        ],
        default=Status.DRAFT,
    )
    # The edit counter the admin's no-lost-edits check reads while the draft is open.
    version = models.PositiveIntegerField(default=1)
    # Everyone who changed the draft: none of them may approve it (four eyes).
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    note = models.TextField(blank=True, help_text="The reviewer's note when sent back.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_per_item")
        ]

    def __str__(self):
        return f"Working draft of {self.content_type.model} {self.object_id}"

    @classmethod
    def of(cls, obj, lock=False):
        queryset = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        if lock:
            queryset = queryset.select_for_update()
        return queryset.first()


class CheckAcceptanceQuerySet(models.QuerySet):
    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class CheckAcceptance(models.Model):
    """A reviewer's decision that one editor-check warning is acceptable, with the reason.

    Rows are never edited or deleted by the software: an edit to the warned-about text
    changes the warning's fingerprint, so the warning opens again and this record stays
    as history. Each acceptance is also written to the item's admin history.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    check_name = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=16)
    excerpt = models.CharField(max_length=200, blank=True)
    reason = models.TextField(help_text="Why this is acceptable, for the next reviewer.")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    accepted_by_name = models.CharField(
        max_length=120, help_text="The reviewer's name as recorded at the time."
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    objects = CheckAcceptanceQuerySet.as_manager()

    class Meta:
        ordering = ["-accepted_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.check_name} accepted by {self.accepted_by_name}"


class CheckStatus(models.Model):
    """The latest editor-check result per item, so the dashboard counts without re-reading text."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = models.CharField(max_length=200)
    open_warnings = models.PositiveIntegerField(default=0, db_index=True)
    accepted_warnings = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    reading_ease = models.FloatField(null=True, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "editor check result"
        ordering = ["-open_warnings", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_check_status_per_item"
            )
        ]

    def __str__(self):
        return self.item


class ChangeNoteQuerySet(models.QuerySet):
    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class ChangeNote(models.Model):
    """One dated entry in a page's public record of changes ("Updated: …").

    Written when a published item gets a new change note (see ``corrections``); the
    newest is the page's "Updated" line, the others its archive of past changes.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    changed_on = models.DateField()
    note = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-changed_on"])]

    def __str__(self):
        return f"{self.changed_on}: {self.note}"
