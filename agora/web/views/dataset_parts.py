"""The parts of a dataset page, each built from the record (no queries unless stated)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from agora.catalog.models import Country, DatasetRevision, Distribution
from agora.core.actor import Actor
from agora.interop.records import DatasetRecord, DistributionRecord

from ..citation import citation_text
from ..diffs import Change, revision_changes
from ..i18n import country_name, localized
from ..maps import SpatialMap, spatial_map
from ..preview import TABULAR_FORMATS, TablePreview, table_preview

HISTORY_ON_PAGE = 5


def is_tabular_record(dist: DistributionRecord) -> bool:
    media = dist.media_type.split(";")[0].strip().lower()
    return dist.is_upload and (
        dist.format.upper() in TABULAR_FORMATS or media in ("text/csv", "text/tab-separated-values")
    )


def distributions(record: DatasetRecord) -> list[dict[str, Any]]:
    return [
        {
            "record": d,
            "title": d.title or d.file_name or _("Untitled file"),
            "format": (d.format or "").upper() or _("Other"),
            "tabular": is_tabular_record(d),
            "preview_url": reverse("web:distribution-preview", args=[record.name, d.id]),
        }
        for d in record.distributions
    ]


def first_preview(record: DatasetRecord) -> tuple[DistributionRecord, TablePreview] | None:
    """The preview of the first tabular upload (two narrow queries and one bounded read)."""
    first = next((d for d in record.distributions if is_tabular_record(d)), None)
    if first is None:
        return None
    dist = Distribution.objects.select_related("file").filter(id=first.id).first()
    preview = table_preview(dist) if dist is not None else None
    return (first, preview) if preview is not None else None


def countries(record: DatasetRecord) -> list[dict[str, str]]:
    codes = [*record.countries]
    rows = Country.objects.filter(code__in=codes).values_list("code", "alpha2", "name")
    return sorted(
        ({"code": c, "name": country_name(a2, n)} for c, a2, n in rows), key=lambda c: c["name"]
    )


def coverage_map(record: DatasetRecord) -> SpatialMap | None:
    try:
        return spatial_map(record.spatial, None)
    except (TypeError, ValueError, IndexError, KeyError):  # odd harvested GeoJSON: no map
        return None


def api_snippets(record: DatasetRecord) -> dict[str, str]:
    site = settings.AGORA_SITE_URL
    return {
        "curl": f"curl '{site}/api/3/action/package_show?id={record.name}'",
        "native": f"curl '{site}/api/v1/datasets/{record.name}'",
        "python": (
            "from ckanapi import RemoteCKAN\n\n"
            f"portal = RemoteCKAN('{site}')\n"
            f"dataset = portal.action.package_show(id='{record.name}')\n"
            "for resource in dataset['resources']:\n"
            "    print(resource['name'], resource['url'])"
        ),
    }


def citation(record: DatasetRecord) -> str:
    issued = record.issued or record.metadata_created
    return citation_text(
        publisher=localized(record.organization.title).text or record.organization.name,
        title=localized(record.title).text or record.name,
        year=issued.year if issued else None,
        version=record.version,
        portal=settings.AGORA_SITE_TITLE,
        url=record.page_url,
        accessed=dt.date.today(),  # noqa: DTZ011 - the reader's day is close enough
        dataset_label=_("Dataset"),
        version_label=_("version"),
        accessed_label=_("accessed"),
    )


def revisions(dataset_id: str, *, limit: int, before: int | None = None) -> QuerySet:  # type: ignore[type-arg]
    rows = DatasetRevision.objects.filter(dataset_id=dataset_id).order_by("-number")
    if before is not None:
        rows = rows.filter(number__lt=before)
    return rows[:limit]


def history(dataset_id: str, *, limit: int, before: int | None = None) -> list[dict[str, Any]]:
    """The newest revisions with what each changed (one query: limit + 1 revisions)."""
    rows = list(revisions(dataset_id, limit=limit + 1, before=before))
    entries = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1].data if index + 1 < len(rows) else None
        changes: list[Change] = (
            revision_changes(previous, row.data) if previous is not None or row.number == 1 else []
        )
        entries.append(
            {
                "revision": row,
                "changes": changes,
                "complete": previous is not None or row.number == 1,
            }
        )
    return entries


def may_see_editors(actor: Actor, record: DatasetRecord) -> bool:
    """Who changed a dataset is shown to its organization and sysadmins only (not public)."""
    return actor.is_superuser or actor.role_in(uuid.UUID(record.organization.id)) is not None
