"""Write harvested datasets through the catalogue's normal write path.

A harvester proposes a draft for one remote record; this module creates or updates the local
dataset (with the usual permission check, validation, revision, audit entry and event), or
withdraws it when the record vanished upstream. Identity (which local dataset a remote record
is) is decided by the harvester; this module refuses to touch a dataset that belongs to another
harvest source or organization, so nothing is silently taken over.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from enum import StrEnum

from django.db import transaction

from agora.core.actor import Actor
from agora.core.errors import Conflict
from agora.interop.records import DatasetDraft, DistributionDraft

from ..models import Dataset, DatasetState, Distribution, DistributionState, Organization
from .datasets import dataset_create, dataset_delete, dataset_update

NAME_MAX = 100


class UpsertOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"


def _harvest_name(name: str, *, source_id: uuid.UUID, remote_id: str) -> str:
    """A name unique to this source's record when the natural one is taken elsewhere."""
    suffix = hashlib.sha256(f"{source_id}:{remote_id}".encode()).hexdigest()[:8]
    return f"{name[: NAME_MAX - 9].rstrip('-')}-{suffix}"


def _with_distribution_ids(
    dataset: Dataset, drafts: list[DistributionDraft]
) -> list[DistributionDraft]:
    """Keep distribution identity across harvests: a link already there keeps its id."""
    existing: dict[str, str] = {}
    for dist_id, url in Distribution.objects.filter(
        dataset=dataset, state=DistributionState.ACTIVE
    ).values_list("id", "url"):
        existing.setdefault(url, str(dist_id))
    used: set[str] = set()
    result = []
    for draft in drafts:
        found = existing.get(draft.url)
        if found and found not in used:
            used.add(found)
            result.append(dataclasses.replace(draft, id=found))
        else:
            result.append(dataclasses.replace(draft, id=None))
    return result


def _check_owner(dataset: Dataset, *, source_id: uuid.UUID, organization: Organization) -> None:
    if dataset.harvest_source_id != source_id or dataset.organization_id != organization.id:
        raise Conflict(
            "The dataset belongs to another harvest source or organization.",
            code="harvest.owned_elsewhere",
        )


def dataset_upsert_from_harvest(
    *,
    actor: Actor,
    source_id: uuid.UUID,
    organization: Organization,
    remote_id: str,
    draft: DatasetDraft,
    dataset: Dataset | None = None,
) -> tuple[Dataset, UpsertOutcome]:
    """Create the dataset for a harvested record, or update `dataset` (the one the harvester
    matched) with it. The draft lands in the source's organization; a taken name gets a short
    suffix derived from the source and remote id (stable across runs)."""
    draft = dataclasses.replace(draft, organization=organization.name)
    if dataset is None:
        with transaction.atomic():
            if Dataset.objects.filter(name=draft.name).exists():
                name = _harvest_name(draft.name, source_id=source_id, remote_id=remote_id)
                draft = dataclasses.replace(draft, name=name)
            created = dataset_create(
                actor=actor,
                draft=draft,
                harvest_source_id=source_id,
                harvest_remote_id=remote_id[:500],
            )
        return created, UpsertOutcome.CREATED
    _check_owner(dataset, source_id=source_id, organization=organization)
    draft = dataclasses.replace(
        draft,
        name=dataset.name,
        state=DatasetState.ACTIVE,
        distributions=_with_distribution_ids(dataset, draft.distributions or []),
    )
    updated = dataset_update(actor=actor, dataset=dataset, draft=draft)
    return updated, UpsertOutcome.UPDATED


def dataset_withdraw_from_harvest(
    *, actor: Actor, source_id: uuid.UUID, dataset: Dataset
) -> Dataset:
    """The record vanished from its source: mark the dataset deleted (history stays, and the
    same dataset comes back if the record reappears)."""
    if dataset.harvest_source_id != source_id:
        raise Conflict(
            "The dataset belongs to another harvest source.", code="harvest.owned_elsewhere"
        )
    return dataset_delete(actor=actor, dataset=dataset)
