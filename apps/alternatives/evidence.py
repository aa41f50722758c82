"""The words of /alternatives/evidence/: how Nightlight grades each sleep alternative.

Kept as Markdown with [@key] citations so it renders through the editorial Document,
with numbered references, exactly like every other page.
"""

GUIDE = """
Every sleep alternative on Nightlight has an evidence grade. The grade tells you how sure \
the research is that it helps with long-term sleep problems (insomnia). We base it mostly \
on what major sleep guidelines say, because guidelines weigh all the good studies together.

## Where the grades come from

We mainly use three guidelines:

- The American Academy of Sleep Medicine (AASM) guideline on talking and behaviour \
therapies for insomnia, from 2021 [@edinger-2021].
- The American College of Physicians (ACP) insomnia guideline, from 2016 [@qaseem-2016].
- The AASM guideline on medicines for insomnia, from 2017 [@sateia-2017].

The AASM uses a system called GRADE. A **strong** recommendation means almost everyone \
with the problem should be offered the treatment. A **conditional** recommendation means \
most people would choose it, but the right choice depends on the person, so it is worth \
talking it through [@edinger-2021]. The ACP made a strong recommendation that adults with \
long-term insomnia try cognitive behavioural therapy for insomnia (CBT-I) first \
[@qaseem-2016].

## What each grade means

- **Strong**: a major guideline makes a strong recommendation for it. CBT-I, with a therapist \
or by app or book, has this grade [@edinger-2021] [@qaseem-2016].
- **Moderate**: a guideline makes a conditional recommendation for it, backed by \
randomised trials, such as stimulus control or sleep restriction [@edinger-2021].
- **Limited**: some trials or reviews suggest it helps, but no guideline recommends it yet.
- **Insufficient**: there is too little research to say either way.
- **Recommended against**: a guideline suggests not using it, either as the only \
treatment or at all. For example, sleep-hygiene tips on their own are not advised as a \
treatment for insomnia [@edinger-2021], and the AASM advises against melatonin, valerian \
and over-the-counter antihistamines for long-term insomnia [@sateia-2017].

## What the grades do not tell you

A grade is about the research, not about you. Something graded "limited" may still help \
you, and something graded "strong" may not suit you right now. Each page lists cautions: \
who should take care and when to see a clinician. Some options are marked **not enough on \
its own**. That means they can be part of a plan, but should not be the only thing you try.

The guidelines we use are about adults whose insomnia has lasted a long time \
[@edinger-2021] [@sateia-2017]. If your sleep problem is new, or you are unsure what is \
causing it, a clinician can help you work it out.
"""
