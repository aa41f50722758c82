"""The standing pages (about, privacy, editorial policy) as Markdown flatpages.

``ensure_standing_pages()`` creates any that are missing and never overwrites a page an
editor has already changed. The text follows /work/shared/content/site-pages.md: plain
language, second person, short sentences. No raw HTML: flatpages are rendered through
the sanitising Markdown filter.
"""

ABOUT = """\
Nightlight gives honest, plain answers about kratom, sleep and pain. It also helps you \
find support when you want it.

## Who this site is for

- **You, if you use kratom or other substances.** You get straight facts, without judgement.
- **People who care about someone who uses.** You can learn what is known and how to help.
- **Professionals.** Doctors, nurses, pharmacists, counsellors and outreach workers can \
check our sources for themselves.

## What you will find here

- **Articles that show their sources.** Every fact links to the research or guideline it \
comes from. When little research exists, we say so.
- **Sleep alternatives, graded by the evidence.** Ways to sleep better without drugs. Each \
one shows how strong the evidence is. See [how we grade evidence](/alternatives/evidence/).
- **Help contacts, with how far we have checked them.** Helplines, treatment finders and \
support services. Each one shows the date our staff last checked its details, or says \
"not yet verified by staff" if nobody has yet. See [get help](/help/).

## What Nightlight is not

- **Not a shop.** We do not sell kratom, supplements or anything else.
- **Not a campaign.** We are not for or against kratom. We report what the evidence says, \
including what it does not know yet.
- **Not a replacement for care.** We give general information. We cannot diagnose you or \
plan your treatment. Talk to a clinician who knows you. Do not stop prescribed medicines \
suddenly without advice.

## No adverts. No sponsors.

There are no adverts on this site. We do not take money, gifts or sponsorship from anyone \
who sells kratom, supplements or other substances. Nobody pays us to mention a product or \
a service.

## How we work

Every page names who wrote it and who checked it. It shows when it was last reviewed and \
when its next review is due. Read our [editorial policy](/editorial-policy/) to learn more. \
Read our [privacy promise](/privacy/) to see what we do, and do not do, with your data.

## In an emergency

If someone is unresponsive, has slow or stopped breathing, or blue lips, call your \
emergency number now (911 in the US and Canada, 999 in the UK, 000 in Australia, 112 in \
the EU).
"""

PRIVACY = """\
You should be able to read about drugs, sleep and pain without being watched. Here is \
what we promise.

## Reading this site sets no cookies

When you read Nightlight, we do not put any cookies on your device. We do not need to \
know who you are to show you a page.

## Nothing loads from other companies

Every page comes only from our own server. That means:

- no analytics or visitor tracking,
- no fonts or scripts from other companies,
- no trackers or advertising code,
- no social media buttons.

## Links do not say where you came from

When you follow a link to another website, your browser does not tell that site which \
of our pages you were reading. The other site will have its own privacy rules, so check \
them too.

## We do not keep your IP address

Your IP address is the number that identifies your internet connection. Our server logs \
are configured to leave out IP addresses, so we do not keep yours. Operators: see the \
README's "Privacy in logs" section to set this up for Gunicorn, nginx or Caddy.

## Feedback is stored without any identifier

Every content page ends with a short form: "Was this page helpful?" and "Report a \
problem". When you send it, we keep what you wrote and which page it was about. We do not \
store your name, your IP address, a cookie or any other identifier.

To stop spam, we use a scrambled code that changes often. It is kept only in short-term \
memory and deleted automatically. It is never saved with your feedback.

**Please do not put personal details in your feedback.** Leave out your name, email, \
phone number and health details. We cannot reply to feedback, because we do not know who \
sent it.

## Staff cookies stay in the admin

Our editors log in to an admin area to write and review pages. Their logins use cookies, \
but only inside that admin area. Readers never get these cookies.

## Questions

If you have a question about privacy, email us at the contact address at the bottom of \
every page.
"""

