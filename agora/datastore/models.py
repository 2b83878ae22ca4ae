"""What the tabular store keeps in the database: loaded tables, data dictionaries, link fetches.

The Parquet files themselves are content-addressed blobs (core.StoredFile); a row here says
which version of which distribution a table was loaded from, how far its ingest got (one status
per step), and what the validation found. The newest *ready* table of a distribution is the one
queried, so a failed or crashed ingest of a new version leaves the previous table in service.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from agora.catalog.models import Distribution, DistributionVersion
from agora.core.models import StoredFile


class TableStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    READY = "ready", "ready"
    FAILED = "failed", "failed"
    SKIPPED = "skipped", "not tabular"


class DataTable(models.Model):
    """One distribution version loaded (or being loaded) as a queryable table."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="data_tables"
    )
    version = models.OneToOneField(
        DistributionVersion, on_delete=models.CASCADE, related_name="data_table"
    )
    status = models.CharField(max_length=16, choices=TableStatus.choices, default="queued")
    step = models.CharField(max_length=32, blank=True)
    steps = models.JSONField(default=list, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    parquet = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    row_count = models.BigIntegerField(null=True, blank=True)
    columns = models.JSONField(default=list, blank=True, help_text="[{name, type}]")
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["distribution", "-created_at"]
        indexes = [models.Index(fields=["distribution", "status"])]

    def __str__(self) -> str:
        return f"table of {self.version} ({self.status})"


class DataDictionary(models.Model):
    """The publisher's description of a distribution's columns, kept across re-uploads.

    Entries are matched to a new version's columns by name: a column that keeps its name keeps
    its title, description, unit and (if the publisher set one) its type. CKAN loses these on
    every re-upload (ckan/ckan #7699); here they belong to the distribution, not to a table.
    """

    distribution = models.OneToOneField(
        Distribution, on_delete=models.CASCADE, primary_key=True, related_name="data_dictionary"
    )
    fields = models.JSONField(default=list, help_text="[{name, type, title, description, unit}]")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"dictionary of {self.distribution_id}"

    def entry(self, name: str) -> dict[str, str]:
        for item in self.fields:
            if item.get("name") == name:
                return dict(item)
        return {}


class FetchStatus(models.TextChoices):
    NEVER = "never", "never fetched"
    CHANGED = "changed", "new content, new version"
    UNCHANGED = "unchanged", "unchanged"
    FAILED = "failed", "failed"


class LinkFetch(models.Model):
    """The schedule and outcome of fetching one link distribution's URL."""

    distribution = models.OneToOneField(
        Distribution, on_delete=models.CASCADE, primary_key=True, related_name="link_fetch"
    )
    url = models.URLField(max_length=2000)
    next_fetch_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=FetchStatus.choices, default="never")
    error = models.TextField(blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    failures = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"fetch of {self.url} ({self.status})"
