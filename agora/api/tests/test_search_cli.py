"""`agora search reindex | check | sync`: thin calls into the search services."""

from __future__ import annotations

import pytest

from agora.cli import main
from agora.search.models import OutboxEntry
from agora.search.tests.conftest import found, make

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_sync_applies_waiting_changes_and_check_reports_none(org, settings, capsys):
    settings.TASKS = DUMMY_TASKS
    make(org, "tide-gauges", "Tide gauges")
    assert main(["search", "check"]) == 1  # the change is not in the index yet
    assert "1 missing from the index" in capsys.readouterr().out
    assert main(["search", "sync"]) == 0
    assert not OutboxEntry.objects.exists()
    assert main(["search", "check"]) == 0
    assert "no drift" in capsys.readouterr().out


def test_reindex_rebuilds_from_the_database(org, settings, capsys):
    settings.TASKS = DUMMY_TASKS
    make(org, "tide-gauges", "Tide gauges")
    assert main(["search", "reindex"]) == 0
    assert "rebuilt: 1" in capsys.readouterr().out
    assert found("tide") == ["tide-gauges"]
