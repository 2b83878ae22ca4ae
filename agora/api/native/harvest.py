"""/api/v1/harvest: harvest sources, their jobs and job reports; preview a source."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from agora.harvest import records, selectors, services

from .schemas import Problem
from .security import actor

router = Router(tags=["harvest"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class HarvestSourceIn(Schema):
    name: str = Field(..., description="Unique name (lowercase letters, digits, - and _)")
    title: str = ""
    url: str = Field(..., description="The catalogue: a CKAN portal, a DCAT document, a data.json")
    type: str = Field(..., description="ckan, dcat or datajson")
    organization: str = Field(..., description="Name or id of the organization it harvests into")
    frequency: str = Field("manual", description="manual, hourly, daily or weekly")
    private: bool = False
    config: dict[str, Any] = Field(default_factory=dict, description="Per-source settings")


class HarvestPreviewIn(Schema):
    url: str
    type: str
    organization: str = ""
    config: dict[str, Any] = Field(default_factory=dict)
    limit: int = Field(20, ge=1, le=200)


class HarvestJobOut(Schema):
    id: str
    source_id: str
    status: str
    created: str | None
    started: str | None
    finished: str | None
    heartbeat: str | None
    duration_seconds: float | None
    counts: dict[str, int]
    seen: int
    expected: int | None
    progress: int | None
    gather_complete: bool
    not_modified: bool
    cancel_requested: bool
    error_code: str
    error: str
    notes: list[str]


class HarvestSourceOut(Schema):
    id: str
    name: str
    title: str
    url: str
    type: str
    organization: str
    frequency: str
    private: bool
    active: bool
    config: dict[str, Any]
    next_run: str | None
    created: str | None
    last_job: HarvestJobOut | None


class HarvestItemOut(Schema):
    remote_id: str
    title: str
    dataset_id: str | None
    status: str
    error_code: str
    error: str
    warnings: list[str]
    raw: str | None


class HarvestJobReport(Schema):
    job: HarvestJobOut
    items: list[HarvestItemOut]


class HarvestPreviewItemOut(Schema):
    remote_id: str
    title: str
    fingerprint: str
    warnings: list[str]
    distributions: int


class HarvestPreviewOut(Schema):
    ok: bool
    expected: int | None
    error_code: str
    error: str
    notes: list[str]
    items: list[HarvestPreviewItemOut]


class HarvestItemFilters(Schema):
    status: str = Field("", description="created, updated, withdrawn or failed")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


def _draft(payload: HarvestSourceIn) -> services.SourceDraft:
    return services.SourceDraft(
        name=payload.name,
        url=payload.url,
        source_type=payload.type,
        organization=payload.organization,
        title=payload.title,
        frequency=payload.frequency,
        private=payload.private,
        config=dict(payload.config),
    )


def _source_out(source: Any) -> dict[str, Any]:
    return records.source_dict(source, selectors.last_jobs([source]).get(source.pk))


@router.get(
    "/harvest/sources",
    response={200: list[HarvestSourceOut], **ERRORS},
    operation_id="harvest_sources_list",
)
def harvest_sources_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Every harvest source the caller can see, with its last job."""
    sources = list(selectors.sources_visible_to(actor(request)))
    latest = selectors.last_jobs(sources)
    return [records.source_dict(s, latest.get(s.pk)) for s in sources]


@router.post(
    "/harvest/sources",
    response={201: HarvestSourceOut, **ERRORS},
    operation_id="harvest_sources_create",
)
def harvest_sources_create(request: HttpRequest, payload: HarvestSourceIn):  # type: ignore[no-untyped-def]
    """Add a source (organization admins and sysadmins)."""
    source = services.source_create(actor=actor(request), draft=_draft(payload))
    return Status(201, _source_out(source))


@router.post(
    "/harvest/preview", response={200: HarvestPreviewOut, **ERRORS}, operation_id="harvest_preview"
)
def harvest_preview(request: HttpRequest, payload: HarvestPreviewIn):  # type: ignore[no-untyped-def]
    """Dry run of a source that is not saved: its first records as they would be mapped."""
    preview = services.source_preview(
        actor=actor(request),
        url=payload.url,
        source_type=payload.type,
        config=payload.config,
        organization=payload.organization,
        limit=payload.limit,
    )
    return preview.__dict__ | {"items": [i.__dict__ for i in preview.items]}


@router.get(
    "/harvest/sources/{name}",
    response={200: HarvestSourceOut, **ERRORS},
    operation_id="harvest_sources_read",
)
def harvest_sources_read(request: HttpRequest, name: str):  # type: ignore[no-untyped-def]
    return _source_out(selectors.source_get(actor(request), name))


@router.put(
    "/harvest/sources/{name}",
    response={200: HarvestSourceOut, **ERRORS},
    operation_id="harvest_sources_replace",
)
def harvest_sources_replace(request: HttpRequest, name: str, payload: HarvestSourceIn):  # type: ignore[no-untyped-def]
    source = selectors.source_get(actor(request), name)
    updated = services.source_update(actor=actor(request), source=source, draft=_draft(payload))
    return _source_out(updated)


@router.get(
    "/harvest/sources/{name}/jobs",
    response={200: list[HarvestJobOut], **ERRORS},
    operation_id="harvest_jobs_list",
)
def harvest_jobs_list(request: HttpRequest, name: str):  # type: ignore[no-untyped-def]
    source = selectors.source_get(actor(request), name)
    return [records.job_dict(j) for j in selectors.jobs_of(actor(request), source)]


@router.post(
    "/harvest/sources/{name}/jobs",
    response={202: HarvestJobOut, **ERRORS},
    operation_id="harvest_jobs_create",
)
def harvest_jobs_create(request: HttpRequest, name: str):  # type: ignore[no-untyped-def]
    """Queue a run now (editors of the organization); one active job per source."""
    source = selectors.source_get(actor(request), name)
    job = services.job_create(actor=actor(request), source=source)
    job.refresh_from_db()
    return Status(202, records.job_dict(job))


@router.get(
    "/harvest/jobs/{job_id}",
    response={200: HarvestJobReport, **ERRORS},
    operation_id="harvest_jobs_read",
)
def harvest_jobs_read(request: HttpRequest, job_id: str, filters: Query[HarvestItemFilters]):  # type: ignore[no-untyped-def]
    """A job report: counts, duration, progress, errors, and its items (raw records of
    failed items for editors of the organization)."""
    job = selectors.job_get(actor(request), job_id)
    items = selectors.job_items(
        actor(request), job, status=filters.status, limit=filters.limit, offset=filters.offset
    )
    return {"job": records.job_dict(job), "items": [records.item_dict(i) for i in items]}


@router.post(
    "/harvest/jobs/{job_id}/cancel",
    response={200: HarvestJobOut, **ERRORS},
    operation_id="harvest_jobs_cancel",
)
def harvest_jobs_cancel(request: HttpRequest, job_id: str):  # type: ignore[no-untyped-def]
    job = selectors.job_get(actor(request), job_id)
    return records.job_dict(services.job_cancel(actor=actor(request), job=job))
