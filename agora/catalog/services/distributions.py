"""Add, change, reorder and remove a dataset's distributions (files and links)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Max

from agora.core.actor import Actor
from agora.core.errors import Forbidden, ValidationFailed
from agora.core.files import store_chunks
from agora.core.models import StoredFile
from agora.interop.records import DistributionDraft
from agora.interop.vocabularies.formats import format_for_file, normalise_format

from .. import permissions
from ..models import Dataset, Distribution, DistributionState
from ..records import download_url
from ..validation import validate_distribution_draft
from .history import record_dataset_change
from .versions import add_version


class Upload(Protocol):
    """What an uploaded file must offer: Django's UploadedFile does."""

    name: str | None

    def chunks(self, chunk_size: int | None = None) -> Iterable[bytes]: ...


def _check_valid(draft: DistributionDraft) -> None:
    errors = validate_distribution_draft(draft)
    if errors:
        raise ValidationFailed(fields=errors)


def _apply(dist: Distribution, draft: DistributionDraft, stored: StoredFile | None) -> None:
    dist.title = draft.title
    dist.description = draft.description
    if stored is not None:
        dist.file = stored
        dist.byte_size = stored.size
        dist.checksum_sha256 = stored.sha256
        dist.media_type = stored.media_type
        dist.format = normalise_format(draft.format) or format_for_file(
            dist.file_name, stored.media_type
        )
        dist.url = ""
        return
    keeps_file = dist.file_id is not None and draft.url in ("", download_url(dist))
    if not keeps_file:
        dist.file = None
        dist.file_name = ""
        dist.url = draft.url
        dist.byte_size = draft.byte_size
        dist.checksum_sha256 = draft.checksum_sha256
        dist.media_type = draft.media_type
    dist.format = normalise_format(draft.format) or dist.format or _format_of_link(draft)


def _format_of_link(draft: DistributionDraft) -> str:
    """A link given without a format gets the one its file name or media type says (CKAN
    guesses it the same way), so `.../counts.csv` is CSV rather than unknown."""
    path = urlsplit(draft.url).path
    return format_for_file(path.rsplit("/", 1)[-1], draft.media_type)


def _store(upload: Upload | None) -> StoredFile | None:
    if upload is None:
        return None
    return store_chunks(upload.chunks(), filename=upload.name or "")


def _lock_for_edit(actor: Actor, dataset: Dataset) -> Dataset:
    locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if not permissions.can_update_dataset(actor, locked):
        raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
    return locked


def sync_distributions(*, dataset: Dataset, drafts: list[DistributionDraft]) -> None:
    """Make the dataset's distributions equal the drafts, in order (CKAN `resources` list).

    Drafts with a known id update that distribution, others are added, and distributions left
    out are marked deleted. Caller holds the transaction and has checked permissions.
    """
    existing = {str(d.id): d for d in dataset.distributions.filter(state=DistributionState.ACTIVE)}
    kept: set[str] = set()
    for position, draft in enumerate(drafts):
        _check_valid(draft)
        dist = existing.get(str(draft.id)) if draft.id else None
        if dist is None:
            dist = Distribution(dataset=dataset, id=_new_id(draft.id))
        _apply(dist, draft, None)
        dist.position = position
        dist.save()
        kept.add(str(dist.id))
    for key, dist in existing.items():
        if key not in kept:
            dist.state = DistributionState.DELETED
            dist.save(update_fields=["state", "updated_at"])


def _new_id(requested: str | None) -> uuid.UUID:
    """Keep a client-given resource id when it is a free UUID (copies keep their ids)."""
    if requested:
        try:
            candidate = uuid.UUID(str(requested))
        except ValueError:
            return uuid.uuid4()
        if not Distribution.objects.filter(id=candidate).exists():
            return candidate
    return uuid.uuid4()


def distribution_create(
    *, actor: Actor, dataset: Dataset, draft: DistributionDraft, upload: Upload | None = None
) -> Distribution:
    if not permissions.can_update_dataset(actor, dataset):
        raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
    _check_valid(draft)
    stored = _store(upload)
    with transaction.atomic():
        locked = _lock_for_edit(actor, dataset)
        last = locked.distributions.filter(state=DistributionState.ACTIVE).aggregate(
            Max("position")
        )["position__max"]
        dist = Distribution(dataset=locked, id=_new_id(draft.id))
        dist.file_name = _file_name(upload)
        _apply(dist, draft, stored)
        dist.position = 0 if last is None else last + 1
        dist.save()
        if stored is not None:
            add_version(actor=actor, distribution=dist, stored=stored)
        record_dataset_change(actor=actor, dataset=locked, action="distribution_create")
        return dist


def distribution_update(
    *,
    actor: Actor,
    distribution: Distribution,
    draft: DistributionDraft,
    upload: Upload | None = None,
) -> Distribution:
    if not permissions.can_update_dataset(actor, distribution.dataset):
        raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
    _check_valid(draft)
    stored = _store(upload)
    with transaction.atomic():
        locked = _lock_for_edit(actor, distribution.dataset)
        dist = Distribution.objects.get(pk=distribution.pk)
        if upload is not None:
            dist.file_name = _file_name(upload)
        _apply(dist, draft, stored)
        dist.save()
        if stored is not None:
            add_version(actor=actor, distribution=dist, stored=stored)
        record_dataset_change(actor=actor, dataset=locked, action="distribution_update")
        return dist


def distribution_delete(*, actor: Actor, distribution: Distribution) -> None:
    with transaction.atomic():
        locked = _lock_for_edit(actor, distribution.dataset)
        Distribution.objects.filter(pk=distribution.pk).update(state=DistributionState.DELETED)
        record_dataset_change(actor=actor, dataset=locked, action="distribution_delete")


def distributions_reorder(*, actor: Actor, dataset: Dataset, order: list[str]) -> None:
    """Put the listed distributions first, in that order; the rest keep their relative order."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, dataset)
        current = list(
            locked.distributions.filter(state=DistributionState.ACTIVE).order_by("position")
        )
        by_id = {str(d.id): d for d in current}
        unknown = [i for i in order if i not in by_id]
        if unknown:
            raise ValidationFailed(fields={"order": [f"Unknown resource ids: {unknown}"]})
        ordered = [by_id[i] for i in order] + [d for d in current if str(d.id) not in order]
        for position, dist in enumerate(ordered):
            if dist.position != position:
                Distribution.objects.filter(pk=dist.pk).update(position=position)
        record_dataset_change(actor=actor, dataset=locked, action="distribution_reorder")


def _file_name(upload: Upload | None) -> str:
    if upload is None or not upload.name:
        return ""
    name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in name if c.isprintable() and c not in '"<>')[:255] or "download"
