"""The only write path of the tabular store (keyword-only, explicit actor, permission inside).

- `table_ingest_request`: (re)load a distribution's newest version; what publishers and
  operators call, e.g. after a crashed worker ("re-running completes").
- `tables_schedule`: what the catalogue's change events trigger (as the system): new versions
  of tabular distributions are queued for ingest, links get a fetch schedule.
- `dictionary_update`: the publisher's data dictionary, kept across re-uploads.
- `ingest_run`: claim a queued (or abandoned) table and run the pipeline; called by the task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agora.catalog.models import Distribution, DistributionState, DistributionVersion
from agora.core.actor import Actor
from agora.core.audit import audit_append
from agora.core.errors import Forbidden, ValidationFailed

from . import permissions
from .errors import IngestBusy
from .ingest.detect import is_tabular
from .ingest.pipeline import run_ingest
from .models import DataDictionary, DataTable, LinkFetch, TableStatus
from .schema import DUCKDB_TYPES, TEXT_TYPES

DICTIONARY_KEYS = {"name", "type", "format", "title", "description", "unit"}


def _enqueue(table: DataTable) -> None:
    from .tasks import ingest_task

    table_id = str(table.pk)
    transaction.on_commit(lambda: ingest_task.enqueue(table_id))


def _stale(table: DataTable) -> bool:
    limit = dt.timedelta(minutes=settings.AGORA_DATASTORE_STALE_INGEST_MINUTES)
    beat = table.heartbeat_at or table.started_at or table.created_at
    return beat is None or timezone.now() - beat > limit


def _queue(version: DistributionVersion, *, force: bool) -> DataTable:
    table, created = DataTable.objects.get_or_create(
        version=version, defaults={"distribution_id": version.distribution_id}
    )
    if created or force:
        DataTable.objects.filter(pk=table.pk).update(status=TableStatus.QUEUED, progress=0)
        table.status = TableStatus.QUEUED
        _enqueue(table)
    return table


def table_ingest_request(
    *, actor: Actor, distribution: Distribution, force_running: bool = False
) -> DataTable:
    """Queue the newest version of `distribution` for ingest (again)."""
    if not permissions.can_manage_table(actor, distribution):
        raise Forbidden("You may not manage this resource's table.", code="datastore.denied")
    version = distribution.versions.order_by("-number").first()
    if version is None:
        raise ValidationFailed(
            "This resource has no stored file to load.", code="datastore.no_file"
        )
    with transaction.atomic():
        current = DataTable.objects.select_for_update().filter(version=version).first()
        busy = current is not None and current.status == TableStatus.RUNNING
        if busy and not (force_running or _stale(current)):
            raise IngestBusy()
        table = _queue(version, force=True)
        audit_append(
            actor=actor,
            action="datastore.ingest_request",
            object_type="catalog.distribution",
            object_id=str(distribution.pk),
            data={"version": version.number, "table": str(table.pk)},
        )
    return table


def tables_schedule(*, dataset_ids: Iterable[Any]) -> list[DataTable]:
    """Queue new versions of tabular distributions; keep link fetch schedules in step."""
    queued = []
    distributions = Distribution.objects.filter(
        dataset_id__in=list(dataset_ids), state=DistributionState.ACTIVE
    )
    for dist in distributions:
        version = dist.versions.select_related("file").order_by("-number").first()
        if version is not None and dist.file_id is not None:
            tabular = is_tabular(version.file.media_type, version.file_name, dist.format)
            if tabular and not DataTable.objects.filter(version=version).exists():
                queued.append(_queue(version, force=False))
        if dist.file_id is None and dist.url:
            _schedule_link(dist)
    return queued


def _schedule_link(dist: Distribution) -> None:
    """A link is fetched (soon) when it is new or its URL changed."""
    fetch = LinkFetch.objects.filter(distribution=dist).first()
    if fetch is None:
        LinkFetch.objects.create(distribution=dist, url=dist.url, next_fetch_at=timezone.now())
    elif fetch.url != dist.url:
        LinkFetch.objects.filter(pk=fetch.pk).update(
            url=dist.url, next_fetch_at=timezone.now(), etag="", last_modified="", failures=0
        )


def _clean_entry(item: Any, position: int) -> dict[str, str]:
    if not isinstance(item, Mapping) or not str(item.get("name", "")).strip():
        raise ValidationFailed(fields={f"fields.{position}": ["Each field needs a name"]})
    unknown = set(item) - DICTIONARY_KEYS
    if unknown:
        raise ValidationFailed(fields={f"fields.{position}": [f"Unknown keys: {sorted(unknown)}"]})
    kind = str(item.get("type") or "")
    if kind and kind not in DUCKDB_TYPES and kind not in TEXT_TYPES:
        raise ValidationFailed(fields={f"fields.{position}.type": [f'Unknown type "{kind}"']})
    entry = {k: str(item.get(k) or "").strip() for k in DICTIONARY_KEYS}
    if any(len(v) > 5000 for v in entry.values()):
        raise ValidationFailed(
            fields={f"fields.{position}": ["Values are limited to 5000 characters"]}
        )
    return {k: v for k, v in entry.items() if v or k == "name"}


def dictionary_update(
    *, actor: Actor, distribution: Distribution, fields: Sequence[Any]
) -> DataDictionary:
    """Replace the data dictionary; a changed column type re-loads the newest version."""
    if not permissions.can_manage_table(actor, distribution):
        raise Forbidden("You may not edit this resource's dictionary.", code="datastore.denied")
    if not isinstance(fields, list | tuple) or len(fields) > 5000:
        raise ValidationFailed(fields={"fields": ["A list of at most 5000 fields is expected"]})
    entries = [_clean_entry(item, i) for i, item in enumerate(fields)]
    names = [e["name"] for e in entries]
    if len(set(names)) != len(names):
        raise ValidationFailed(fields={"fields": ["Field names must be unique"]})
    with transaction.atomic():
        current = (
            DataDictionary.objects.select_for_update().filter(distribution=distribution).first()
        )
        before = {e["name"]: e.get("type", "") for e in (current.fields if current else [])}
        dictionary, _ = DataDictionary.objects.update_or_create(
            distribution=distribution, defaults={"fields": entries, "updated_by": actor.username}
        )
        audit_append(
            actor=actor,
            action="datastore.dictionary_update",
            object_type="catalog.distribution",
            object_id=str(distribution.pk),
            data={"fields": names},
        )
        if {e["name"]: e.get("type", "") for e in entries} != before:
            version = distribution.versions.order_by("-number").first()
            if version is not None and DataTable.objects.filter(version=version).exists():
                _queue(version, force=True)
    return dictionary


def ingest_run(*, table_id: str) -> DataTable | None:
    """Claim the table (queued, failed, or running but abandoned) and run its ingest."""
    with transaction.atomic():
        table = DataTable.objects.select_for_update().filter(pk=table_id).first()
        if table is None:
            return None
        if table.status == TableStatus.READY:
            return table
        if table.status == TableStatus.RUNNING and not _stale(table):
            return table
        DataTable.objects.filter(pk=table.pk).update(
            status=TableStatus.RUNNING, heartbeat_at=timezone.now()
        )
    table = DataTable.objects.select_related("version", "version__file", "distribution").get(
        pk=table_id
    )
    finished = run_ingest(table)
    if finished.status == TableStatus.READY:
        from .tasks import table_warm_task

        table_warm_task.enqueue(str(finished.pk))
    return finished


def table_warm(*, table_id: str) -> bool:
    """Prepare this node to answer queries on a ready table fast (its DuckDB query file).

    A derived, per-node cache: queries work without it (they build it on first use), so it
    runs after publication, not as part of the ingest."""
    from .backends import TableHandle, get_backend

    table = DataTable.objects.select_related("parquet").filter(pk=table_id).first()
    if table is None or table.status != TableStatus.READY or table.parquet is None:
        return False
    handle = TableHandle(str(table.distribution_id), table.parquet, (), table.row_count or 0)
    get_backend().warm(handle)
    return True
