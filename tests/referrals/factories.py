import datetime

import factory
from django.utils import timezone

from apps.referrals.models import (
    ContactPoint,
    Organization,
    ScheduleRule,
    Service,
    ServiceArea,
    ServiceLanguage,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    description = "An organization used in tests."
    website = "https://example.org"


class ServiceFactory(factory.django.DjangoModelFactory):
    """A public, active, free service, verified last week."""

    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    description = "Call for help with anything."
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    time_zone = "America/New_York"
    last_verified_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=7)
    )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint

    service = factory.SubFactory(ServiceFactory)
    kind = "phone"
    value = "1-800-662-4357"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    service = factory.SubFactory(ServiceFactory)
    country = "US"


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLanguage

    service = factory.SubFactory(ServiceFactory)
    code = "en"


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleRule

    service = factory.SubFactory(ServiceFactory)
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(17)
