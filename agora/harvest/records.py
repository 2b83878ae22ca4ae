"""Plain dictionaries of sources and jobs, shared by the CLI, the native API, the CKAN
harvest actions and the pages (so every interface reports the same counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import HarvestItem, HarvestJob, HarvestSource, ItemStatus, JobStatus

COUNT_KEYS = ("created", "updated", "unchanged", "withdrawn", "failed")
# ckanext-harvest's names for the same facts, for CKAN clients.
CKAN_JOB_STATUS = {
    JobStatus.QUEUED: "New",
    JobStatus.RUNNING: "Running",
    JobStatus.SUCCEEDED: "Finished",
    JobStatus.PARTIAL: "Finished",
    JobStatus.FAILED: "Finished",
    JobStatus.CANCELLED: "Finished",
}


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def progress(job: HarvestJob) -> int | None:
    """Percent of the announced records processed, when the source announced a total."""
    if not job.expected:
        return None
    return min(100, round(100 * int(job.counts.get("seen", 0)) / job.expected))


def job_dict(job: HarvestJob) -> dict[str, Any]:
    counts = {key: int(job.counts.get(key, 0)) for key in COUNT_KEYS}
    return {
        "id": str(job.pk),
        "source_id": str(job.source_id),
        "status": str(job.status),
        "created": _time(job.created_at),
        "started": _time(job.started_at),
        "finished": _time(job.finished_at),
        "heartbeat": _time(job.heartbeat_at),
        "duration_seconds": job.duration_seconds,
        "counts": counts,
        "seen": int(job.counts.get("seen", 0)),
        "expected": job.expected,
        "progress": progress(job),
        "gather_complete": job.gather_complete,
        "not_modified": job.not_modified,
        "cancel_requested": job.cancel_requested,
        "error_code": job.error_code,
        "error": job.error,
        "notes": list(job.notes),
    }


def source_dict(source: HarvestSource, last_job: HarvestJob | None = None) -> dict[str, Any]:
    return {
        "id": str(source.pk),
        "name": source.name,
        "title": source.title,
        "url": source.url,
        "type": source.source_type,
        "organization": source.organization.name,
        "frequency": source.frequency,
        "private": source.private,
        "active": source.active,
        "config": dict(source.config),
        "next_run": _time(source.next_run_at),
        "created": _time(source.created_at),
        "last_job": job_dict(last_job) if last_job else None,
    }


def item_dict(item: HarvestItem) -> dict[str, Any]:
    return {
        "remote_id": item.remote_id,
        "title": item.title,
        "dataset_id": str(item.dataset_id) if item.dataset_id else None,
        "status": item.status,
        "error_code": item.error_code,
        "error": item.error,
        "warnings": list(item.warnings),
        "raw": item.raw or None,
    }


def ckan_job_dict(job: HarvestJob) -> dict[str, Any]:
    """A job as ckanext-harvest's harvest_job_show answers it."""
    return {
        "id": str(job.pk),
        "source_id": str(job.source_id),
        "status": CKAN_JOB_STATUS[JobStatus(job.status)],
        "created": _time(job.created_at),
        "gather_started": _time(job.started_at),
        "gather_finished": _time(job.finished_at),
        "finished": _time(job.finished_at),
        "stats": {
            "added": int(job.counts.get(ItemStatus.CREATED, 0)),
            "updated": int(job.counts.get(ItemStatus.UPDATED, 0)),
            "not modified": int(job.counts.get(ItemStatus.UNCHANGED, 0)),
            "errored": int(job.counts.get(ItemStatus.FAILED, 0)),
            "deleted": int(job.counts.get(ItemStatus.WITHDRAWN, 0)),
        },
        "agora_status": str(job.status),
        "error": job.error,
    }


def ckan_source_dict(source: HarvestSource, last_job: HarvestJob | None) -> dict[str, Any]:
    """A source as ckanext-harvest's harvest_source_show answers it."""
    import json

    return {
        "id": str(source.pk),
        "name": source.name,
        "title": source.title,
        "url": source.url,
        "source_type": source.source_type,
        "frequency": source.frequency.upper(),
        "owner_org": str(source.organization_id),
        "organization": source.organization.name,
        "config": json.dumps(source.config),
        "private": source.private,
        "active": source.active,
        "state": "active" if source.active else "deleted",
        "status": {"last_job": ckan_job_dict(last_job) if last_job else None},
    }
