"""Reads of harvest sources and jobs, visibility applied first."""

from __future__ import annotations

import uuid

from django.db.models import OuterRef, Q, QuerySet, Subquery

from agora.core.actor import ANONYMOUS, Actor
from agora.core.errors import NotFound

from . import permissions
from .models import HarvestItem, HarvestJob, HarvestSource, ItemStatus, JobStatus


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def sources_visible_to(actor: Actor) -> QuerySet[HarvestSource]:
    return (
        HarvestSource.objects.filter(permissions.visible_sources_q(actor))
        .select_related("organization")
        .order_by("name")
    )


def source_get(actor: Actor, name_or_id: str) -> HarvestSource:
    """A source by name or id; 404 (not 403) when the actor may not see it."""
    key = Q(name=name_or_id)
    if (as_uuid := _uuid(name_or_id)) is not None:
        key |= Q(id=as_uuid)
    source = sources_visible_to(actor).filter(key).first()
    if source is None:
        raise NotFound("No such harvest source.", code="harvest.source_not_found")
    return source


def jobs_of(actor: Actor, source: HarvestSource, *, limit: int = 50) -> list[HarvestJob]:
    if not permissions.can_view_source(actor, source):
        return []
    return list(HarvestJob.objects.filter(source=source).order_by("-created_at")[:limit])


def last_jobs(sources: list[HarvestSource]) -> dict[uuid.UUID, HarvestJob]:
    """The newest job of each source, in one query per page of sources."""
    ids = [s.pk for s in sources]
    latest: dict[uuid.UUID, HarvestJob] = {}
    for job in HarvestJob.objects.filter(source_id__in=ids).order_by("source_id", "-created_at"):
        latest.setdefault(job.source_id, job)
    return latest


def job_get(actor: Actor, job_id: str) -> HarvestJob:
    as_uuid = _uuid(job_id)
    job = (
        HarvestJob.objects.select_related("source", "source__organization")
        .filter(pk=as_uuid)
        .first()
        if as_uuid
        else None
    )
    if job is None or not permissions.can_view_source(actor, job.source):
        raise NotFound("No such harvest job.", code="harvest.job_not_found")
    return job


def job_items(
    actor: Actor, job: HarvestJob, *, status: str = "", limit: int = 200, offset: int = 0
) -> list[HarvestItem]:
    """Items of a job (failed first is the caller's choice via `status`); the raw record is
    blanked unless the actor may see it."""
    items = HarvestItem.objects.filter(job=job)
    if status:
        items = items.filter(status=status)
    found = list(items.order_by("id")[offset : offset + limit])
    if not permissions.can_view_raw(actor, job.source):
        for item in found:
            item.raw = ""
    return found


def job_error_count(job: HarvestJob) -> int:
    return int(job.counts.get(ItemStatus.FAILED, 0))


FINISHED_JOB_STATUSES = (
    JobStatus.SUCCEEDED,
    JobStatus.PARTIAL,
    JobStatus.FAILED,
    JobStatus.CANCELLED,
)


def source_health_facts() -> list[tuple[str, str | None, bool | None]]:
    """(organization id, its country, last finished harvest succeeded?) for every active
    source the public may see, in one query: the nightly portal measurement's harvest health.
    A source that has not finished a harvest yet gives None."""
    last_finished = (
        HarvestJob.objects.filter(source=OuterRef("pk"), status__in=FINISHED_JOB_STATUSES)
        .order_by("-finished_at", "-created_at")
        .values("status")[:1]
    )
    rows = (
        sources_visible_to(ANONYMOUS)
        .filter(active=True)
        .annotate(last_status=Subquery(last_finished))
        .values_list("organization_id", "organization__country_id", "last_status")
    )
    return [
        (str(org), country, None if status is None else status == JobStatus.SUCCEEDED)
        for org, country, status in rows
    ]
