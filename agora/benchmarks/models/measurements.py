"""The portal's own indicators, measured nightly and kept as a time series (one run a day)."""

from __future__ import annotations

from django.db import models

from agora.catalog.models import Country, Organization
from agora.core.models import UUIDModel


class MeasurementRun(UUIDModel):
    measured_on = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    definition_version = models.PositiveIntegerField()
    definition_sha256 = models.CharField(max_length=64)
    link_checker = models.CharField(max_length=64)
    datasets = models.PositiveIntegerField(default=0)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-measured_on"]

    def __str__(self) -> str:
        return str(self.measured_on)


class Measurement(models.Model):
    id = models.BigAutoField(primary_key=True)
    run = models.ForeignKey(MeasurementRun, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField()
    scope = models.CharField(max_length=16)  # portal | country | publisher
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indicator = models.CharField(max_length=64)
    value = models.FloatField(null=True, blank=True)
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    status = models.CharField(max_length=16)  # ok | no_data | not_available
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["measured_on", "scope", "indicator"]
        indexes = [
            models.Index(fields=["scope", "country", "indicator", "measured_on"]),
            models.Index(fields=["organization", "indicator", "measured_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.measured_on} {self.scope} {self.indicator}"
