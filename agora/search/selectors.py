"""The one entry point for searching: checks the query against the adapter, runs the backend."""

from __future__ import annotations

from agora.core.actor import Actor

from . import registry
from .backends import current_backend
from .errors import InvalidSearchQuery
from .query import Filter, RangeFilter, SearchQuery, SearchResult


def search(*, actor: Actor, query: SearchQuery, kind: str = "dataset") -> SearchResult:
    adapter = registry.get(kind)
    for item in query.filters:
        if item.field not in adapter.fields:
            raise InvalidSearchQuery(f"Cannot filter on {item.field}")
        if isinstance(item, RangeFilter) and item.field not in adapter.date_fields:
            raise InvalidSearchQuery(f"{item.field} does not take a range")
        if isinstance(item, Filter) and not item.values:
            raise InvalidSearchQuery(f"Filter on {item.field} has no value")
    for name in query.facets:
        if name not in adapter.fields:
            raise InvalidSearchQuery(f"Cannot facet on {name}")
    return current_backend().search(adapter, actor, query)
