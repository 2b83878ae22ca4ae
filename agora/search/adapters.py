"""What an app declares to make its objects searchable (the app owns what; search owns how)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from django.db.models import QuerySet

from agora.core.actor import Actor


class SearchAdapter(ABC):
    """One searchable kind of object.

    `fields` maps each public field name (as clients write it in filters, facets and
    `field:value` queries) to the ORM path that holds it; `text_paths` are the paths a free-text
    term is matched against; `sorts` maps public sort names to ORM paths.
    """

    name: str
    fields: dict[str, str]
    text_paths: tuple[str, ...]
    sorts: dict[str, str]
    date_fields: frozenset[str] = frozenset()
    # Fields holding prose: `field:word` finds the word inside them rather than equal to them.
    text_fields: frozenset[str] = frozenset()

    @abstractmethod
    def visible(self, actor: Actor, *, include_private: bool, include_drafts: bool) -> QuerySet:  # type: ignore[type-arg]
        """Everything this actor may find: the visibility rule is part of every query."""

    def facet_labels(self, field: str, values: Iterable[str], language: str) -> dict[str, str]:
        """Display names for facet values; by default the values themselves."""
        return {value: value for value in values}
