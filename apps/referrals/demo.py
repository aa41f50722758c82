"""Demo referral services, from ../shared/content/referrals.md.

Loaded with no verification date, so the site honestly says "Not yet verified by staff"
until an editor checks each one and uses "Mark verified today". Staff must re-verify
every entry before a real launch. Ids are uuid5 of the slug, so they stay the same on
every install and rerunning the loader changes nothing.
"""

import datetime
import uuid

from django.utils import timezone

from apps.editorial.models import Status, Topic

from .models import (
    ContactPoint,
    Organization,
    ScheduleRule,
    Service,
    ServiceArea,
    ServiceLanguage,
    TaxonomyTerm,
)
from .taxonomy import NAMESPACE, ensure_taxonomy

US, GB, CA, AU = "America/New_York", "Europe/London", "America/Toronto", "Australia/Sydney"

ORGANIZATIONS = {
    "samhsa": (
        "Substance Abuse and Mental Health Services Administration (SAMHSA)",
        "The US government agency that leads public health work on substance use and mental health.",
        "https://www.samhsa.gov",
    ),
    "988-lifeline": (
        "988 Lifeline",
        "The US network of crisis centres behind 988, funded by SAMHSA.",
        "https://988lifeline.org",
    ),
    "americas-poison-centers": (
        "America's Poison Centers",
        "The association of poison centres across the United States.",
        "https://poisonhelp.org",
    ),
    "never-use-alone": (
        "Never Use Alone Inc.",
        "A US non-profit that runs an overdose prevention phone line.",
        "",
    ),
    "nhs-england": ("NHS England", "The National Health Service in England.", "https://www.nhs.uk"),
    "dhsc": (
        "UK Government, Department of Health and Social Care",
        "The UK government department that funds the FRANK drug information service.",
        "",
    ),
    "samaritans": (
        "Samaritans",
        "A charity offering emotional support in the UK and Ireland.",
        "https://www.samaritans.org",
    ),
    "phac-camh": (
        "Public Health Agency of Canada and Centre for Addiction and Mental Health",
        "The Canadian bodies that fund and run 9-8-8.",
        "https://988.ca",
    ),
    "nors": (
        "National Overdose Response Service (NORS)",
        "A Canadian overdose prevention line answered by peers.",
        "https://www.nors.ca",
    ),
    "au-health": (
        "Australian Government Department of Health",
        "The Australian government department that funds the national alcohol and drug hotline.",
        "",
    ),
    "lifeline-australia": (
        "Lifeline Australia",
        "An Australian charity for crisis support and suicide prevention.",
        "https://www.lifeline.org.au",
    ),
    "au-poisons-centres": (
        "Australian state poisons centres",
        "The poisons information centres run by Australian states.",
        "",
    ),
    "aasm": (
        "American Academy of Sleep Medicine",
        "A US professional society for sleep medicine that accredits sleep centres.",
        "https://sleepeducation.org",
    ),
    "sbsm": (
        "Society of Behavioral Sleep Medicine",
        "A professional society for behavioural sleep medicine, including CBT-I.",
        "https://www.behavioralsleep.org",
    ),
    "va": (
        "U.S. Department of Veterans Affairs",
        "The US government department for veterans, which makes the CBT-i Coach app.",
        "https://mobile.va.gov",
    ),
}

