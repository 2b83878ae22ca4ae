"""Background work of benchmarks: the nightly measurement of the portal's own indicators.

django-tasks has no scheduler: run `agora benchmarks measure --enqueue` (or `agora benchmarks
measure` directly) from cron once a night, as docs/benchmarks.md shows.
"""

from __future__ import annotations

from django_tasks import task

from agora.core.actor import SYSTEM

from .services import portal_measure


@task()
def portal_measure_task() -> dict[str, object]:
    """Measure the portal's indicators for today (a second run the same day replaces it)."""
    run = portal_measure(actor=SYSTEM)
    return {"measured_on": run.measured_on.isoformat(), "datasets": run.datasets}
