"""Demo sleep alternatives, written from ../shared/content/sleep-alternatives.md.

Each grade follows the table there exactly. Loading is idempotent: items are matched
by slug and saved only when something differs, so a rerun creates no duplicates and
no new history rows. Related services and articles are linked by slug when those
apps have loaded them; missing slugs are skipped silently (articles load after us,
so ``link_related()`` is public for the articles loader to call again).
"""

import datetime

from apps.editorial.demo_support import set_if_changed, sync_m2m
from apps.editorial.models import Contributor, Status, Topic

from .models import (
    Alternative,
    Category,
    Cost,
    Delivery,
    Evidence,
    HelpsWith,
    Level,
    related_field_names,
)

AUTHOR = "nightlight-editorial-team"
REVIEWER = "demo-sleep-reviewer"
REVIEWED_ON = datetime.date(2026, 11, 1)

C, E, H, D = Category, Evidence, HelpsWith, Delivery
INSOMNIA = [H.FALLING_ASLEEP, H.STAYING_ASLEEP, H.WAKING_EARLY]
CBTI_SERVICES = ["sbsm-cbti-providers", "aasm-sleep-centers", "cbt-i-coach"]
WITHDRAWAL_SERVICES = ["samhsa-national-helpline", "findtreatment-gov", "frank", "nhs-111"]

SLEEP_RESTRICTION_CAUTIONS = """\
- Cutting back your time in bed can make you sleepy in the day for the first week or two. \
Take extra care driving or using machines, and do not drive when drowsy [@edinger-2021].
- If you have bipolar disorder or a seizure condition, only do this with a clinician's \
support [@edinger-2021].
"""