# Contacts: (kind, value, display, label, note)
SERVICES = [
    {
        "slug": "emergency-services-us-ca",
        "name": "Emergency services (US and Canada)",
        "strip": "Emergency (US, Canada)",
        "org": None,
        "description": "Call 911 for an ambulance, the police or the fire service when a life is "
        "in danger, such as an overdose or someone not breathing.",
        "categories": ["emergency-services"],
        "areas": [("US", ""), ("CA", "")],
        "contacts": [("phone", "911", "", "Call", "")],
        "tz": US,
        "is_24_7": True,
    },
    {
        "slug": "emergency-services-gb",
        "name": "Emergency services (UK)",
        "strip": "Emergency (UK)",
        "org": None,
        "description": "Call 999 for an ambulance, the police or the fire service when a life is "
        "in danger. 112 works too.",
        "categories": ["emergency-services"],
        "areas": [("GB", "")],
        "contacts": [("phone", "999", "", "Call", ""), ("phone", "112", "", "Or call", "")],
        "tz": GB,
        "is_24_7": True,
    },
    {
        "slug": "emergency-services-au",
        "name": "Emergency services (Australia)",
        "strip": "Emergency (Australia)",
        "org": None,
        "description": "Call 000 (triple zero) for an ambulance, the police or the fire service "
        "when a life is in danger.",
        "categories": ["emergency-services"],
        "areas": [("AU", "")],
        "contacts": [("phone", "000", "", "Call", "")],
        "tz": AU,
        "is_24_7": True,
    },
    {
        "slug": "988-lifeline",
        "name": "988 Suicide & Crisis Lifeline",
        "strip": "988 (US)",
        "org": "988-lifeline",
        "description": "Call, text or chat if you are thinking about suicide, or you are in a "
        "mental health or substance-use crisis. You can also call for someone else.",
        "categories": ["crisis-line", "mental-health"],
        "areas": [("US", "")],
        "contacts": [
            ("phone", "988", "", "Call", ""),
            ("text", "988", "", "Text", ""),
            ("chat", "https://988lifeline.org/chat/", "988lifeline.org/chat", "Chat online", ""),
        ],
        "languages": [("en", ""), ("es", "")],
        "tz": US,
        "is_24_7": True,
        "confidential": True,
    },
    {
        "slug": "988-canada",
        "name": "9-8-8 Suicide Crisis Helpline",
        "strip": "9-8-8 (Canada)",
        "org": "phac-camh",
        "description": "Call or text 988 if you are thinking about suicide or you are in a mental "
        "health crisis. Someone trained will listen and help you stay safe.",
        "categories": ["crisis-line", "mental-health"],
        "areas": [("CA", "")],
        "contacts": [
            ("phone", "988", "", "Call", ""),
            ("text", "988", "", "Text", ""),
            ("website", "https://988.ca", "", "Website", ""),
        ],
        "languages": [("en", ""), ("fr", "")],
        "tz": CA,
        "is_24_7": True,
    },
    {
        "slug": "poison-help-us",
        "name": "Poison Help",
        "strip": "Poison Help (US)",
        "org": "americas-poison-centers",
        "description": "Call if you think someone has been poisoned or has taken too much of a "
        "drug. A poison specialist tells you what to do next.",
        "categories": ["poison-help"],
        "areas": [("US", "")],
        "contacts": [
            ("phone", "1-800-222-1222", "", "Call", ""),
            ("website", "https://poisonhelp.org", "", "Website", ""),
        ],
        "tz": US,
        "is_24_7": True,
        "confidential": True,
    },
    {
        "slug": "samhsa-national-helpline",
        "name": "SAMHSA National Helpline",
        "strip": "SAMHSA Helpline (US)",
        "org": "samhsa",
        "description": "Call for information and referrals to treatment, support groups and "
        "community services for substance use and mental health.",
        "categories": ["substance-use-helpline"],
        "areas": [("US", "")],
        "contacts": [
            ("phone", "1-800-662-4357", "1-800-662-HELP (4357)", "Call", ""),
            ("tty", "1-800-487-4889", "", "TTY", ""),
            ("text", "435748", "435748 (HELP4U)", "Text", "Send your ZIP code; English only"),
            (
                "website",
                "https://www.samhsa.gov/find-help/helplines/national-helpline",
                "samhsa.gov national helpline",
                "Website",
                "",
            ),
        ],
        "languages": [("en", ""), ("es", "Calls only")],
        "tz": US,
        "is_24_7": True,
        "confidential": True,
    },
    {
        "slug": "findtreatment-gov",
        "name": "FindTreatment.gov",
        "org": "samhsa",
        "description": "Search for licensed treatment places near you, by location, what they "
        "offer and how you can pay.",
        "categories": ["treatment-finder"],
        "areas": [("US", "")],
        "contacts": [("website", "https://findtreatment.gov", "", "Website", "")],
        "tz": US,
        "hours_note": "Online, any time",
    },
    {
        "slug": "never-use-alone",
        "name": "Never Use Alone",
        "org": "never-use-alone",
        "description": "If you are going to use alone, call first. Someone stays on the phone "
        "with you and sends help to your location if you stop answering.",
        "categories": ["harm-reduction"],
        "areas": [("US", "")],
        "contacts": [("phone", "1-800-484-3731", "", "Call", "")],
        "tz": US,
        "is_24_7": True,
        "confidential": True,
    },
    {
        "slug": "nhs-111",
        "name": "NHS 111",
        "org": "nhs-england",
        "description": "Call or go online when you need medical help or advice fast but it is "
        "not a life-threatening emergency.",
        "categories": [],
        "areas": [("GB", "England")],
        "contacts": [
            ("phone", "111", "", "Call", ""),
            ("website", "https://111.nhs.uk", "", "Website", ""),
        ],
        "tz": GB,
        "is_24_7": True,
    },
    {
        "slug": "frank",
        "name": "FRANK",
        "strip": "FRANK (UK)",
        "org": "dhsc",
        "description": "Honest, confidential information and advice about drugs. You do not "
        "have to give your name.",
        "categories": ["substance-use-helpline"],
        "areas": [("GB", "")],
        "contacts": [
            ("phone", "0300 123 6600", "", "Call", ""),
            ("text", "82111", "", "Text", "Check this number on the FRANK website first"),
            ("website", "https://www.talktofrank.com", "", "Website", ""),
        ],
        "tz": GB,
        "is_24_7": True,
        "hours_note": "Phone and text any time; live chat every day from 2pm to 6pm",
        "confidential": True,
    },
    {
        "slug": "samaritans",
        "name": "Samaritans",
        "strip": "Samaritans (UK, Ireland)",
        "org": "samaritans",
        "description": "Talk to someone about anything that is troubling you. You do not have "
        "to be suicidal to call.",
        "categories": ["crisis-line", "mental-health"],
        "areas": [("GB", ""), ("IE", "")],
        "contacts": [
            ("phone", "116 123", "", "Call", ""),
            ("email", "jo@samaritans.org", "", "Email", ""),
            ("website", "https://www.samaritans.org", "", "Website", ""),
        ],
        "tz": GB,
        "is_24_7": True,
    },
    {
        "slug": "nors-canada",
        "name": "National Overdose Response Service (NORS)",
        "org": "nors",
        "description": "If you are going to use alone, call or text. A peer with lived "
        "experience stays with you and sends help if you stop responding.",
        "categories": ["harm-reduction", "peer-support"],
        "areas": [("CA", "")],
        "contacts": [
            ("phone", "1-888-688-6677", "1-888-688-NORS (6677)", "Call", ""),
            ("text", "1-888-688-6677", "1-888-688-NORS (6677)", "Text", ""),
            ("website", "https://www.nors.ca", "", "Website", ""),
        ],
        "tz": CA,
        "is_24_7": True,
        "anonymous": True,
    },
    {
        "slug": "australia-alcohol-drug-hotline",
        "name": "National Alcohol and Other Drug Hotline",
        "strip": "Alcohol and Drug Hotline (Australia)",
        "org": "au-health",
        "description": "Call for counselling, information and referral about alcohol and other "
        "drugs. Your call goes to the service in your state or territory.",
        "categories": ["substance-use-helpline"],
        "areas": [("AU", "")],
        "contacts": [("phone", "1800 250 015", "", "Call", "")],
        "tz": AU,
        "is_24_7": True,
        "hours_note": "In South Australia a counsellor answers from 8:30am to 10pm",
        "confidential": True,
    },
    {
        "slug": "lifeline-australia",
        "name": "Lifeline",
        "strip": "Lifeline (Australia)",
        "org": "lifeline-australia",
        "description": "Crisis support if you are struggling or thinking about suicide. "
        "Someone trained will listen.",
        "categories": ["crisis-line", "mental-health"],
        "areas": [("AU", "")],
        "contacts": [
            ("phone", "13 11 14", "", "Call", ""),
            ("text", "0477 13 11 14", "", "Text", ""),
            ("website", "https://www.lifeline.org.au", "", "Website", ""),
        ],
        "tz": AU,
        "is_24_7": True,
        "hours_note": "The phone line is open 24/7",
    },
    {
        "slug": "poisons-information-centre-au",
        "name": "Poisons Information Centre",
        "org": "au-poisons-centres",
        "description": "Call for advice if you think someone has been poisoned or has taken "
        "too much of a medicine or drug.",
        "categories": ["poison-help"],
        "areas": [("AU", "")],
        "contacts": [("phone", "13 11 26", "", "Call", "")],
        "tz": AU,
        "is_24_7": True,
    },
    {
        "slug": "aasm-sleep-centers",
        "name": "Sleep center directory",
        "org": "aasm",
        "description": "Find a sleep centre accredited by the American Academy of Sleep "
        "Medicine near you.",
        "categories": ["sleep-clinic"],
        "areas": [("US", "")],
        "contacts": [("website", "https://sleepeducation.org/sleep-center/", "", "Website", "")],
        "tz": US,
        "hours_note": "Online, any time",
        "fees": "Free to search; the sleep centres charge for care",
        "topics": ["sleep"],
    },
    {
        "slug": "sbsm-cbti-providers",
        "name": "CBT-I provider directory",
        "org": "sbsm",
        "description": "Find a behavioural sleep medicine provider who offers CBT-I, the talking "
        "treatment for long-term insomnia.",
        "categories": ["sleep-clinic"],
        "areas": [("US", "")],
        "contacts": [("website", "https://www.behavioralsleep.org", "", "Website", "")],
        "tz": US,
        "hours_note": "Online, any time; lists some providers outside the US",
        "fees": "Free to search; providers charge for care",
        "topics": ["sleep"],
    },
    {
        "slug": "cbt-i-coach",
        "name": "CBT-i Coach app",
        "org": "va",
        "description": "A free app that guides you through the steps of CBT-I on your own, or "
        "alongside a therapist.",
        "categories": ["sleep-clinic"],
        "areas": [("US", "")],
        "contacts": [("website", "https://mobile.va.gov/app/cbt-i-coach", "", "Website", "")],
        "tz": US,
        "hours_note": "Self-guided app, available worldwide",
        "topics": ["sleep"],
    },
]