EDITORIAL_POLICY = """\
This page explains how we write, review, correct and pay for what you read on \
Nightlight, and how you can tell us when we get something wrong.

## How a page is made

A writer drafts each page from published research and clinical guidelines, in plain words. \
Every factual statement links to where it came from. We use the best evidence we can find, \
in this order:

1. clinical guidelines and systematic reviews,
2. clinical trials,
3. observational studies and official reports.

When the evidence is thin, we say so in plain words. For example: "there are no sleep-lab \
studies of kratom yet". When a source only lets us reason about a risk, such as what \
happens when drugs are mixed, we say "may" and tell you it is reasoning.

We aim for a reading age of about 12. Our editing software scores every page for \
readability (a Flesch reading ease of 60 or more) and warns our editors when a page is \
harder to read than that.

## Checks before anything is published

Our editing software checks every article and guide and warns our editors about:

- a medical statement with no source,
- a mixing or dose risk stated as certain when its source only supports a careful "may",
- a page that is harder to read than our target,
- a source that has been withdrawn (retracted) or replaced by a newer version,
- a help service whose details were not checked in the last 180 days.

A warning can only be cleared by fixing the page, or by a reviewer who records why it is \
acceptable. That reason is kept in the page's history.

## Every page shows who checked it, and when

Nothing is published without a named reviewer. Each article and guide shows:

- who wrote it, and their role,
- who reviewed it, and the reviewer's relevant qualifications,
- when it was last reviewed,
- when its next review is due,
- what changed at the last review.

Each writer and reviewer has a profile page with their role, qualifications and a \
conflict-of-interest statement.

We review every page at least once a year. If a review is late, the page tells you so at \
the top, so you know some details may be out of date.

## How we correct mistakes

When we change what a page says, a reviewer checks the change and writes a short note \
about it. The page then shows an "Updated" line with the date and that note. Earlier \
notes stay on the page under "Past changes", so you can see how it has changed over time.

## How we grade evidence for sleep alternatives

Each sleep alternative has a grade: **Strong**, **Moderate**, **Limited**, \
**Insufficient** or **Recommended against**. The grade depends mostly on what major sleep \
guidelines say. The grade is always written in words, not only shown as a colour. Read \
[how we grade evidence](/alternatives/evidence/) for the full rules.

## How we check help services

Our staff check each help service's phone numbers, text lines and links by hand, and \
record the date. Each service shows that date. If our staff have not checked a service \
yet, the page says "not yet verified by staff". Our software also tests the services' web \
links, and reminds our editors when a service has not been checked for 180 days. If a \
contact does not work, please tell us.

## How to report a mistake

At the end of every content page there is a short form: "Was this page helpful?" and \
"Report a problem". Use it to tell us about a mistake, a broken link or a number that does \
not work. You do not need to give your name. Our editors read these reports. When a \
report shows a real mistake, we correct the page and record what changed.

You can also email us at the contact address at the bottom of every page.

## How we are funded, and why we are independent

We take no money from anyone who sells kratom, supplements or other substances. There are \
no adverts and no sponsored content. Nobody outside our team decides what we write.

Nightlight is open-source software. The organisation that runs this site lists its \
funders in this section. This demonstration site has no funders.

## The standards we follow

This policy follows the Patient Information Forum's **PIF TICK** criteria for trustworthy \
health information. It also follows the **HONcode** principles:

- **Authority:** we say who wrote and reviewed each page, and their qualifications.
- **Complementarity:** we support, and never replace, the care you get from a clinician.
- **Privacy:** we respect your privacy. See our [privacy promise](/privacy/).
- **Attribution:** we cite our sources and show when each page was last reviewed.
- **Justifiability:** we back up claims about what works, or does not work, with evidence.
- **Transparency:** we make it easy to contact us and to report problems.
- **Financial disclosure:** we tell you plainly that we take no money from sellers.
- **Advertising policy:** there are no adverts on Nightlight.

Nightlight gives general information, not medical advice. Talk to a clinician who knows \
you before you change your treatment.
"""

STANDING_PAGES = [
    {"url": "/about/", "title": "About Nightlight", "content": ABOUT},
    {"url": "/privacy/", "title": "Our privacy promise", "content": PRIVACY},
    {"url": "/editorial-policy/", "title": "Editorial policy", "content": EDITORIAL_POLICY},
]


def ensure_standing_pages(apps=None, using="default"):
    """Create the missing standing pages; return how many were created.

    Runs after every ``migrate`` (so a fresh install has them before any demo content)
    and from the demo loader. A page whose URL already has a flatpage is left alone, so
    editors' changes survive.
    """
    from django.conf import settings
    from django.db import transaction

    from apps.editorial.identity import sync_site

    if apps is None:
        from django.apps import apps
    FlatPage = apps.get_model("flatpages", "FlatPage")
    Site = apps.get_model("sites", "Site")
    with transaction.atomic(using=using):
        if not Site.objects.using(using).filter(pk=settings.SITE_ID).exists():
            sync_site(apps=apps, using=using)
        site = Site.objects.using(using).get(pk=settings.SITE_ID)
        count = 0
        for page in STANDING_PAGES:
            if FlatPage.objects.using(using).filter(url=page["url"]).exists():
                continue
            flatpage = FlatPage.objects.using(using).create(
                url=page["url"], title=page["title"], content=page["content"]
            )
            flatpage.sites.add(site)
            count += 1
    return count
