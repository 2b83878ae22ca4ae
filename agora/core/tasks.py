"""Background tasks of the shared kernel."""

from __future__ import annotations

import logging

from django_tasks import task

from .audit import audit_verify

logger = logging.getLogger(__name__)


@task()
def audit_verify_task() -> dict[str, object]:
    """Check the audit chain in the background (schedule it; alert when `ok` is false)."""
    result = audit_verify()
    if not result.ok:
        logger.error("audit chain broken at entry #%s: %s", result.first_broken_id, result.reason)
    return {
        "ok": result.ok,
        "checked": result.checked,
        "first_broken_id": result.first_broken_id,
        "reason": result.reason,
    }
