"""Demo articles, written in our own words from ../shared/content/ (kratom.md first).

Every fact carries a ``[@key]`` citation from sources.md. Where the research is thin
the text says so; nothing here repeats the false claims listed in kratom.md.

Loading is idempotent: articles are matched by slug and saved only when something
differs, FAQ items are replaced only when the wanted list differs, so a rerun creates
no duplicates and no new history rows. Related services are linked by slug when the
referrals demo has loaded them; missing slugs are skipped silently.
"""

import datetime

from apps.editorial.demo_support import set_if_changed, sync_m2m
from apps.editorial.models import Contributor, Status, Topic

from .models import Article, Audience, FAQItem

AUTHOR = "nightlight-editorial-team"
REVIEWER = "demo-medical-reviewer"
REVIEWED_ON = datetime.date(2026, 11, 1)

EMERGENCY = (
    "**If someone is unresponsive, has slow or stopped breathing, or blue lips, call your "
    "emergency number now (911 in the US and Canada, 999 in the UK, 000 in Australia, 112 "
    "in the EU).**"
)

INSOMNIA_BODY = """\
## The short answer

Kratom is made from the leaves of *Mitragyna speciosa*, a tree in the coffee family \
that grows in Southeast Asia [@prozialeck-2012]. Its main active compounds act on the \
same brain receptor as morphine, but only partly switch it on [@kruegel-2016] \
[@kruegel-grundmann-2018].

The clearest link between kratom and poor sleep is **withdrawal**. When people who use \
kratom every day cut down or stop, trouble sleeping is one of the symptoms they report \
most often. Others include aches, a runny nose, hot flushes, restlessness and feeling \
low [@singh-2014].

## What the research shows

In a study of 170 people in Malaysia who used kratom regularly and then stopped, 46% \
said their sleep got worse while they were stopping [@singh-2018]. People who drank \
four or more glasses of kratom tea a day had about twice the odds of sleep problems. \
The researchers judged these problems fairly mild and short-lived compared with those \
reported for opioid painkillers [@singh-2018].

Heavier daily use also raises the chance of becoming dependent, and dependence is what \
makes withdrawal, and the sleepless nights that come with it, more likely \
[@singh-2014].

## What is not known yet

Research on kratom and sleep is thin, and researchers still know little about many of \
kratom's effects [@nida-kratom]. As far as we know, nobody has yet studied kratom in a \
sleep laboratory, where brain waves and breathing are measured through the night.

You may read that kratom cuts down REM sleep (dream sleep). That has not been shown. \
Opioid medicines in general can reduce dream sleep and deep sleep and can disturb \
breathing at night [@wang-teichtahl-2007]. Kratom acts on the same receptor, but its \
effect on sleep stages has never been measured.

## Dose and timing, as people describe them

People who use kratom describe lower doses as giving energy and alertness, and higher \
doses as making them drowsy [@prozialeck-2012]. Many people in a large US survey said \
they used it for energy [@grundmann-2017]. So it is possible that kratom taken later in \
the day keeps some people awake. This is what people report, not something a study has \
tested.

## What helps with insomnia

Whether or not you use kratom, the first treatment that guidelines recommend for \
long-term insomnia is cognitive behavioural therapy for insomnia, or CBT-I \
[@edinger-2021] [@qaseem-2016]. It works on the habits and worries that keep you awake. \
You can do it with a therapist, online, by phone or from a self-help book \
[@qaseem-2016].

Some parts you can start tonight. *Stimulus control* means going to bed only when you \
feel sleepy, getting up if you cannot sleep, and getting up at the same time every day \
[@edinger-2021]. Regular physical activity is linked with somewhat better sleep \
[@kredlow-2015]. Melatonin and over-the-counter sleeping pills are not recommended for \
long-term insomnia [@sateia-2017].

## What you can do next

- Read about [CBT-I](/alternatives/cbt-i/) and \
[stimulus control](/alternatives/stimulus-control/), and try one this week.
- If you use kratom every day and want to cut down, read \
[Kratom withdrawal and sleep](/articles/kratom-withdrawal-and-sleep/) and talk to a \
clinician before you start.
- If you want to talk to someone, find a free, confidential line in our \
[help directory](/help/).
"""

