from __future__ import annotations

from typing import Protocol

from agora.core.actor import Actor

from ..adapters import SearchAdapter
from ..query import SearchQuery, SearchResult


class SearchBackend(Protocol):
    def search(self, adapter: SearchAdapter, actor: Actor, query: SearchQuery) -> SearchResult:
        """Run the query within what the actor may see; return ids, total and facets."""
        ...
