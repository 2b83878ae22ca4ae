"""Reads of the workspace, built on the catalogue's and accounts' selectors.

The dataset list is one query for the page (with the publisher joined and the active files
counted in a subquery) plus one for the total, whatever the number of datasets or files.
"""

from __future__ import annotations

import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from agora.catalog.models import Dataset, DatasetState, DistributionState, Organization
from agora.catalog.selectors import datasets_visible_to, organizations_visible
from agora.core.actor import Actor, Role

PAGE_SIZE = 25
STATUS_FILTERS = ("draft", "private", "public")


def editable_organizations(actor: Actor) -> QuerySet[Organization]:
    """Publishers the actor may create datasets in (editor or admin; all for sysadmins)."""
    organizations = organizations_visible(actor)
    if not actor.is_superuser:
        organizations = organizations.filter(id__in=actor.organizations_with(Role.EDITOR))
    return organizations.order_by("name")


def my_datasets(actor: Actor, *, status: str = "", text: str = "") -> QuerySet[Dataset]:
    """Datasets the actor may work on: those of publishers they edit for, and their drafts."""
    editor_of: frozenset[uuid.UUID] = actor.organizations_with(Role.EDITOR)
    mine = Q(organization_id__in=editor_of)
    if actor.user_id is not None:
        mine |= Q(created_by_id=actor.user_id)
    datasets = datasets_visible_to(actor, include_drafts=True)
    if not actor.is_superuser:
        datasets = datasets.filter(mine)
    if status == "draft":
        datasets = datasets.filter(state=DatasetState.DRAFT)
    elif status == "private":
        datasets = datasets.filter(state=DatasetState.ACTIVE, private=True)
    elif status == "public":
        datasets = datasets.filter(state=DatasetState.ACTIVE, private=False)
    if text:
        datasets = datasets.filter(Q(name__icontains=text) | Q(search_text__icontains=text.lower()))
    return (
        datasets.select_related("organization")
        .annotate(
            file_count=Count(
                "distributions", filter=Q(distributions__state=DistributionState.ACTIVE)
            )
        )
        .order_by("-updated_at", "id")
    )


def my_datasets_page(actor: Actor, *, status: str, text: str, number: str | int) -> Page:
    return Paginator(my_datasets(actor, status=status, text=text), PAGE_SIZE).get_page(number)