WITHDRAWAL_BODY = """\
## Why sleep suffers when you stop

Kratom's main compounds act on the brain's opioid receptors [@kruegel-2016]. When \
someone uses kratom every day, the body gets used to it. This is called dependence. \
Cutting down or stopping can then bring on withdrawal [@singh-2014] [@nida-kratom].

In a study of 293 people in Malaysia who used kratom regularly, most of those who had \
used it for more than six months were dependent, and difficulty sleeping was one of the \
withdrawal symptoms they mentioned most [@singh-2014]. Dependence is not only seen in \
Malaysia: in a US survey of people who had used kratom regularly, about 3 in 10 met \
the criteria for a kratom use disorder, mostly mild [@smith-2022]. Rates depend a lot \
on who is asked and how often they use [@garcia-romeu-2020].

## What withdrawal can feel like

People describe a mix of body and mood symptoms [@singh-2014]:

- trouble falling or staying asleep
- muscle aches, spasms and pain
- watery eyes and a runny nose
- hot flushes, fever, less appetite and diarrhoea
- restlessness, tension, anger, sadness and nervousness

In a study of 170 people who stopped, 46% said their sleep got worse while stopping. \
People who had been drinking four or more glasses a day had about twice the odds of \
sleep problems [@singh-2018]. The researchers judged the sleep problems fairly mild and \
not long-lasting compared with those reported for opioid painkillers [@singh-2018]. \
Everyone is different, and heavier use tends to mean a harder time [@singh-2014].

## Cutting down with support

There is no approved medicine for kratom withdrawal, and research on how best to treat \
it is limited [@nida-kratom] [@fda-kratom]. That makes a clinician's help more \
important, not less. A doctor or addiction service can help you plan a slower cut-down \
and watch for problems. Clinicians sometimes use the medicines they use for \
opioid-type withdrawal, but this has not been well studied for kratom, so it is a \
decision to make together.

If you also take opioids, alcohol or sedating medicines, tell the clinician, so they \
can plan with the whole picture in mind.

## Sleeping through withdrawal

The same methods that help anyone with insomnia are worth trying now. Guidelines \
recommend cognitive behavioural therapy for insomnia (CBT-I) as the first treatment for \
long-term insomnia [@edinger-2021] [@qaseem-2016]. Parts of it you can use on your own:

- Keep the same wake-up time every day, even after a bad night [@edinger-2021].
- Go to bed only when you feel sleepy, and get up if you cannot sleep \
[@edinger-2021].
- Move your body in the day; regular activity is linked with better sleep \
[@kredlow-2015].

Be careful with sleep aids. Over-the-counter sleeping pills and melatonin are not \
recommended for long-term insomnia [@sateia-2017], and sedating products add to the \
risks of anything else you take [@olsen-2019].

## What you can do next

- Read [how to sleep during withdrawal](/alternatives/sleep-during-withdrawal/) and \
[CBT-I](/alternatives/cbt-i/).
- Talk to a clinician or a helpline before you stop. Our \
[help directory](/help/) lists free, confidential services.
- Read [Does kratom cause insomnia?](/articles/does-kratom-cause-insomnia/) for what is \
and is not known about kratom and sleep.
"""

