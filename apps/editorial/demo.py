"""Demo sources, contributors and topics, from ../shared/content/sources.md.

Contributor profiles are clearly marked as demo identities: a real launch replaces
them with the real people who write and review.
"""

from .models import Contributor, Source, SourceType, Topic

T = SourceType

SOURCES = [
    # key, authors, title, publisher, year, doi, pmid, url, type
    ("prozialeck-2012", "Prozialeck WC, Jivan JK, Andurkar SV",
     "Pharmacology of kratom: an emerging botanical agent with stimulant, analgesic and opioid-like effects",
     "J Am Osteopath Assoc. 112(12):792–799", 2012, "", "23212430", "", T.REVIEW),
    ("kruegel-2016", "Kruegel AC, Gassaway MM, Kapoor A, et al.",
     "Synthetic and receptor signaling explorations of the Mitragyna alkaloids: mitragynine as an atypical "
     "molecular framework for opioid receptor modulators",
     "J Am Chem Soc. 138(21):6754–6764", 2016, "10.1021/jacs.6b00360", "27192616", "", T.LABORATORY),
    ("kruegel-grundmann-2018", "Kruegel AC, Grundmann O",
     "The medicinal chemistry and neuropharmacology of kratom: a preliminary discussion of a promising "
     "medicinal plant and analysis of its potential for abuse",
     "Neuropharmacology. 134:108–120", 2018, "10.1016/j.neuropharm.2017.08.026", "28830758", "", T.REVIEW),
    ("singh-2014", "Singh D, Müller CP, Vicknasingam BK",
     "Kratom (Mitragyna speciosa) dependence, withdrawal symptoms and craving in regular users",
     "Drug Alcohol Depend. 139:132–137", 2014, "10.1016/j.drugalcdep.2014.03.017", "24698080", "",
     T.OBSERVATIONAL),
    ("singh-2018", "Singh D, et al.",
     "Severity of pain and sleep problems during kratom (Mitragyna speciosa Korth.) cessation among regular "
     "kratom users",
     "J Psychoactive Drugs. 50(3):266–274", 2018, "10.1080/02791072.2018.1443234", "", "", T.OBSERVATIONAL),
    ("smith-2022", "Smith KE, Dunn KE, Rogers JM, Garcia-Romeu A, Strickland JC, Epstein DH",
     "Assessment of kratom use disorder and withdrawal among an online convenience sample of US adults",
     "J Addict Med. 16(6):666–670", 2022, "10.1097/ADM.0000000000000986", "35220331", "", T.SURVEY),
    ("grundmann-2017", "Grundmann O",
     "Patterns of kratom use and health impact in the US — results from an online survey",
     "Drug Alcohol Depend. 176:63–70", 2017, "10.1016/j.drugalcdep.2017.03.007", "28521200", "", T.SURVEY),
    ("garcia-romeu-2020", "Garcia-Romeu A, Cox DJ, Smith KE, Dunn KE, Griffiths RR",
     "Kratom (Mitragyna speciosa): user demographics, use patterns, and implications for the opioid epidemic",
     "Drug Alcohol Depend. 208:107849", 2020, "10.1016/j.drugalcdep.2020.107849", "32029298", "", T.SURVEY),
    ("swogger-2018", "Swogger MT, Walsh Z",
     "Kratom use and mental health: a systematic review",
     "Drug Alcohol Depend. 183:134–140", 2018, "10.1016/j.drugalcdep.2017.10.012", "29248691", "",
     T.SYSTEMATIC_REVIEW),
    ("olsen-2019", "Olsen EO, O'Donnell J, Mattson CL, Schier JG, Wilson N",
     "Notes from the field: unintentional drug overdose deaths with kratom detected — 27 states, "
     "July 2016–December 2017",
     "MMWR Morb Mortal Wkly Rep. 68(14):326–327", 2019, "10.15585/mmwr.mm6814a2", "30973850", "", T.GOVERNMENT),
    ("post-2019", "Post S, Spiller HA, Chounthirath T, Smith GA",
     "Kratom exposures reported to United States poison control centers: 2011–2017",
     "Clin Toxicol (Phila). 57(10):847–854", 2019, "10.1080/15563650.2019.1569236", "30786220", "",
     T.OBSERVATIONAL),
    ("schimmel-2020", "Schimmel J, Dart RC",
     "Kratom (Mitragyna speciosa) liver injury: a comprehensive review",
     "Drugs. 80(3):263–283", 2020, "10.1007/s40265-019-01242-6", "31919755", "", T.REVIEW),
    ("livertox-kratom", "National Institute of Diabetes and Digestive and Kidney Diseases",
     "LiverTox: Clinical and Research Information on Drug-Induced Liver Injury — Kratom",
     "National Institutes of Health", None, "", "", "https://www.ncbi.nlm.nih.gov/books/NBK548231/", T.GOVERNMENT),
    ("cdc-salmonella-2018", "Centers for Disease Control and Prevention",
     "Multistate outbreak of Salmonella infections linked to kratom products (final update)",
     "CDC", 2018, "", "", "https://www.cdc.gov/salmonella/kratom-02-18/index.html", T.GOVERNMENT),
    ("fda-kratom", "U.S. Food and Drug Administration", "FDA and kratom", "FDA", None, "", "",
     "https://www.fda.gov/news-events/public-health-focus/fda-and-kratom", T.GOVERNMENT),
    ("nida-kratom", "National Institute on Drug Abuse", "Kratom (research topic)", "NIDA", None, "", "",
     "https://nida.nih.gov/research-topics/kratom", T.GOVERNMENT),
    ("wang-teichtahl-2007", "Wang D, Teichtahl H",
     "Opioids, sleep architecture and sleep-disordered breathing",
     "Sleep Med Rev. 11(1):35–46", 2007, "10.1016/j.smrv.2006.03.006", "17141540", "", T.REVIEW),
    ("edinger-2021", "Edinger JD, Arnedt JT, Bertisch SM, et al.",
     "Behavioral and psychological treatments for chronic insomnia disorder in adults: an American Academy "
     "of Sleep Medicine clinical practice guideline",
     "J Clin Sleep Med. 17(2):255–262", 2021, "10.5664/jcsm.8986", "33164742", "", T.CLINICAL_GUIDELINE),
    ("qaseem-2016", "Qaseem A, Kansagara D, Forciea MA, Cooke M, Denberg TD",
     "Management of chronic insomnia disorder in adults: a clinical practice guideline from the American "
     "College of Physicians",
     "Ann Intern Med. 165(2):125–133", 2016, "10.7326/M15-2175", "27136449", "", T.CLINICAL_GUIDELINE),
    ("sateia-2017", "Sateia MJ, Buysse DJ, Krystal AD, Neubauer DN, Heald JL",
     "Clinical practice guideline for the pharmacologic treatment of chronic insomnia in adults: an American "
     "Academy of Sleep Medicine clinical practice guideline",
     "J Clin Sleep Med. 13(2):307–349", 2017, "10.5664/jcsm.6470", "27998379", "", T.CLINICAL_GUIDELINE),
    ("riemann-2023", "Riemann D, Espie CA, Altena E, et al.",
     "The European Insomnia Guideline: an update on the diagnosis and treatment of insomnia 2023",
     "J Sleep Res. 32(6):e14035", 2023, "10.1111/jsr.14035", "", "", T.CLINICAL_GUIDELINE),
    ("kredlow-2015", "Kredlow MA, Capozzoli MC, Hearon BA, Calkins AW, Otto MW",
     "The effects of physical activity on sleep: a meta-analytic review",
     "J Behav Med. 38(3):427–449", 2015, "10.1007/s10865-015-9617-6", "25596964", "", T.SYSTEMATIC_REVIEW),
    ("cdc-opioid-guideline-2022", "Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R",
     "CDC clinical practice guideline for prescribing opioids for pain — United States, 2022",
     "MMWR Recomm Rep. 71(3):1–95", 2022, "10.15585/mmwr.rr7103a1", "", "", T.CLINICAL_GUIDELINE),
    ("nccih-sleep", "National Center for Complementary and Integrative Health", "Sleep disorders: in depth",
     "NCCIH", None, "", "", "https://www.nccih.nih.gov/health/sleep-disorders-in-depth", T.GOVERNMENT),
]  # fmt: skip