ALTERNATIVES = [
    {
        "slug": "cbt-i",
        "name": "CBT-I (cognitive behavioural therapy for insomnia)",
        "category": C.BEHAVIOURAL,
        "evidence": E.STRONG,
        "summary": "A short course that changes the habits and worries that keep insomnia going. "
        "It is the first treatment doctors' guidelines recommend for adults with long-term insomnia.",
        "steps": """\
CBT-I is the first-line treatment for long-term insomnia in adults. Two major guidelines \
give it their strongest recommendation [@edinger-2021] [@qaseem-2016].

1. **Find a course.** It usually takes 4 to 8 sessions with a trained therapist, one to \
one or in a group [@riemann-2023]. Your doctor can refer you.
2. **Keep a sleep diary.** Write down when you go to bed, when you think you fell asleep \
and when you got up. Your therapist uses it to plan your sleep times [@riemann-2023].
3. **Learn the main parts.** CBT-I combines a shorter, fixed time in bed (sleep \
restriction), using the bed only for sleep (stimulus control), facts about sleep, and \
work on worried thoughts about sleep [@edinger-2021].
4. **Give it several weeks.** The benefits usually build over a few weeks, and they tend \
to last after the course ends [@riemann-2023].
""",
        "time_to_benefit": "Several weeks; gains usually last",
        "effort": Level.HIGH,
        "cost": Cost.MODERATE,
        "delivery": [D.CLINICIAN, D.GROUP],
        "helps_with": INSOMNIA,
        "cautions": SLEEP_RESTRICTION_CAUTIONS,
        "services": CBTI_SERVICES,
        "articles": ["does-kratom-cause-insomnia"],
        "topics": ["sleep"],
    },
    {
        "slug": "digital-cbt-i",
        "name": "Digital or self-help CBT-I",
        "category": C.BEHAVIOURAL,
        "evidence": E.STRONG,
        "summary": "The same CBT-I programme, done through an app, a website or a book, at "
        "your own pace.",
        "steps": """\
The American College of Physicians recommends CBT-I for adults with long-term insomnia, \
and counts it whichever way it is delivered, including self-help [@qaseem-2016]. The \
European guideline also supports digital CBT-I [@riemann-2023].

1. **Choose a programme** that teaches the full CBT-I package: sleep diary, a fixed \
sleep window, stimulus control and work on worried thoughts [@riemann-2023].
2. **Fill in the sleep diary every morning.** The programme uses it to set your time in \
bed [@riemann-2023].
3. **Follow the plan for several weeks**, even when a night goes badly [@qaseem-2016].
4. **Ask for help if you get stuck.** A clinician can support you through the harder \
parts, such as the shorter sleep window.
""",
        "time_to_benefit": "Several weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.LOW,
        "delivery": [D.SELF_GUIDED, D.ONLINE],
        "helps_with": INSOMNIA,
        "cautions": SLEEP_RESTRICTION_CAUTIONS,
        "services": CBTI_SERVICES,
        "articles": ["does-kratom-cause-insomnia"],
        "topics": ["sleep"],
    },
    {
        "slug": "brief-behavioural-therapy",
        "name": "Brief behavioural therapy for insomnia",
        "category": C.BEHAVIOURAL,
        "evidence": E.MODERATE,
        "summary": "A shorter version of CBT-I, in 1 to 4 sessions, focused on your sleep "
        "times and what you do in bed.",
        "steps": """\
Sleep guidelines suggest short, combined behaviour therapies like this one for adults \
with long-term insomnia [@edinger-2021].

1. **Work with a clinician** over 1 to 4 sessions [@edinger-2021].
2. **Set a fixed wake time** and a shorter time in bed that matches how long you \
really sleep [@edinger-2021].
3. **Get out of bed when you cannot sleep**, and go back only when you feel sleepy \
[@edinger-2021].
4. **Widen your sleep window** step by step as your sleep gets more solid \
[@edinger-2021].
""",
        "time_to_benefit": "2–4 weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.LOW,
        "delivery": [D.CLINICIAN],
        "helps_with": INSOMNIA,
        "cautions": SLEEP_RESTRICTION_CAUTIONS,
        "services": CBTI_SERVICES,
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "stimulus-control",
        "name": "Stimulus control",
        "category": C.BEHAVIOURAL,
        "evidence": E.MODERATE,
        "summary": "Teaching your body that bed is for sleep: go to bed only when sleepy, and "
        "get up when you cannot sleep.",
        "steps": """\
Sleep guidelines suggest stimulus control for adults with long-term insomnia \
[@edinger-2021].

1. **Go to bed only when you feel sleepy**, not just tired [@edinger-2021].
2. **If you are not asleep in about 20 minutes, get up.** Do something calm in another \
room, and go back to bed when you feel sleepy [@edinger-2021].
3. **Use your bed only for sleep and sex.** No phone, TV or work in bed \
[@edinger-2021].
4. **Get up at the same time every day**, including weekends, however you slept \
[@edinger-2021].
""",
        "time_to_benefit": "2–4 weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED, D.CLINICIAN],
        "helps_with": [H.FALLING_ASLEEP, H.STAYING_ASLEEP],
        "cautions": """\
- When you get up at night, keep the lights low and take care not to trip or fall \
[@edinger-2021].
""",
        "services": CBTI_SERVICES,
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "sleep-restriction",
        "name": "Sleep restriction therapy",
        "category": C.BEHAVIOURAL,
        "evidence": E.MODERATE,
        "summary": "Spending less time lying awake in bed, so your sleep becomes deeper and "
        "more regular, then slowly adding time back.",
        "steps": """\
Sleep guidelines suggest sleep restriction for adults with long-term insomnia \
[@edinger-2021].

1. **Keep a sleep diary for a week or two** to see how long you really sleep \
[@edinger-2021].
2. **Limit your time in bed** to about that amount, with a fixed wake time \
[@edinger-2021].
3. **Add time back slowly**, for example 15 minutes a week, as you spend more of your \
time in bed asleep [@edinger-2021].
4. **Do it with support if you can.** A clinician or a CBT-I programme can set the \
times with you.
""",
        "time_to_benefit": "2–6 weeks",
        "effort": Level.HIGH,
        "cost": Cost.FREE,
        "delivery": [D.CLINICIAN, D.SELF_GUIDED],
        "helps_with": INSOMNIA,
        "cautions": SLEEP_RESTRICTION_CAUTIONS,
        "services": CBTI_SERVICES,
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "relaxation-training",
        "name": "Relaxation training",
        "category": C.RELAXATION,
        "evidence": E.MODERATE,
        "summary": "Exercises that calm your body and mind before sleep, such as slow "
        "breathing and tensing and relaxing your muscles.",
        "steps": """\
Sleep guidelines suggest relaxation training for adults with long-term insomnia \
[@edinger-2021].

1. **Pick one method**: progressive muscle relaxation (tense and release each muscle \
group in turn), slow breathing, or guided imagery [@edinger-2021].
2. **Practise every day**, at first during the day, so it becomes easy [@edinger-2021].
3. **Use it at bedtime**, and if you wake in the night [@edinger-2021].
""",
        "time_to_benefit": "1–4 weeks of daily practice",
        "effort": Level.LOW,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED, D.ONLINE, D.GROUP],
        "helps_with": [H.FALLING_ASLEEP, H.STAYING_ASLEEP, H.WITHDRAWAL],
        "cautions": """\
- Relaxation has no notable risks [@edinger-2021]. If your sleep is no better after a few \
weeks of daily practice, ask a clinician about CBT-I.
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "sleep-hygiene-education",
        "name": "Sleep hygiene tips (on their own)",
        "category": C.HABITS,
        "evidence": E.AGAINST,
        "not_enough_alone": True,
        "summary": "Advice on caffeine, alcohol, screens, your bedroom and a regular routine. "
        "Useful as part of CBT-I, but not a treatment for insomnia on its own.",
        "steps": """\
Sleep guidelines advise against using sleep-hygiene tips as the only treatment for \
long-term insomnia. They are useful as one part of CBT-I [@edinger-2021].

1. **Cut down on caffeine** later in the day [@edinger-2021].
2. **Avoid alcohol close to bedtime** [@edinger-2021].
3. **Put screens away** before bed [@edinger-2021].
4. **Make your bedroom comfortable**: dark, quiet and not too warm [@edinger-2021].
5. **Keep regular sleep and wake times** [@edinger-2021].

If you have had trouble sleeping for months, try these alongside CBT-I, not instead of it.
""",
        "time_to_benefit": "",
        "effort": Level.LOW,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED],
        "helps_with": [H.FALLING_ASLEEP, H.STAYING_ASLEEP],
        "cautions": """\
- These tips are harmless, but on their own they are not enough to treat long-term \
insomnia [@edinger-2021].
""",
        "services": [],
        "articles": ["does-kratom-cause-insomnia"],
        "topics": ["sleep"],
    },
    {
        "slug": "physical-activity",
        "name": "Regular physical activity",
        "category": C.ACTIVITY,
        "evidence": E.LIMITED,
        "summary": "Moving your body most days, such as brisk walking, can help you sleep a "
        "little better.",
        "steps": """\
A review of many studies found that regular exercise gives small to moderate \
improvements in sleep [@kredlow-2015].

1. **Aim for moderate activity most days**, such as a brisk walk or cycling \
[@kredlow-2015].
2. **Finish hard exercise a few hours before bed** rather than right before it \
[@kredlow-2015].
3. **Keep it up for several weeks** before judging whether it helps [@kredlow-2015].
""",
        "time_to_benefit": "A few weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED, D.GROUP],
        "helps_with": [H.FALLING_ASLEEP, H.STAYING_ASLEEP],
        "cautions": """\
- If you live with pain or a health condition, start gently and build up slowly. Ask a \
clinician or physiotherapist what is safe for you.
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "wake-time-and-morning-light",
        "name": "A fixed wake time and morning light",
        "category": C.LIGHT,
        "evidence": E.LIMITED,
        "summary": "Getting up at the same time every day and going into daylight soon after "
        "waking, to keep your body clock steady.",
        "steps": """\
A steady wake time and morning daylight are part of CBT-I and of advice on the body \
clock [@riemann-2023].

1. **Pick a wake time you can keep every day**, weekends too [@riemann-2023].
2. **Get daylight soon after waking**: open the curtains, or go outside for a few \
minutes [@riemann-2023].
3. **Keep to it for a week or two** before judging whether it helps.
""",
        "time_to_benefit": "1–2 weeks",
        "effort": Level.LOW,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED],
        "helps_with": [H.FALLING_ASLEEP, H.WAKING_EARLY, H.WITHDRAWAL],
        "cautions": """\
- If you work nights or changing shifts, ask a clinician how to adapt this.
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "mindfulness",
        "name": "Mindfulness and meditation",
        "category": C.RELAXATION,
        "evidence": E.LIMITED,
        "summary": "Practising paying attention to the present moment, and letting worries "
        "about sleep come and go.",
        "steps": """\