PAIN_BODY = f"""\
## Why people use kratom for pain

Pain is one of the most common reasons people in the US give for using kratom \
[@grundmann-2017] [@garcia-romeu-2020]. People describe higher doses as pain-relieving \
and opioid-like [@prozialeck-2012]. That fits with what lab studies show: kratom's main \
compounds partly activate the same receptor as morphine [@kruegel-2016] \
[@kruegel-grundmann-2018].

## What the evidence says

There are no approved medical uses of kratom [@fda-kratom] [@nida-kratom]. Most of what \
we know about kratom and pain comes from surveys, where people describe their own \
experience [@grundmann-2017]. Surveys cannot tell us how well it works, for whom, or at \
what cost, and good clinical trials are missing [@nida-kratom].

## The risks to weigh

Kratom is not free of risk, and some risks are serious.

- **Dependence and withdrawal.** Regular use can lead to dependence. Pain and muscle \
aches are among the withdrawal symptoms people describe when they stop \
[@singh-2014] [@singh-2018].
- **Liver injury.** This is rare but can be serious. It usually appears weeks after \
starting regular use [@schimmel-2020] [@livertox-kratom].
- **Poisoning.** Seizures, agitation, a fast heartbeat, vomiting and confusion have \
been reported to US poison centres [@post-2019].
- **Mixing.** Most deaths where kratom was found also involved other drugs, often \
fentanyl or heroin [@olsen-2019].
- **Unknown products.** Product strength varies a lot, and some products have been \
contaminated [@fda-kratom] [@cdc-salmonella-2018].

## Pain options with better evidence

Long-term pain is best managed with more than one approach at once. The US CDC's 2022 \
guideline says a multimodal, multidisciplinary approach to pain is critical \
[@cdc-opioid-guideline-2022]. That can include:

- exercise therapy and physical therapy [@cdc-opioid-guideline-2022]
- psychological therapy such as CBT for pain [@cdc-opioid-guideline-2022]
- non-opioid medicines, used with a clinician's or pharmacist's advice about their own \
risks [@cdc-opioid-guideline-2022]

If pain keeps you awake, treating the sleep problem helps too. CBT for insomnia is the \
first treatment recommended for long-term insomnia [@edinger-2021] [@qaseem-2016].

## If you already use kratom for pain

You do not have to stop today to get help. Tell your doctor and your pharmacist that \
you use kratom, so they can take it into account. Do not mix it with alcohol, opioids, \
benzodiazepines or sleeping pills, because that raises the risk of slowed breathing \
[@olsen-2019] [@kruegel-grundmann-2018]. Get medical help for yellow skin or eyes or \
dark urine, which can be signs of liver injury [@livertox-kratom].

{EMERGENCY}

## What you can do next

- Ask your doctor about a pain plan that combines several approaches, and about \
[pain management for better sleep](/alternatives/pain-management-for-sleep/).
- If you want to cut down, read \
[Kratom withdrawal and sleep](/articles/kratom-withdrawal-and-sleep/) first.
- Find a free, confidential service in our [help directory](/help/).
"""

