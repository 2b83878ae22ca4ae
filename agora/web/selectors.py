"""Reads for the portal pages that are not plain catalogue reads: usage rankings, home counts."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Count, Sum
from django.utils import timezone

from agora.catalog.models import Country, Dataset
from agora.catalog.selectors import datasets_visible_to, organizations_visible
from agora.core.actor import Actor

from .models import DatasetUsage

MOST_USED_DAYS = 90


def most_used_dataset_ids(
    actor: Actor, *, limit: int = 6, days: int = MOST_USED_DAYS
) -> list[uuid.UUID]:
    """Datasets the actor may see, most viewed and downloaded over the last `days` first."""
    since = timezone.now().date() - dt.timedelta(days=days)
    visible = datasets_visible_to(actor, include_drafts=False).values("id")
    rows = (
        DatasetUsage.objects.filter(day__gte=since, dataset_id__in=visible)
        .values("dataset_id")
        .annotate(total=Sum("views") + Sum("downloads"))
        .order_by("-total", "dataset_id")[:limit]
    )
    return [row["dataset_id"] for row in rows]


def headline_counts(actor: Actor) -> dict[str, int]:
    """Datasets, publishers with datasets, and countries covered, as this actor sees them."""
    visible = datasets_visible_to(actor, include_drafts=False)
    return {
        "datasets": visible.count(),
        "organizations": organizations_visible(actor)
        .filter(datasets__in=visible.values("id"))
        .distinct()
        .count(),
        "countries": Country.objects.filter(datasets__in=visible.values("id")).distinct().count(),
    }


def countries_with_datasets(actor: Actor) -> list[Country]:
    """Countries covered by datasets the actor may see, each with `dataset_count`."""
    visible = datasets_visible_to(actor, include_drafts=False).values("id")
    return list(
        Country.objects.filter(datasets__in=visible)
        .annotate(dataset_count=Count("datasets", distinct=True))
        .order_by("region_name", "name")
    )


def newest_datasets(actor: Actor, *, limit: int = 6) -> list[uuid.UUID]:
    visible = datasets_visible_to(actor, include_drafts=False)
    return list(visible.order_by("-created_at", "id").values_list("id", flat=True)[:limit])


__all__ = ["Dataset"]