Some studies suggest mindfulness may help sleep, but the research is still limited, and \
guidelines do not yet recommend it as a treatment for insomnia [@riemann-2023].

1. **Start small**: a few minutes a day of noticing your breathing.
2. **Try a course, an app or a group** if you want structure.
3. **Practise for several weeks**; it is a skill that builds slowly.
""",
        "time_to_benefit": "Several weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED, D.ONLINE, D.GROUP],
        "helps_with": [H.FALLING_ASLEEP, H.STAYING_ASLEEP],
        "cautions": """\
- The evidence is thin, so if long-term insomnia is the problem, try CBT-I too \
[@riemann-2023].
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "melatonin",
        "name": "Melatonin",
        "category": C.SUPPLEMENTS,
        "evidence": E.AGAINST,
        "summary": "A hormone sold as a supplement. Guidelines advise against it for long-term "
        "insomnia in adults; it may help some body-clock problems.",
        "steps": """\
This is not a how-to: it is what to know before you think about melatonin.

1. **What the guideline says.** The American Academy of Sleep Medicine suggests that \
doctors do not use melatonin to treat long-term insomnia in adults. This is a weak \
recommendation [@sateia-2017].
2. **Where it may help.** Melatonin may help some body-clock problems, such as jet lag. \
Talk to a clinician about whether that applies to you [@nccih-sleep].
3. **What to try first.** For long-term insomnia, CBT-I has much stronger evidence \
[@sateia-2017].
""",
        "time_to_benefit": "",
        "effort": Level.LOW,
        "cost": Cost.LOW,
        "delivery": [D.CLINICIAN],
        "helps_with": [H.FALLING_ASLEEP],
        "cautions": """\
- Supplements are not checked like medicines, and the amount in a product can differ \
from the label [@nccih-sleep].
- Do not give melatonin to children without a clinician's advice, and keep it out of \
their reach [@nccih-sleep].
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "herbal-sleep-aids",
        "name": "Valerian and other herbal sleep aids",
        "category": C.SUPPLEMENTS,
        "evidence": E.AGAINST,
        "summary": "Herbal supplements sold for sleep. Guidelines advise against valerian for "
        "long-term insomnia, and some herbs carry real risks.",
        "steps": """\
