"""Demo synonyms: the words people type for kratom and sleep problems."""

from .documents import rebuild_index
from .models import Synonym

SYNONYMS = {
    "ketum": "kratom",
    "kakuam": "kratom",
    "thom": "kratom",
    "biak": "kratom",
    "mitragyna": "kratom",
    "mitragynine": "kratom",
    "sleeplessness": "insomnia",
    "cant sleep": "insomnia",
    "detox": "withdrawal",
    "rehab": "treatment",
}


def load():
    created = 0
    for term, canonical in SYNONYMS.items():
        _, was_created = Synonym.objects.update_or_create(
            term=term, defaults={"canonical": canonical}
        )
        created += was_created
    counts = rebuild_index()
    return {"synonyms": len(SYNONYMS), "search documents": sum(counts.values())}
