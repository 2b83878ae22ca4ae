"""Services check permissions themselves; the backend registry; the streaming reader."""

from __future__ import annotations

import io
import json

import pytest

from agora.core.actor import ANONYMOUS, SYSTEM
from agora.core.errors import Forbidden, NotFound, ValidationFailed
from agora.harvest import backends, selectors, services
from agora.harvest.backends import datajson
from agora.harvest.errors import SourceMalformed


def _draft(org, **changes) -> services.SourceDraft:
    values = {
        "name": "kenya-portal",
        "url": "https://data.example.org/data.json",
        "source_type": "datajson",
        "organization": org.name,
    }
    return services.SourceDraft(**(values | changes))


def test_registered_backends_are_listed():
    assert set(backends.registered()) == {"ckan", "dcat", "datajson"}


def test_only_organization_admins_and_sysadmins_add_sources(org, editor, org_admin, actor_of):
    with pytest.raises(Forbidden):
        services.source_create(actor=actor_of(editor), draft=_draft(org))
    with pytest.raises(Forbidden):
        services.source_create(actor=ANONYMOUS, draft=_draft(org))
    source = services.source_create(actor=actor_of(org_admin), draft=_draft(org))
    assert source.organization_id == org.id
    assert source.owner_id == org_admin.id


def test_an_admin_of_another_organization_cannot_change_a_source(org, other_admin, actor_of):
    source = services.source_create(actor=SYSTEM, draft=_draft(org))
    with pytest.raises(Forbidden):
        services.source_update(actor=actor_of(other_admin), source=source, draft=_draft(org))


def test_bad_settings_are_named(org):
    with pytest.raises(ValidationFailed) as caught:
        services.source_create(
            actor=SYSTEM,
            draft=_draft(
                org, url="ftp://x", source_type="csw", config={"max_items": "many", "colour": 1}
            ),
        )
    assert set(caught.value.fields) == {"url", "source_type", "config.max_items", "config.colour"}


def test_members_cannot_run_or_cancel_jobs_editors_can(org, member, editor, actor_of):
    source = services.source_create(actor=SYSTEM, draft=_draft(org))
    with pytest.raises(Forbidden):
        services.job_create(actor=actor_of(member), source=source, enqueue=False)
    job = services.job_create(actor=actor_of(editor), source=source, enqueue=False)
    with pytest.raises(Forbidden):
        services.job_cancel(actor=actor_of(member), job=job)
    assert services.job_cancel(actor=actor_of(editor), job=job).status == "cancelled"


def test_anonymous_visitors_cannot_preview_sources():
    with pytest.raises(Forbidden):
        services.source_preview(
            actor=ANONYMOUS, url="https://x.org/data.json", source_type="datajson"
        )


def test_private_sources_and_raw_records_are_hidden_from_outsiders(org, member, stranger, actor_of):
    source = services.source_create(actor=SYSTEM, draft=_draft(org, private=True))
    with pytest.raises(NotFound):
        selectors.source_get(actor_of(stranger), source.name)
    with pytest.raises(NotFound):
        selectors.source_get(ANONYMOUS, str(source.id))
    assert selectors.source_get(actor_of(member), source.name) == source
    assert list(selectors.sources_visible_to(ANONYMOUS)) == []


def test_the_stream_reader_equals_the_json_parser_whatever_the_chunk_size(monkeypatch):
    document = {
        "@type": "dcat:Catalog",
        "dataset": [
            {"identifier": str(i), "n": 1.5e3, "title": 'é \\" ] } [ {'} for i in range(50)
        ],
        "conformsTo": "x",
    }
    data = json.dumps(document, ensure_ascii=False).encode()
    for size in (1, 7, 64, 1 << 20):
        monkeypatch.setattr(datajson, "_CHUNK", size)
        meta: dict = {}
        assert list(datajson.stream_entries(io.BytesIO(data), meta)) == document["dataset"]
        assert meta == {"@type": "dcat:Catalog", "conformsTo": "x"}


def test_the_stream_reader_refuses_what_is_not_a_data_json():
    with pytest.raises(SourceMalformed):
        list(datajson.stream_entries(io.BytesIO(b'{"datasets": []}'), {}))
    with pytest.raises(SourceMalformed):
        list(datajson.stream_entries(io.BytesIO(b"<rdf:RDF/>"), {}))
    with pytest.raises(SourceMalformed):
        list(datajson.stream_entries(io.BytesIO(b'{"dataset": [{"a": 1} {"b": 2}]}'), {}))


def test_source_health_counts_the_last_finished_job_of_public_active_sources(org):
    """The nightly portal measurement's harvest health reads these facts (benchmarks)."""
    import datetime as dt

    from django.utils import timezone

    from agora.harvest.models import HarvestJob, JobStatus

    def source(name: str, *jobs: str, **changes) -> None:  # type: ignore[no-untyped-def]
        created = services.source_create(actor=SYSTEM, draft=_draft(org, name=name, **changes))
        for minutes, status in enumerate(jobs):
            at = timezone.now() + dt.timedelta(minutes=minutes)
            HarvestJob.objects.create(source=created, status=status, created_at=at, finished_at=at)

    source("recovered", JobStatus.FAILED, JobStatus.SUCCEEDED)
    source("broken", JobStatus.SUCCEEDED, JobStatus.FAILED)
    source("busy", JobStatus.SUCCEEDED, JobStatus.RUNNING)  # a running job does not count yet
    source("new")
    source("hidden", JobStatus.FAILED, private=True)
    facts = sorted(selectors.source_health_facts(), key=lambda f: str(f[2]))
    assert facts == sorted(
        [(str(org.id), org.country_id, h) for h in (True, False, True, None)],
        key=lambda f: str(f[2]),
    )
