"""The only write path to harvest sources and jobs (keyword-only, explicit actor, permission
checked here, audited)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agora.catalog.models import Organization, OrganizationState
from agora.core.actor import Actor
from agora.core.audit import audit_append
from agora.core.errors import Conflict, Forbidden, ValidationFailed
from agora.core.http import FetchError, parse_target

from . import backends, permissions
from .backends import GatherRequest
from .errors import HarvestError
from .http import HarvestClient
from .models import (
    ACTIVE_JOB_STATUSES,
    Frequency,
    HarvestJob,
    HarvestSource,
    JobStatus,
)
from .runner import record_key

CONFIG_KEYS = {
    "licence_default": str,
    "include_tags": list,
    "exclude_tags": list,
    "ckan_fq": str,
    "page_size": int,
    "max_items": int,
    "max_vanish_share": float,
    "incremental": bool,
    "allow_private_network": bool,
}
INTERVALS = {
    Frequency.HOURLY: dt.timedelta(hours=1),
    Frequency.DAILY: dt.timedelta(days=1),
    Frequency.WEEKLY: dt.timedelta(weeks=1),
}


@dataclass
class SourceDraft:
    name: str
    url: str
    source_type: str
    organization: str
    title: str = ""
    frequency: str = Frequency.MANUAL
    private: bool = False
    config: dict[str, Any] = field(default_factory=dict)


def _clean_config(config: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for key, value in config.items():
        kind = CONFIG_KEYS.get(key)
        if kind is None:
            errors[f"config.{key}"] = [f"Unknown setting; known: {', '.join(sorted(CONFIG_KEYS))}"]
        elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            clean[key] = float(value)
        elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            errors[f"config.{key}"] = [f"Must be a {kind.__name__}"]
        else:
            clean[key] = value
    if "max_vanish_share" in clean and not 0 <= clean["max_vanish_share"] <= 1:
        errors["config.max_vanish_share"] = ["Must be between 0 and 1"]
    return clean, errors


def _validate(draft: SourceDraft) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{1,99}", draft.name or ""):
        errors["name"] = ["2 to 100 lowercase letters, digits, - and _"]
    try:
        parse_target(draft.url)
    except FetchError as error:
        errors["url"] = [error.message]
    if draft.source_type not in backends.registered():
        errors["source_type"] = [f"One of: {', '.join(sorted(backends.registered()))}"]
    if draft.frequency not in Frequency.values:
        errors["frequency"] = [f"One of: {', '.join(Frequency.values)}"]
    config, config_errors = _clean_config(draft.config or {})
    errors.update(config_errors)
    if errors:
        raise ValidationFailed(fields=errors)
    return config


def _organization(name: str) -> Organization:
    org = Organization.objects.filter(Q(name=name) | Q(id=_uuid(name))).first()
    if org is None or org.state != OrganizationState.ACTIVE:
        raise ValidationFailed(
            code="harvest.organization_unknown", fields={"organization": ["Unknown organization"]}
        )
    return org


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _audit(actor: Actor, action: str, source: HarvestSource, **data: Any) -> None:
    audit_append(
        actor=actor,
        action=f"harvest.{action}",
        object_type="harvest.source",
        object_id=str(source.pk),
        data={"name": source.name, **data},
    )


@transaction.atomic
def source_create(*, actor: Actor, draft: SourceDraft) -> HarvestSource:
    organization = _organization(draft.organization)
    if not permissions.can_manage_sources(actor, organization.id):
        raise Forbidden(
            "You may not add harvest sources to this organization.",
            code="harvest.source_create_denied",
        )
    config = _validate(draft)
    if HarvestSource.objects.filter(name=draft.name).exists():
        raise Conflict(code="harvest.name_taken", fields={"name": ["That name is already in use."]})
    source = HarvestSource.objects.create(
        name=draft.name,
        title=(draft.title or draft.name)[:200],
        url=draft.url,
        source_type=draft.source_type,
        organization=organization,
        owner_id=actor.user_id,
        frequency=draft.frequency,
        private=draft.private,
        config=config,
        next_run_at=_next_run(draft.frequency),
    )
    _audit(actor, "source_create", source, url=source.url, type=source.source_type)
    return source


@transaction.atomic
def source_update(*, actor: Actor, source: HarvestSource, draft: SourceDraft) -> HarvestSource:
    locked = HarvestSource.objects.select_for_update().get(pk=source.pk)
    organization = _organization(draft.organization)
    if not (
        permissions.can_manage_sources(actor, locked.organization_id)
        and permissions.can_manage_sources(actor, organization.id)
    ):
        raise Forbidden(
            "You may not change this harvest source.", code="harvest.source_update_denied"
        )
    config = _validate(draft)
    if locked.organization_id != organization.id and locked.records.exists():
        raise Conflict(
            "A source that has harvested datasets cannot move to another organization.",
            code="harvest.source_move_denied",
        )
    locked.title = (draft.title or draft.name)[:200]
    locked.url, locked.source_type, locked.organization = draft.url, draft.source_type, organization
    locked.frequency, locked.private, locked.config = draft.frequency, draft.private, config
    locked.next_run_at = _next_run(draft.frequency)
    locked.save()
    _audit(actor, "source_update", locked, url=locked.url)
    return locked


def _next_run(frequency: str, after: dt.datetime | None = None) -> dt.datetime | None:
    interval = INTERVALS.get(Frequency(frequency)) if frequency in Frequency.values else None
    return (after or timezone.now()) + interval if interval else None


@transaction.atomic
def job_create(*, actor: Actor, source: HarvestSource, enqueue: bool = True) -> HarvestJob:
    """Queue a run of the source (one active job per source; other sources are not
    affected). Stuck jobs of the source are failed first, so a crash never blocks it."""
    if not permissions.can_run_source(actor, source):
        raise Forbidden("You may not run this harvest source.", code="harvest.job_create_denied")
    jobs_reap_stuck(source_id=source.pk)
    HarvestSource.objects.select_for_update().filter(pk=source.pk).first()
    active = HarvestJob.objects.filter(source=source, status__in=ACTIVE_JOB_STATUSES).first()
    if active is not None:
        raise Conflict(
            f"The source already has a {active.status} job ({active.pk}).",
            code="harvest.job_active",
        )
    job = HarvestJob.objects.create(
        source=source, created_at=timezone.now(), requested_by=actor.username[:150]
    )
    HarvestSource.objects.filter(pk=source.pk).update(
        next_run_at=_next_run(source.frequency, job.created_at)
    )
    _audit(actor, "job_create", source, job=str(job.pk))
    if enqueue:
        job_id = str(job.pk)
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: str) -> None:
    from .tasks import harvest_job_run_task

    harvest_job_run_task.enqueue(job_id)


@transaction.atomic
def job_cancel(*, actor: Actor, job: HarvestJob) -> HarvestJob:
    """A queued job is cancelled now; a running one stops at its next checkpoint (between
    batches) and withdraws nothing."""
    locked = HarvestJob.objects.select_for_update().select_related("source").get(pk=job.pk)
    if not permissions.can_run_source(actor, locked.source):
        raise Forbidden("You may not cancel this job.", code="harvest.job_cancel_denied")
    if locked.status == JobStatus.QUEUED:
        locked.status, locked.finished_at = JobStatus.CANCELLED, timezone.now()
    elif locked.status == JobStatus.RUNNING:
        locked.cancel_requested = True
    else:
        raise Conflict(f"The job is already {locked.status}.", code="harvest.job_finished")
    locked.save(update_fields=["status", "finished_at", "cancel_requested"])
    _audit(actor, "job_cancel", locked.source, job=str(locked.pk))
    return locked


def jobs_reap_stuck(*, source_id: uuid.UUID | None = None) -> int:
    """Fail running jobs whose heartbeat is older than AGORA_HARVEST_STUCK_AFTER_SECONDS (a
    killed worker, a hung process): a job is never "running forever"."""
    limit = timezone.now() - dt.timedelta(seconds=settings.AGORA_HARVEST_STUCK_AFTER_SECONDS)
    stuck = HarvestJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit)
    if source_id is not None:
        stuck = stuck.filter(source_id=source_id)
    return stuck.update(
        status=JobStatus.FAILED,
        finished_at=timezone.now(),
        error_code="harvest.stuck",
        error=(
            f"No sign of life for more than {settings.AGORA_HARVEST_STUCK_AFTER_SECONDS} "
            "seconds: the job was marked failed (nothing was withdrawn)."
        ),
    )


def sources_due(now: dt.datetime | None = None) -> list[HarvestSource]:
    now = now or timezone.now()
    return list(
        HarvestSource.objects.filter(active=True, next_run_at__lte=now).exclude(
            frequency=Frequency.MANUAL
        )
    )


@dataclass
class PreviewItem:
    remote_id: str
    title: str
    fingerprint: str
    warnings: list[str]
    distributions: int


@dataclass
class Preview:
    ok: bool
    items: list[PreviewItem] = field(default_factory=list)
    expected: int | None = None
    error_code: str = ""
    error: str = ""
    notes: list[str] = field(default_factory=list)


def source_preview(
    *,
    actor: Actor,
    url: str,
    source_type: str,
    config: Mapping[str, Any] | None = None,
    organization: str = "",
    limit: int = 20,
) -> Preview:
    """Dry run of a source that is not saved yet: fetch and map its first records, write
    nothing. Needs the right to add sources somewhere (it makes outbound requests)."""
    if not (actor.is_superuser or any(actor.roles.values())):
        raise Forbidden("You may not preview harvest sources.", code="harvest.preview_denied")
    clean = _validate(
        SourceDraft(
            name="preview",
            url=url,
            source_type=source_type,
            organization=organization,
            config=dict(config or {}),
        )
    )
    client = HarvestClient(allow_private=bool(clean.get("allow_private_network")))
    request = GatherRequest(url=url, config=clean, client=client, batch_size=max(1, limit))
    preview = Preview(ok=True)
    try:
        for batch in backends.get(source_type).gather(request):
            preview.expected = batch.expected if batch.expected is not None else preview.expected
            preview.notes.extend(batch.notes[:10])
            preview.items.extend(_preview_item(g.mapped) for g in batch.records)
            if len(preview.items) >= limit:
                break
    except HarvestError as error:
        preview.ok, preview.error_code, preview.error = False, error.code, error.message
    preview.items = preview.items[:limit]
    return preview


def _preview_item(mapped: Any) -> PreviewItem:
    return PreviewItem(
        remote_id=record_key(mapped),
        title=next(iter(mapped.draft.title.values()), ""),
        fingerprint=mapped.fingerprint,
        warnings=list(mapped.warnings),
        distributions=len(mapped.draft.distributions or []),
    )
