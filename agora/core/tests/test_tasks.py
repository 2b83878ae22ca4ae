"""Background work runs through the real django-tasks database queue and worker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus

from agora.core.actor import SYSTEM
from agora.core.audit import audit_append
from agora.core.tasks import audit_verify_task

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_database_queue_and_worker_run_a_task(settings):
    settings.TASKS = DATABASE_QUEUE
    audit_append(actor=SYSTEM, action="test", object_type="t", object_id="1", data={})
    result = audit_verify_task.using(backend="default").enqueue()
    assert result.status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"ok": True, "checked": 1, "first_broken_id": None, "reason": ""}


@pytest.mark.django_db
def test_tests_run_tasks_immediately():
    result = audit_verify_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
