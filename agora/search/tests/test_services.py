"""Keeping the index in step: the outbox, the drain task, rebuilds without downtime, and the
drift check. These are about the embedded engine (the PostgreSQL one has no outbox: its
table is written in the change's own transaction, which the last tests show)."""

from __future__ import annotations

import pytest
from django.db import transaction

from agora.catalog import services as catalog
from agora.catalog.models import Dataset
from agora.catalog.tests.factories import DatasetFactory, OrganizationFactory
from agora.core.actor import ANONYMOUS, SYSTEM
from agora.core.errors import Forbidden
from agora.interop.records import OrganizationDraft
from agora.search import registry
from agora.search.backends import current_backend
from agora.search.models import OutboxEntry
from agora.search.services import index_check, index_rebuild, outbox_drain

from .conftest import found, make, run

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_every_write_reaches_the_index_before_the_service_returns(org):
    dataset = make(org, "tide-gauges", "Tide gauges")
    assert found("tide") == ["tide-gauges"]
    catalog.dataset_delete(actor=SYSTEM, dataset=dataset)
    assert found("tide") == []
    assert not OutboxEntry.objects.exists()


def test_a_rolled_back_change_leaves_no_outbox_row(org, settings):
    settings.TASKS = DUMMY_TASKS
    inside = []

    def change_then_fail() -> None:
        with transaction.atomic():
            make(org, "never", "Never committed")
            inside.append(OutboxEntry.objects.count())  # written in the change's transaction
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert inside == [1]
    assert not OutboxEntry.objects.exists()


def test_while_the_worker_is_down_changes_wait_and_are_caught_up(org, settings):
    settings.TASKS = DUMMY_TASKS  # tasks are queued, nobody runs them
    for number in range(3):
        make(org, f"gauge-{number}", f"Gauge {number}")
    assert found("gauge") == []
    assert OutboxEntry.objects.count() == 3
    report = outbox_drain()  # what the worker does when it comes back
    assert (report.entries, report.documents) == (3, 3)
    assert found("gauge") == ["gauge-0", "gauge-1", "gauge-2"]
    assert not OutboxEntry.objects.exists()


def test_the_drain_commits_every_n_documents(org, settings):
    settings.TASKS = DUMMY_TASKS
    settings.AGORA_SEARCH_BATCH_SIZE = 2
    settings.AGORA_SEARCH_COMMIT_DOCS = 2
    for number in range(5):
        make(org, f"set-{number}", f"Buoy {number}")
    report = outbox_drain()
    assert report.documents == 5
    assert report.commits == 3  # after 2 and 4 documents, and the final one
    assert len(found("buoy")) == 5


def test_renaming_an_organization_reindexes_its_datasets(org):
    make(org, "tide-gauges", "Tide gauges")
    draft = OrganizationDraft(name="ocean-office", title={"en": "Ocean office"}, country="KEN")
    catalog.organization_update(actor=SYSTEM, organization=org, draft=draft)
    result = run(q="tide", facets=("organization",))
    assert [c.value for c in result.facets["organization"]] == ["ocean-office"]


def test_a_rebuild_swaps_in_a_new_index_and_keeps_answering_meanwhile(org, settings):
    make(org, "tide-gauges", "Tide gauges")
    backend = current_backend()
    adapter = registry.get("dataset")
    seen_during = []

    def fill(writer):  # type: ignore[no-untyped-def]
        seen_during.append(found("tide"))  # the old index still answers
        writer.put(adapter.documents([str(d.id) for d in Dataset.objects.all()]).values())

    store = backend._store(adapter)  # type: ignore[attr-defined]
    before = store.current_generation()
    backend.rebuild(adapter, fill)
    assert seen_during == [["tide-gauges"]]
    assert store.current_generation() != before
    assert found("tide") == ["tide-gauges"]


def test_changes_made_during_a_rebuild_reach_the_new_index(org, settings):
    make(org, "tide-gauges", "Tide gauges")
    settings.TASKS = DUMMY_TASKS
    adapter = registry.get("dataset")
    original = adapter.all_documents

    def reading_then_changing(*, batch_size):  # type: ignore[no-untyped-def]
        yield from original(batch_size=batch_size)
        make(org, "wave-buoys", "Wave buoys")  # committed while the rebuild runs

    adapter.all_documents = reading_then_changing  # type: ignore[method-assign]
    try:
        report = index_rebuild(actor=SYSTEM)
    finally:
        del adapter.all_documents
    assert report.documents == 1
    assert found("buoys") == ["wave-buoys"]
    assert not OutboxEntry.objects.exists()


def test_check_reports_drift_and_a_rebuild_repairs_it(org, settings):
    kept = make(org, "tide-gauges", "Tide gauges")
    gone = make(org, "wave-buoys", "Wave buoys")
    assert index_check(actor=SYSTEM).ok
    settings.TASKS = DUMMY_TASKS
    Dataset.objects.filter(pk=gone.pk).update(state="deleted")  # behind the services' back
    make(org, "never-indexed", "Never indexed")
    OutboxEntry.objects.all().delete()
    Dataset.objects.filter(pk=kept.pk).update(revision_number=99)
    report = index_check(actor=SYSTEM)
    assert not report.ok
    assert report.unexpected == [str(gone.id)]
    assert report.missing == [str(Dataset.objects.get(name="never-indexed").id)]
    assert report.stale == [str(kept.id)]
    index_rebuild(actor=SYSTEM)
    assert index_check(actor=SYSTEM).ok


def test_only_sysadmins_may_rebuild_or_check(org):
    for service in (index_rebuild, index_check):
        with pytest.raises(Forbidden):
            service(actor=ANONYMOUS)


def test_the_postgres_table_is_written_in_the_change_transaction(postgres_engine, org):
    inside = []

    def change_then_fail() -> None:
        with transaction.atomic():
            make(org, "tide-gauges", "Tide gauges")
            inside.append(found("tide"))  # visible inside the transaction already
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert inside == [["tide-gauges"]]
    assert found("tide") == []
    assert not OutboxEntry.objects.exists()
    OrganizationFactory(name="unused")
    DatasetFactory(name="another", organization=org)
    assert index_check(actor=SYSTEM).ok
