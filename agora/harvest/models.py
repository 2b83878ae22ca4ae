"""Harvest sources, their jobs, the per-item report of each job, and what the harvester
remembers of every remote record (identity, fingerprint, presence) between runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from agora.catalog.models import Organization
from agora.core.models import TimeStampedModel, UUIDModel


class SourceType(models.TextChoices):
    CKAN = "ckan", "CKAN Action API"
    DCAT = "dcat", "DCAT (RDF, Hydra paging)"
    DATAJSON = "datajson", "DCAT-US data.json"


class Frequency(models.TextChoices):
    MANUAL = "manual", "manual"
    HOURLY = "hourly", "hourly"
    DAILY = "daily", "daily"
    WEEKLY = "weekly", "weekly"


class HarvestSource(UUIDModel, TimeStampedModel):
    """A remote catalogue harvested into one organization."""

    name = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=2000)
    source_type = models.CharField(max_length=16, choices=SourceType.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="harvest_sources"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.MANUAL)
    # Per-source settings: licence_default, include_tags, exclude_tags, ckan_fq, page_size,
    # max_items, max_vanish_share, incremental, allow_private_network (tests and trusted
    # intranets only, and only when AGORA_HARVEST_ALLOW_PRIVATE_SOURCES permits it).
    config = models.JSONField(default=dict, blank=True)
    active = models.BooleanField(default=True)
    # A private source's datasets are private, and only its organization sees the source.
    private = models.BooleanField(default=False)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Conditional-request validators of the last complete gather: {url: {etag, last_modified}}.
    validators = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JobStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    SUCCEEDED = "succeeded", "succeeded"
    PARTIAL = "partial", "finished with errors"
    FAILED = "failed", "failed"
    CANCELLED = "cancelled", "cancelled"


ACTIVE_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class HarvestJob(UUIDModel):
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    created_at = models.DateTimeField(db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    requested_by = models.CharField(max_length=150, blank=True)
    # Counts per item status, plus "seen" (records gathered) and "expected" (when the source
    # announces its size, for the progress bar).
    counts = models.JSONField(default=dict, blank=True)
    expected = models.PositiveIntegerField(null=True, blank=True)
    gather_complete = models.BooleanField(default=False)
    not_modified = models.BooleanField(default=False)
    error_code = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["source", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.source_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        end = self.finished_at or self.heartbeat_at or self.started_at
        return (end - self.started_at).total_seconds()


class ItemStatus(models.TextChoices):
    CREATED = "created", "created"
    UPDATED = "updated", "updated"
    UNCHANGED = "unchanged", "unchanged"
    WITHDRAWN = "withdrawn", "withdrawn"
    FAILED = "failed", "failed"


class HarvestItem(models.Model):
    """What one job did to one record. Unchanged records are counted on the job and marked
    seen on their HarvestRecord instead of getting a row each (a re-run of an unchanged
    300,000-record source writes almost nothing)."""

    id = models.BigAutoField(primary_key=True)
    job = models.ForeignKey(HarvestJob, on_delete=models.CASCADE, related_name="items")
    remote_id = models.CharField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    dataset_id = models.UUIDField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ItemStatus.choices)
    error_code = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    raw = models.TextField(blank=True, help_text="the remote record, kept for failed items")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self) -> str:
        return f"{self.remote_id} {self.status}"


class HarvestRecord(models.Model):
    """The harvester's memory of one remote record of one source: which local dataset it is,
    the fingerprint of its mapped content, and when it was last seen."""

    id = models.BigAutoField(primary_key=True)
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    remote_id = models.CharField(max_length=500)
    dataset_id = models.UUIDField(null=True, blank=True, db_index=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # SHA-256 of the raw record as canonical JSON (with the source's settings): when it is
    # unchanged the record is not even mapped again.
    raw_digest = models.CharField(max_length=64, blank=True)
    last_seen_job = models.ForeignKey(
        HarvestJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Complete gathers in a row that did not list the record (withdrawn at the grace limit).
    missing_runs = models.PositiveIntegerField(default=0)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="unique_harvest_record")
        ]

    def __str__(self) -> str:
        return self.remote_id