MIXING_BODY = f"""\
## Why mixing raises the risk

Kratom's main compounds act on the brain's opioid receptors [@kruegel-2016]. At higher \
doses people describe it as sedating [@prozialeck-2012]. Other drugs that slow the body \
down, such as alcohol, opioids, benzodiazepines, gabapentinoids (such as gabapentin and \
pregabalin) and sleeping pills, can add to that effect. Together they may cause heavy sleepiness and slowed breathing \
[@kruegel-grundmann-2018] [@olsen-2019].

This is partly reasoning from how opioid-like drugs work, because few studies have \
looked at kratom mixed with other drugs directly. But the death data point the same way.

## What the deaths data show

Between July 2016 and December 2017, 152 of 27,338 overdose deaths in up to 27 US \
states tested positive for kratom [@olsen-2019]. In most of those deaths, other drugs \
were found too, often fentanyl or heroin. Kratom was the only substance found in just \
7 deaths, and even then other substances could not be ruled out [@olsen-2019].

Calls to US poison centres about kratom rose sharply between 2011 and 2017. Reported \
effects included seizures, agitation, a fast heartbeat, vomiting and confusion \
[@post-2019].

## Common mixes to avoid

- **Alcohol.** It is sedating too, so the effects can add up [@kruegel-grundmann-2018].
- **Opioids,** including prescribed painkillers, heroin and fentanyl. Fentanyl and \
heroin were often found alongside kratom in deaths [@olsen-2019].
- **Benzodiazepines, gabapentinoids and sleeping pills,** including over-the-counter \
sleep aids. All add to sleepiness [@kruegel-grundmann-2018].
- **Concentrated 7-OH products** (tablets, gummies, shots). 7-OH is much stronger at \
opioid receptors than the leaf's main compound, and regulators have warned about these \
products [@kruegel-2016] [@fda-kratom].
- **Stimulants.** Lower doses of kratom are described as stimulating [@prozialeck-2012], \
and a fast heartbeat and seizures are among reported effects [@post-2019]. Little \
research exists on mixing kratom with stimulants.

## Signs of an overdose

Watch for someone who cannot be woken, has very slow or noisy breathing, blue or grey \
lips, or a seizure.

{EMERGENCY}

If opioids, including 7-OH products, may be involved, give naloxone if you have it, and \
still call emergency services. Stay with the person and lay them on their side.

## If you are going to mix anyway

Do not use alone, and tell someone you trust what you have taken. Some services will \
stay on the phone with you and send help if you stop responding; find them in our [help directory](/help/). \
If opioids may be involved, keep naloxone nearby.

## What you can do next

- Read [Safer use if you use kratom](/articles/safer-kratom-use/).
- If you worry something was swallowed by mistake, or by a child, call a poison \
centre; find the number in our [help directory](/help/).
- If you want to cut down, our [help directory](/help/) lists free, confidential \
services.
"""

SAFER_USE_BODY = f"""\
## Know what you are taking

Kratom is sold as powder, capsules, extracts and "shots", and strength varies a lot \
between products [@prozialeck-2012] [@fda-kratom]. There are no approved medical uses, \
and products are not checked like medicines [@fda-kratom] [@nida-kratom].

Concentrated **7-OH** products are a different thing from the leaf. 7-OH is much \
stronger at opioid receptors than the leaf's main compound [@kruegel-2016], and \
regulators have warned about these products [@fda-kratom]. If a product is sold as \
tablets, gummies or shots with 7-OH on the label, treat it like a strong opioid.

## Contamination

In 2018, 199 people in 41 US states got *Salmonella* infections linked to kratom \
products [@cdc-salmonella-2018]. FDA testing has also found heavy metals in some \
products [@fda-kratom]. You cannot see or taste these problems.

## Do not mix

Mixing kratom with alcohol, opioids, benzodiazepines, gabapentinoids or sleeping pills \
raises the risk of heavy sedation and slowed breathing [@kruegel-grundmann-2018] \
[@olsen-2019]. Most deaths where kratom was found also involved other drugs \
[@olsen-2019]. Read more in \
[Mixing kratom with other substances](/articles/mixing-kratom-with-other-substances/).

## Watch for dependence

Regular use can lead to dependence. Signs include needing more for the same effect, \
and feeling unwell, restless or unable to sleep when you miss a dose \
[@singh-2014] [@smith-2022]. Using several times a day raises the odds \
[@singh-2014]. If you notice this, you are not alone, and help is available.

## Warning signs to act on

Stop using kratom and get medical help if you notice:

- yellow skin or eyes, dark urine or pale stools, which can mean liver injury \
[@schimmel-2020] [@livertox-kratom]
- a seizure, a racing heartbeat, confusion or repeated vomiting [@post-2019]

{EMERGENCY}

## Keep it away from children

Store kratom out of reach of children and pets. US poison centres have had calls about \
kratom exposures in young children [@post-2019]. If a child swallows any, call a poison centre \
straight away.

## Pregnancy

If you are pregnant or might be, talk to a clinician. Babies have been born with \
withdrawal after kratom use in pregnancy [@post-2019].

## Mood and mental health

Some people say kratom helps their mood, and others describe distress linked to \
dependence; the research is mixed [@swogger-2018]. If you feel low or anxious, that \
deserves care in its own right.

## What you can do next

- Tell your doctor and pharmacist that you use kratom, so they can take it into account.
- If you want to cut down, read \
[Kratom withdrawal and sleep](/articles/kratom-withdrawal-and-sleep/) and talk to a \
clinician first.
- For sleep, try [CBT-I](/alternatives/cbt-i/) before reaching for sleep aids.
- Find free, confidential support in our [help directory](/help/).
"""

