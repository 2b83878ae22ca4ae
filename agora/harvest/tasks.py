"""Background work of harvesting (django-tasks; workers run them)."""

from __future__ import annotations

from django_tasks import task


@task()
def harvest_job_run_task(job_id: str) -> dict[str, object]:
    """Run one queued job; its progress and report live on the HarvestJob row."""
    from .runner import run_job

    job = run_job(job_id)
    if job is None:
        return {"job": job_id, "status": "not queued"}
    return {"job": job_id, "status": job.status, "counts": job.counts}


@task()
def harvest_schedule_task() -> dict[str, object]:
    """Fail stuck jobs and queue a run of every source that is due (schedule this often,
    e.g. every few minutes, from cron or the worker)."""
    from agora.core.actor import SYSTEM
    from agora.core.errors import Conflict

    from .services import job_create, jobs_reap_stuck, sources_due

    reaped = jobs_reap_stuck()
    queued = 0
    for source in sources_due():
        try:
            job_create(actor=SYSTEM, source=source)
            queued += 1
        except Conflict:
            continue
    return {"reaped": reaped, "queued": queued}
