"""Run one harvest job: gather -> map -> identify -> compare fingerprints -> upsert -> withdraw.

A template method with per-item status. One bad record never fails the job: its error and
raw record are kept on a HarvestItem. Unchanged records (same fingerprint of the mapped,
normalised record) cost one dictionary look-up and are marked seen in one UPDATE per batch.
Datasets that vanished are withdrawn only after a complete, successful gather, only when they
were missing from `AGORA_HARVEST_WITHDRAW_AFTER_RUNS` complete gathers in a row (flapping
records are not deleted and recreated) and only when fewer than
`AGORA_HARVEST_MAX_VANISH_SHARE` of the source vanished at once.
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agora.catalog.models import Dataset, DatasetState
from agora.catalog.services import dataset_upsert_from_harvest, dataset_withdraw_from_harvest
from agora.core.actor import Actor, Role
from agora.core.errors import AgoraError
from agora.interop.mapped import MappedDataset

from . import backends
from .backends import Batch, Gathered, GatherRequest
from .errors import HarvestError
from .http import HarvestClient, NotModified
from .models import (
    HarvestItem,
    HarvestJob,
    HarvestRecord,
    HarvestSource,
    ItemStatus,
    JobStatus,
)
from .repair import repaired


class Cancelled(Exception):
    pass


class Stopped(HarvestError):
    code = "harvest.limit"


@dataclass
class Known:
    record_id: int
    dataset_id: uuid.UUID | None
    fingerprint: str
    withdrawn: bool
    raw_digest: str = ""


@dataclass
class RunState:
    job: HarvestJob
    source: HarvestSource
    actor: Actor
    known: dict[str, Known]
    counts: dict[str, int] = field(default_factory=dict)
    seen_keys: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    max_items: int = 0
    salt: str = ""

    def count(self, status: str, n: int = 1) -> None:
        key = str(status)
        self.counts[key] = self.counts.get(key, 0) + n


def harvest_actor(source: HarvestSource) -> Actor:
    """Harvests write as the source itself: an editor of the source's organization, no more
    (the catalogue's permission checks keep it inside that organization)."""
    return Actor(
        user_id=None,
        username=f"harvest:{source.name}"[:150],
        roles={source.organization_id: Role.EDITOR},
    )


def record_key(mapped: MappedDataset) -> str:
    """Stable identity of a remote record: its remote id, then its identifier, then its URL
    (a positional id such as data.json's "#12" is the last resort)."""
    if mapped.remote_id and not mapped.remote_id.startswith("#"):
        return mapped.remote_id[:500]
    return (mapped.identifier or mapped.url or mapped.remote_id)[:500]


def _load_known(source: HarvestSource) -> dict[str, Known]:
    rows = HarvestRecord.objects.filter(source=source).values_list(
        "remote_id", "id", "dataset_id", "fingerprint", "withdrawn", "raw_digest"
    )
    return {r[0]: Known(r[1], r[2], r[3], r[4], r[5]) for r in rows.iterator(chunk_size=5000)}


# Bump when a change to the mappings or to `_prepared` must re-map unchanged raw records.
MAPPING_VERSION = "1"


def _salt(source: HarvestSource) -> str:
    """What, besides the raw record, decides the mapped draft: equal raw digests under the
    same salt mean an equal draft, so the record need not be mapped again."""
    parts = {
        "version": MAPPING_VERSION,
        "config": source.config,
        "private": source.private,
        "organization": source.organization.name,
        "limits": [settings.AGORA_HARVEST_MAX_DISTRIBUTIONS, settings.AGORA_HARVEST_MAX_KEYWORDS],
    }
    return json.dumps(parts, sort_keys=True, default=str)


def _start(job_id: uuid.UUID | str) -> HarvestJob | None:
    with transaction.atomic():
        job = HarvestJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return None
        now = timezone.now()
        job.status, job.started_at, job.heartbeat_at = JobStatus.RUNNING, now, now
        job.save(update_fields=["status", "started_at", "heartbeat_at"])
    return job


def run_job(job_id: uuid.UUID | str, *, dry_run: bool = False) -> HarvestJob | None:
    """Run a queued job to its end; returns it (None when it was not queued)."""
    job = _start(job_id)
    if job is None:
        return None
    source = HarvestSource.objects.select_related("organization").get(pk=job.source_id)
    state = RunState(job, source, harvest_actor(source), _load_known(source))
    state.max_items = int(source.config.get("max_items") or settings.AGORA_HARVEST_MAX_ITEMS)
    state.salt = _salt(source)
    request = _request(source, job)
    complete = False
    try:
        for batch in backends.get(source.source_type).gather(request):
            _process_batch(state, batch)
            _checkpoint(state)
        complete = True
    except NotModified:
        _all_unchanged(state)
        job.not_modified = complete = True
    except Cancelled:
        job.status = JobStatus.CANCELLED
    except AgoraError as error:
        job.error_code, job.error = error.code, error.message
    except Exception as error:  # noqa: BLE001 - a job ends with a report, never a crash
        job.error_code, job.error = "harvest.internal", f"{type(error).__name__}: {error}"[:2000]
    _finish(state, request, complete=complete and job.status != JobStatus.CANCELLED)
    return job


def _request(source: HarvestSource, job: HarvestJob) -> GatherRequest:
    client = HarvestClient(allow_private=bool(source.config.get("allow_private_network")))
    last = (
        HarvestJob.objects.filter(
            source=source, gather_complete=True, status__in=[JobStatus.SUCCEEDED, JobStatus.PARTIAL]
        )
        .exclude(pk=job.pk)
        .order_by("-created_at")
        .first()
    )
    since = last.started_at.strftime("%Y-%m-%dT%H:%M:%SZ") if last and last.started_at else ""
    return GatherRequest(
        url=source.url,
        config=source.config,
        client=client,
        previous_validators=source.validators if last else {},
        modified_since=since,
        batch_size=int(settings.AGORA_HARVEST_BATCH_SIZE),
    )


def _checkpoint(state: RunState) -> None:
    """Heartbeat, progress, cancellation and limits, between batches."""
    job = state.job
    fresh = HarvestJob.objects.filter(pk=job.pk).values_list("cancel_requested", flat=True).first()
    job.heartbeat_at = timezone.now()
    job.counts = dict(state.counts)
    HarvestJob.objects.filter(pk=job.pk).update(
        heartbeat_at=job.heartbeat_at, counts=job.counts, expected=job.expected
    )
    if fresh:
        raise Cancelled
    if time.monotonic() - state.started > settings.AGORA_HARVEST_JOB_MAX_SECONDS:
        raise Stopped(
            f"The job ran longer than {settings.AGORA_HARVEST_JOB_MAX_SECONDS} seconds; "
            "it was stopped (nothing was withdrawn)."
        )
    if state.counts.get("seen", 0) > state.max_items:
        raise Stopped(
            f"The source lists more than {state.max_items} datasets; the job stopped there "
            "(nothing was withdrawn)."
        )


def _process_batch(state: RunState, batch: Batch) -> None:
    if batch.expected is not None:
        state.job.expected = batch.expected
    state.notes.extend(batch.notes[:20])
    unchanged: list[int] = []
    items: list[HarvestItem] = []
    with transaction.atomic():
        for gathered in batch.records:
            state.count("seen")
            item = _process_one(state, gathered, unchanged)
            if item is not None:
                items.append(item)
        HarvestItem.objects.bulk_create(items)
        if unchanged:
            HarvestRecord.objects.filter(pk__in=unchanged).update(
                last_seen_job=state.job, missing_runs=0
            )


def _process_one(state: RunState, gathered: Gathered, unchanged: list[int]) -> HarvestItem | None:
    digest = gathered.raw_digest(state.salt) if gathered.key else ""
    if gathered.key:
        known = state.known.get(gathered.key)
        if known and known.raw_digest == digest and not known.withdrawn and known.dataset_id:
            return _unchanged(state, gathered.key, known, unchanged)
    mapped = _prepared(state.source, gathered.mapped)
    key = record_key(mapped)
    if key in state.seen_keys:
        state.count("duplicates")
        return None
    if _filtered_out(state.source, mapped):
        state.seen_keys.add(key)
        state.count("skipped")
        return None
    fingerprint = mapped.fingerprint
    known = state.known.get(key)
    if known and known.fingerprint == fingerprint and not known.withdrawn and known.dataset_id:
        if digest and known.raw_digest != digest:  # re-formatted upstream: remember the new form
            HarvestRecord.objects.filter(pk=known.record_id).update(raw_digest=digest)
            known.raw_digest = digest
        return _unchanged(state, key, known, unchanged)
    state.seen_keys.add(key)
    try:
        with transaction.atomic():
            dataset, status = _write(state, key, mapped, known)
            _remember(state, key, dataset.id, fingerprint, digest)
    except Exception as error:  # noqa: BLE001 - one bad record never fails the job
        return _failed(state, key, mapped, gathered, error)
    state.count(status)
    return HarvestItem(
        job=state.job,
        remote_id=key,
        title=_title(mapped),
        dataset_id=dataset.id,
        status=status,
        warnings=mapped.warnings[:50],
    )


def _unchanged(state: RunState, key: str, known: Known, unchanged: list[int]) -> None:
    if key in state.seen_keys:
        state.count("duplicates")
        return None
    state.seen_keys.add(key)
    unchanged.append(known.record_id)
    state.count(ItemStatus.UNCHANGED)
    return None


def _title(mapped: MappedDataset) -> str:
    return next(iter(mapped.draft.title.values()), "")[:300]


def _failed(
    state: RunState, key: str, mapped: MappedDataset, gathered: Gathered, error: Exception
) -> HarvestItem:
    state.count(ItemStatus.FAILED)
    if isinstance(error, AgoraError):
        code = error.code
        message = error.message + "".join(
            f"\n{name}: {'; '.join(msgs)}" for name, msgs in error.fields.items()
        )
    else:
        code, message = "harvest.internal", f"{type(error).__name__}: {error}"
    return HarvestItem(
        job=state.job,
        remote_id=key,
        title=_title(mapped),
        status=ItemStatus.FAILED,
        error_code=code[:64],
        error=message[:4000],
        warnings=mapped.warnings[:50],
        raw=_raw(gathered),
    )


def _raw(gathered: Gathered) -> str:
    raw = gathered.raw
    if raw is None:
        raw = dataclasses.asdict(gathered.mapped.draft)
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    limit = int(settings.AGORA_HARVEST_RAW_MAX_BYTES)
    return text if len(text) <= limit else text[:limit] + "\n[... truncated]"


def _prepared(source: HarvestSource, mapped: MappedDataset) -> MappedDataset:
    """Apply the source's settings and the per-record limits to the mapped draft."""
    draft = mapped.draft
    warnings = list(mapped.warnings)
    max_dist = int(settings.AGORA_HARVEST_MAX_DISTRIBUTIONS)
    max_tags = int(settings.AGORA_HARVEST_MAX_KEYWORDS)
    changes: dict[str, Any] = {"private": source.private}
    changes["state"] = DatasetState.ACTIVE
    changes["in_series"] = ""
    if draft.distributions and len(draft.distributions) > max_dist:
        warnings.append(f"{len(draft.distributions)} distributions; the first {max_dist} kept")
        changes["distributions"] = draft.distributions[:max_dist]
    if len(draft.tags) > max_tags:
        warnings.append(f"{len(draft.tags)} keywords; the first {max_tags} kept")
        changes["tags"] = draft.tags[:max_tags]
    if not draft.licence and source.config.get("licence_default"):
        changes["licence"] = str(source.config["licence_default"])
    changes["organization"] = source.organization.name
    return dataclasses.replace(
        mapped, draft=dataclasses.replace(draft, **changes), warnings=warnings
    )


def _filtered_out(source: HarvestSource, mapped: MappedDataset) -> bool:
    tags = {t.lower() for t in mapped.draft.tags}
    include = {str(t).lower() for t in source.config.get("include_tags") or []}
    exclude = {str(t).lower() for t in source.config.get("exclude_tags") or []}
    return bool((include and not include & tags) or exclude & tags)


def _write(
    state: RunState, key: str, mapped: MappedDataset, known: Known | None
) -> tuple[Dataset, str]:
    dataset = _match(state, key, mapped, known)
    draft, repairs = repaired(mapped.draft)
    mapped.warnings.extend(repairs)
    result, outcome = dataset_upsert_from_harvest(
        actor=state.actor,
        source_id=state.source.id,
        organization=state.source.organization,
        remote_id=key,
        draft=draft,
        dataset=dataset,
    )
    return result, str(outcome)


def _match(state: RunState, key: str, mapped: MappedDataset, known: Known | None) -> Dataset | None:
    """The local dataset this record is: remembered, else harvested earlier by this source
    under the same key, else none (a new dataset). A dataset elsewhere that carries the same
    identifier (or, for records without any id, the same landing page) is reported, never
    taken over."""
    if known and known.dataset_id:
        found = Dataset.objects.filter(pk=known.dataset_id).first()
        if found is not None:
            return found
    source = state.source
    found = Dataset.objects.filter(harvest_source_id=source.id, harvest_remote_id=key).first()
    if found is not None:
        return found
    checks = [("identifier", mapped.identifier)]
    if key == mapped.url:  # no remote id and no identifier: the landing page is the identity
        checks.append(("landing_page", mapped.url))
    for field_name, value in checks:
        if not value:
            continue
        other = (
            Dataset.objects.filter(**{field_name: value})
            .exclude(state=DatasetState.DELETED)
            .exclude(harvest_source_id=source.id)
            .first()
        )
        if other is not None:
            raise HarvestError(
                f"Dataset {other.name!r} already has this {field_name.replace('_', ' ')} and "
                "belongs to another harvest source or organization (or was published by hand); "
                "it was not taken over.",
                code="harvest.owned_elsewhere",
            )
    return None


def _remember(
    state: RunState, key: str, dataset_id: uuid.UUID, fingerprint: str, digest: str
) -> None:
    job = state.job
    known = state.known.get(key)
    if known is None:
        record, _ = HarvestRecord.objects.update_or_create(
            source=state.source,
            remote_id=key,
            defaults={
                "dataset_id": dataset_id,
                "fingerprint": fingerprint,
                "raw_digest": digest,
                "last_seen_job": job,
                "missing_runs": 0,
                "withdrawn": False,
            },
        )
        state.known[key] = Known(record.pk, dataset_id, fingerprint, False, digest)
        return
    HarvestRecord.objects.filter(pk=known.record_id).update(
        dataset_id=dataset_id,
        fingerprint=fingerprint,
        raw_digest=digest,
        last_seen_job=job,
        missing_runs=0,
        withdrawn=False,
    )
    known.dataset_id, known.fingerprint, known.withdrawn = dataset_id, fingerprint, False
    known.raw_digest = digest


def _all_unchanged(state: RunState) -> None:
    """HTTP 304: the source is as it was, so every remembered record is seen and unchanged."""
    live = HarvestRecord.objects.filter(source=state.source, withdrawn=False)
    count = live.update(last_seen_job=state.job, missing_runs=0)
    state.count("seen", count)
    state.count(ItemStatus.UNCHANGED, count)
    state.notes.append("The source answered 304 Not Modified: nothing changed.")


def _withdraw_vanished(state: RunState) -> None:
    job, source = state.job, state.source
    live = HarvestRecord.objects.filter(source=source, withdrawn=False)
    total = live.count()
    missing = live.exclude(last_seen_job=job)
    vanished = missing.count()
    if not total or not vanished:
        return
    share = vanished / total
    limit = float(source.config.get("max_vanish_share") or settings.AGORA_HARVEST_MAX_VANISH_SHARE)
    if share > limit:
        job.error_code = "harvest.too_many_vanished"
        job.error = (
            f"{vanished} of {total} datasets ({share:.0%}) vanished from the source at once, "
            f"more than the {limit:.0%} allowed: none was withdrawn. Check the source; if the "
            "removals are real, raise the source's max_vanish_share and run it again."
        )
        return
    missing.update(missing_runs=F("missing_runs") + 1)
    grace = int(settings.AGORA_HARVEST_WITHDRAW_AFTER_RUNS)
    due = list(missing.filter(missing_runs__gte=grace))
    state.count("missing", vanished - len(due))
    items = [_withdraw(state, record) for record in due]
    HarvestItem.objects.bulk_create([i for i in items if i is not None])


def _withdraw(state: RunState, record: HarvestRecord) -> HarvestItem | None:
    dataset = Dataset.objects.filter(pk=record.dataset_id).first()
    try:
        with transaction.atomic():
            if dataset is not None and dataset.state != DatasetState.DELETED:
                dataset_withdraw_from_harvest(
                    actor=state.actor, source_id=state.source.id, dataset=dataset
                )
            HarvestRecord.objects.filter(pk=record.pk).update(withdrawn=True)
    except AgoraError as error:
        state.count(ItemStatus.FAILED)
        return HarvestItem(
            job=state.job,
            remote_id=record.remote_id,
            dataset_id=record.dataset_id,
            status=ItemStatus.FAILED,
            error_code=error.code,
            error=error.message,
        )
    state.count(ItemStatus.WITHDRAWN)
    return HarvestItem(
        job=state.job,
        remote_id=record.remote_id,
        title=(dataset.title_sort if dataset else "")[:300],
        dataset_id=record.dataset_id,
        status=ItemStatus.WITHDRAWN,
    )


def _finish(state: RunState, request: GatherRequest, *, complete: bool) -> None:
    job, source = state.job, state.source
    job.gather_complete = complete and not request.incremental
    if job.gather_complete:
        _withdraw_vanished(state)
        source.validators = request.validators
        source.save(update_fields=["validators", "updated_at"])
    if job.status != JobStatus.CANCELLED:
        if not complete:
            job.status = JobStatus.FAILED
        elif job.error_code or state.counts.get(ItemStatus.FAILED):
            job.status = JobStatus.PARTIAL
        else:
            job.status = JobStatus.SUCCEEDED
    state.counts["requests"] = request.client.requests
    state.counts["bytes"] = request.client.bytes_received
    job.counts = dict(state.counts)
    job.notes = state.notes[:100]
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save()
