"""Background work of the tabular store (django-tasks; a worker process runs them)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def ingest_task(table_id: str) -> dict[str, object]:
    """Load one distribution version; its progress and result live on the DataTable row."""
    from .services import ingest_run

    table = ingest_run(table_id=table_id)
    if table is None:
        return {"table": table_id, "status": "missing"}
    return {"table": table_id, "status": table.status, "rows": table.row_count}


@task()
def table_warm_task(table_id: str) -> dict[str, object]:
    """Build this node's query file of a freshly loaded table (multi-node: every node builds
    its own on first use; the worker's node gets it now)."""
    from .services import table_warm

    return {"table": table_id, "warmed": table_warm(table_id=table_id)}


@task()
def fetch_links_task() -> dict[str, object]:
    """Fetch the links that are due, then schedule the next sweep (when the queue can defer)."""
    from .fetch import fetch_due_links

    counts = fetch_due_links()
    schedule_next_sweep()
    return counts


def schedule_next_sweep() -> bool:
    hours = settings.AGORA_DATASTORE_FETCH_INTERVAL_HOURS
    backend = fetch_links_task.get_backend()
    if hours <= 0 or not backend.supports_defer:
        return False
    later = timezone.now() + dt.timedelta(minutes=max(1, min(60, hours * 60 // 24)))
    fetch_links_task.using(run_after=later).enqueue()
    return True


def ensure_sweep_scheduled(**kwargs: object) -> bool:
    """Start the link-fetch sweep once (after migrate) unless one is already waiting."""
    backend = fetch_links_task.get_backend()
    if settings.AGORA_DATASTORE_FETCH_INTERVAL_HOURS <= 0 or not backend.supports_defer:
        return False
    try:
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path=fetch_links_task.module_path, status="READY"
        ).exists()
    except Exception:  # noqa: BLE001 - another queue backend: start one sweep, it reschedules
        waiting = False
    if not waiting:
        fetch_links_task.enqueue()
    return not waiting
