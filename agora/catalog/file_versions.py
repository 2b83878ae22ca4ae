"""Reads of distribution versions (file history), visibility applied first.

Kept beside selectors.py rather than in it so the version feature stays one reviewable unit;
every function here starts from the catalogue's visibility rule.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.conf import settings

from agora.core.actor import Actor
from agora.core.errors import NotFound, ValidationFailed

from . import permissions
from .models import Dataset, Distribution, DistributionState, DistributionVersion
from .selectors import datasets_visible_to, distribution_get

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class VersionMatch:
    """A published version whose file has the hash asked about."""

    dataset_id: str
    dataset_name: str
    distribution_id: str
    distribution_title: str
    version: int
    is_current: bool
    created_at: str
    download_url: str


def version_download_url(version: DistributionVersion, dataset_id: uuid.UUID) -> str:
    name = version.file_name or "download"
    return (
        f"{settings.AGORA_SITE_URL}/dataset/{dataset_id}/resource/{version.distribution_id}"
        f"/versions/{version.number}/download/{name}"
    )


def distribution_versions(actor: Actor, distribution_id: str) -> list[DistributionVersion]:
    """Every version of a visible distribution, newest first."""
    dist = distribution_get(actor, distribution_id)
    return list(dist.versions.select_related("file").order_by("-number"))


def distribution_version_get(
    actor: Actor, distribution_id: str, number: int
) -> tuple[Distribution, DistributionVersion]:
    dist = distribution_get(actor, distribution_id)
    version = dist.versions.select_related("file").filter(number=number).first()
    if version is None:
        raise NotFound("Version not found", code="catalog.version_not_found")
    return dist, version


def dataset_file_history(actor: Actor, dataset: Dataset) -> list[DistributionVersion]:
    """Every version of every active distribution of a dataset the actor may see, newest
    first (what a dataset page shows as its history of files)."""
    if not permissions.can_view_dataset(actor, dataset):
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    return list(
        DistributionVersion.objects.filter(
            distribution__dataset=dataset, distribution__state=DistributionState.ACTIVE
        )
        .select_related("file", "distribution")
        .order_by("-created_at", "-number")
    )


def versions_matching(actor: Actor, sha256: str) -> list[VersionMatch]:
    """Published versions (of datasets the actor may see) whose file has this SHA-256."""
    digest = sha256.strip().lower()
    if not SHA256.match(digest):
        raise ValidationFailed(fields={"sha256": ["A SHA-256 is 64 hexadecimal characters"]})
    visible = datasets_visible_to(actor, include_drafts=False).values("id")
    found = (
        DistributionVersion.objects.filter(file_id=digest, distribution__dataset__in=visible)
        .select_related("distribution", "distribution__dataset")
        .order_by("distribution_id", "number")
    )
    matches = []
    for version in found:
        dist = version.distribution
        current = dist.file_id == digest or (not dist.file_id and dist.checksum_sha256 == digest)
        newest = not dist.versions.filter(number__gt=version.number).exists()
        matches.append(
            VersionMatch(
                dataset_id=str(dist.dataset_id),
                dataset_name=dist.dataset.name,
                distribution_id=str(dist.id),
                distribution_title=dist.title,
                version=version.number,
                is_current=current and newest and dist.state == DistributionState.ACTIVE,
                created_at=version.created_at.isoformat(),
                download_url=version_download_url(version, dist.dataset_id),
            )
        )
    return matches
