"""The web app's only write path: usage counts (see models.DatasetUsage for what is kept)."""

from __future__ import annotations

from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from agora.catalog.selectors import dataset_version
from agora.core.actor import Actor

from .models import DatasetUsage

UsageKind = Literal["views", "downloads"]
# Crawlers fetch every page; counting them would make "most used" mean "most crawled".
ROBOT_MARKERS = ("bot", "crawler", "spider", "slurp", "curl", "wget", "python-requests", "headless")


def is_robot(user_agent: str) -> bool:
    agent = user_agent.lower()
    return not agent or any(marker in agent for marker in ROBOT_MARKERS)


def dataset_usage_record(*, actor: Actor, dataset: str, kind: UsageKind = "views") -> None:
    """Add one view (or download) of a dataset the actor may see to today's count.

    The permission check is the visibility rule: nobody can inflate the count of a dataset
    they cannot see (NotFound is raised as for any other read).
    """
    version = dataset_version(actor, dataset)
    today = timezone.now().date()
    with transaction.atomic():
        updated = DatasetUsage.objects.filter(dataset_id=version.id, day=today).update(
            **{kind: F(kind) + 1}
        )
        if updated:
            return
        try:
            with transaction.atomic():
                DatasetUsage.objects.create(dataset_id=version.id, day=today, **{kind: 1})
        except IntegrityError:  # another request created today's row first
            DatasetUsage.objects.filter(dataset_id=version.id, day=today).update(
                **{kind: F(kind) + 1}
            )
