"""data.json sources: the real US federal catalogues served over loopback HTTP."""

from __future__ import annotations

import json

from agora.catalog.models import Dataset, DatasetState
from agora.harvest.models import HarvestItem, HarvestRecord, ItemStatus, JobStatus

from .conftest import catalogue, static

FEDERAL = ("data-json", "us-federal-agencies")
ENERGY = catalogue(*FEDERAL, "energy.data.json")
ENERGY_EARLIER = catalogue(*FEDERAL, "snapshots", "energy.2025-02-01T1434Z.data.json")
CMS = catalogue(*FEDERAL, "cms.data.json")
CMS_EARLIER = catalogue(*FEDERAL, "snapshots", "cms.2025-01-31T0229Z.data.json")
FDA = catalogue(*FEDERAL, "fda.data.json")


def entries(path) -> list[dict]:
    return json.loads(path.read_bytes())["dataset"]


def test_first_harvest_creates_every_dataset_in_the_sources_organization(
    served, make_source, harvest
):
    served.routes["/data.json"] = static(FDA.read_bytes())
    source = make_source(served.url("/data.json"))
    job = harvest(source)
    expected = entries(FDA)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.counts["created"] == len(expected), job.counts
    assert job.gather_complete
    harvested = Dataset.objects.filter(harvest_source_id=source.id)
    assert harvested.count() == len(expected)
    assert set(harvested.values_list("organization_id", flat=True)) == {source.organization_id}
    dataset = harvested.get(harvest_remote_id=expected[0]["identifier"])
    assert dataset.title["en"] == expected[0]["title"].strip()
    assert dataset.revisions.count() == 1
    assert HarvestItem.objects.filter(job=job, status=ItemStatus.CREATED).count() == len(expected)


def test_reformatted_snapshot_is_unchanged_and_only_the_changed_record_is_updated(
    served, make_source, harvest
):
    # The earlier CMS snapshot is minified with escaped slashes; the later one is
    # pretty-printed and differs in exactly one dataset (a new distribution).
    served.routes["/data.json"] = static(CMS_EARLIER.read_bytes())
    source = make_source(served.url("/data.json"))
    first = harvest(source)
    total = len(entries(CMS_EARLIER))
    assert first.counts["created"] == total
    served.routes["/data.json"] = static(CMS.read_bytes())
    second = harvest(source)
    assert second.status == JobStatus.SUCCEEDED, second.error
    assert second.counts.get("created", 0) == 0
    assert second.counts["updated"] == 1
    assert second.counts["unchanged"] == total - 1
    changed = HarvestItem.objects.get(job=second, status=ItemStatus.UPDATED)
    dataset = Dataset.objects.get(pk=changed.dataset_id)
    assert dataset.revisions.count() == 2
    assert Dataset.objects.filter(harvest_source_id=source.id, revision_number=1).count() == (
        total - 1
    )
    # Third run: the server answers 304 to the ETag, so nothing is even parsed.
    third = harvest(source)
    assert third.not_modified
    assert third.status == JobStatus.SUCCEEDED
    assert third.counts["unchanged"] == total
    assert Dataset.objects.filter(harvest_source_id=source.id).count() == total


def test_flapping_energy_records_are_neither_deleted_nor_recreated(served, make_source, harvest):
    # energy.gov's data.json: two "Pegasis" datasets flip in and out between fetches.
    latest, earlier = ENERGY.read_bytes(), ENERGY_EARLIER.read_bytes()
    served.routes["/data.json"] = static(latest)
    source = make_source(served.url("/data.json"))
    first = harvest(source)
    assert first.counts["created"] == 482
    ids_before = dict(
        Dataset.objects.filter(harvest_source_id=source.id).values_list("harvest_remote_id", "id")
    )
    served.routes["/data.json"] = static(earlier)
    absent = harvest(source)
    assert absent.counts.get("withdrawn", 0) == 0
    assert absent.counts["missing"] == 2
    served.routes["/data.json"] = static(latest)
    back = harvest(source)
    assert back.counts.get("created", 0) == 0
    assert back.counts.get("withdrawn", 0) == 0
    ids_after = dict(
        Dataset.objects.filter(harvest_source_id=source.id).values_list("harvest_remote_id", "id")
    )
    assert ids_after == ids_before
    assert (
        not Dataset.objects.filter(harvest_source_id=source.id)
        .exclude(state=DatasetState.ACTIVE)
        .exists()
    )
    assert HarvestRecord.objects.filter(source=source, missing_runs__gt=0).count() == 0


def test_a_record_gone_for_good_is_withdrawn_and_the_same_dataset_returns(
    served, make_source, harvest, settings
):
    settings.AGORA_HARVEST_WITHDRAW_AFTER_RUNS = 1
    document = json.loads(FDA.read_bytes())
    served.routes["/data.json"] = static(json.dumps(document).encode())
    source = make_source(served.url("/data.json"))
    harvest(source)
    gone = document["dataset"].pop(3)
    served.routes["/data.json"] = static(json.dumps(document).encode())
    second = harvest(source)
    assert second.counts["withdrawn"] == 1
    dataset = Dataset.objects.get(harvest_source_id=source.id, harvest_remote_id=gone["identifier"])
    assert dataset.state == DatasetState.DELETED
    document["dataset"].append(gone)
    served.routes["/data.json"] = static(json.dumps(document).encode())
    third = harvest(source)
    assert third.counts.get("created", 0) == 0
    assert third.counts["updated"] == 1
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.ACTIVE
    assert Dataset.objects.filter(harvest_remote_id=gone["identifier"]).count() == 1


def test_a_source_that_suddenly_lists_nothing_withdraws_nothing(served, make_source, harvest):
    document = json.loads(FDA.read_bytes())
    served.routes["/data.json"] = static(json.dumps(document).encode())
    source = make_source(served.url("/data.json"))
    harvest(source)
    document["dataset"] = []
    served.routes["/data.json"] = static(json.dumps(document).encode())
    empty = harvest(source)
    assert empty.status == JobStatus.PARTIAL
    assert empty.error_code == "harvest.too_many_vanished"
    assert "none was withdrawn" in empty.error
    assert Dataset.objects.filter(
        harvest_source_id=source.id, state=DatasetState.ACTIVE
    ).count() == len(entries(FDA))


def test_an_unchanged_record_is_not_even_mapped_again(served, make_source, harvest, monkeypatch):
    from agora.harvest.backends import datajson

    document = json.loads(FDA.read_bytes())
    served.routes["/data.json"] = static(json.dumps(document).encode())
    source = make_source(served.url("/data.json"))
    harvest(source)

    def must_not_map(entry, index):
        raise AssertionError("an unchanged record was mapped again")

    monkeypatch.setattr(datajson, "map_entry", must_not_map)
    # Same records, other key order and spacing: still the same normalised records.
    reordered = {"dataset": [dict(reversed(list(e.items()))) for e in document["dataset"]]}
    served.routes["/data.json"] = static(json.dumps(reordered, indent=3).encode())
    again = harvest(source)
    assert again.status == JobStatus.SUCCEEDED, again.error
    assert again.counts["unchanged"] == len(document["dataset"])
