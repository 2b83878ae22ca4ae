"""Factories that create catalogue objects through the services (so revisions, audit entries
and derived columns exist exactly as in production)."""

from __future__ import annotations

import factory

from agora.catalog import services
from agora.catalog.models import Dataset, Organization
from agora.core.actor import SYSTEM
from agora.interop.records import DatasetDraft, DistributionDraft, OrganizationDraft


class OrganizationFactory(factory.Factory):
    class Meta:
        model = OrganizationDraft

    name = factory.Sequence(lambda n: f"ministry-{n}")
    title = factory.LazyAttribute(lambda o: {"en": o.name.replace("-", " ").title()})
    country = "KEN"
    publisher_type = "NationalAuthority"

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Organization:  # type: ignore[no-untyped-def]
        return services.organization_create(actor=SYSTEM, draft=model_class(*args, **kwargs))


class DistributionDraftFactory(factory.Factory):
    class Meta:
        model = DistributionDraft

    title = factory.Sequence(lambda n: f"File {n}")
    url = factory.Sequence(lambda n: f"https://data.example.org/file-{n}.csv")
    format = "CSV"


class DatasetFactory(factory.Factory):
    class Meta:
        model = DatasetDraft

    name = factory.Sequence(lambda n: f"dataset-{n}")
    title = factory.LazyAttribute(lambda d: {"en": d.name.replace("-", " ").title()})
    description = factory.LazyAttribute(lambda d: {"en": f"About {d.name}."})
    organization = factory.LazyFunction(lambda: OrganizationFactory().name)
    tags = factory.LazyFunction(lambda: ["statistics"])
    licence = "CC-BY-4.0"
    state = "active"
    private = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Dataset:  # type: ignore[no-untyped-def]
        organization = kwargs.pop("organization")
        if isinstance(organization, Organization):
            organization = organization.name
        draft = model_class(*args, organization=organization, **kwargs)
        return services.dataset_create(actor=SYSTEM, draft=draft)
