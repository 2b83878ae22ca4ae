"""Catalogues for the search tests, written through the catalogue services (so the index is
kept in step by the real write path: outbox and drain task with tantivy, the search table
with PostgreSQL). Tests that take `engine` run on every engine this database allows."""

from __future__ import annotations

import pytest

from agora.catalog.models import Dataset
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import ANONYMOUS, Actor
from agora.interop.records import DistributionDraft
from agora.search.query import SearchQuery, SearchResult
from agora.search.selectors import search
from agora.search.syntax import parse_query


def files(*formats: str) -> list[DistributionDraft]:
    return [
        DistributionDraft(title=f, url=f"https://data.example.org/file.{f.lower()}", format=f)
        for f in formats
    ]


def make(org, name: str, title: str | dict[str, str], **values) -> Dataset:  # type: ignore[no-untyped-def]
    """A dataset of `org`; a plain title is English, and the description says what it is about."""
    titles = {"en": title} if isinstance(title, str) else title
    language, text = next(iter(titles.items()))
    values.setdefault("description", {language: f"({text.lower()})"})
    values.setdefault("tags", [])
    return DatasetFactory(name=name, title=titles, organization=org, **values)


@pytest.fixture
def catalogue(engine, org, other_org) -> dict[str, Dataset]:
    """Seven public datasets and one private one, with known tags, formats and themes."""
    # name, title, owner, tags, themes, formats, licence, countries
    specs = [
        (
            "air-quality",
            "Air quality 2023",
            org,
            ["air", "pollution"],
            ["ENVI"],
            ["CSV"],
            "CC-BY-4.0",
            ["KEN"],
        ),
        (
            "water-quality",
            "Water quality",
            org,
            ["pollution", "water"],
            ["ENVI", "HEAL"],
            ["JSON"],
            "CC0-1.0",
            ["KEN", "UGA"],
        ),
        (
            "road-deaths",
            "Road deaths",
            other_org,
            ["health", "transport"],
            ["TRAN"],
            ["CSV", "XLSX"],
            "CC-BY-4.0",
            ["UGA"],
        ),
        (
            "budget-2024",
            "National budget 2024",
            other_org,
            ["finance"],
            ["ECON"],
            ["XLSX"],
            "ODbL-1.0",
            ["TZA"],
        ),
        (
            "school-census",
            "School census",
            org,
            ["education"],
            ["EDUC"],
            ["CSV"],
            "CC-BY-4.0",
            ["KEN"],
        ),
        (
            "population-census",
            "Population census 2019",
            other_org,
            ["census", "population"],
            ["SOCI"],
            ["CSV", "JSON"],
            "CC-BY-4.0",
            ["KEN"],
        ),
        ("hospital-beds", "Hospital beds", org, ["Health"], ["HEAL"], ["PDF"], "CC0-1.0", []),
    ]
    found = {}
    for name, title, owner, tags, themes, formats, licence, countries in specs:
        found[name] = make(
            owner,
            name,
            title,
            tags=tags,
            themes=themes,
            distributions=files(*formats),
            licence=licence,
            countries=countries,
        )
    found["secret-census"] = make(org, "secret-census", "Secret census", private=True)
    return found


def run(actor: Actor = ANONYMOUS, q: str = "", **options) -> SearchResult:  # type: ignore[no-untyped-def]
    return search(actor=actor, query=SearchQuery(text=parse_query(q), **options))


def names(result: SearchResult) -> list[str]:
    by_id = {str(d.id): d.name for d in Dataset.objects.filter(id__in=result.ids)}
    return [by_id[i] for i in result.ids]


def found(q: str = "", actor: Actor = ANONYMOUS, **options) -> list[str]:  # type: ignore[no-untyped-def]
    """Names matching, sorted (for tests about *what* matches, not in which order)."""
    options.setdefault("limit", 100)
    return sorted(names(run(actor, q, **options)))
