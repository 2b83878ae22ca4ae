"""Datasets and their append-only revisions (DCAT-AP 3 aligned, one real column per property)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from agora.core.models import AppendOnlyModel, TimeStampedModel, UUIDModel
from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.frequencies import FREQUENCIES

from .organizations import Organization
from .vocabularies import Country, Language, Licence, Tag, Theme


class DatasetState(models.TextChoices):
    DRAFT = "draft", "draft"
    ACTIVE = "active", "active"
    DELETED = "deleted", "deleted"


class Dataset(UUIDModel, TimeStampedModel):
    name = models.CharField(max_length=100, unique=True)
    title = models.JSONField(default=dict, help_text="{language: title}")
    description = models.JSONField(default=dict, blank=True, help_text="{language: Markdown}")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="datasets"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets")
    themes = models.ManyToManyField(Theme, blank=True, related_name="datasets")
    licence = models.ForeignKey(
        Licence, null=True, blank=True, on_delete=models.PROTECT, related_name="datasets"
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="datasets")
    languages = models.ManyToManyField(Language, blank=True, related_name="datasets")
    spatial = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry")
    bbox_west = models.FloatField(null=True, blank=True)
    bbox_south = models.FloatField(null=True, blank=True)
    bbox_east = models.FloatField(null=True, blank=True)
    bbox_north = models.FloatField(null=True, blank=True)
    temporal_start = models.DateField(null=True, blank=True)
    temporal_end = models.DateField(null=True, blank=True)
    frequency = models.CharField(max_length=16, blank=True, choices=list(FREQUENCIES.items()))
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_url = models.URLField(max_length=500, blank=True)
    issued = models.DateTimeField(null=True, blank=True)
    modified = models.DateTimeField(null=True, blank=True)
    version = models.CharField(max_length=100, blank=True)
    conforms_to = models.JSONField(default=list, blank=True)
    access_rights = models.CharField(max_length=16, blank=True, choices=list(ACCESS_RIGHTS.items()))
    landing_page = models.URLField(max_length=2000, blank=True)
    identifier = models.CharField(max_length=500, blank=True, db_index=True)
    private = models.BooleanField(default=False)
    state = models.CharField(
        max_length=16, choices=DatasetState.choices, default=DatasetState.ACTIVE
    )
    extras = models.JSONField(default=dict, blank=True)
    # DCAT-AP 3 dataset series: a series groups datasets that are released separately but
    # belong together (yearly editions); a member points at its series.
    is_series = models.BooleanField(default=False)
    in_series = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="series_members"
    )
    harvest_source_id = models.UUIDField(null=True, blank=True, db_index=True)
    harvest_remote_id = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Derived on every write by catalog.services (never edited directly).
    title_sort = models.CharField(max_length=200, blank=True, db_index=True)
    search_text = models.TextField(blank=True)
    revision_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["state", "private"]),
            models.Index(fields=["organization", "state"]),
        ]

    def __str__(self) -> str:
        return self.name


class DatasetRevision(AppendOnlyModel):
    """The whole dataset as it was after one change: history, diffs and provenance."""

    id = models.BigAutoField(primary_key=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    actor_id = models.UUIDField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32)
    data = models.JSONField()

    class Meta:
        ordering = ["dataset", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} r{self.number}"
