"""The native harvest API and the CKAN harvest actions, through the real stack."""

from __future__ import annotations

import json

from agora.core.actor import SYSTEM
from agora.harvest import services
from agora.harvest.models import HarvestJob
from agora.harvest.runner import run_job

from .conftest import static
from .test_datajson import FDA, entries


def _body(name: str, org, url: str = "https://data.example.org/data.json") -> dict:
    return {"name": name, "url": url, "type": "datajson", "organization": org.name}


def test_native_api_adds_runs_and_reports_a_source(
    served, org, org_admin, editor, api_as, anon_api, other_org
):
    served.routes["/data.json"] = static(FDA.read_bytes())
    body = _body("fda", org, served.url("/data.json")) | {"config": {"allow_private_network": True}}
    assert api_as(editor).send("POST", "/api/v1/harvest/sources", body).status_code == 403
    created = api_as(org_admin).send("POST", "/api/v1/harvest/sources", body)
    assert created.status_code == 201, created.content
    assert created.json()["last_job"] is None
    queued = api_as(editor).send("POST", "/api/v1/harvest/sources/fda/jobs")
    assert queued.status_code == 202
    assert queued.json()["status"] == "queued"
    again = api_as(editor).send("POST", "/api/v1/harvest/sources/fda/jobs")
    assert again.status_code == 409
    assert again.json()["code"] == "harvest.job_active"
    run_job(queued.json()["id"])
    report = anon_api.get(f"/api/v1/harvest/jobs/{queued.json()['id']}", status="created")
    assert report.status_code == 200
    assert report.json()["job"]["counts"]["created"] == len(entries(FDA))
    assert report.json()["job"]["progress"] is None
    assert len(report.json()["items"]) == len(entries(FDA))
    listing = anon_api.get("/api/v1/harvest/sources").json()
    assert [s["name"] for s in listing] == ["fda"]
    assert listing[0]["last_job"]["status"] == "succeeded"
    assert anon_api.get("/api/v1/harvest/sources/nope").status_code == 404


def test_raw_records_of_failures_are_shown_to_editors_only(
    served, make_source, harvest, other_org, editor, api_as, anon_api
):
    from agora.catalog.tests.factories import DatasetFactory

    DatasetFactory(organization=other_org.name, identifier=entries(FDA)[0]["identifier"])
    served.routes["/data.json"] = static(FDA.read_bytes())
    job = harvest(make_source(served.url("/data.json")))
    path = f"/api/v1/harvest/jobs/{job.pk}"
    public = anon_api.get(path, status="failed").json()["items"]
    assert public[0]["error_code"] == "harvest.owned_elsewhere"
    assert public[0]["raw"] is None
    mine = api_as(editor).get(path, status="failed").json()["items"]
    assert json.loads(mine[0]["raw"])["identifier"] == entries(FDA)[0]["identifier"]


def test_native_preview_and_cancel(served, org, org_admin, editor, api_as, member):
    served.routes["/data.json"] = static(FDA.read_bytes())
    preview = api_as(org_admin).send(
        "POST",
        "/api/v1/harvest/preview",
        {
            "url": served.url("/data.json"),
            "type": "datajson",
            "limit": 2,
            "config": {"allow_private_network": True},
        },
    )
    assert preview.status_code == 200
    assert len(preview.json()["items"]) == 2
    bad = api_as(org_admin).send("POST", "/api/v1/harvest/preview", {"url": "x", "type": "csw"})
    assert bad.status_code == 422
    source = services.source_create(
        actor=SYSTEM,
        draft=services.SourceDraft(
            name="fda", url=served.url("/data.json"), source_type="datajson", organization=org.name
        ),
    )
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    path = f"/api/v1/harvest/jobs/{job.pk}/cancel"
    assert api_as(member).send("POST", path).status_code == 403
    assert api_as(editor).send("POST", path).json()["status"] == "cancelled"
    assert api_as(editor).send("POST", path).status_code == 409


def test_ckan_harvest_actions(org, org_admin, editor, api_as, anon_api):
    admin = api_as(org_admin)
    created = admin.action(
        "harvest_source_create",
        name="kenya",
        url="https://data.example.org/",
        source_type="ckan",
        owner_org=org.name,
        frequency="WEEKLY",
        config=json.dumps({"ckan_fq": "organization:health"}),
    )
    assert created.status_code == 200, created.content
    result = created.json()["result"]
    assert result["frequency"] == "WEEKLY"
    assert json.loads(result["config"])["ckan_fq"]
    shown = anon_api.action("harvest_source_show", "GET", id="kenya").json()["result"]
    assert shown["id"] == result["id"]
    assert shown["status"]["last_job"] is None
    listed = anon_api.action("harvest_source_list", "GET", organization=org.name).json()
    assert [s["name"] for s in listed["result"]] == ["kenya"]
    denied = anon_api.action("harvest_job_create", source_id="kenya")
    assert denied.status_code == 403
    job = api_as(editor).action("harvest_job_create", source_id=result["id"]).json()["result"]
    assert job["status"] == "New"
    assert job["stats"]["added"] == 0
    jobs = anon_api.action("harvest_job_list", "GET", source_id="kenya").json()["result"]
    assert [j["id"] for j in jobs] == [job["id"]]
    assert HarvestJob.objects.get(pk=job["id"]).requested_by == "org-editor"
    bad = admin.action(
        "harvest_source_create",
        name="bad",
        url="https://x.org",
        source_type="ckan",
        owner_org=org.name,
        config="{not json",
    )
    assert bad.status_code == 409
    assert "config" in bad.json()["error"]
