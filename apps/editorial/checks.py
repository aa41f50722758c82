"""Editor checks: warnings that keep published health information honest.

Each check is one function taking a content item and returning a list of ``Warning``.
The checks warn and never block a save: a reviewer may accept a warning with a reason
(``CheckAcceptance``), which is kept and written to the item's history. The admin shows
them on the change form and counts them on the dashboard; ``manage.py check_content``
runs them over everything.

The rules come from the editorial policy (``apps/site/standing_pages.py``):
every factual statement cites its source; where a source is marked cautious, risks of
mixing or dose are hedged; pages aim at a reading age of about 12; help services are
re-verified at least every ``STALE_AFTER_DAYS`` days.
"""

import hashlib
import re
from dataclasses import dataclass

from .citations import CITATION_RE, cited_keys

# Flesch reading ease of 60 or more is "plain English" (about age 12–13), the policy's
# "reading age of about 12". One definition, used by the check and quoted on the policy page.
READABILITY_TARGET = 60

UNCITED = "uncited"
UNHEDGED = "unhedged"
READABILITY = "readability"
WITHDRAWN_SOURCE = "withdrawn-source"
STALE_SERVICE = "stale-verification"

CHECK_LABELS = {
    UNCITED: "Medical statement without a citation",
    UNHEDGED: "Unhedged mixing or dose risk citing a cautious source",
    READABILITY: "Harder to read than the policy's target",
    WITHDRAWN_SOURCE: "Cites a retracted or replaced source",
    STALE_SERVICE: "Help service verification older than the policy allows",
}


@dataclass(frozen=True)
class Warning:
    check: str
    message: str
    excerpt: str = ""

    @property
    def fingerprint(self):
        """Stable while the warned-about text stays the same; an edit re-opens the warning."""
        digest = hashlib.sha256(f"{self.check}\n{self.excerpt}".encode()).hexdigest()
        return digest[:16]

    @property
    def label(self):
        return CHECK_LABELS[self.check]

    @property
    def quote(self):
        """The warned-about words, for checks about a passage (the others key on a value)."""
        return self.excerpt if self.check in (UNCITED, UNHEDGED) else ""


# --- splitting Markdown into the units a reader meets ---------------------------------
HEADING_RE = re.compile(r"^#{1,6}\s+(.*)$")
ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Sections that only point readers onwards (links to our own pages and services).
NAVIGATION_HEADINGS = {"what you can do next"}
# The emergency instruction is the site's standard wording, not a claim about evidence.
EMERGENCY_PREFIX = "if someone is unresponsive"


def paragraphs(markdown):
    """(heading, text) for each paragraph and list item, in order."""
    heading, units, current = "", [], []

    def flush():
        if current:
            units.append((heading, " ".join(current).strip()))
            current.clear()

    for line in (markdown or "").splitlines():
        if not line.strip():
            flush()
            continue
        match = HEADING_RE.match(line)
        if match:
            flush()
            heading = match.group(1).strip()
            continue
        if ITEM_RE.match(line):
            flush()
            current.append(ITEM_RE.sub("", line, count=1))
            continue
        current.append(line.strip())
    flush()
    return units


def plain(text):
    """Text without citations, links' targets or Markdown emphasis."""
    text = CITATION_RE.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", text) if s.strip()]


