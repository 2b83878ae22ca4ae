"""Harvest pages: the sources, one source with its jobs, and a job report (counts, errors,
duration, and a progress bar that refreshes itself while the job runs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agora.api.auth import request_actor
from agora.harvest import permissions, records, selectors, services

ITEMS_SHOWN = 200


def harvest_sources(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    sources = list(selectors.sources_visible_to(actor))
    latest = selectors.last_jobs(sources)
    rows = [records.source_dict(s, latest.get(s.pk)) for s in sources]
    return render(request, "web/harvest/sources.html", {"rows": rows})


def harvest_source(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    source = selectors.source_get(actor, name)
    jobs = [records.job_dict(j) for j in selectors.jobs_of(actor, source, limit=20)]
    context = {
        "source": records.source_dict(source),
        "jobs": jobs,
        "can_run": permissions.can_run_source(actor, source),
        "harvested": source.records.filter(withdrawn=False).count(),
    }
    return render(request, "web/harvest/source.html", context)


def harvest_job(request: HttpRequest, job_id: str) -> HttpResponse:
    actor = request_actor(request)
    job = selectors.job_get(actor, job_id)
    status = request.GET.get("status", "")
    status = status if status in ("created", "updated", "withdrawn", "failed") else ""
    items = selectors.job_items(actor, job, status=status, limit=ITEMS_SHOWN)
    context = {
        "job": records.job_dict(job),
        "source": records.source_dict(job.source),
        "items": [records.item_dict(i) for i in items],
        "status": status,
        "running": job.status in ("queued", "running"),
        "can_run": permissions.can_run_source(actor, job.source),
        "limit": ITEMS_SHOWN,
    }
    if getattr(request, "htmx", False) and request.GET.get("part") == "progress":
        return render(request, "web/harvest/_progress.html", context)
    return render(request, "web/harvest/job.html", context)


@require_POST
def harvest_run(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    source = selectors.source_get(actor, name)
    job = services.job_create(actor=actor, source=source)
    return redirect("web:harvest-job", job_id=str(job.pk))


@require_POST
def harvest_cancel(request: HttpRequest, job_id: str) -> HttpResponse:
    actor = request_actor(request)
    job = selectors.job_get(actor, job_id)
    services.job_cancel(actor=actor, job=job)
    return redirect("web:harvest-job", job_id=str(job.pk))