This is not a how-to: it is what to know before you buy a herbal sleep aid.

1. **What the guideline says.** The American Academy of Sleep Medicine suggests that \
doctors do not use valerian for long-term insomnia. This is a weak recommendation \
[@sateia-2017].
2. **Natural does not mean safe.** Kava, sold for stress and sleep, has been linked to \
serious liver damage [@nccih-sleep].
3. **Tell your clinician or pharmacist** about any herbal product you take, because \
herbs can interact with medicines [@nccih-sleep].
""",
        "time_to_benefit": "",
        "effort": Level.LOW,
        "cost": Cost.LOW,
        "delivery": [D.CLINICIAN],
        "helps_with": [H.FALLING_ASLEEP],
        "cautions": """\
- Kava has been linked to liver damage [@nccih-sleep].
- Herbal products can interact with medicines and with other substances [@nccih-sleep].
""",
        "services": [],
        "articles": [],
        "topics": ["sleep"],
    },
    {
        "slug": "antihistamine-sleep-aids",
        "name": "Over-the-counter antihistamine sleep aids",
        "category": C.SUPPLEMENTS,
        "evidence": E.AGAINST,
        "summary": "“PM” and night-time pills that contain a sedating antihistamine such as "
        "diphenhydramine. Guidelines advise against them for long-term insomnia.",
        "steps": """\