ARTICLES = [
    {
        "slug": "does-kratom-cause-insomnia",
        "title": "Does kratom cause insomnia?",
        "standfirst": "Yes, it can, most clearly when someone who uses kratom every day cuts "
        "down or stops: trouble sleeping is one of the most common withdrawal complaints. "
        "Whether kratom disturbs sleep while you are using it has hardly been studied.",
        "key_points": [
            "Trouble sleeping is a well-reported withdrawal symptom when daily kratom use stops.",
            "Heavier daily use goes with higher odds of sleep problems when stopping.",
            "Nobody has measured kratom's effect on sleep stages in a sleep lab; claims that it "
            "reduces dream sleep are unproven.",
            "CBT-I is the first treatment guidelines recommend for long-term insomnia.",
        ],
        "body": INSOMNIA_BODY,
        "audience": Audience.PEOPLE_WHO_USE,
        "topics": ["kratom", "sleep", "withdrawal"],
        "related": ["kratom-withdrawal-and-sleep", "safer-kratom-use", "kratom-and-pain"],
        "services": ["samhsa-national-helpline", "findtreatment-gov", "frank", "nhs-111"],
        "change_note": "Rewritten to separate withdrawal insomnia from claims that are unproven.",
        "faq": [
            (
                "Can kratom help me sleep?",
                "Some people say higher doses make them drowsy [@prozialeck-2012], but no study "
                "has shown that kratom improves sleep. Regular use can lead to dependence and "
                "to sleepless nights when you stop [@singh-2014].",
            ),
            (
                "Does kratom stop dream (REM) sleep?",
                "We do not know. Opioid medicines in general can reduce dream sleep "
                "[@wang-teichtahl-2007], but this has never been measured for kratom.",
            ),
            (
                "How long do sleep problems last after stopping?",
                "In one study, people judged them fairly mild and not long-lasting compared "
                "with opioid painkillers [@singh-2018]. If they go on for weeks, talk to a "
                "clinician about CBT-I [@edinger-2021].",
            ),
        ],
    },
    {
        "slug": "kratom-withdrawal-and-sleep",
        "title": "Kratom withdrawal and sleep",
        "standfirst": "If you use kratom every day and then cut down or stop, poor sleep is "
        "likely for a while. It is one of the most common withdrawal symptoms. A clinician "
        "can help you plan, and sleep methods such as CBT-I still work.",
        "key_points": [
            "Daily kratom use can lead to dependence and withdrawal.",
            "Trouble sleeping, aches, a runny nose and restlessness are common withdrawal "
            "symptoms.",
            "Heavier use tends to mean more sleep problems when stopping.",
            "Plan a cut-down with a clinician, and use CBT-I methods rather than sleep aids.",
        ],
        "body": WITHDRAWAL_BODY,
        "audience": Audience.PEOPLE_WHO_USE,
        "topics": ["kratom", "withdrawal", "sleep", "getting-help"],
        "related": ["does-kratom-cause-insomnia", "safer-kratom-use"],
        "services": [
            "samhsa-national-helpline",
            "findtreatment-gov",
            "frank",
            "nhs-111",
            "australia-alcohol-drug-hotline",
        ],
        "change_note": "Added the 2022 US survey of kratom use disorder.",
        "faq": [
            (
                "Should I stop all at once?",
                "Talk to a clinician first. Heavier daily use is linked with more dependence "
                "and harder withdrawal [@singh-2014], and a clinician can help you plan a "
                "slower cut-down.",
            ),
            (
                "Can I take a sleeping pill to get through it?",
                "Over-the-counter sleeping pills and melatonin are not recommended for "
                "long-term insomnia [@sateia-2017], and sedating products add to other risks "
                "[@olsen-2019]. Ask a clinician before taking anything.",
            ),
            (
                "Is kratom withdrawal like opioid withdrawal?",
                "Some symptoms overlap, such as aches and a runny nose [@singh-2014]. In one "
                "study, sleep problems were judged milder than those reported for opioid "
                "painkillers [@singh-2018].",
            ),
        ],
    },
    {
        "slug": "kratom-and-pain",
        "title": "Kratom and pain: what the evidence says",
        "standfirst": "Many people use kratom for pain, but it has no approved medical use and "
        "good trials are missing. It carries real risks, including dependence and liver "
        "injury. Pain treatments with stronger evidence exist.",
        "key_points": [
            "Pain is one of the most common reasons people give for using kratom.",
            "There are no approved medical uses of kratom, and good clinical trials are missing.",
            "Risks include dependence, liver injury, poisoning and contaminated products.",
            "Guidelines favour combining approaches such as exercise therapy, physical therapy "
            "and psychological therapy.",
        ],
        "body": PAIN_BODY,
        "audience": Audience.PEOPLE_WHO_USE,
        "topics": ["kratom", "pain"],
        "related": ["does-kratom-cause-insomnia", "mixing-kratom-with-other-substances"],
        "services": ["samhsa-national-helpline", "findtreatment-gov", "nhs-111"],
        "change_note": "Added the CDC 2022 guideline's approach to long-term pain.",
        "faq": [
            (
                "Is kratom a natural painkiller?",
                "Its compounds act on the same receptor as morphine [@kruegel-2016], but "
                "there is no approved medical use [@fda-kratom]. Natural does not mean free "
                "of risk: liver injury has been reported [@schimmel-2020].",
            ),
            (
                "Can I use kratom to come off prescribed opioids?",
                "Some people say they do [@garcia-romeu-2020], but there is no approved use "
                "for this [@fda-kratom]. Do not stop prescribed medicines suddenly; talk to "
                "the prescriber first.",
            ),
        ],
    },
    {
        "slug": "mixing-kratom-with-other-substances",
        "title": "Mixing kratom with other substances",
        "standfirst": "Mixing kratom with alcohol, opioids, benzodiazepines or sleeping pills "
        "raises the risk of heavy sedation and slowed breathing. Most deaths where kratom was "
        "found also involved other drugs. Know the signs of an overdose and what to do.",
        "key_points": [
            "Kratom plus other sedating drugs can slow breathing.",
            "Most deaths with kratom detected also involved other drugs, often fentanyl or heroin.",
            "Concentrated 7-OH products act like strong opioids.",
            "If someone cannot be woken or is breathing slowly, call your emergency number.",
        ],
        "body": MIXING_BODY,
        "audience": Audience.PEOPLE_WHO_USE,
        "topics": ["kratom", "mixing-substances", "safer-use"],
        "related": ["safer-kratom-use", "kratom-and-pain"],
        "services": [
            "988-lifeline",
            "poison-help-us",
            "never-use-alone",
            "nors-canada",
            "nhs-111",
        ],
        "change_note": "Added what to do in an overdose, including naloxone.",
        "faq": [
            (
                "Is it OK to drink alcohol with kratom?",
                "Both can make you sleepy, and together they raise the risk of slowed "
                "breathing [@kruegel-grundmann-2018] [@olsen-2019]. The safest choice is not "
                "to mix them.",
            ),
            (
                "Does naloxone work if kratom is involved?",
                "Naloxone reverses opioids. If opioids, including 7-OH products, may be "
                "involved, give it if you have it, and still call emergency services.",
            ),
            (
                "What if a child swallows kratom?",
                "Call a poison centre straight away. US poison centres have had calls about "
                "kratom exposures in young children [@post-2019]. If the child is hard to wake or has "
                "a seizure, call your emergency number.",
            ),
        ],
    },
    {
        "slug": "safer-kratom-use",
        "title": "Safer use if you use kratom",
        "standfirst": "If you use kratom, you can lower some of the risks: avoid mixing it "
        "with other sedating drugs, stay away from concentrated 7-OH products, watch for "
        "signs of dependence and liver injury, and keep it away from children.",
        "key_points": [
            "Product strength varies and some products have been contaminated.",
            "Avoid concentrated 7-OH products and do not mix with sedating drugs.",
            "Yellow skin or eyes and dark urine need a doctor straight away.",
            "Store kratom out of reach of children and pets.",
            "Support is available if you want to cut down.",
        ],
        "body": SAFER_USE_BODY,
        "audience": Audience.PEOPLE_WHO_USE,
        "topics": ["kratom", "safer-use", "getting-help"],
        "related": [
            "mixing-kratom-with-other-substances",
            "kratom-withdrawal-and-sleep",
            "does-kratom-cause-insomnia",
        ],
        "services": [
            "poison-help-us",
            "samhsa-national-helpline",
            "findtreatment-gov",
            "frank",
            "australia-alcohol-drug-hotline",
        ],
        "change_note": "Added warnings about concentrated 7-OH products.",
        "faq": [
            (
                "Is kratom legal?",
                "It depends where you live, and laws change. As of 2025, in the US it is not "
                "scheduled federally, but some states and cities ban it, and the FDA has warned against "
                "using it [@fda-kratom]. Check your local law.",
            ),
            (
                "How do I know if I am dependent?",
                "Feeling unwell, restless or unable to sleep when you miss a dose are common "
                "signs [@singh-2014]. A clinician or helpline can talk it through with you, "
                "without judgement.",
            ),
        ],
    },
]

