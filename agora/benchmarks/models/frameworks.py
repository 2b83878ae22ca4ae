"""Frameworks and their editions, mirrored from the definition files (agora/benchmarks/
frameworks/) so that observations and scores can point at an edition with a real foreign key.
The files are the source: `agora benchmarks sync` (run after every migration) updates these
rows and keeps each edition's definition and its SHA-256, which every score records."""

from __future__ import annotations

from django.db import models


class Framework(models.Model):
    code = models.CharField(max_length=64, primary_key=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=300)
    homepage = models.CharField(max_length=500, blank=True)
    kind = models.CharField(
        max_length=16, choices=[("external", "published by others"), ("own", "Agora's own")]
    )
    description = models.TextField(blank=True)
    definition = models.JSONField(default=dict)
    sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Edition(models.Model):
    id = models.BigAutoField(primary_key=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="editions")
    code = models.CharField(max_length=32)
    year = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    definition = models.JSONField(default=dict)
    sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="one_edition_code")
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} {self.code}"
