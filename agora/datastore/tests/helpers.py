"""Helpers that publish a file and load it the way production does (services, then the task)."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from agora.catalog import services as catalog_services
from agora.catalog.models import Dataset, Distribution
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.datastore import services
from agora.datastore.models import DataTable
from agora.interop.records import DistributionDraft


def upload(dataset: Dataset, name: str, content: bytes, *, title: str = "Table") -> Distribution:
    return catalog_services.distribution_create(
        actor=SYSTEM,
        dataset=dataset,
        draft=DistributionDraft(title=title),
        upload=SimpleUploadedFile(name, content),
    )


def replace(dist: Distribution, name: str, content: bytes) -> Distribution:
    return catalog_services.distribution_update(
        actor=SYSTEM,
        distribution=dist,
        draft=DistributionDraft(title=dist.title),
        upload=SimpleUploadedFile(name, content),
    )


def ingest(dist: Distribution) -> DataTable:
    """Queue the distribution's newest version as the catalogue event would, and run it."""
    tables = services.tables_schedule(dataset_ids=[dist.dataset_id])
    version = dist.versions.order_by("-number").first()
    table = DataTable.objects.get(version=version) if not tables else tables[0]
    result = services.ingest_run(table_id=str(table.pk))
    assert result is not None
    return result


def published(org, name: str, content: bytes, **dataset_fields) -> tuple[Distribution, DataTable]:
    dataset = DatasetFactory(organization=org, **dataset_fields)
    dist = upload(dataset, name, content)
    return dist, ingest(dist)


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()
