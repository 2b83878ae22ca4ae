"""Faults: each ends in a clear job report and loses no data."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from django.utils import timezone

from agora.catalog.models import Dataset, DatasetState
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.core.errors import Conflict
from agora.harvest import services
from agora.harvest.models import HarvestItem, HarvestJob, ItemStatus, JobStatus
from agora.harvest.runner import run_job

from .conftest import catalogue, static
from .test_datajson import ENERGY, FDA, entries


def _harvested(source) -> int:
    return Dataset.objects.filter(harvest_source_id=source.id, state=DatasetState.ACTIVE).count()


def test_malformed_json_fails_the_gather_and_keeps_what_was_harvested(served, make_source, harvest):
    body = FDA.read_bytes()
    served.routes["/data.json"] = static(body)
    source = make_source(served.url("/data.json"))
    harvest(source)
    served.routes["/data.json"] = static(body[: len(body) // 2])
    job = harvest(source)
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.source_malformed"
    assert not job.gather_complete
    assert job.counts.get("withdrawn", 0) == 0
    assert _harvested(source) == len(entries(FDA))


def test_json_with_trailing_commas_is_read_leniently(served, make_source, harvest):
    document = json.dumps({"dataset": entries(FDA)[:3]}, indent=1)
    sloppy = document.replace("\n  }", ",\n  }", 1).encode()  # a comma before "}"
    assert sloppy != document.encode()
    served.routes["/data.json"] = static(sloppy)
    job = harvest(make_source(served.url("/data.json")))
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.counts["created"] == 3
    assert any("trailing commas" in note for note in job.notes)


def test_a_slow_source_times_out_with_a_clear_error(served, make_source, harvest, settings):
    settings.AGORA_HARVEST_TIMEOUT_SECONDS = 1
    settings.AGORA_HARVEST_RETRIES = 0

    def slow(query, headers):
        time.sleep(3)
        return 200, {"Content-Type": "application/json"}, b'{"dataset": []}'

    served.routes["/data.json"] = slow
    job = harvest(make_source(served.url("/data.json")))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.source_unreachable"
    assert job.duration_seconds is not None
    assert job.duration_seconds < 3


def test_an_oversized_response_is_cut_off(served, make_source, harvest, settings):
    settings.AGORA_HARVEST_MAX_BYTES = 100_000
    served.routes["/data.json"] = static(ENERGY.read_bytes())
    job = harvest(make_source(served.url("/data.json")))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.too_large"
    assert "100000 bytes" in job.error


def test_loopback_is_refused_unless_the_source_is_explicitly_allowed(served, make_source, harvest):
    served.routes["/data.json"] = static(FDA.read_bytes())
    job = harvest(make_source(served.url("/data.json"), allow_private_network=False))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "http.blocked_address"
    assert served.hits == []


def test_private_sources_are_refused_when_the_deployment_forbids_them(
    served, make_source, harvest, settings
):
    settings.AGORA_HARVEST_ALLOW_PRIVATE_SOURCES = False
    served.routes["/data.json"] = static(FDA.read_bytes())
    job = harvest(make_source(served.url("/data.json")))
    assert job.error_code == "http.blocked_address"


def test_max_items_stops_the_job_and_withdraws_nothing(served, make_source, harvest, settings):
    settings.AGORA_HARVEST_BATCH_SIZE = 10
    served.routes["/data.json"] = static(FDA.read_bytes())
    job = harvest(make_source(served.url("/data.json"), max_items=15))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.limit"
    assert not job.gather_complete
    assert job.counts["created"] == 20


def test_a_record_owned_by_another_organization_is_reported_not_taken_over(
    served, make_source, harvest, other_org
):
    first = entries(FDA)[0]
    theirs = DatasetFactory(organization=other_org.name, identifier=first["identifier"])
    served.routes["/data.json"] = static(FDA.read_bytes())
    job = harvest(make_source(served.url("/data.json")))
    assert job.status == JobStatus.PARTIAL
    failed = HarvestItem.objects.get(job=job, status=ItemStatus.FAILED)
    assert failed.error_code == "harvest.owned_elsewhere"
    assert json.loads(failed.raw)["identifier"] == first["identifier"]
    theirs.refresh_from_db()
    assert theirs.organization_id == other_org.id
    assert theirs.harvest_source_id is None
    assert job.counts["created"] == len(entries(FDA)) - 1


def test_records_with_thousands_of_distributions_and_keywords_are_capped(
    served, make_source, harvest, settings
):
    settings.AGORA_HARVEST_MAX_DISTRIBUTIONS = 50
    settings.AGORA_HARVEST_MAX_KEYWORDS = 100
    entry = dict(entries(FDA)[0])
    entry["distribution"] = [
        {"downloadURL": f"https://example.org/file-{i}.csv", "mediaType": "text/csv"}
        for i in range(3000)
    ]
    entry["keyword"] = [f"keyword {i}" for i in range(20000)]
    served.routes["/data.json"] = static(json.dumps({"dataset": [entry]}).encode())
    job = harvest(make_source(served.url("/data.json")))
    assert job.status == JobStatus.SUCCEEDED, job.error
    dataset = Dataset.objects.get(harvest_remote_id=entry["identifier"])
    assert dataset.distributions.count() == 50
    assert dataset.tags.count() == 100
    item = HarvestItem.objects.get(job=job)
    assert any("3000 distributions" in w for w in item.warnings)


def test_a_cancelled_job_stops_at_its_next_checkpoint(served, make_source, settings):
    settings.AGORA_HARVEST_BATCH_SIZE = 10
    served.routes["/data.json"] = static(FDA.read_bytes())
    source = make_source(served.url("/data.json"))
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    HarvestJob.objects.filter(pk=job.pk).update(cancel_requested=True)
    finished = run_job(job.pk)
    assert finished.status == JobStatus.CANCELLED
    assert finished.counts["created"] == 10
    assert not finished.gather_complete


def test_a_queued_job_cancelled_never_runs(served, make_source):
    source = make_source(served.url("/data.json"))
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    cancelled = services.job_cancel(actor=SYSTEM, job=job)
    assert cancelled.status == JobStatus.CANCELLED
    assert run_job(job.pk) is None
    assert served.hits == []


def test_a_stuck_job_is_marked_failed_and_frees_its_source(served, make_source, settings):
    settings.AGORA_HARVEST_STUCK_AFTER_SECONDS = 60
    source = make_source(served.url("/data.json"))
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    old = timezone.now() - dt.timedelta(minutes=5)
    HarvestJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=old, heartbeat_at=old
    )
    HarvestJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    with pytest.raises(Conflict):  # alive: the source has an active job
        services.job_create(actor=SYSTEM, source=source, enqueue=False)
    HarvestJob.objects.filter(pk=job.pk).update(heartbeat_at=old)
    assert services.jobs_reap_stuck() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.stuck"
    assert services.job_create(actor=SYSTEM, source=source, enqueue=False).status == "queued"


def test_one_source_failing_never_blocks_another(served, make_source, harvest):
    served.routes["/broken.json"] = lambda q, h: (500, {}, b"down")
    served.routes["/data.json"] = static(FDA.read_bytes())
    broken = make_source(served.url("/broken.json"))
    healthy = make_source(served.url("/data.json"))
    services.job_create(actor=SYSTEM, source=broken, enqueue=False)  # left queued
    assert harvest(healthy).status == JobStatus.SUCCEEDED
    job = HarvestJob.objects.get(source=broken)
    assert run_job(job.pk).status == JobStatus.FAILED
    assert _harvested(healthy) == len(entries(FDA))


def test_preview_maps_the_first_records_and_writes_nothing(served, org_admin, actor_of):
    served.routes["/data.json"] = static(
        catalogue("data-json", "us-federal-agencies", "fda.data.json").read_bytes()
    )
    preview = services.source_preview(
        actor=actor_of(org_admin),
        url=served.url("/data.json"),
        source_type="datajson",
        config={"allow_private_network": True},
        limit=5,
    )
    assert preview.ok
    assert len(preview.items) == 5
    assert preview.items[0].remote_id == entries(FDA)[0]["identifier"]
    assert not Dataset.objects.exists()
