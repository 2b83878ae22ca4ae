"""Organizations: the publishers of datasets (ministries, agencies, statistics offices)."""

from __future__ import annotations

from django.db import models

from agora.core.models import TimeStampedModel, UUIDModel
from agora.interop.vocabularies.publisher_types import PUBLISHER_TYPES

from .vocabularies import Country


class OrganizationState(models.TextChoices):
    ACTIVE = "active", "active"
    DELETED = "deleted", "deleted"


class Organization(UUIDModel, TimeStampedModel):
    name = models.CharField(max_length=100, unique=True)
    title = models.JSONField(default=dict, help_text="{language: title}")
    description = models.JSONField(default=dict, blank=True, help_text="{language: text}")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="organizations"
    )
    publisher_type = models.CharField(
        max_length=40, blank=True, choices=sorted(PUBLISHER_TYPES.items())
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    image_url = models.URLField(max_length=500, blank=True)
    homepage = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    state = models.CharField(
        max_length=16, choices=OrganizationState.choices, default=OrganizationState.ACTIVE
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
