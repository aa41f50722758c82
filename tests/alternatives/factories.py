import factory

from apps.alternatives.models import Alternative, Category, Cost, Evidence, Level
from tests.editorial.factories import SourceFactory, reviewed_fields


class AlternativeFactory(factory.django.DjangoModelFactory):
    """A draft alternative citing one new source; use ``published()`` for a public one."""

    class Meta:
        model = Alternative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Alternative {n}")
    slug = factory.Sequence(lambda n: f"alternative-{n}")
    category = Category.BEHAVIOURAL
    summary = "A plain summary of what it is."
    evidence = Evidence.MODERATE
    time_to_benefit = "2–4 weeks"
    effort = Level.MEDIUM
    cost = Cost.FREE
    cautions = "- Take care when sleepy."
    helps_with = ["falling-asleep"]
    delivery = ["self-guided"]

    @factory.lazy_attribute
    def steps(self):
        return f"1. Do this first [@{SourceFactory().key}]."

    @factory.post_generation
    def cite(obj, create, extracted, **kwargs):
        """``cite=[sources]`` replaces the steps with one citing each of them."""
        if extracted:
            obj.steps = "\n".join(f"{i}. Step [@{s.key}]." for i, s in enumerate(extracted, 1))
            obj.save()
        if create:
            obj.sync_sources()

    @classmethod
    def published(cls, **kwargs):
        return cls(**(reviewed_fields() | kwargs))