# The brief's order for the "Get help now" strip.
STRIP_ORDER = [
    "emergency-services-us-ca",
    "emergency-services-gb",
    "emergency-services-au",
    "988-lifeline",
    "988-canada",
    "poison-help-us",
    "samhsa-national-helpline",
    "frank",
    "samaritans",
    "australia-alcohol-drug-hotline",
    "lifeline-australia",
]


def stable_id(*parts):
    return uuid.uuid5(NAMESPACE, "demo:" + ":".join(parts))


def _sync(model, lookup, values):
    """update_or_create that saves only when something changed (no new history rows)."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created or any(getattr(obj, name) != value for name, value in values.items())
    if changed:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean(exclude=["service"], validate_unique=False)
        obj.save()
    return obj, created


def load():
    ensure_taxonomy(TaxonomyTerm._meta.get_field("taxonomy").related_model, TaxonomyTerm)
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    orgs = {}
    for key, (name, description, website) in ORGANIZATIONS.items():
        orgs[key], _ = _sync(
            Organization,
            {"id": stable_id("org", key)},
            {"name": name, "description": description, "website": website},
        )
    created = 0
    for data in SERVICES:
        slug = data["slug"]
        existing = Service.objects.filter(slug=slug).first()
        values = {
            "hsds_id": stable_id("service", slug),
            "name": data["name"],
            "organization": orgs.get(data["org"]),
            "description": data["description"],
            "status": Status.PUBLISHED,
            "published_at": existing.published_at if existing else timezone.now(),
            "is_free": "fees" not in data,
            "fees_description": data.get("fees", ""),
            "is_confidential": data.get("confidential", False),
            "is_anonymous": data.get("anonymous", False),
            "time_zone": data["tz"],
            "is_24_7": data.get("is_24_7", False),
            "hours_note": data.get("hours_note", ""),
            "featured_in_help_strip": slug in STRIP_ORDER,
            "help_strip_order": STRIP_ORDER.index(slug) + 1 if slug in STRIP_ORDER else 0,
            "help_strip_label": data.get("strip", ""),
        }
        if "fees" in data:
            # Free to search but not free care: say so instead of ticking "free".
            values["is_free"] = True
            values["fees_description"] = ""
            values["eligibility"] = data["fees"] + "."
        service, was_created = _sync(Service, {"slug": slug}, values)
        created += was_created
        service.categories.set([terms[code] for code in data["categories"]])
        topic_slugs = ["getting-help"] + data.get("topics", [])
        service.topics.set(Topic.objects.filter(slug__in=topic_slugs))
        _sync_children(service, data)
    return {"services": len(SERVICES), "created": created, "organizations": len(orgs)}


def _sync_children(service, data):
    slug = service.slug
    keep = []
    for order, (kind, value, display, label, note) in enumerate(data["contacts"]):
        contact, _ = _sync(
            ContactPoint,
            {"hsds_id": stable_id("contact", slug, str(order))},
            {
                "service": service,
                "kind": kind,
                "value": _normalised(kind, value),
                "display": display or _default_display(kind, value),
                "label": label,
                "note": note,
                "order": order,
            },
        )
        keep.append(contact.pk)
    service.contacts.exclude(pk__in=keep).delete()

    keep = []
    for country, region in data["areas"]:
        area, _ = _sync(
            ServiceArea,
            {"service": service, "country": country, "region": region},
            {"nationwide": not region},
        )
        keep.append(area.pk)
    service.service_areas.exclude(pk__in=keep).delete()

    keep = []
    for code, note in data.get("languages", [("en", "")]):
        language, _ = _sync(ServiceLanguage, {"service": service, "code": code}, {"note": note})
        keep.append(language.pk)
    service.languages_spoken.exclude(pk__in=keep).delete()

    keep = []
    for weekday, opens, closes, note in data.get("rules", []):
        rule, _ = _sync(
            ScheduleRule,
            {"hsds_id": stable_id("rule", slug, str(weekday), opens)},
            {
                "service": service,
                "weekday": weekday,
                "opens": datetime.time.fromisoformat(opens),
                "closes": datetime.time.fromisoformat(closes),
                "note": note,
            },
        )
        keep.append(rule.pk)
    service.schedule_rules.exclude(pk__in=keep).delete()


def _normalised(kind, value):
    from .models import NUMBER_KINDS, normalise_phone  # noqa: PLC0415

    return normalise_phone(value) if kind in NUMBER_KINDS else value


def _default_display(kind, value):
    from .models import NUMBER_KINDS  # noqa: PLC0415

    if kind in NUMBER_KINDS:
        return value
    if kind in ("website", "chat"):
        return value.split("://", 1)[1].removeprefix("www.").rstrip("/")
    return value
