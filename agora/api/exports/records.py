"""Records for whole-catalogue exports, read in bulk without model instances.

`catalog.selectors.dataset_records` builds records from hydrated models (select_related and
five prefetches): right for a page of search results, but at about 300 datasets per second
it was most of the time of a million-dataset export. `RecordReader` reads the same records
with `values()` queries (one for the datasets of a batch, one per relation), keeps the few
organizations and licences it meets across batches, and makes no model instance per row.
A test proves its records equal `dataset_records` field by field.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from agora.catalog.models import Dataset, Distribution, DistributionState, Licence, Organization
from agora.catalog.records import organization_record
from agora.interop.records import (
    DatasetRecord,
    DistributionRecord,
    LicenceRecord,
    OrganizationRecord,
)

_DATASET_FIELDS = (
    "id",
    "name",
    "title",
    "description",
    "organization_id",
    "licence_id",
    "spatial",
    "temporal_start",
    "temporal_end",
    "frequency",
    "contact_name",
    "contact_email",
    "contact_url",
    "issued",
    "modified",
    "version",
    "conforms_to",
    "access_rights",
    "landing_page",
    "identifier",
    "private",
    "state",
    "extras",
    "harvest_source_id",
    "harvest_remote_id",
    "created_by_id",
    "created_at",
    "updated_at",
    "revision_number",
    "is_series",
    "in_series_id",
)
_DISTRIBUTION_FIELDS = (
    "id",
    "dataset_id",
    "title",
    "description",
    "url",
    "file_id",
    "file_name",
    "format",
    "media_type",
    "byte_size",
    "checksum_sha256",
    "position",
    "state",
    "created_at",
    "updated_at",
)


class RecordReader:
    """Reads DatasetRecords a batch at a time; one reader per export."""

    def __init__(self) -> None:
        self._organizations: dict[uuid.UUID, OrganizationRecord] = {}
        self._licences: dict[str, LicenceRecord] = {}
        self._site = settings.AGORA_SITE_URL

    def batches(
        self, queryset: QuerySet[Dataset], batch: int = 500
    ) -> Iterator[list[DatasetRecord]]:
        """Every dataset of `queryset` in id order, `batch` at a time, read by keyset (WHERE
        id > last): each batch costs the same however deep into the catalogue it is."""
        ordered = queryset.order_by("id")
        last: uuid.UUID | None = None
        while True:
            page = ordered.filter(id__gt=last) if last is not None else ordered
            rows = list(page.values(*_DATASET_FIELDS)[:batch])
            if not rows:
                return
            yield self._records(rows)
            last = rows[-1]["id"]

    def records(self, ids: Iterable[uuid.UUID]) -> list[DatasetRecord]:
        """Records for these ids, in the order given (ids that do not exist are skipped)."""
        wanted = list(ids)
        rows = {r["id"]: r for r in Dataset.objects.filter(id__in=wanted).values(*_DATASET_FIELDS)}
        return self._records([rows[i] for i in wanted if i in rows])

    def _records(self, rows: list[dict[str, Any]]) -> list[DatasetRecord]:
        ids = [row["id"] for row in rows]
        related = self._related(ids)
        distributions = self._distributions(ids)
        self._load_organizations({row["organization_id"] for row in rows})
        self._load_licences({row["licence_id"] for row in rows if row["licence_id"]})
        return [self._record(row, related, distributions.get(row["id"], ())) for row in rows]

    @staticmethod
    def _related(ids: list[uuid.UUID]) -> dict[str, dict[uuid.UUID, list[str]]]:
        found: dict[str, dict[uuid.UUID, list[str]]] = {}
        for name, value in (
            ("tags", "tag__name"),
            ("themes", "theme_id"),
            ("countries", "country_id"),
            ("languages", "language_id"),
        ):
            through = getattr(Dataset, name).through
            by_dataset: dict[uuid.UUID, list[str]] = defaultdict(list)
            for dataset_id, code in through.objects.filter(dataset_id__in=ids).values_list(
                "dataset_id", value
            ):
                by_dataset[dataset_id].append(code)
            found[name] = by_dataset
        return found

    def _distributions(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[DistributionRecord]]:
        rows = (
            Distribution.objects.filter(dataset_id__in=ids, state=DistributionState.ACTIVE)
            .order_by("position", "created_at")
            .values(*_DISTRIBUTION_FIELDS)
        )
        found: dict[uuid.UUID, list[DistributionRecord]] = defaultdict(list)
        for row in rows:
            found[row["dataset_id"]].append(self._distribution(row))
        return found

    def _distribution(self, row: dict[str, Any]) -> DistributionRecord:
        dataset_id, dist_id = str(row["dataset_id"]), str(row["id"])
        url = row["url"]
        if row["file_id"] is not None:  # uploads are served by Agora (catalog.records)
            name = row["file_name"] or "download"
            url = f"{self._site}/dataset/{dataset_id}/resource/{dist_id}/download/{name}"
        return DistributionRecord(
            id=dist_id,
            dataset_id=dataset_id,
            title=row["title"],
            description=row["description"],
            url=url,
            is_upload=row["file_id"] is not None,
            file_name=row["file_name"],
            format=row["format"],
            media_type=row["media_type"],
            byte_size=row["byte_size"],
            checksum_sha256=row["checksum_sha256"],
            position=row["position"],
            state=row["state"],
            created=row["created_at"],
            modified=row["updated_at"],
        )

    def _load_organizations(self, ids: set[uuid.UUID]) -> None:
        missing = ids - self._organizations.keys()
        if missing:
            for org in Organization.objects.filter(id__in=missing):
                self._organizations[org.id] = organization_record(org)

    def _load_licences(self, ids: set[str]) -> None:
        missing = ids - self._licences.keys()
        if missing:
            for licence in Licence.objects.filter(id__in=missing):
                self._licences[licence.id] = LicenceRecord(
                    licence.id, licence.title, licence.url, licence.is_open
                )

    def _record(
        self,
        row: dict[str, Any],
        related: dict[str, dict[uuid.UUID, list[str]]],
        distributions: Iterable[DistributionRecord],
    ) -> DatasetRecord:
        key = row["id"]
        return DatasetRecord(
            id=str(key),
            name=row["name"],
            title=dict(row["title"]),
            description=dict(row["description"] or {}),
            organization=self._organizations[row["organization_id"]],
            tags=tuple(sorted(related["tags"].get(key, ()))),
            themes=tuple(sorted(related["themes"].get(key, ()))),
            licence=self._licences.get(row["licence_id"]) if row["licence_id"] else None,
            countries=tuple(sorted(related["countries"].get(key, ()))),
            languages=tuple(sorted(related["languages"].get(key, ()))),
            spatial=row["spatial"],
            temporal_start=row["temporal_start"],
            temporal_end=row["temporal_end"],
            frequency=row["frequency"],
            contact_name=row["contact_name"],
            contact_email=row["contact_email"],
            contact_url=row["contact_url"],
            issued=row["issued"],
            modified=row["modified"],
            version=row["version"],
            conforms_to=tuple(row["conforms_to"] or ()),
            access_rights=row["access_rights"],
            landing_page=row["landing_page"],
            identifier=row["identifier"],
            private=row["private"],
            state=row["state"],
            extras=dict(row["extras"] or {}),
            harvest_source_id=str(row["harvest_source_id"]) if row["harvest_source_id"] else None,
            harvest_remote_id=row["harvest_remote_id"],
            creator_user_id=str(row["created_by_id"]) if row["created_by_id"] else None,
            metadata_created=row["created_at"],
            metadata_modified=row["updated_at"],
            revision_number=row["revision_number"],
            page_url=f"{self._site}/dataset/{row['name']}",
            distributions=tuple(sorted(distributions, key=lambda d: d.position)),
            is_series=row["is_series"],
            in_series=str(row["in_series_id"]) if row["in_series_id"] else None,
        )
