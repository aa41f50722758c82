"""Nightlight's small service taxonomy, with stable ids so other directories can map to it."""

import uuid

# uuid5 in this namespace keeps ids the same on every install (demo, import, migration).
NAMESPACE = uuid.UUID("6f1c4f0e-5b7a-4d43-9a51-1f7d0c2b8e10")
TAXONOMY_NAME = "Nightlight service categories"
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy")

CATEGORIES = [
    (
        "emergency-services",
        "Emergency services",
        "Ambulance, police and fire: call when a life is in danger.",
    ),
    ("crisis-line", "Crisis line", "Someone to talk or text with in a crisis, any time."),
    ("poison-help", "Poison help", "Specialist advice after a poisoning or overdose."),
    ("treatment-finder", "Treatment finder", "Search tools for licensed treatment near you."),
    (
        "substance-use-helpline",
        "Substance-use helpline",
        "Information, advice and referral about alcohol and drugs.",
    ),
    ("peer-support", "Peer support", "Support from people with lived experience."),
    (
        "harm-reduction",
        "Harm reduction",
        "Overdose prevention lines and supplies such as naloxone.",
    ),
    ("mental-health", "Mental health", "Support for mental health and emotional distress."),
    (
        "sleep-clinic",
        "Sleep clinic or CBT-I provider",
        "Sleep centres, CBT-I providers and CBT-I tools.",
    ),
]


def term_id(code):
    return uuid.uuid5(NAMESPACE, f"term:{code}")


def ensure_taxonomy(taxonomy_model, term_model):
    """Create or update the taxonomy and its terms (works with historical models too)."""
    taxonomy, _ = taxonomy_model.objects.update_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": TAXONOMY_NAME,
            "description": "The categories Nightlight's referral directory is filtered by.",
            "version": "1",
        },
    )
    for order, (code, name, description) in enumerate(CATEGORIES):
        term_model.objects.update_or_create(
            id=term_id(code),
            defaults={
                "taxonomy": taxonomy,
                "code": code,
                "name": name,
                "description": description,
                "order": order,
            },
        )
    return taxonomy