_FIELDS = ("title", "standfirst", "body", "audience", "change_note")


def _sync_faq(article, wanted):
    """Replace the FAQ only when it differs, so a rerun writes nothing."""
    current = list(article.faq_items.order_by("order", "pk").values_list("question", "answer"))
    if current == wanted:
        return
    article.faq_items.all().delete()
    for order, (question, answer) in enumerate(wanted, start=1):
        item = FAQItem(article=article, question=question, answer=answer, order=order)
        item.full_clean()
        item.save()


def load():
    author = Contributor.objects.get(slug=AUTHOR)
    reviewer = Contributor.objects.get(slug=REVIEWER)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    articles = {}
    for entry in ARTICLES:
        values = {name: entry[name] for name in _FIELDS}
        values |= {
            "key_points": "\n".join(entry["key_points"]),
            "status": Status.PUBLISHED,
            "reviewed_by": reviewer,
            "last_reviewed_on": REVIEWED_ON,
        }
        article = Article.objects.filter(slug=entry["slug"]).first()
        if article is None:
            article = Article(slug=entry["slug"])
            created += 1
        if set_if_changed(article, values) or article.pk is None:
            article.full_clean()
            article.save()
        _sync_faq(article, entry["faq"])
        if set(article.sources.values_list("key", flat=True)) != set(article.cited_keys()):
            article.sync_sources()
        sync_m2m(article.authors, [author])
        sync_m2m(article.topics, [topics[s] for s in entry["topics"] if s in topics])
        articles[entry["slug"]] = article
    _link_related(articles)
    return {"articles": len(ARTICLES), "created": created}


def _link_related(articles):
    from apps.referrals.models import Service

    wanted_services = {slug for entry in ARTICLES for slug in entry["services"]}
    services = {s.slug: s for s in Service.objects.filter(slug__in=wanted_services)}
    for entry in ARTICLES:
        article = articles[entry["slug"]]
        sync_m2m(article.related_articles, [articles[slug] for slug in entry["related"]])
        sync_m2m(
            article.related_services,
            [services[slug] for slug in entry["services"] if slug in services],
        )
    # The alternatives loaded before us; now that the articles exist, let their
    # loader link its "related articles" (a no-op until that relation exists).
    from apps.alternatives.demo import link_related

    link_related()
