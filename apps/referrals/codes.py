"""ISO code lists the directory validates against (kept here so there is no new dependency)."""

from django.conf.locale import LANG_INFO

# ISO 3166-1 alpha-2, officially assigned codes.
COUNTRY_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 (easier to check against the standard)
)

# Names for the countries the directory covers today; other valid codes show as the code.
COUNTRY_NAMES = {
    "AU": "Australia",
    "CA": "Canada",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "NZ": "New Zealand",
    "US": "United States",
}

# The countries a reader most often arrives with (none, or one their browser's language
# names): what is rendered for /help/ and the help strip when a change commits.
READER_COUNTRIES = (None, *sorted(COUNTRY_NAMES))

# ISO 639-1 two-letter language codes.
LANGUAGE_CODES = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu
    """.split()  # noqa: SIM905 (easier to check against the standard)
)

# Languages offered in the directory's filter (the rest are still valid on a service).
FILTER_LANGUAGES = ("en", "es", "fr", "ar", "zh", "vi", "pt", "pl", "pa", "hi", "it", "de")


# Names read with "the" inside a sentence: "help in the United Kingdom".
NAMES_WITH_THE = frozenset({"GB", "US"})


def country_name(code, *, in_sentence=False):
    """The country's name; ``in_sentence`` adds "the" where English needs it."""
    name = COUNTRY_NAMES.get(code, code)
    return f"the {name}" if in_sentence and code in NAMES_WITH_THE else name


_LANGUAGE_NAME_OVERRIDES = {"zh": "Chinese"}


def language_name(code):
    if code in _LANGUAGE_NAME_OVERRIDES:
        return _LANGUAGE_NAME_OVERRIDES[code]
    info = LANG_INFO.get(code)
    return info["name"] if info else code
