"""Fixtures of the portal tests: datasets in every visibility state, an uploaded CSV."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from agora.catalog import services
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.interop.records import DistributionDraft

CSV = "country,year,population\nKenya,2020,53771300\nGhana,2020,31072945\nChad,2020,16425859\n"


@pytest.fixture
def web(db) -> Client:
    return Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 (test browser)")


@pytest.fixture
def in_arabic(web) -> Client:
    web.cookies["django_language"] = "ar"
    return web


def upload(dataset, name: str, content: bytes, fmt: str = "CSV"):
    return services.distribution_create(
        actor=SYSTEM,
        dataset=dataset,
        draft=DistributionDraft(title=name, format=fmt),
        upload=SimpleUploadedFile(name, content),
    )


@pytest.fixture
def catalogue(org, other_org):
    """One dataset of each kind: public, private, draft (names say which)."""
    public = DatasetFactory(
        name="public-population",
        title={"en": "Population of Africa", "fr": "Population de l'Afrique"},
        description={"en": "Counts of **people** by country.\n\n<script>alert(1)</script>"},
        organization=org,
        themes=["SOCI"],
        countries=["KEN"],
        spatial={
            "type": "Polygon",
            "coordinates": [[[33, -5], [42, -5], [42, 5], [33, 5], [33, -5]]],
        },
    )
    upload(public, "population.csv", CSV.encode())
    private = DatasetFactory(
        name="secret-budget",
        title={"en": "Secret budget"},
        organization=org,
        private=True,
        themes=["SOCI"],
        countries=["KEN"],
    )
    draft = DatasetFactory(
        name="draft-census",
        title={"en": "Draft census"},
        organization=org,
        state="draft",
        themes=["SOCI"],
        countries=["KEN"],
    )
    return {"public": public, "private": private, "draft": draft}
