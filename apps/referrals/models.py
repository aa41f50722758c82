"""The referral directory, modelled on Open Referral HSDS 3.0 (names follow the spec)."""

import datetime
import re
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.editorial.indexing import SearchEntry
from apps.editorial.markdown import plain_text
from apps.editorial.models import (
    ListCheck,
    Publishable,
    PublishableQuerySet,
    http_url_validator,
)
from apps.editorial.trust import TrustPanel
from apps.pagecache.generation import expires_at

from .codes import COUNTRY_CODES, LANGUAGE_CODES, country_name, language_name

STALE_AFTER_DAYS = 180


def new_card_token():
    return secrets.token_hex(8)


SIMILAR_SHOWN = 5  # other services offering the same kind of help, on a service's page


# --- validators shared by the admin, the HSDS import and the tests ---------------------
def normalise_phone(value):
    """Keep digits and a leading +: "1-800-662-HELP" must be typed as digits by editors."""
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    return f"+{digits}" if value.startswith("+") else digits


def validate_phone(value):
    value = (value or "").strip()  # as normalise_phone reads it: a pasted space is fine
    # Letters (vanity numbers such as 1-800-662-HELP) belong in the display text, not here.
    if re.search(r"[^\d\s+().\-]", value) or "+" in value[1:]:
        raise ValidationError(
            "Enter the number with digits only, such as 1-800-662-4357, 988 or +44 116 123."
        )
    digits = normalise_phone(value).lstrip("+")
    # Short codes (988, 111, 000, 13 11 14) are real numbers; more than 15 digits is not (E.164).
    if not 3 <= len(digits) <= 15:
        raise ValidationError("A phone number has between 3 digits (988) and 15 digits.")


def validate_country(value):
    if value not in COUNTRY_CODES:
        raise ValidationError(
            "Enter a two-letter ISO 3166-1 country code in capitals, such as US, GB, CA or AU.",
            params={"value": value},
        )


def validate_language(value):
    if value not in LANGUAGE_CODES:
        raise ValidationError(
            "Enter a two-letter ISO 639-1 language code in lower case, such as en, es or fr."
        )


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "Enter an IANA time zone name, such as America/New_York or Europe/London."
        ) from None


# --- taxonomy ---------------------------------------------------------------------------
class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField()
    uri = models.URLField(blank=True, validators=[http_url_validator])
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


# --- organisations and services ---------------------------------------------------------
class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organizations with at least one public service; the others' details stay private."""
        return self.filter(Exists(Service.objects.public().filter(organization=OuterRef("pk"))))