def excerpt(text, length=90):
    text = plain(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --- 1. medical paragraphs without a citation -------------------------------------------
MEDICAL_TERMS = re.compile(
    r"kratom|mitragyn|7-oh|opioid|withdraw|dependen|insomnia|liver|overdose|breath|sedat|"
    r"seizure|alcohol|benzodiazep|gabapentin|naloxone|melatonin|antihistamine|valerian|kava|"
    r"guideline|stud(?:y|ies)|research|survey|trial|evidence|\brisk|\d\s?%|recommend|"
    r"fentanyl|heroin|poison|pregnan|\bdoses?\b|drows|sleeping pill|acetaminophen|nsaid",
    re.I,
)


def uncited_paragraphs(obj):
    warnings = []
    for label, markdown in obj.checked_texts():
        for heading, text in paragraphs(markdown):
            if heading.lower() in NAVIGATION_HEADINGS:
                continue
            body = plain(text)
            if body.lower().startswith(EMERGENCY_PREFIX) or CITATION_RE.search(text):
                continue
            if body.endswith(":"):
                continue  # a lead-in to the (cited) list that follows
            if MEDICAL_TERMS.search(body):
                where = f"{label}, “{heading}”" if heading else label
                warnings.append(
                    Warning(UNCITED, f"{where}: no [@source] for this statement.", excerpt(text))
                )
    return warnings


# --- 2. unhedged mixing or dose risks where the source is cautious --------------------------
RISK_TERMS = re.compile(
    r"\bmix|combin|together|add(?:s)? (?:up|to)|\bwith (?:alcohol|opioids|benzodiazepines|"
    r"sleeping pills|other sedat|sedat)|slow(?:ed|s)? (?:your )?breathing|"
    # Dose risks, not a study's description of what it gave ("a single dose").
    r"\b(?:high|higher|large|larger|more|extra|double|second)\s+doses?\b|"
    r"\bdos(?:e|es|ing)\s+(?:raises?|increases?|causes?|leads?)\b",
    re.I,
)
HEDGES = re.compile(
    r"\b(?:may|might|could|possibl[ey]|perhaps|suggests?|likely|unclear|plausibl[ey]|"
    r"reasoning|reports?|reported|describe[sd]?|little research|not (?:been )?(?:studied|tested))\b",
    re.I,
)


def unhedged_cautious_claims(obj, cautious_keys=None):
    if cautious_keys is None:
        from .models import Source

        cautious_keys = set(Source.objects.filter(cautious=True).values_list("key", flat=True))
    warnings = []
    for label, markdown in obj.checked_texts():
        for _heading, text in paragraphs(markdown):
            for sentence in sentences(text):
                keys = set(cited_keys(sentence)) & cautious_keys
                words = plain(sentence)
                if keys and RISK_TERMS.search(words) and not HEDGES.search(words):
                    warnings.append(
                        Warning(
                            UNHEDGED,
                            f"{label}: states a mixing or dose risk as settled, but "
                            f"{', '.join(sorted(keys))} is marked cautious. Hedge it "
                            "(“may”, “reports suggest”) or cite a firmer source.",
                            excerpt(sentence),
                        )
                    )
    return warnings


# --- 3. readability --------------------------------------------------------------------
def syllables(word):
    """A vowel-group estimate, good enough for a page-level score."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch_reading_ease(text):
    """Flesch reading ease of the plain text (higher is easier; 60+ is plain English)."""
    lines = [plain(t) for _h, t in paragraphs(text)]
    all_sentences = [s for line in lines for s in sentences(line)]
    words = re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", " ".join(lines))
    if not words or not all_sentences:
        return None
    syllable_count = sum(syllables(w) for w in words)
    score = (
        206.835 - 1.015 * (len(words) / len(all_sentences)) - 84.6 * (syllable_count / len(words))
    )
    return round(score, 1)


def readability_text(obj):
    parts = [obj.summary_text()] + [markdown for _label, markdown in obj.checked_texts()]
    return "\n\n".join(p for p in parts if p)


def readability(obj):
    score = flesch_reading_ease(readability_text(obj))
    if score is None or score >= READABILITY_TARGET:
        return []
    return [
        Warning(
            READABILITY,
            f"Flesch reading ease {score}; the policy aims for {READABILITY_TARGET} or more "
            "(a reading age of about 12). Try shorter sentences and everyday words.",
            # The score is not part of the excerpt: small edits keep an accepted warning.
            "page",
        )
    ]


# --- 4. retracted or replaced sources ----------------------------------------------------
def withdrawn_sources(obj):
    from .models import Source, SourceStatus

    keys = cited_keys(obj.citation_text())
    warnings = []
    for source in Source.objects.filter(key__in=keys).exclude(status=SourceStatus.CURRENT):
        replaced = f" by [@{source.replaced_by.key}]" if source.replaced_by_id else ""
        warnings.append(
            Warning(
                WITHDRAWN_SOURCE,
                f"[@{source.key}] is marked {source.get_status_display().lower()}{replaced}"
                + (f": {source.status_note}" if source.status_note else "."),
                source.key,
            )
        )
    return warnings


# --- 5. help services whose verification is too old ------------------------------------
def stale_verification(obj):
    if not hasattr(obj, "is_stale") or not obj.is_stale():
        return []
    from apps.referrals.models import STALE_AFTER_DAYS

    when = (
        f"last verified on {obj.last_verified_on:%d %B %Y}"
        if obj.last_verified_on
        else "never verified by staff"
    )
    return [
        Warning(
            STALE_SERVICE,
            f"Contact details {when}; the policy asks for a check every {STALE_AFTER_DAYS} days.",
            f"verified:{obj.last_verified_on}",
        )
    ]


CHECKS = [uncited_paragraphs, unhedged_cautious_claims, readability, withdrawn_sources]


def run_checks(obj):
    """Every warning for ``obj``: the content checks, then the service check."""
    warnings = []
    if obj.citation_fields:
        for check in CHECKS:
            warnings += check(obj)
    warnings += stale_verification(obj)
    return warnings


def open_warnings(obj, warnings=None):
    """The warnings no reviewer has accepted yet, and the accepted ones with their acceptance."""
    from .models import CheckAcceptance

    warnings = run_checks(obj) if warnings is None else warnings
    accepted = {a.fingerprint: a for a in CheckAcceptance.objects.for_object(obj)}
    pending = [w for w in warnings if w.fingerprint not in accepted]
    done = [(w, accepted[w.fingerprint]) for w in warnings if w.fingerprint in accepted]
    return pending, done


def refresh_status(obj):
    """Run the checks on ``obj`` and store the result the dashboard counts."""
    from django.contrib.contenttypes.models import ContentType

    from .models import CheckStatus

    pending, done = open_warnings(obj)
    score = flesch_reading_ease(readability_text(obj)) if obj.citation_fields else None
    CheckStatus.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={
            "item": str(obj)[:200],
            "open_warnings": len(pending),
            "accepted_warnings": len(done),
            "summary": "\n".join(f"{w.label}: {w.quote or w.message}" for w in pending),
            "reading_ease": score,
        },
    )
    return pending, done


def accept(obj, fingerprint, reason, *, user=None, name=""):
    """Record a reviewer's acceptance of the open warning ``fingerprint`` on ``obj``.

    Returns the acceptance, or None when no such open warning exists (it was fixed or
    accepted meanwhile). The caller checks that the user may review.
    """
    from django.contrib.contenttypes.models import ContentType

    from .models import CheckAcceptance

    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required.")
    pending, _done = open_warnings(obj)
    warning = next((w for w in pending if w.fingerprint == fingerprint), None)
    if warning is None:
        return None
    if user is not None and not name:
        contributor = getattr(user, "contributor", None)
        name = contributor.name if contributor else user.get_username()
    acceptance = CheckAcceptance.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        check_name=warning.check,
        fingerprint=fingerprint,
        excerpt=warning.excerpt[:200],
        reason=reason,
        accepted_by=user,
        accepted_by_name=name[:120],
    )
    refresh_status(obj)
    return acceptance
