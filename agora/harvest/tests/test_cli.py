"""`agora harvest`, run in-process against the test database and a served catalogue."""

from __future__ import annotations

import json

from agora.catalog.models import Dataset
from agora.cli import main
from agora.harvest.models import HarvestJob, HarvestSource

from .conftest import static
from .test_datajson import FDA, entries


def test_add_preview_run_status_list_and_cancel(served, org, capsys):
    served.routes["/data.json"] = static(FDA.read_bytes())
    url = served.url("/data.json")
    config = json.dumps({"allow_private_network": True})
    common = ["--type", "datajson", "--organization", org.name, "--config", config]
    assert main(["harvest", "add", "fda", url, *common, "--dry-run", "--limit", "3"]) == 0
    assert not HarvestSource.objects.exists()
    assert main(["harvest", "add", "fda", url, *common]) == 0
    assert main(["harvest", "run", "fda"]) == 0
    assert Dataset.objects.filter(harvest_source_id__isnull=False).count() == len(entries(FDA))
    assert main(["harvest", "status", "fda"]) == 0
    assert main(["harvest", "list"]) == 0
    assert main(["harvest", "run", "fda", "--queue"]) == 0
    queued = HarvestJob.objects.get(status="queued")
    assert main(["harvest", "cancel", str(queued.pk)]) == 0
    queued.refresh_from_db()
    assert queued.status == "cancelled"
    out = capsys.readouterr().out
    assert "preview: 3 records (nothing saved)" in out
    assert f"created {len(entries(FDA))}" in out
    assert "fda\tdatajson\tministry-of-health\tsucceeded" in out


def test_errors_are_printed_not_raised(org, capsys):
    assert (
        main(["harvest", "add", "x", "ftp://nowhere", "--type", "ckan", "--organization", org.name])
        == 2
    )
    assert "error [validation.failed]" in capsys.readouterr().out


def test_schedule_queues_due_sources_only(served, org, capsys):
    import datetime as dt

    from django.utils import timezone

    served.routes["/data.json"] = static(FDA.read_bytes())
    config = json.dumps({"allow_private_network": True})
    common = ["--type", "datajson", "--organization", org.name, "--config", config]
    assert main(["harvest", "add", "due", served.url("/data.json"), *common]) == 0
    assert main(["harvest", "add", "manual", served.url("/data.json"), *common]) == 0
    past = timezone.now() - dt.timedelta(hours=1)
    HarvestSource.objects.filter(name="due").update(frequency="daily", next_run_at=past)
    HarvestSource.objects.filter(name="manual").update(next_run_at=past)  # manual: never due
    assert main(["harvest", "schedule"]) == 0
    assert HarvestJob.objects.filter(source__name="due").count() == 1
    assert not HarvestJob.objects.filter(source__name="manual").exists()
    assert "1 due sources queued" in capsys.readouterr().out