class Organization(models.Model):
    id = models.UUIDField("HSDS id", primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(help_text="One or two sentences: who they are.")
    website = models.URLField(blank=True, validators=[http_url_validator])
    email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()
    # Who renamed it or pointed its website elsewhere, and when (see the admin's History).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OperatingStatus(models.TextChoices):
    # Values are HSDS 3.0's service.status enum, so the API passes them through unchanged.
    ACTIVE = "active", "Active"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"


class ServiceQuerySet(PublishableQuerySet):
    list_checks = (
        *PublishableQuerySet.list_checks,
        ListCheck("links", "broken", "Broken link", "with_broken_links", "Broken links"),
        ListCheck("links", "unchecked", "Never checked", "with_unchecked_links"),
        ListCheck("verified", "stale", "Stale or never verified", "stale", "Verification stale"),
        ListCheck("verified", "never", "Never verified", "never_verified"),
    )

    def with_details(self):
        """Everything a listing, detail page or API record shows, in a fixed number of queries."""
        return self.select_related("organization", "verified_by__contributor").prefetch_related(
            *self.model.page_prefetches()
        )

    def for_page(self):
        return self.select_related("organization", "verified_by__contributor")

    def for_detail(self):
        return self.with_details()

    def similar_to(self, service):
        """Other services offering any of the same kinds of help, by name.

        Reads ``service``'s categories from its prefetch; one query, no DISTINCT.
        """
        term_ids = [term.pk for term in service.categories.all()]
        if not term_ids:
            return self.none()
        sharing = Service.categories.through.objects.filter(taxonomyterm_id__in=term_ids)
        return (
            self.filter(pk__in=sharing.values("service_id")).exclude(pk=service.pk).order_by("name")
        )

    def matching(
        self, country=None, category=None, language=None, open_24_7=False, free=False, text=False
    ):
        """Services meeting every given filter (Exists keeps rows unique without DISTINCT)."""
        qs = self
        if country:
            qs = qs.filter(
                Exists(ServiceArea.objects.filter(service=OuterRef("pk"), country=country))
                | Q(available_worldwide=True)
            )
        if category:
            qs = qs.filter(categories__code=category)
        if language:
            qs = qs.filter(
                Exists(ServiceLanguage.objects.filter(service=OuterRef("pk"), code=language))
            )
        if open_24_7:
            qs = qs.filter(is_24_7=True)
        if free:
            qs = qs.filter(is_free=True)
        if text:
            qs = qs.filter(
                Exists(ContactPoint.objects.filter(service=OuterRef("pk"), kind=ContactKind.TEXT))
            )
        return qs

    def emergency_first(self):
        """Emergency numbers, then crisis lines: the block at the top of /help/."""
        return (
            self.filter(categories__code__in=["emergency-services", "crisis-line"])
            .annotate(
                emergency=Exists(
                    Service.categories.through.objects.filter(
                        service_id=OuterRef("pk"), taxonomyterm__code="emergency-services"
                    )
                )
            )
            .distinct()
            .order_by("-emergency", "help_strip_order", "name")
        )

    def call_first(self, country=None):
        """The call buttons at the top of /help/: for a country, its emergency numbers and
        crisis lines; without one, every country's emergency number (the reader picks)."""
        if country:
            return self.emergency_first().matching(country=country)
        return self.emergency_first().filter(
            Exists(
                Service.categories.through.objects.filter(
                    service_id=OuterRef("pk"), taxonomyterm__code="emergency-services"
                )
            )
        )

    def stale(self, today=None):
        cutoff = (today or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)
        return self.filter(
            models.Q(last_verified_on__isnull=True) | models.Q(last_verified_on__lt=cutoff)
        )

    def never_verified(self):
        return self.filter(last_verified_on__isnull=True)

    def with_broken_links(self):
        return self.filter(contacts__last_status__in=BROKEN_STATUSES).distinct()

    def with_unchecked_links(self):
        return self.filter(
            contacts__kind__in=URL_KINDS, contacts__last_checked_at__isnull=True
        ).distinct()


class Service(Publishable):
    # Services are verified with the provider (last_verified_on), not medically reviewed.
    check_date_field = "last_verified_on"
    substance_fields = ("description", "eligibility")  # plus contacts (see admin)
    # Other items' pages show a service's name, address and description ("Where to get
    # help"), never these. (The help strip and /help/'s cards have keys of their own.)
    page_only_fields = (
        *Publishable.page_only_fields,
        "card_token",
        "eligibility",
        "is_free",
        "fees_description",
        "is_confidential",
        "is_anonymous",
        "interpretation_services",
        "time_zone",
        "hours_note",
        "last_verified_on",
        "verified_by",
        "featured_in_help_strip",
        "help_strip_order",
        "help_strip_label",
    )
    section = ("Get help", "referrals:index")
    draft_inlines = ("contacts", "schedule_rules", "service_areas", "languages_spoken")

    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, unique=True, editable=False)
    # Changed by every save of the service or of one of its own rows (draft_inlines), in
    # the same transaction: /help/ caches the service's card under it (cards.py).
    card_token = models.CharField(max_length=16, default=new_card_token, editable=False)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        help_text="Leave empty for public emergency numbers that no single body runs.",
    )
    name = models.CharField(max_length=200)
    description = models.TextField(
        help_text="One or two plain sentences: what happens when you call, text or visit."
    )
    categories = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    operating_status = models.CharField(
        max_length=20,
        choices=OperatingStatus.choices,
        default=OperatingStatus.ACTIVE,
        db_index=True,
    )
    alert = models.CharField(
        max_length=300,
        blank=True,
        help_text='Short notice shown first, such as "Text line closed until 3 March".',
    )
    eligibility = models.TextField(blank=True, help_text="Who can use it, in plain words.")
    is_free = models.BooleanField(default=True, db_index=True)
    fees_description = models.CharField(
        max_length=300, blank=True, help_text="If not free: what it costs and who pays."
    )
    is_confidential = models.BooleanField(default=False)
    is_anonymous = models.BooleanField(default=False)
    interpretation_services = models.CharField(
        max_length=300, blank=True, help_text='For example "Interpreters for 240 languages".'
    )
    time_zone = models.CharField(
        max_length=60,
        default="UTC",
        validators=[validate_timezone],
        help_text="The IANA time zone the opening hours are in, such as America/New_York.",
    )
    is_24_7 = models.BooleanField("Open 24/7", default=False, db_index=True)
    hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text='Hours in words when the rules cannot say it, such as "Online, any time".',
    )
    available_worldwide = models.BooleanField(
        default=False,
        help_text="Tick for an app or website anyone can use from any country; it is then "
        "listed for every country, after the areas it is based in.",
    )
    last_verified_on = models.DateField(null=True, blank=True, db_index=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verified_services",
        limit_choices_to={"is_staff": True},
    )
    featured_in_help_strip = models.BooleanField(default=False, db_index=True)
    help_strip_order = models.PositiveSmallIntegerField(default=0)
    help_strip_label = models.CharField(
        max_length=60,
        blank=True,
        help_text='Short name for the "Get help now" strip, such as "Emergency (UK)".',
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["featured_in_help_strip", "help_strip_order"]),
            models.Index(fields=["status", "published_at"]),
            # The admin's default order and its status filter.
            models.Index(fields=["name"], name="service_name"),
            models.Index(fields=["operating_status"], name="service_operating_status"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("referrals:detail", args=[self.slug])

    def summary_text(self):
        return self.description[:160]

    # --- what a service declares about itself ------------------------------------------
    def search_entry(self):
        return SearchEntry(
            kind=self._meta.model_name,
            title=self.name,
            body=plain_text(f"{self.description}\n\n{self.eligibility}"),
            summary=plain_text(self.meta_description, limit=300),
        )

    @classmethod
    def page_prefetches(cls):
        return [
            "categories",
            Prefetch("contacts", queryset=ContactPoint.objects.order_by("order", "id")),
            "service_areas",
            "schedule_rules",
            "languages_spoken",
        ]

    def save(self, *args, **kwargs):
        self.card_token = new_card_token()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "card_token"}
        super().save(*args, **kwargs)

    page_template = "referrals/service_detail.html"

    def page_context(self):
        return {
            "related_alternatives": self.alternatives.public()
            .strongest_first()
            .only("name", "slug"),
            "similar_services": Service.objects.public()
            .similar_to(self)
            .only("name", "slug")[:SIMILAR_SHOWN],
        }

    def structured_data(self, ld):
        """A WebPage about a Service, checked (lastReviewed) by staff.

        Not a MedicalWebPage: directory entries are verified with the provider, not
        medically reviewed.
        """
        page = ld.web_page(self)
        if self.last_verified_on:
            page["lastReviewed"] = self.last_verified_on.isoformat()
        entity = {"@type": "Service", "name": self.name, "description": self.description}
        if self.organization_id:
            provider = {"@type": "Organization", "name": self.organization.name}
            if self.organization.website:
                provider["url"] = self.organization.website
            entity["provider"] = provider
        kinds = [term.name for term in self.categories.all()]
        if kinds:
            entity["serviceType"] = kinds
        areas = [area.schema_place() for area in self.service_areas.all()]
        if areas:
            entity["areaServed"] = areas
        languages = self.language_names
        channels = [contact.schema_channel(languages) for contact in self.contacts.all()]
        if channels:
            entity["availableChannel"] = channels
        if self.is_free:
            entity["isAccessibleForFree"] = True
        page["mainEntity"] = entity
        return [page]

    # --- public state -------------------------------------------------------------
    def is_open_now(self, at=None):
        """Open at ``at`` (default now), read in the service's own time zone."""
        if self.operating_status != OperatingStatus.ACTIVE:
            return False
        if self.is_24_7:
            return True
        at = at or timezone.now()
        # Opening hours are whole minutes: a cached page saying "Open now" is true until
        # the next minute starts, and the page cache keeps it no longer.
        expires_at(at.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1))
        local = at.astimezone(zoneinfo.ZoneInfo(self.time_zone))
        return any(rule.is_open_at(local) for rule in self.schedule_rules.all())

    @property
    def has_schedule(self):
        return self.is_24_7 or bool(self.schedule_rules.all())

    def is_stale(self, today=None):
        if not self.last_verified_on:
            return True
        today = today or timezone.localdate()
        return (today - self.last_verified_on).days > STALE_AFTER_DAYS

    @property
    def stale(self):
        return self.is_stale()

    def trust_panel(self):
        """Services are verified with the provider by staff, not medically reviewed."""
        try:
            verifier = self.verified_by.contributor if self.verified_by_id else None
        except ObjectDoesNotExist:
            verifier = None
        verified = self.last_verified_on
        if verified is None:
            overdue_text = "Staff have not verified these details yet."
        else:
            overdue_text = "We have not re-checked these details for over 6 months."
        return TrustPanel(
            authors=list(self.authors.all()),
            checker=verifier,
            checker_fallback="Nightlight staff" if verified else "",
            checked_label="Details verified by",
            checked_on=verified,
            checked_on_label="Details last verified",
            next_due=verified + datetime.timedelta(days=STALE_AFTER_DAYS) if verified else None,
            next_due_label="Next check due",
            overdue=self.stale,
            overdue_title="Check before you rely on it.",
            overdue_text=overdue_text,
        )

    @property
    def language_codes(self):
        return [language.code for language in self.languages_spoken.all()]

    @property
    def language_names(self):
        return [language.name for language in self.languages_spoken.all()]

    @property
    def phone_contacts(self):
        return [c for c in self.contacts.all() if c.kind in (ContactKind.PHONE, ContactKind.TEXT)]

    @property
    def cost_text(self):
        if self.is_free:
            return "Free"
        return self.fees_description or "There may be a cost"

    @property
    def areas_text(self):
        areas = ", ".join(str(area) for area in self.service_areas.all())
        if self.available_worldwide:
            return f"{areas} and worldwide" if areas else "Worldwide"
        return areas

    def clean(self):
        super().clean()
        if not self.is_free and not self.fees_description:
            raise ValidationError({"fees_description": "Say what it costs when it is not free."})