This is not a how-to: it is what to know before you reach for a "PM" pill.

1. **What the guideline says.** The American Academy of Sleep Medicine suggests that \
doctors do not use diphenhydramine to treat long-term insomnia [@sateia-2017].
2. **Ask a pharmacist** if you are not sure whether a night-time product contains a \
sedating antihistamine.
3. **What to try first.** For long-term insomnia, CBT-I has much stronger evidence \
[@sateia-2017].
""",
        "time_to_benefit": "",
        "effort": Level.LOW,
        "cost": Cost.LOW,
        "delivery": [D.CLINICIAN],
        "helps_with": [H.FALLING_ASLEEP],
        "cautions": """\
- They can leave you drowsy the next day, and can cause confusion in older adults \
[@sateia-2017].
- Do not mix them with kratom, alcohol or opioids: the sedation adds up.
""",
        "services": [],
        "articles": ["does-kratom-cause-insomnia"],
        "topics": ["sleep", "mixing-substances"],
    },
    {
        "slug": "pain-management-for-sleep",
        "name": "Managing pain that disturbs your sleep",
        "category": C.PAIN,
        "evidence": E.MODERATE,
        "summary": "Treating the pain that keeps you awake, starting with exercise, physical "
        "therapy and other non-drug care.",
        "steps": """\
For long-term pain, the CDC guideline favours non-drug treatments and non-opioid pain \
relievers as first steps, with a plan that uses several kinds of care together \
[@cdc-opioid-guideline-2022].

1. **Talk to your doctor** about a pain plan that fits you \
[@cdc-opioid-guideline-2022].
2. **Try non-drug options**, such as exercise therapy, physical therapy, or cognitive \
behavioural therapy for pain [@cdc-opioid-guideline-2022].
3. **Use non-opioid pain relievers as directed** on the label or by your clinician \
[@cdc-opioid-guideline-2022].
4. **Work on sleep too.** If pain and poor sleep go together, CBT-I can be part of the \
plan.
""",
        "time_to_benefit": "Weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.LOW,
        "delivery": [D.CLINICIAN, D.SELF_GUIDED],
        "helps_with": [H.PAIN],
        "cautions": """\
- Acetaminophen (paracetamol) can damage the liver above the daily limit, and heavy \
drinking adds to the risk [@cdc-opioid-guideline-2022].
- Anti-inflammatory pain relievers (NSAIDs) such as ibuprofen can harm the stomach, \
kidneys and heart. Ask a pharmacist if they are right for you \
[@cdc-opioid-guideline-2022].
""",
        "services": [],
        "articles": ["kratom-and-pain"],
        "topics": ["sleep", "pain"],
    },
    {
        "slug": "sleep-during-withdrawal",
        "name": "Sleeping through kratom or opioid withdrawal",
        "category": C.HABITS,
        "evidence": E.LIMITED,
        "summary": "Poor sleep is common when you cut down or stop kratom or opioids. Steady "
        "habits help, and a clinician can treat the withdrawal itself.",
        "steps": """\
