"""Vocabulary tables: countries, themes, licences, languages and free keywords (tags).

Rows are loaded from agora/interop/vocabularies after every migration
(agora/catalog/vocabulary_sync.py); the code is the source, the tables exist so that datasets
can point at them with real foreign keys and be filtered and counted in SQL.
"""

from __future__ import annotations

import uuid

from django.db import models


class Country(models.Model):
    """An ISO 3166-1 country or area with its UN M49 region."""

    code = models.CharField(max_length=3, primary_key=True, help_text="ISO 3166-1 alpha-3")
    alpha2 = models.CharField(max_length=2, unique=True)
    numeric = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=128)
    official_name = models.CharField(max_length=200, blank=True)
    region_code = models.CharField(max_length=3, blank=True, db_index=True)
    region_name = models.CharField(max_length=64, blank=True)
    subregion_code = models.CharField(max_length=3, blank=True, db_index=True)
    subregion_name = models.CharField(max_length=64, blank=True)
    intermediate_region_code = models.CharField(max_length=3, blank=True)
    intermediate_region_name = models.CharField(max_length=64, blank=True)
    un_status = models.CharField(
        max_length=16,
        choices=[("member", "Member State"), ("observer", "Observer State"), ("other", "Other")],
        default="other",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    code = models.CharField(max_length=16, primary_key=True)
    uri = models.URLField(max_length=255, unique=True)
    labels = models.JSONField(default=dict)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.labels.get("en", self.code)


class Licence(models.Model):
    id = models.CharField(max_length=64, primary_key=True)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=255, blank=True)
    is_open = models.BooleanField(default=False)
    od_conformance = models.CharField(max_length=16, default="not reviewed")
    osd_conformance = models.CharField(max_length=16, default="not reviewed")
    domain_data = models.BooleanField(default=False)
    domain_content = models.BooleanField(default=False)
    status = models.CharField(max_length=16, default="active")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Language(models.Model):
    """An ISO 639-1 language (two letters), named in English."""

    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField(max_length=64)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free keyword. Names keep their case and script; lookups are exact, as in CKAN."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