class ServiceLanguage(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages_spoken")
    code = models.CharField(
        max_length=3, validators=[validate_language], help_text="ISO 639-1, such as en or es."
    )
    note = models.CharField(max_length=200, blank=True, help_text='Such as "Calls only".')

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="unique_service_language")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return language_name(self.code)


class ServiceArea(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    country = models.CharField(
        max_length=2, validators=[validate_country], help_text="ISO 3166-1 alpha-2, such as GB."
    )
    region = models.CharField(
        max_length=120, blank=True, help_text='A state, province or nation, such as "England".'
    )
    nationwide = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["country"])]

    def __str__(self):
        name = country_name(self.country)
        return f"{name} ({self.region})" if self.region else name

    def schema_place(self):
        """This area as schema.org names a place served."""
        return {"@type": "AdministrativeArea" if self.region else "Country", "name": str(self)}

    def clean(self):
        if self.region and self.nationwide:
            raise ValidationError({"region": "Untick nationwide when the service covers a region."})


class ContactKind(models.TextChoices):
    PHONE = "phone", "Call"
    TEXT = "text", "Text"
    TTY = "tty", "TTY"
    CHAT = "chat", "Chat online"
    WEBSITE = "website", "Website"
    EMAIL = "email", "Email"


class LinkStatus(models.TextChoices):
    OK = "ok", "OK"
    BROKEN = "broken", "Broken"
    REDIRECT_LOOP = "redirect loop", "Redirect loop"
    TIMEOUT = "timeout", "Timeout"


