"""The harvest pages: sources, a source and its jobs, a job report with a progress bar."""

from __future__ import annotations

from django.test import Client

from agora.core.actor import SYSTEM
from agora.harvest import services
from agora.harvest.models import HarvestJob, JobStatus

from .conftest import static
from .test_datajson import FDA, entries


def _client(user=None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    return client


def test_pages_show_sources_jobs_and_counts(served, make_source, harvest):
    served.routes["/data.json"] = static(FDA.read_bytes())
    source = make_source(served.url("/data.json"))
    job = harvest(source)
    client = _client()
    listing = client.get("/harvest/")
    assert listing.status_code == 200
    assert source.title in listing.content.decode()
    page = client.get(f"/harvest/{source.name}").content.decode()
    assert f"/harvest/job/{job.pk}" in page
    assert "Run now" not in page  # visitors cannot run it
    report = client.get(f"/harvest/job/{job.pk}").content.decode()
    assert "Succeeded" in report
    assert f"<dd>{len(entries(FDA))}</dd>" in report
    assert "<progress" not in report  # finished: no progress bar


def test_a_running_job_shows_a_progress_bar_that_refreshes_itself(make_source, served):
    source = make_source(served.url("/data.json"))
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    HarvestJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, expected=200, counts={"seen": 50}
    )
    page = _client().get(f"/harvest/job/{job.pk}").content.decode()
    assert 'value="25"' in page
    assert 'hx-trigger="every 2s"' in page
    part = _client().get(f"/harvest/job/{job.pk}?part=progress", HTTP_HX_REQUEST="true")
    assert part.content.decode().lstrip().startswith('<div id="harvest-progress"')


def test_editors_run_a_source_from_its_page(make_source, served, editor):
    source = make_source(served.url("/data.json"))
    client = _client(editor)
    assert "Run now" in client.get(f"/harvest/{source.name}").content.decode()
    response = client.post(f"/harvest/{source.name}/run")
    job = HarvestJob.objects.get(source=source)
    assert response.status_code == 302
    assert response["Location"] == f"/harvest/job/{job.pk}"
    assert _client().post(f"/harvest/{source.name}/run").status_code == 403


def test_private_sources_are_not_found_by_outsiders(make_source, served, stranger, member):
    source = make_source(served.url("/data.json"), private=True)
    assert _client(stranger).get(f"/harvest/{source.name}").status_code == 404
    assert source.title not in _client().get("/harvest/").content.decode()
    assert _client(member).get(f"/harvest/{source.name}").status_code == 200


def test_the_pages_are_translated_and_arabic_is_right_to_left(make_source, served):
    make_source(served.url("/data.json"))
    client = _client()
    client.cookies["django_language"] = "ar"
    page = client.get("/harvest/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page
    assert "مصادر الحصاد" in page
    client.cookies["django_language"] = "fr"
    page = client.get("/harvest/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Sources moissonnées" in page
