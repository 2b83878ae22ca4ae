"""Distributions: the files or links through which a dataset is available."""

from __future__ import annotations

from django.db import models

from agora.core.models import StoredFile, TimeStampedModel, UUIDModel

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