BROKEN_STATUSES = (LinkStatus.BROKEN, LinkStatus.REDIRECT_LOOP, LinkStatus.TIMEOUT)
URL_KINDS = ("chat", "website")
# Number kinds -> how schema.org's ServiceChannel names them.
SCHEMA_NUMBER_PROPERTIES = {
    "phone": "servicePhone",
    "tty": "servicePhone",
    "text": "serviceSmsNumber",
}
NUMBER_KINDS = ("phone", "text", "tty")


class ContactPoint(models.Model):
    """One way to reach a service. Numbers are stored normalised; the display keeps the
    form people recognise ("1-800-662-HELP (4357)")."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    value = models.CharField(
        max_length=500,
        help_text="A phone number (digits, such as 1-800-662-4357 or 988), an http(s) "
        "address, or an email address.",
    )
    display = models.CharField(
        max_length=120,
        blank=True,
        help_text='How people know it, such as "1-800-662-HELP (4357)". Defaults to the value.',
    )
    label = models.CharField(
        max_length=80,
        blank=True,
        help_text='Short words for the link, such as "Call 988". Defaults to the kind.',
    )
    note = models.CharField(
        max_length=200, blank=True, help_text='Such as "Text your ZIP code; English only".'
    )
    order = models.PositiveSmallIntegerField(default=0)
    last_status = models.CharField(
        max_length=20, choices=LinkStatus.choices, blank=True, db_index=True, editable=False
    )
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.display or self.value}"

    def save(self, *args, **kwargs):
        if self.kind in NUMBER_KINDS:
            self._normalise_number()
        elif self.kind in URL_KINDS:
            self.display = self.display or re.sub(r"^https?://(www\.)?", "", self.value).rstrip("/")
        self.display = self.display or self.value
        self.label = self.label or self.get_kind_display()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.kind in NUMBER_KINDS:
            try:
                validate_phone(self.value)
            except ValidationError as error:
                errors["value"] = error.messages
            else:
                self._normalise_number()
        elif self.kind in URL_KINDS:
            try:
                http_url_validator(self.value)
            except ValidationError as error:
                errors["value"] = error.messages
        elif self.kind == ContactKind.EMAIL:
            from django.core.validators import validate_email  # noqa: PLC0415

            try:
                validate_email(self.value)
            except ValidationError as error:
                errors["value"] = error.messages
        if errors:
            raise ValidationError(errors)

    def _normalise_number(self):
        """The one place a stored number is normalised: save() and clean() (so the admin,
        the HSDS import and the demo loader) all call it; the typed form stays on show."""
        self.display = self.display or self.value.strip()
        self.value = normalise_phone(self.value)

    # --- rendering ----------------------------------------------------------------
    @property
    def href(self):
        match self.kind:
            case ContactKind.PHONE | ContactKind.TTY:
                return f"tel:{self.value}"
            case ContactKind.TEXT:
                return f"sms:{self.value}"
            case ContactKind.EMAIL:
                return f"mailto:{self.value}"
        return self.value

    @property
    def is_external(self):
        return self.kind in URL_KINDS

    @property
    def is_url(self):
        return self.kind in URL_KINDS

    @property
    def is_broken(self):
        return self.last_status in BROKEN_STATUSES

    def schema_channel(self, languages=()):
        """This contact as a schema.org ServiceChannel."""
        channel = {"@type": "ServiceChannel", "name": self.label or self.get_kind_display()}
        if self.kind in SCHEMA_NUMBER_PROPERTIES:
            channel[SCHEMA_NUMBER_PROPERTIES[self.kind]] = {
                "@type": "ContactPoint",
                "telephone": self.display or self.value,
            }
        else:
            channel["serviceUrl"] = self.href
        if languages:
            channel["availableLanguage"] = list(languages)
        return channel


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class ScheduleRule(models.Model):
    """Opening hours on one weekday, in the service's time zone. A closing time at or
    before the opening time means the service closes after midnight."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedule_rules")
    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, unique=True, editable=False)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()
    note = models.CharField(max_length=120, blank=True, help_text='Such as "Live chat".')

    class Meta:
        ordering = ["weekday", "opens"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def crosses_midnight(self):
        return self.closes <= self.opens

    def is_open_at(self, local):
        day, time = local.weekday(), local.time().replace(tzinfo=None)
        if self.crosses_midnight:
            # Open from `opens` to midnight on its day, then midnight to `closes` the day after.
            return (day == self.weekday and time >= self.opens) or (
                day == (self.weekday + 1) % 7 and time < self.closes
            )
        return day == self.weekday and self.opens <= time < self.closes
