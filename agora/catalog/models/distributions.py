"""Distributions: the files or links through which a dataset is available."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from agora.core.models import AppendOnlyError, StoredFile, TimeStampedModel, UUIDModel

from .datasets import Dataset


class DistributionState(models.TextChoices):
    ACTIVE = "active", "active"
    DELETED = "deleted", "deleted"


class Distribution(UUIDModel, TimeStampedModel):
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="distributions")
    title = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True, help_text="an external download or link")
    file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=64, blank=True)
    media_type = models.CharField(max_length=127, blank=True)
    byte_size = models.BigIntegerField(null=True, blank=True)
    checksum_sha256 = models.CharField(max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(
        max_length=16, choices=DistributionState.choices, default=DistributionState.ACTIVE
    )

    class Meta:
        ordering = ["dataset", "position", "created_at"]

    @property
    def is_upload(self) -> bool:
        return self.file_id is not None

    def __str__(self) -> str:
        return self.title or str(self.id)


class VersionSource(models.TextChoices):
    UPLOAD = "upload", "upload"
    FETCH = "fetch", "fetched from the distribution's URL"


class DistributionVersion(models.Model):
    """One published state of a distribution's file: immutable, numbered from 1.

    Every new upload (or every change of content behind a link, found by a scheduled fetch)
    adds one; earlier versions stay downloadable at their own stable URL, so anyone can prove
    that the file they hold is one the publisher released (the file is named by its SHA-256).
    The distribution itself always describes the newest version.
    """

    id = models.BigAutoField(primary_key=True)
    distribution = models.ForeignKey(
        Distribution, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255, blank=True)
    source = models.CharField(
        max_length=16, choices=VersionSource.choices, default=VersionSource.UPLOAD
    )
    source_url = models.URLField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.UUIDField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["distribution", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "number"], name="unique_distribution_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.distribution_id} v{self.number}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AppendOnlyError("DistributionVersion rows are append-only")
        super().save(*args, **kwargs)
