"""What every dataset write leaves behind: a revision, an audit entry and an event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from agora.core.actor import Actor
from agora.core.audit import audit_append
from agora.core.hashing import sha256_json
from agora.interop.native import dataset_json
from agora.search.services import changes_record

from ..models import Dataset, DatasetRevision
from ..records import dataset_record
from ..selectors import hydrated
from ..signals import datasets_changed


def record_dataset_change(*, actor: Actor, dataset: Dataset, action: str) -> DatasetRevision:
    """Bump the revision number, store the full dataset as it now is, and audit the change.

    Must run inside the transaction that made the change.
    """
    now = timezone.now()
    Dataset.objects.filter(pk=dataset.pk).update(
        revision_number=dataset.revision_number + 1, updated_at=now
    )
    fresh = hydrated(Dataset.objects.filter(pk=dataset.pk)).get()
    data = dataset_json(dataset_record(fresh))
    revision = DatasetRevision.objects.create(
        dataset=fresh,
        number=fresh.revision_number,
        created_at=now,
        actor_id=actor.user_id,
        actor_name=actor.username,
        action=action,
        data=data,
    )
    audit_append(
        actor=actor,
        action=f"dataset.{action}",
        object_type="catalog.dataset",
        object_id=str(dataset.pk),
        data={
            "name": fresh.name,
            "revision": revision.number,
            "revision_sha256": sha256_json(data),
        },
    )
    dataset.revision_number = fresh.revision_number
    dataset.updated_at = now
    dataset_id = dataset.pk
    # The search index learns of the change in this transaction (outbox row or search table).
    changes_record(kind="dataset", ids=[dataset_id])
    transaction.on_commit(lambda: datasets_changed.send(sender=Dataset, ids=[dataset_id]))
    return revision
