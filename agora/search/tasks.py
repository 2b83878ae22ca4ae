"""Background tasks of search (run by the worker: `agora worker`, or beside `agora serve`)."""

from __future__ import annotations

import logging

from django_tasks import task

from .errors import SearchUnavailable
from .services import outbox_drain

logger = logging.getLogger(__name__)


@task()
def search_outbox_drain_task() -> dict[str, int]:
    """Apply committed catalogue changes to the search index.

    Enqueued with every change (in its transaction). Each run drains everything waiting, so
    the runs after a burst find little or nothing to do. If another process holds the index
    (a rebuild), this run gives up after AGORA_SEARCH_WRITER_WAIT_SECONDS and the rows wait
    for the next run: the rebuild applies them itself before it swaps."""
    try:
        report = outbox_drain()
    except SearchUnavailable as error:
        logger.warning("search outbox not drained: %s", error)
        return {"entries": 0, "documents": 0, "commits": 0}
    return {"entries": report.entries, "documents": report.documents, "commits": report.commits}