CONTRIBUTORS = [
    {
        "slug": "nightlight-editorial-team",
        "name": "Nightlight editorial team",
        "role": "Health writers",
        "credentials": "",
        "bio": "Our writers turn research and guidelines into plain language. Every page is then checked "
        "by a qualified reviewer. (Demo profile: replace with the real team before launch.)",
    },
    {
        "slug": "demo-medical-reviewer",
        "name": "Demo Medical Reviewer",
        "role": "Medical reviewer",
        "credentials": "MD, addiction medicine (demo profile)",
        "bio": "A placeholder for the addiction-medicine physician who reviews Nightlight's articles. "
        "Replace this profile with the real reviewer before launch.",
    },
    {
        "slug": "demo-sleep-reviewer",
        "name": "Demo Sleep Reviewer",
        "role": "Sleep medicine reviewer",
        "credentials": "PhD, behavioural sleep medicine (demo profile)",
        "bio": "A placeholder for the behavioural sleep medicine specialist who reviews the sleep "
        "alternatives. Replace this profile with the real reviewer before launch.",
    },
]

TOPICS = [
    ("kratom", "Kratom", "What kratom is, how it acts, and what research says about its risks."),
    ("sleep", "Sleep", "Why sleep goes wrong and what helps, without sleeping pills."),
    (
        "withdrawal",
        "Withdrawal",
        "What happens when you cut down or stop, and how to get through it safer.",
    ),
    ("pain", "Pain", "Managing pain, including pain that keeps you awake."),
    ("safer-use", "Safer use", "Practical ways to lower the risks if you use."),
    ("mixing-substances", "Mixing substances", "Why some combinations are much more dangerous."),
    ("getting-help", "Getting help", "Where to find treatment, support and someone to talk to."),
]


def load():
    """Create or update the demo sources, contributors and topics; return a count."""
    for key, authors, title, publisher, year, doi, pmid, url, source_type in SOURCES:
        Source.objects.update_or_create(
            key=key,
            defaults={
                "authors": authors,
                "title": title,
                "publisher": publisher,
                "year": year,
                "doi": doi,
                "pmid": pmid,
                "url": url,
                "source_type": source_type,
            },
        )
    for data in CONTRIBUTORS:
        Contributor.objects.update_or_create(slug=data["slug"], defaults=data)
    for slug, name, description in TOPICS:
        Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    return {"sources": len(SOURCES), "contributors": len(CONTRIBUTORS), "topics": len(TOPICS)}