Trouble sleeping is one of the most common withdrawal symptoms in people who used kratom \
regularly and then stop [@singh-2014]. There is little research on sleep during \
withdrawal itself, so this advice comes from what works for insomnia in general \
[@edinger-2021].

1. **Talk to a clinician or a helpline first.** Ask about treatment for the withdrawal, \
rather than adding sleeping pills on your own.
2. **Keep a fixed wake time**, even after a bad night, and avoid napping late in the \
day [@edinger-2021].
3. **Use stimulus control**: if you cannot sleep, get up and do something calm until \
you feel sleepy [@edinger-2021].
4. **Practise relaxation** such as slow breathing at bedtime [@edinger-2021].
5. **Give it time.** In one study of people stopping kratom, sleep problems were \
mostly mild and did not last as long as reported for opioid painkillers [@singh-2018].
""",
        "time_to_benefit": "Days to weeks",
        "effort": Level.MEDIUM,
        "cost": Cost.FREE,
        "delivery": [D.SELF_GUIDED, D.CLINICIAN],
        "helps_with": [H.WITHDRAWAL, H.FALLING_ASLEEP, H.STAYING_ASLEEP],
        "cautions": """\
- Do not treat withdrawal sleeplessness with alcohol, benzodiazepines or opioids. Ask \
a clinician about safer ways to manage withdrawal.
- If you feel very unwell, cannot keep fluids down, or have thoughts of harming \
yourself, get medical help now.
""",
        "services": WITHDRAWAL_SERVICES,
        "articles": ["kratom-withdrawal-and-sleep", "does-kratom-cause-insomnia"],
        "topics": ["sleep", "withdrawal", "kratom"],
    },
]

# Fields set directly from each entry (the rest are relations or defaults).
_FIELDS = (
    "name",
    "category",
    "evidence",
    "summary",
    "steps",
    "time_to_benefit",
    "effort",
    "cost",
    "delivery",
    "helps_with",
    "cautions",
    "not_enough_alone",
)


def load():
    author = Contributor.objects.get(slug=AUTHOR)
    reviewer = Contributor.objects.get(slug=REVIEWER)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    for entry in ALTERNATIVES:
        values = {name: entry.get(name, False) for name in _FIELDS}
        # In the properties' own order, so an unchanged item compares equal.
        values["delivery"] = [v for v in Delivery.values if v in entry["delivery"]]
        values["helps_with"] = [v for v in HelpsWith.values if v in entry["helps_with"]]
        values |= {
            "status": Status.PUBLISHED,
            "reviewed_by": reviewer,
            "last_reviewed_on": REVIEWED_ON,
        }
        alternative = Alternative.objects.filter(slug=entry["slug"]).first()
        if alternative is None:
            alternative = Alternative(slug=entry["slug"])
            created += 1
        if set_if_changed(alternative, values) or alternative.pk is None:
            alternative.full_clean()
            alternative.save()
        if set(alternative.sources.values_list("key", flat=True)) != set(alternative.cited_keys()):
            alternative.sync_sources()
        sync_m2m(alternative.authors, [author])
        sync_m2m(alternative.topics, [topics[s] for s in entry["topics"] if s in topics])
    link_related()
    return {"alternatives": len(ALTERNATIVES), "created": created}


def link_related():
    """Link services and articles by slug, where those models and items exist yet."""
    keys = {"related_services": "services", "related_articles": "articles"}
    for relation in related_field_names():
        key = keys[relation]
        model = Alternative._meta.get_field(relation).related_model
        wanted_slugs = {slug for entry in ALTERNATIVES for slug in entry[key]}
        by_slug = {item.slug: item for item in model.objects.filter(slug__in=wanted_slugs)}
        for entry in ALTERNATIVES:
            alternative = Alternative.objects.get(slug=entry["slug"])
            wanted = [by_slug[slug] for slug in entry[key] if slug in by_slug]
            sync_m2m(getattr(alternative, relation), wanted)
