"""Distribution versions: every new file content becomes a new, immutable, numbered version.

Uploads add a version in the same transaction as the distribution change (so a version exists
exactly when the catalogue says the file changed). Links are fetched by the datastore's
scheduled task, which reports new content here: the version archives those bytes and the
distribution's checksum and size follow the newest content, through a revision like any edit.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from agora.core.actor import Actor
from agora.core.errors import Forbidden, ValidationFailed
from agora.core.models import StoredFile

from .. import permissions
from ..models import Distribution, DistributionState, DistributionVersion, VersionSource
from .history import record_dataset_change


def latest_version(distribution: Distribution) -> DistributionVersion | None:
    return distribution.versions.order_by("-number").first()


def add_version(
    *,
    actor: Actor,
    distribution: Distribution,
    stored: StoredFile,
    source: str = VersionSource.UPLOAD,
    source_url: str = "",
) -> DistributionVersion | None:
    """Append a version unless `stored` is already the newest content (same bytes, no new
    version). The caller holds the transaction and the dataset lock and checked permission."""
    latest = latest_version(distribution)
    if latest is not None and latest.file_id == stored.sha256:
        return None
    number = (distribution.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DistributionVersion.objects.create(
        distribution=distribution,
        number=number,
        file=stored,
        file_name=distribution.file_name,
        source=source,
        source_url=source_url,
        actor_id=actor.user_id,
        actor_name=actor.username,
    )


def distribution_version_fetched(
    *, actor: Actor, distribution: Distribution, stored: StoredFile, url: str
) -> DistributionVersion | None:
    """Record the content fetched from a link distribution's URL; None when unchanged."""
    with transaction.atomic():
        dataset = distribution.dataset
        locked_dataset = type(dataset).objects.select_for_update().get(pk=dataset.pk)
        if not permissions.can_update_dataset(actor, locked_dataset):
            raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
        dist = Distribution.objects.select_for_update().get(pk=distribution.pk)
        if dist.state != DistributionState.ACTIVE or dist.file_id is not None or not dist.url:
            raise ValidationFailed(
                "Only active link distributions are fetched.", code="catalog.not_a_link"
            )
        version = add_version(
            actor=actor,
            distribution=dist,
            stored=stored,
            source=VersionSource.FETCH,
            source_url=url,
        )
        if version is None:
            return None
        dist.checksum_sha256 = stored.sha256
        dist.byte_size = stored.size
        if not dist.media_type:
            dist.media_type = stored.media_type
        dist.save(update_fields=["checksum_sha256", "byte_size", "media_type", "updated_at"])
        record_dataset_change(actor=actor, dataset=locked_dataset, action="distribution_fetched")
        return version
