"""Themes presented as CKAN groups (shared by group_list and the package dicts)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from agora.catalog.models import Theme
from agora.catalog.selectors import datasets_visible_to
from agora.core.actor import Actor
from agora.interop.ckan import theme_group


def group_dicts(actor: Actor, *, language: str) -> list[dict[str, Any]]:
    counts = dict(
        datasets_visible_to(actor, include_drafts=False)
        .filter(private=False)
        .values("themes__code")
        .annotate(n=Count("id"))
        .values_list("themes__code", "n")
    )
    groups = []
    for theme in Theme.objects.order_by("code"):
        group = theme_group(theme.code, language=language)
        group.update(
            type="group",
            is_organization=False,
            state="active",
            approval_status="approved",
            image_url="",
            package_count=counts.get(theme.code, 0),
            num_followers=0,
        )
        groups.append(group)
    return groups
