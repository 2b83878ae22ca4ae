"""The write path of search: record changes, drain the outbox, rebuild, check for drift.

`changes_record` is what other apps call, inside the transaction of their change (the
catalogue calls it from its services). With the embedded engine it writes outbox rows and
enqueues the drain task in that same transaction: with the database task queue the task row
commits (or rolls back) with the change, so neither can exist without the other; with the
immediate task backend of the tests the drain runs at once and the index is up to date when
the service returns. With PostgreSQL search the table is updated right there instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

from django.conf import settings

from agora.core.actor import Actor
from agora.core.errors import Forbidden

from . import registry
from .adapters import SearchAdapter
from .backends import current_backend
from .backends.base import IndexWriter
from .bulk import encoded_batches
from .models import OutboxEntry

logger = logging.getLogger(__name__)


def _apply(adapter: SearchAdapter, writer: IndexWriter, ids: Sequence[str]) -> int:
    """Bring the given documents up to date in `writer`, a batch at a time."""
    size = settings.AGORA_SEARCH_BATCH_SIZE
    applied = 0
    for start in range(0, len(ids), size):
        documents = adapter.documents(ids[start : start + size])
        writer.delete([key for key, doc in documents.items() if doc is None])
        applied += writer.put(doc for doc in documents.values() if doc is not None)
    return applied


def _ids_by_adapter(entries: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Outbox entries -> the documents of each adapter they touch (deduplicated)."""
    by_kind: dict[str, list[str]] = {}
    for kind, object_id in entries:
        by_kind.setdefault(kind, []).append(object_id)
    wanted: dict[str, list[str]] = {}
    for name in registry.registered():
        adapter = registry.get(name)
        ids = list(by_kind.get(name, ()))
        for kind, changed in by_kind.items():
            if kind != name:
                ids += adapter.affected_by(kind, changed)
        if ids:
            wanted[name] = list(dict.fromkeys(ids))
    return wanted


def changes_record(*, kind: str, ids: Sequence[object]) -> None:
    """Announce changed objects; call it inside the transaction that changed them."""
    keys = [str(i) for i in ids]
    if not keys:
        return
    backend = current_backend()
    if not backend.uses_outbox:
        for name, wanted in _ids_by_adapter((kind, key) for key in keys).items():
            adapter = registry.get(name)
            with backend.writer(adapter) as writer:
                _apply(adapter, writer, wanted)
        return
    OutboxEntry.objects.bulk_create([OutboxEntry(kind=kind, object_id=key) for key in keys])
    from .tasks import search_outbox_drain_task

    search_outbox_drain_task.enqueue()


@dataclass
class DrainReport:
    entries: int = 0
    documents: int = 0
    commits: int = 0


@dataclass
class _Batch:
    writers: dict[str, IndexWriter] = field(default_factory=dict)
    pending: list[int] = field(default_factory=list)


def _flush(batch: _Batch, report: DrainReport) -> None:
    """Commit the index first, then forget the outbox rows: a crash in between only means
    the same documents are written again."""
    for writer in batch.writers.values():
        writer.commit()
    OutboxEntry.objects.filter(id__in=batch.pending).delete()
    report.commits += 1
    batch.pending = []


def _drain_into(writers: dict[str, IndexWriter], report: DrainReport) -> list[int]:
    """Apply every outbox row to the given writers, committing every AGORA_SEARCH_COMMIT_DOCS
    documents or AGORA_SEARCH_COMMIT_SECONDS seconds. Returns the ids not yet deleted."""
    batch = _Batch(writers=writers)
    last, applied_since, started = 0, 0, time.monotonic()
    while True:
        rows = list(
            OutboxEntry.objects.filter(id__gt=last)
            .order_by("id")
            .values_list("id", "kind", "object_id")[: settings.AGORA_SEARCH_BATCH_SIZE]
        )
        if not rows:
            return batch.pending
        last = rows[-1][0]
        for name, ids in _ids_by_adapter((kind, key) for _, kind, key in rows).items():
            if name in writers:
                applied = _apply(registry.get(name), writers[name], ids)
                applied_since += applied
                report.documents += applied
        batch.pending += [row[0] for row in rows]
        report.entries += len(rows)
        elapsed = time.monotonic() - started
        if applied_since >= settings.AGORA_SEARCH_COMMIT_DOCS or (
            elapsed >= settings.AGORA_SEARCH_COMMIT_SECONDS
        ):
            _flush(batch, report)
            applied_since, started = 0, time.monotonic()


def outbox_drain() -> DrainReport:
    """Apply the outbox to the index (the worker's task; also `agora search sync`)."""
    report = DrainReport()
    backend = current_backend()
    if not backend.uses_outbox:
        OutboxEntry.objects.all().delete()  # left over from an engine that used it
        return report
    if not OutboxEntry.objects.exists():
        return report
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(backend.writer(registry.get(name)))
            for name in registry.registered()
        }
        pending = _drain_into(writers, report)
        _flush(_Batch(writers=writers, pending=pending), report)
    return report


def _require_sysadmin(actor: Actor) -> None:
    if not actor.is_superuser:
        raise Forbidden("Only sysadmins may manage the search index.", code="search.denied")


@dataclass
class RebuildReport:
    kind: str
    documents: int
    seconds: float


def index_rebuild(*, actor: Actor, kind: str = "dataset") -> RebuildReport:
    """Rebuild one kind's index from the database, aside, then swap it in.

    While the new index is built, the outbox is not drained into the old one (the engine's
    writer lock is held), so every change made meanwhile is applied to the new index before
    it goes live. Searches keep answering from the old index until the swap."""
    _require_sysadmin(actor)
    adapter = registry.get(kind)
    backend = current_backend()
    started = time.monotonic()
    counted = [0]
    drained: list[int] = []

    def fill(writer: IndexWriter) -> None:
        for batch in encoded_batches(adapter, writer.encode):
            counted[0] += writer.put_encoded(batch)
        if backend.uses_outbox:
            writer.commit()
            drained.extend(_drain_into({kind: writer}, DrainReport()))

    backend.rebuild(adapter, fill)
    OutboxEntry.objects.filter(id__in=drained).delete()
    return RebuildReport(kind, counted[0], time.monotonic() - started)


@dataclass
class CheckReport:
    kind: str
    in_database: int
    in_index: int
    missing: list[str]
    unexpected: list[str]
    stale: list[str]
    pending: int

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unexpected or self.stale)


def index_check(*, actor: Actor, kind: str = "dataset") -> CheckReport:
    """Compare the database with the index, document by document (by stamp)."""
    _require_sysadmin(actor)
    adapter = registry.get(kind)
    expected = dict(adapter.stamps())
    indexed = dict(current_backend().stamps(adapter))
    return CheckReport(
        kind=kind,
        in_database=len(expected),
        in_index=len(indexed),
        missing=sorted(set(expected) - set(indexed)),
        unexpected=sorted(set(indexed) - set(expected)),
        stale=sorted(k for k, stamp in indexed.items() if k in expected and expected[k] != stamp),
        pending=OutboxEntry.objects.count(),
    )
