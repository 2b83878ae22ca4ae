"""CKAN sources: real recorded package_search answers served with real paging."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from agora.catalog.models import Dataset
from agora.harvest.backends.ckan import action_base
from agora.harvest.models import JobStatus

from .conftest import ckan_file, ckan_search, read_bytes

BRAZIL = ckan_file("dados-gov-br", "package_search.q-all.rows800.json.gz")
UK = ckan_file("data-gov-uk", "example_responses", "package_search.json")


def packages(path, limit: int | None = None) -> list[dict]:
    return json.loads(read_bytes(path))["result"]["results"][:limit]


def test_action_base_accepts_a_portal_or_an_action_url():
    assert action_base("https://dados.gov.br") == "https://dados.gov.br/api/3/action/"
    assert action_base("https://x.org/api/3/action/package_search") == "https://x.org/api/3/action/"
    assert action_base("https://x.org/data/api/action/") == "https://x.org/data/api/action/"


def test_paged_package_search_harvests_every_package_once(served, make_source, harvest):
    brazil = packages(BRAZIL, 150)
    served.routes["/api/3/action/package_search"] = ckan_search(brazil)
    source = make_source(served.url("/"), "ckan", page_size=40)
    job = harvest(source)
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.counts)
    assert job.expected == 150
    assert job.counts["created"] == 150
    starts = [parse_qs(urlsplit(h).query)["start"][0] for h in served.hits]
    assert starts == ["0", "40", "80", "120"]
    ids = set(
        Dataset.objects.filter(harvest_source_id=source.id).values_list(
            "harvest_remote_id", flat=True
        )
    )
    assert ids == {p["id"] for p in brazil}
    again = harvest(source)
    assert again.counts["unchanged"] == 150
    assert again.counts.get("updated", 0) == 0


def test_incremental_runs_ask_only_for_recently_modified_packages(served, make_source, harvest):
    served.routes["/api/3/action/package_search"] = ckan_search(packages(UK))
    source = make_source(served.url("/"), "ckan", incremental=True)
    first = harvest(source)
    assert first.gather_complete
    assert first.counts["created"] == len(packages(UK))
    served.hits.clear()
    second = harvest(source)
    query = parse_qs(urlsplit(served.hits[0]).query)
    assert "metadata_modified:[" in query["fq"][0]
    # An incremental listing is not complete: nothing may be withdrawn from it.
    assert not second.gather_complete
    assert second.counts.get("withdrawn", 0) == 0


def test_a_500_midway_ends_in_a_clear_report_and_loses_nothing(served, make_source, harvest):
    brazil = packages(BRAZIL, 90)
    healthy = ckan_search(brazil)
    served.routes["/api/3/action/package_search"] = healthy
    source = make_source(served.url("/"), "ckan", page_size=30)
    harvest(source)

    def broken_after_first_page(query, headers):
        if int(query.get("start", ["0"])[0]) >= 30:
            return 500, {"Content-Type": "text/plain"}, b"Internal Server Error"
        return healthy(query, headers)

    served.routes["/api/3/action/package_search"] = broken_after_first_page
    job = harvest(source)
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.source_unreachable"
    assert "HTTP 500" in job.error
    assert "3 attempts" in job.error
    assert not job.gather_complete
    assert job.counts["unchanged"] == 30
    assert Dataset.objects.filter(harvest_source_id=source.id, state="active").count() == 90


def test_a_ckan_error_envelope_is_reported(served, make_source, harvest):
    body = json.dumps({"success": False, "error": {"message": "Search error"}}).encode()
    served.routes["/api/3/action/package_search"] = lambda q, h: (
        200,
        {"Content-Type": "application/json"},
        body,
    )
    job = harvest(make_source(served.url("/"), "ckan"))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.source_malformed"
