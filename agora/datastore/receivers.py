"""Reactions to catalogue events (sent after commit, so nothing here sees a rolled-back change)."""

from __future__ import annotations

import logging
from typing import Any

from agora.core.actor import SYSTEM

logger = logging.getLogger(__name__)


def datasets_changed_receiver(sender: Any, ids: list[Any], **kwargs: Any) -> None:
    from .services import tables_schedule

    try:
        tables_schedule(dataset_ids=ids)
    except Exception:  # a derived store must never break the write that triggered it
        logger.exception("could not schedule tabular ingest for %s (as %s)", ids, SYSTEM.username)
