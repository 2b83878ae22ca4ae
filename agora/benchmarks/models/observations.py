"""What was imported (observations: published values and raw inputs, each from an import
batch) and what Agora computed from them (scores, with the definition that computed them)."""

from __future__ import annotations

from django.db import models

from agora.catalog.models import Country
from agora.core.models import UUIDModel

from .frameworks import Edition


class ImportBatch(UUIDModel):
    """One imported file: who, when, its SHA-256 and the full report of what was found."""

    kind = models.CharField(max_length=32)
    file_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    actor_id = models.UUIDField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"


class ObservationKind(models.TextChoices):
    PUBLISHED = "published", "published value"
    RAW = "raw", "raw input"


class Observation(models.Model):
    """One value for one country in one edition, kept with the text it was published as."""

    id = models.BigAutoField(primary_key=True)
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="observations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=ObservationKind.choices)
    value = models.FloatField()
    value_text = models.CharField(max_length=40)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="observations")

    class Meta:
        ordering = ["edition", "country", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "country", "indicator"], name="one_observation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition_id} {self.country_id} {self.indicator}"


class ScoringRun(UUIDModel):
    """One scoring of an edition: which definition, what it found (mismatches, gaps)."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="scoring_runs")
    computed_at = models.DateTimeField(auto_now_add=True)
    definition_sha256 = models.CharField(max_length=64)
    actor_name = models.CharField(max_length=150, blank=True)
    countries = models.PositiveIntegerField(default=0)
    methods = models.JSONField(default=dict)
    findings = models.JSONField(default=list)

    class Meta:
        ordering = ["-computed_at"]

    def __str__(self) -> str:
        return f"{self.edition_id} at {self.computed_at}"


class Score(models.Model):
    """An index value for a country in an edition: the published value when there is one,
    Agora's recomputation beside it, and the rank, group and rating class by the edition's
    rules."""

    id = models.BigAutoField(primary_key=True)
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="scores")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    index = models.CharField(max_length=64)
    value = models.FloatField()
    value_text = models.CharField(max_length=40)
    source = models.CharField(max_length=16)  # published | computed
    published = models.FloatField(null=True, blank=True)
    computed = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    published_rank = models.PositiveIntegerField(null=True, blank=True)
    group = models.CharField(max_length=8, blank=True)
    rating_class = models.CharField(max_length=8, blank=True)
    run = models.ForeignKey(ScoringRun, on_delete=models.PROTECT, related_name="scores")

    class Meta:
        ordering = ["edition", "index", "rank", "country"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "country", "index"], name="one_score")
        ]
        indexes = [models.Index(fields=["country", "index"])]

    def __str__(self) -> str:
        return f"{self.edition_id} {self.country_id} {self.index}"
