"""The search-quality corpus: every demo page's title and the start of its text, as indexed."""

CORPUS = [
    (
        "alternative",
        "A fixed wake time and morning light",
        "Getting up at the same time every day and going into daylight soon after waking, to keep your body clock steady. A steady wake time and morning daylight are part of CBT-I and of advice on the body clock. Pick a wake time you can keep every day, weekends too. Get daylight soon after waking: open the curtains, or go outside for a few minutes. Keep to it for a week or two before judging whether it helps. If you work nights or changing shifts, ask a clinician how to adapt this.",
    ),
    (
        "alternative",
        "Brief behavioural therapy for insomnia",
        "A shorter version of CBT-I, in 1 to 4 sessions, focused on your sleep times and what you do in bed. Sleep guidelines suggest short, combined behaviour therapies like this one for adults with long-term insomnia. Work with a clinician over 1 to 4 sessions. Set a fixed wake time and a shorter time in bed that matches how long you really sleep. Get out of bed when you cannot sleep, and go back only when you feel sleepy. Widen your sleep window step by step as your sleep gets more solid. Cutting back your time in bed can make you sleepy in the day for the first week or two. Take extra care driving or using machines, and do not drive when drowsy. If you have bipolar disorder or a seizure condition, only do this with a clinician's support.",
    ),
    (
        "alternative",
        "CBT-I (cognitive behavioural therapy for insomnia)",
        "A short course that changes the habits and worries that keep insomnia going. It is the first treatment doctors' guidelines recommend for adults with long-term insomnia. CBT-I is the first-line treatment for long-term insomnia in adults. Two major guidelines give it their strongest recommendation. Find a course. It usually takes 4 to 8 sessions with a trained therapist, one to one or in a group. Your doctor can refer you. Keep a sleep diary. Write down when you go to bed, when you think you fell asleep and when you got up. Your therapist uses it to plan your sleep times. Learn the main parts. CBT-I combines a shorter, fixed time in bed (sleep restriction), using the bed only for sleep (stimulus control), facts about sleep, and work on worried thoughts about sleep. Give it several weeks. The benefits usually build over a few weeks, and they tend to last after the course ends. Cutting back",
    ),
    (
        "alternative",
        "Digital or self-help CBT-I",
        "The same CBT-I programme, done through an app, a website or a book, at your own pace. The American College of Physicians recommends CBT-I for adults with long-term insomnia, and counts it whichever way it is delivered, including self-help. The European guideline also supports digital CBT-I. Choose a programme that teaches the full CBT-I package: sleep diary, a fixed sleep window, stimulus control and work on worried thoughts. Fill in the sleep diary every morning. The programme uses it to set your time in bed. Follow the plan for several weeks, even when a night goes badly. Ask for help if you get stuck. A clinician can support you through the harder parts, such as the shorter sleep window. Cutting back your time in bed can make you sleepy in the day for the first week or two. Take extra care driving or using machines, and do not drive when drowsy. If you have bipolar disorder or a",
    ),
    (
        "alternative",
        "Managing pain that disturbs your sleep",
        "Treating the pain that keeps you awake, starting with exercise, physical therapy and other non-drug care. For long-term pain, the CDC guideline favours non-drug treatments and non-opioid pain relievers as first steps, with a plan that uses several kinds of care together. Talk to your doctor about a pain plan that fits you. Try non-drug options, such as exercise therapy, physical therapy, or cognitive behavioural therapy for pain. Use non-opioid pain relievers as directed on the label or by your clinician. Work on sleep too. If pain and poor sleep go together, CBT-I can be part of the plan. Acetaminophen (paracetamol) can damage the liver above the daily limit, and heavy drinking adds to the risk. Anti-inflammatory pain relievers (NSAIDs) such as ibuprofen can harm the stomach, kidneys and heart. Ask a pharmacist if they are right for you.",
    ),
    (
        "alternative",
        "Melatonin",
        "A hormone sold as a supplement. Guidelines advise against it for long-term insomnia in adults; it may help some body-clock problems. This is not a how-to: it is what to know before you think about melatonin. What the guideline says. The American Academy of Sleep Medicine suggests that doctors do not use melatonin to treat long-term insomnia in adults. This is a weak recommendation. Where it may help. Melatonin may help some body-clock problems, such as jet lag. Talk to a clinician about whether that applies to you. What to try first. For long-term insomnia, CBT-I has much stronger evidence. Supplements are not checked like medicines, and the amount in a product can differ from the label. Do not give melatonin to children without a clinician's advice, and keep it out of their reach.",
    ),
    (
        "alternative",
        "Mindfulness and meditation",
        "Practising paying attention to the present moment, and letting worries about sleep come and go. Some studies suggest mindfulness may help sleep, but the research is still limited, and guidelines do not yet recommend it as a treatment for insomnia. Start small: a few minutes a day of noticing your breathing. Try a course, an app or a group if you want structure. Practise for several weeks; it is a skill that builds slowly. The evidence is thin, so if long-term insomnia is the problem, try CBT-I too.",
    ),
    (
        "alternative",
        "Over-the-counter antihistamine sleep aids",
        '“PM” and night-time pills that contain a sedating antihistamine such as diphenhydramine. Guidelines advise against them for long-term insomnia. This is not a how-to: it is what to know before you reach for a "PM" pill. What the guideline says. The American Academy of Sleep Medicine suggests that doctors do not use diphenhydramine to treat long-term insomnia. Ask a pharmacist if you are not sure whether a night-time product contains a sedating antihistamine. What to try first. For long-term insomnia, CBT-I has much stronger evidence. They can leave you drowsy the next day, and can cause confusion in older adults. Do not mix them with kratom, alcohol or opioids: the sedation adds up.',
    ),
    (
        "alternative",
        "Regular physical activity",
        "Moving your body most days, such as brisk walking, can help you sleep a little better. A review of many studies found that regular exercise gives small to moderate improvements in sleep. Aim for moderate activity most days, such as a brisk walk or cycling. Finish hard exercise a few hours before bed rather than right before it. Keep it up for several weeks before judging whether it helps. If you live with pain or a health condition, start gently and build up slowly. Ask a clinician or physiotherapist what is safe for you.",
    ),
    (
        "alternative",
        "Relaxation training",
        "Exercises that calm your body and mind before sleep, such as slow breathing and tensing and relaxing your muscles. Sleep guidelines suggest relaxation training for adults with long-term insomnia. Pick one method: progressive muscle relaxation (tense and release each muscle group in turn), slow breathing, or guided imagery. Practise every day, at first during the day, so it becomes easy. Use it at bedtime, and if you wake in the night. Relaxation has no notable risks. If your sleep is no better after a few weeks of daily practice, ask a clinician about CBT-I.",
    ),
    (
        "alternative",
        "Sleep hygiene tips (on their own)",
        "Advice on caffeine, alcohol, screens, your bedroom and a regular routine. Useful as part of CBT-I, but not a treatment for insomnia on its own. Sleep guidelines advise against using sleep-hygiene tips as the only treatment for long-term insomnia. They are useful as one part of CBT-I. Cut down on caffeine later in the day. Avoid alcohol close to bedtime. Put screens away before bed. Make your bedroom comfortable: dark, quiet and not too warm. Keep regular sleep and wake times. If you have had trouble sleeping for months, try these alongside CBT-I, not instead of it. These tips are harmless, but on their own they are not enough to treat long-term insomnia.",
    ),
    (
        "alternative",
        "Sleep restriction therapy",
        "Spending less time lying awake in bed, so your sleep becomes deeper and more regular, then slowly adding time back. Sleep guidelines suggest sleep restriction for adults with long-term insomnia. Keep a sleep diary for a week or two to see how long you really sleep. Limit your time in bed to about that amount, with a fixed wake time. Add time back slowly, for example 15 minutes a week, as you spend more of your time in bed asleep. Do it with support if you can. A clinician or a CBT-I programme can set the times with you. Cutting back your time in bed can make you sleepy in the day for the first week or two. Take extra care driving or using machines, and do not drive when drowsy. If you have bipolar disorder or a seizure condition, only do this with a clinician's support.",
    ),
    (
        "alternative",
        "Sleeping through kratom or opioid withdrawal",
        "Poor sleep is common when you cut down or stop kratom or opioids. Steady habits help, and a clinician can treat the withdrawal itself. Trouble sleeping is one of the most common withdrawal symptoms in people who used kratom regularly and then stop. There is little research on sleep during withdrawal itself, so this advice comes from what works for insomnia in general. Talk to a clinician or a helpline first. Ask about treatment for the withdrawal, rather than adding sleeping pills on your own. Keep a fixed wake time, even after a bad night, and avoid napping late in the day. Use stimulus control: if you cannot sleep, get up and do something calm until you feel sleepy. Practise relaxation such as slow breathing at bedtime. Give it time. In one study of people stopping kratom, sleep problems were mostly mild and did not last as long as reported for opioid painkillers. Do not treat",
    ),
    (
        "alternative",
        "Stimulus control",
        "Teaching your body that bed is for sleep: go to bed only when sleepy, and get up when you cannot sleep. Sleep guidelines suggest stimulus control for adults with long-term insomnia. Go to bed only when you feel sleepy, not just tired. If you are not asleep in about 20 minutes, get up. Do something calm in another room, and go back to bed when you feel sleepy. Use your bed only for sleep and sex. No phone, TV or work in bed. Get up at the same time every day, including weekends, however you slept. When you get up at night, keep the lights low and take care not to trip or fall.",
    ),
    (
        "alternative",
        "Valerian and other herbal sleep aids",
        "Herbal supplements sold for sleep. Guidelines advise against valerian for long-term insomnia, and some herbs carry real risks. This is not a how-to: it is what to know before you buy a herbal sleep aid. What the guideline says. The American Academy of Sleep Medicine suggests that doctors do not use valerian for long-term insomnia. This is a weak recommendation. Natural does not mean safe. Kava, sold for stress and sleep, has been linked to serious liver damage. Tell your clinician or pharmacist about any herbal product you take, because herbs can interact with medicines. Kava has been linked to liver damage. Herbal products can interact with medicines and with other substances.",
    ),
    (
        "article",
        "Does kratom cause insomnia?",
        "Yes, it can, most clearly when someone who uses kratom every day cuts down or stops: trouble sleeping is one of the most common withdrawal complaints. Whether kratom disturbs sleep while you are using it has hardly been studied. Trouble sleeping is a well-reported withdrawal symptom when daily kratom use stops. Heavier daily use goes with higher odds of sleep problems when stopping. Nobody has measured kratom's effect on sleep stages in a sleep lab; claims that it reduces dream sleep are unproven. CBT-I is the first treatment guidelines recommend for long-term insomnia. The short answer Kratom is made from the leaves of Mitragyna speciosa, a tree in the coffee family that grows in Southeast Asia. Its main active compounds act on the same brain receptor as morphine, but only partly switch it on. The clearest link between kratom and poor sleep is withdrawal. When people who use kratom every",
    ),
    (
        "article",
        "Kratom and pain: what the evidence says",
        "Many people use kratom for pain, but it has no approved medical use and good trials are missing. It carries real risks, including dependence and liver injury. Pain treatments with stronger evidence exist. Pain is one of the most common reasons people give for using kratom. There are no approved medical uses of kratom, and good clinical trials are missing. Risks include dependence, liver injury, poisoning and contaminated products. Guidelines favour combining approaches such as exercise therapy, physical therapy and psychological therapy. Why people use kratom for pain Pain is one of the most common reasons people in the US give for using kratom. People describe higher doses as pain-relieving and opioid-like. That fits with what lab studies show: kratom's main compounds partly activate the same receptor as morphine. What the evidence says There are no approved medical uses of kratom. Most",
    ),
    (
        "article",
        "Kratom withdrawal and sleep",
        "If you use kratom every day and then cut down or stop, poor sleep is likely for a while. It is one of the most common withdrawal symptoms. A clinician can help you plan, and sleep methods such as CBT-I still work. Daily kratom use can lead to dependence and withdrawal. Trouble sleeping, aches, a runny nose and restlessness are common withdrawal symptoms. Heavier use tends to mean more sleep problems when stopping. Plan a cut-down with a clinician, and use CBT-I methods rather than sleep aids. Why sleep suffers when you stop Kratom's main compounds act on the brain's opioid receptors. When someone uses kratom every day, the body gets used to it. This is called dependence. Cutting down or stopping can then bring on withdrawal. In a study of 293 people in Malaysia who used kratom regularly, most of those who had used it for more than six months were dependent, and difficulty sleeping was one",
    ),
    (
        "article",
        "Mixing kratom with other substances",
        "Mixing kratom with alcohol, opioids, benzodiazepines or sleeping pills raises the risk of heavy sedation and slowed breathing. Most deaths where kratom was found also involved other drugs. Know the signs of an overdose and what to do. Kratom plus other sedating drugs can slow breathing. Most deaths with kratom detected also involved other drugs, often fentanyl or heroin. Concentrated 7-OH products act like strong opioids. If someone cannot be woken or is breathing slowly, call your emergency number. Why mixing raises the risk Kratom's main compounds act on the brain's opioid receptors. At higher doses people describe it as sedating. Other drugs that slow the body down, such as alcohol, opioids, benzodiazepines, gabapentinoids (such as gabapentin and pregabalin) and sleeping pills, can add to that effect. Together they may cause heavy sleepiness and slowed breathing. This is partly",
    ),
    (
        "article",
        "Safer use if you use kratom",
        'If you use kratom, you can lower some of the risks: avoid mixing it with other sedating drugs, stay away from concentrated 7-OH products, watch for signs of dependence and liver injury, and keep it away from children. Product strength varies and some products have been contaminated. Avoid concentrated 7-OH products and do not mix with sedating drugs. Yellow skin or eyes and dark urine need a doctor straight away. Store kratom out of reach of children and pets. Support is available if you want to cut down. Know what you are taking Kratom is sold as powder, capsules, extracts and "shots", and strength varies a lot between products. There are no approved medical uses, and products are not checked like medicines. Concentrated 7-OH products are a different thing from the leaf. 7-OH is much stronger at opioid receptors than the leaf\'s main compound, and regulators have warned about these',
    ),
    (
        "service",
        "9-8-8 Suicide Crisis Helpline",
        "Call or text 988 if you are thinking about suicide or you are in a mental health crisis. Someone trained will listen and help you stay safe.",
    ),
    (
        "service",
        "988 Suicide & Crisis Lifeline",
        "Call, text or chat if you are thinking about suicide, or you are in a mental health or substance-use crisis. You can also call for someone else.",
    ),
    (
        "service",
        "CBT-I provider directory",
        "Find a behavioural sleep medicine provider who offers CBT-I, the talking treatment for long-term insomnia. Free to search; providers charge for care.",
    ),
    (
        "service",
        "CBT-i Coach app",
        "A free app that guides you through the steps of CBT-I on your own, or alongside a therapist.",
    ),
    (
        "service",
        "Emergency services (Australia)",
        "Call 000 (triple zero) for an ambulance, the police or the fire service when a life is in danger.",
    ),
    (
        "service",
        "Emergency services (UK)",
        "Call 999 for an ambulance, the police or the fire service when a life is in danger. 112 works too.",
    ),
    (
        "service",
        "Emergency services (US and Canada)",
        "Call 911 for an ambulance, the police or the fire service when a life is in danger, such as an overdose or someone not breathing.",
    ),
    (
        "service",
        "FRANK",
        "Honest, confidential information and advice about drugs. You do not have to give your name.",
    ),
    (
        "service",
        "FindTreatment.gov",
        "Search for licensed treatment places near you, by location, what they offer and how you can pay.",
    ),
    (
        "service",
        "Lifeline",
        "Crisis support if you are struggling or thinking about suicide. Someone trained will listen.",
    ),
    (
        "service",
        "NHS 111",
        "Call or go online when you need medical help or advice fast but it is not a life-threatening emergency.",
    ),
    (
        "service",
        "National Alcohol and Other Drug Hotline",
        "Call for counselling, information and referral about alcohol and other drugs. Your call goes to the service in your state or territory.",
    ),
    (
        "service",
        "National Overdose Response Service (NORS)",
        "If you are going to use alone, call or text. A peer with lived experience stays with you and sends help if you stop responding.",
    ),
    (
        "service",
        "Never Use Alone",
        "If you are going to use alone, call first. Someone stays on the phone with you and sends help to your location if you stop answering.",
    ),
    (
        "service",
        "Poison Help",
        "Call if you think someone has been poisoned or has taken too much of a drug. A poison specialist tells you what to do next.",
    ),
    (
        "service",
        "Poisons Information Centre",
        "Call for advice if you think someone has been poisoned or has taken too much of a medicine or drug.",
    ),
    (
        "service",
        "SAMHSA National Helpline",
        "Call for information and referrals to treatment, support groups and community services for substance use and mental health.",
    ),
    (
        "service",
        "Samaritans",
        "Talk to someone about anything that is troubling you. You do not have to be suicidal to call.",
    ),
    (
        "service",
        "Sleep center directory",
        "Find a sleep centre accredited by the American Academy of Sleep Medicine near you. Free to search; the sleep centres charge for care.",
    ),
]
