"""Sleep alternatives: evidence-graded ways to sleep better, built on the editorial base."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

from apps.editorial.indexing import SearchEntry
from apps.editorial.markdown import plain_text, render_page
from apps.editorial.models import MedicalReview, Publishable, PublishableQuerySet


class Category(models.TextChoices):
    BEHAVIOURAL = "behavioural", "Behavioural therapy"
    HABITS = "habits", "Sleep habits and environment"
    RELAXATION = "relaxation", "Relaxation and mind–body"
    LIGHT = "light", "Light and body clock"
    ACTIVITY = "activity", "Physical activity"
    PAIN = "pain", "Pain management"
    SUPPLEMENTS = "supplements", "Supplements and medicines to discuss with a clinician"


class Evidence(models.TextChoices):
    # The values double as the CSS modifier (badge--strong … badge--against).
    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    INSUFFICIENT = "insufficient", "Insufficient"
    AGAINST = "against", "Recommended against"


# The grades where the evidence supports trying it: only these are offered as "what can
# help instead". "Insufficient" and "recommended against" are listed, with their grade,
# but never suggested.
SUPPORTED_GRADES = (Evidence.STRONG, Evidence.MODERATE, Evidence.LIMITED)

# Position in "strongest evidence first". Stored as an indexed integer (set in save())
# because the grades' alphabetical order means nothing; "recommended against" sorts
# last because readers scanning for something to try should meet it last.
EVIDENCE_RANK = {grade: rank for rank, grade in enumerate(Evidence.values, start=1)}

# What each grade means, in plain words (the evidence page and each detail page).
EVIDENCE_MEANING = {
    Evidence.STRONG: "A major sleep guideline strongly recommends it: almost everyone with "
    "long-term insomnia should be offered it.",
    Evidence.MODERATE: "A guideline suggests it, backed by randomised trials, but whether it "
    "suits you depends on you.",
    Evidence.LIMITED: "Some trials or reviews suggest it helps, but no guideline recommends it yet.",
    Evidence.INSUFFICIENT: "There is too little research to say whether it helps.",
    Evidence.AGAINST: "A guideline suggests not using it, either on its own or at all.",
}


class Level(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


class HelpsWith(models.TextChoices):
    FALLING_ASLEEP = "falling-asleep", "Falling asleep"
    STAYING_ASLEEP = "staying-asleep", "Staying asleep"
    WAKING_EARLY = "waking-early", "Waking too early"
    PAIN = "pain", "Sleep disturbed by pain"
    WITHDRAWAL = "withdrawal", "Sleep during kratom or opioid withdrawal"


class Delivery(models.TextChoices):
    SELF_GUIDED = "self-guided", "Self-guided"
    ONLINE = "online", "App or online"
    GROUP = "group", "Group"
    CLINICIAN = "clinician", "With a clinician"


# Multi-valued "helps with" and "delivery" are one boolean column per value, not an M2M
# or a JSON list: both vocabularies are short and fixed by the editorial brief, a
# boolean filters with a plain indexed WHERE on SQLite and PostgreSQL alike (JSON
# "contains" does not work on SQLite), and the list page needs no join or DISTINCT.
# Adding a value means adding a column, which is the right amount of friction for a
# change to what the cards promise. The ``helps_with`` / ``delivery`` properties give
# the values as a list.
HELPS_WITH_FIELDS = {
    HelpsWith.FALLING_ASLEEP: "helps_falling_asleep",
    HelpsWith.STAYING_ASLEEP: "helps_staying_asleep",
    HelpsWith.WAKING_EARLY: "helps_waking_early",
    HelpsWith.PAIN: "helps_pain",
    HelpsWith.WITHDRAWAL: "helps_withdrawal",
}
DELIVERY_FIELDS = {
    Delivery.SELF_GUIDED: "delivery_self_guided",
    Delivery.ONLINE: "delivery_online",
    Delivery.GROUP: "delivery_group",
    Delivery.CLINICIAN: "delivery_clinician",
}
RELATED_FIELDS = ("related_services", "related_articles")


# How many supported options the page of an option "recommended against" offers instead.
INSTEAD_SHOWN = 3


class AlternativeQuerySet(PublishableQuerySet):
    def strongest_first(self):
        return self.order_by("evidence_rank", "name")

    def supported(self):
        """Options the evidence supports (SUPPORTED_GRADES): what to suggest trying."""
        return self.filter(evidence__in=SUPPORTED_GRADES)

    def matching(self, category="", helps_with="", evidence="", cost=""):
        """Combine the public list's filters; empty values mean "any"."""
        lookups = {}
        if category:
            lookups["category"] = category
        if evidence:
            lookups["evidence"] = evidence
        if cost:
            lookups["cost"] = cost
        if helps_with:
            lookups[HELPS_WITH_FIELDS[helps_with]] = True
        return self.filter(**lookups)


def related_field_names():
    """The cross-app relations that exist yet (each is added once its model exists)."""
    names = []
    for name in RELATED_FIELDS:
        try:
            Alternative._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        names.append(name)
    return names


