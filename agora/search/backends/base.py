"""The protocol every search engine implements, and the explicit registry of engines.

Engines are registered by name in SearchConfig.ready() and chosen with AGORA_SEARCH_BACKEND.
An engine answers a SearchQuery within a Visibility (both our own types), keeps its index in
step through an `IndexWriter`, rebuilds aside and swaps, and lists (id, stamp) pairs so that
drift between the database and the index can be measured.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..adapters import SearchAdapter
from ..documents import SearchDocument, Visibility
from ..query import SearchQuery, SearchResult


@dataclass(frozen=True)
class Completion:
    id: str
    title: str


class IndexWriter(ABC):
    """Changes to one adapter's index; visible to searches after `commit()`."""

    @abstractmethod
    def put(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by id); returns how many."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id (unknown ids are ignored)."""

    @abstractmethod
    def commit(self) -> None:
        """Make the changes so far durable and searchable."""

    def encode(self, document: SearchDocument) -> Any:
        """A document in the engine's own form, picklable: rebuilds encode in a reading
        process and hand the result to `put_encoded` here (agora/search/bulk.py)."""
        return document

    def put_encoded(self, items: list[Any]) -> int:
        return self.put(items)


class SearchBackend(ABC):
    name: str
    # True when changes reach the index through the outbox and the worker (an index outside
    # the database); False when the engine is updated in the change's own transaction.
    uses_outbox: bool

    @abstractmethod
    def search(
        self, adapter: SearchAdapter, visibility: Visibility, query: SearchQuery
    ) -> SearchResult:
        """Run the query within the visibility rule (inside the engine, never after)."""

    @abstractmethod
    def autocomplete(
        self, adapter: SearchAdapter, visibility: Visibility, text: str, limit: int
    ) -> list[Completion]:
        """Documents whose title has words starting with `text`, best first."""

    @abstractmethod
    def writer(self, adapter: SearchAdapter) -> AbstractContextManager[IndexWriter]:
        """A writer on the live index (one at a time; others wait or fail clearly)."""

    @abstractmethod
    def rebuild(self, adapter: SearchAdapter, fill: Callable[[IndexWriter], None]) -> None:
        """Build a new index with `fill`, then make it the live one in one step. Searches keep
        answering from the old index until then."""

    @abstractmethod
    def stamps(self, adapter: SearchAdapter) -> Iterator[tuple[str, int]]:
        """(id, stamp) of every indexed document, in any order."""


_backends: dict[str, type[SearchBackend]] = {}


def register(backend: type[SearchBackend]) -> None:
    if backend.name in _backends and _backends[backend.name] is not backend:
        raise RuntimeError(f"A search backend named {backend.name!r} is already registered")
    _backends[backend.name] = backend


def registered() -> list[str]:
    return sorted(_backends)


def backend_class(name: str) -> type[SearchBackend]:
    try:
        return _backends[name]
    except KeyError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"AGORA_SEARCH_BACKEND is {name!r}; the search backends are {', '.join(registered())}"
        ) from None
