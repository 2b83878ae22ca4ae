"""Reads shaped for use cases. Every read of datasets starts from `datasets_visible_to`."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from django.db.models import Count, Prefetch, Q, QuerySet

from agora.core.actor import Actor
from agora.core.errors import NotFound
from agora.interop.records import DatasetRecord

from . import permissions
from .models import (
    Dataset,
    DatasetState,
    Distribution,
    DistributionState,
    Organization,
    OrganizationState,
    Tag,
)
from .records import dataset_record
from .versions import DatasetVersion, version_by_id_or_name, versions_by_ids


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def datasets_visible_to(actor: Actor, *, include_drafts: bool = True) -> QuerySet[Dataset]:
    return Dataset.objects.filter(
        permissions.visible_datasets_q(actor, include_drafts=include_drafts)
    )


def dataset_lookup(id_or_name: str) -> Dataset | None:
    """Find a dataset by id or name whatever its visibility (services check permissions)."""
    key = _as_uuid(id_or_name)
    query = Q(id=key) if key else Q(name=str(id_or_name))
    return Dataset.objects.select_related("organization").filter(query).first()


def dataset_get(actor: Actor, id_or_name: str) -> Dataset:
    """The dataset if this actor may see it; NotFound otherwise (private ones do not leak)."""
    dataset = dataset_lookup(id_or_name)
    if dataset is None or not permissions.can_view_dataset(actor, dataset):
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    return dataset


def dataset_version(actor: Actor, id_or_name: str) -> DatasetVersion:
    """The version of a dataset this actor may see, in one narrow query; NotFound otherwise."""
    version = version_by_id_or_name(actor, _as_uuid(id_or_name), str(id_or_name))
    if version is None:
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    return version


def dataset_versions(actor: Actor, ids: Sequence[uuid.UUID | str]) -> list[DatasetVersion]:
    """Versions of the given datasets that the actor may see, in the order given."""
    wanted = [i for i in (_as_uuid(str(i)) for i in ids) if i is not None]
    found = versions_by_ids(actor, wanted)
    return [found[i] for i in wanted if i in found]


def hydrated(queryset: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything a record needs, in a fixed number of queries whatever the page size."""
    return queryset.select_related("organization", "licence").prefetch_related(
        "tags",
        "themes",
        "countries",
        "languages",
        Prefetch(
            "distributions",
            queryset=Distribution.objects.filter(state=DistributionState.ACTIVE).order_by(
                "position", "created_at"
            ),
        ),
    )


def dataset_records(datasets: Iterable[Dataset | uuid.UUID | str]) -> list[DatasetRecord]:
    """Records for the given datasets (or ids), in the order given."""
    ids = [d.id if isinstance(d, Dataset) else _as_uuid(str(d)) for d in datasets]
    ids = [i for i in ids if i is not None]
    by_id = {d.id: d for d in hydrated(Dataset.objects.filter(id__in=ids))}
    return [dataset_record(by_id[i]) for i in ids if i in by_id]


def dataset_record_for(actor: Actor, id_or_name: str) -> DatasetRecord:
    dataset = dataset_get(actor, id_or_name)
    return dataset_records([dataset.id])[0]


def distribution_get(actor: Actor, distribution_id: str) -> Distribution:
    key = _as_uuid(distribution_id)
    dist = (
        Distribution.objects.select_related("dataset", "file").filter(id=key).first()
        if key
        else None
    )
    if (
        dist is None
        or dist.state != DistributionState.ACTIVE
        or not permissions.can_view_dataset(actor, dist.dataset)
    ):
        raise NotFound("Resource not found", code="catalog.distribution_not_found")
    return dist


def organization_lookup(id_or_name: str) -> Organization | None:
    key = _as_uuid(id_or_name)
    query = Q(id=key) if key else Q(name=str(id_or_name))
    return Organization.objects.filter(query).first()


def organization_get(actor: Actor, id_or_name: str) -> Organization:
    org = organization_lookup(id_or_name)
    if org is None or not permissions.can_view_organization(actor, org):
        raise NotFound("Organization not found", code="catalog.organization_not_found")
    return org


def organizations_visible(actor: Actor) -> QuerySet[Organization]:
    if actor.is_superuser:
        return Organization.objects.exclude(state=OrganizationState.DELETED)
    return Organization.objects.filter(state=OrganizationState.ACTIVE)


def dataset_counts_by_organization(
    actor: Actor, organization_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """Datasets each organization has that this actor may see (one query)."""
    rows = (
        datasets_visible_to(actor, include_drafts=False)
        .filter(organization_id__in=organization_ids)
        .values("organization_id")
        .annotate(n=Count("id"))
    )
    return {row["organization_id"]: row["n"] for row in rows}


def tag_names(actor: Actor, *, query: str = "", limit: int | None = None) -> list[str]:
    """Names of tags used by datasets the actor can see, alphabetically."""
    visible = datasets_visible_to(actor, include_drafts=False).values("id")
    tags = Tag.objects.filter(datasets__in=visible).distinct().order_by("name")
    if query:
        tags = tags.filter(name__icontains=query)
    names = tags.values_list("name", flat=True)
    return list(names[:limit] if limit else names)


def active_dataset_count() -> int:
    return Dataset.objects.filter(state=DatasetState.ACTIVE, private=False).count()