class Alternative(MedicalReview, Publishable):
    # Cautions carry medical facts (liver limits, who should not), so they are cited too.
    citation_fields = ("steps", "cautions")
    substance_fields = ("summary", "steps", "evidence", "cautions")
    # Other items' pages show an alternative's card (templates/alternatives/_cards.html),
    # never these.
    page_only_fields = (
        *Publishable.page_only_fields,
        *MedicalReview.review_fields,
        "steps",
        "effort",
        "cautions",
        "helps_falling_asleep",
        "helps_staying_asleep",
        "helps_waking_early",
        "helps_pain",
        "helps_withdrawal",
        "delivery_self_guided",
        "delivery_online",
        "delivery_group",
        "delivery_clinician",
    )
    section = ("Sleep alternatives", "alternatives:index")

    name = models.CharField(
        max_length=120, help_text="What people call it, such as “Stimulus control”."
    )
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    summary = models.TextField(
        max_length=400,
        help_text="One or two plain sentences: what it is and what it does. No citations.",
    )
    steps = models.TextField(
        "how to do it",
        help_text="Markdown steps a reader can follow tonight, each fact cited with [@key].",
    )
    evidence = models.CharField(
        "evidence strength",
        max_length=20,
        choices=Evidence.choices,
        help_text="As the guidelines grade it; see /alternatives/evidence/.",
    )
    evidence_rank = models.PositiveSmallIntegerField(editable=False, default=1)
    time_to_benefit = models.CharField(
        max_length=80, blank=True, help_text="Short and honest, such as “2–4 weeks”."
    )
    effort = models.CharField(max_length=10, choices=Level.choices, default=Level.MEDIUM)
    cost = models.CharField(max_length=10, choices=Cost.choices, db_index=True)
    cautions = models.TextField(
        blank=True,
        help_text="Markdown: who should not try it, and when to see a clinician. Cite with [@key].",
    )
    not_enough_alone = models.BooleanField(
        "not enough on its own",
        default=False,
        help_text="Tick when the evidence says this should not be the only thing someone tries.",
    )

    helps_falling_asleep = models.BooleanField("falling asleep", default=False, db_index=True)
    helps_staying_asleep = models.BooleanField("staying asleep", default=False, db_index=True)
    helps_waking_early = models.BooleanField("waking too early", default=False, db_index=True)
    helps_pain = models.BooleanField("sleep disturbed by pain", default=False, db_index=True)
    helps_withdrawal = models.BooleanField(
        "sleep during kratom or opioid withdrawal", default=False, db_index=True
    )

    delivery_self_guided = models.BooleanField("self-guided", default=False)
    delivery_online = models.BooleanField("app or online", default=False)
    delivery_group = models.BooleanField("group", default=False)
    delivery_clinician = models.BooleanField("with a clinician", default=False)

    related_articles = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="alternatives",
        help_text="Articles that show this as “What can help instead”.",
    )
    related_services = models.ManyToManyField(
        "referrals.Service",
        blank=True,
        related_name="alternatives",
        help_text="Where to get help with this, such as a CBT-I provider directory.",
    )

    objects = AlternativeQuerySet.as_manager()

    class Meta:
        ordering = ["evidence_rank", "name"]
        indexes = [
            models.Index(fields=["evidence_rank", "name"], name="alt_strongest_first"),
            models.Index(fields=["evidence", "evidence_rank"], name="alt_evidence"),
            # The admin sorts by name.
            models.Index(fields=["name"], name="alt_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.evidence_rank = EVIDENCE_RANK.get(self.evidence, len(EVIDENCE_RANK))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "evidence" in update_fields:
            kwargs["update_fields"] = {*update_fields, "evidence_rank"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("alternatives:detail", args=[self.slug])

    # --- what an alternative declares about itself --------------------------------------
    def search_entry(self):
        return SearchEntry(
            kind=self._meta.model_name,
            title=self.name,
            body=plain_text("\n\n".join([self.summary, self.steps, self.cautions])),
            summary=plain_text(self.meta_description, limit=300),
        )

    def structured_data(self, ld):
        return [ld.medical_web_page(self)]

    @classmethod
    def page_prefetches(cls):
        """Related services and articles come already limited to public ones, as
        ``public_related_services`` / ``public_related_articles``."""
        prefetches = super().page_prefetches()
        for name in related_field_names():
            model = cls._meta.get_field(name).related_model
            order = "name" if any(f.name == "name" for f in model._meta.fields) else "title"
            prefetches.append(
                models.Prefetch(
                    name,
                    queryset=model.objects.public().order_by(order),
                    to_attr=f"public_{name}",
                )
            )
        return prefetches

    page_template = "alternatives/alternative_detail.html"

    def page_context(self):
        page = render_page([self.steps, self.cautions], self.sources.all())
        steps, cautions = page.fields
        context = {
            "steps_html": steps.html,
            "cautions_html": cautions.html,
            "references": page.references,
        }
        if self.is_recommended_against:
            # Its page points readers to options the evidence supports instead.
            context["instead"] = list(
                Alternative.objects.public().supported().strongest_first()[:INSTEAD_SHOWN]
            )
        return context

    def summary_text(self):
        return self.summary

    @property
    def is_supported(self):
        return self.evidence in SUPPORTED_GRADES

    @property
    def is_recommended_against(self):
        return self.evidence == Evidence.AGAINST

    @property
    def evidence_meaning(self):
        return EVIDENCE_MEANING.get(self.evidence, "")

    # --- multi-valued fields as lists of choice values ------------------------------
    @property
    def helps_with(self):
        return [value for value, field in HELPS_WITH_FIELDS.items() if getattr(self, field)]

    @helps_with.setter
    def helps_with(self, values):
        for value, field in HELPS_WITH_FIELDS.items():
            setattr(self, field, value in values)

    @property
    def delivery(self):
        return [value for value, field in DELIVERY_FIELDS.items() if getattr(self, field)]

    @delivery.setter
    def delivery(self, values):
        for value, field in DELIVERY_FIELDS.items():
            setattr(self, field, value in values)

    def helps_with_labels(self):
        return [HelpsWith(value).label for value in self.helps_with]

    def delivery_labels(self):
        return [Delivery(value).label for value in self.delivery]
