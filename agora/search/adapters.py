"""What an app declares to make its objects searchable (the app owns *what*, search owns *how*).

The search app never imports the apps it searches: each app registers an adapter in its
AppConfig.ready() that says which fields exist, turns its objects into `SearchDocument`s and
states its visibility rule as data. Engines only translate those into their own terms.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence

from agora.core.actor import Actor

from .documents import SearchDocument, Visibility


class SearchAdapter(ABC):
    """One searchable kind of object.

    - `fields`: every public field name a filter, a facet or a `field:value` query may use.
      Each is a keyword field of the documents (exact values), except those in
      `text_fields`, which name free-text fields ("title:quality" finds the word in titles).
    - `text_weights`: free-text fields and how much a match in each counts.
    - `date_fields`: fields that also take ranges (documents carry them in `dates`).
    - `sorts`: public sort names besides "score" (documents carry them in `sort_keys`).
    - `default_sort`: used when a query does not say; usually relevance, then recency.
    """

    name: str
    fields: frozenset[str]
    text_fields: dict[str, str] = {}
    text_weights: dict[str, float]
    date_fields: frozenset[str] = frozenset()
    sorts: frozenset[str] = frozenset()
    # Fields whose documents hold the visibility rule's inputs (always indexed).
    visibility_fields: frozenset[str] = frozenset()

    @abstractmethod
    def visibility(
        self, actor: Actor, *, include_private: bool, include_drafts: bool
    ) -> Visibility:
        """Everything this actor may find, as data: the engines apply it inside every query."""

    @abstractmethod
    def documents(self, ids: Sequence[str]) -> dict[str, SearchDocument | None]:
        """The current document of each id; None for ids that must not be in the index
        (unknown, or in a state that is never searched)."""

    @abstractmethod
    def all_documents(self, *, batch_size: int) -> Iterator[list[SearchDocument]]:
        """Every document that belongs in the index, in batches (a rebuild reads this)."""

    @abstractmethod
    def stamps(self) -> Iterator[tuple[str, int]]:
        """(id, stamp) of every document that belongs in the index, ordered by id."""

    def affected_by(self, kind: str, ids: Sequence[str]) -> list[str]:
        """Ids of this adapter's documents that embed the changed objects of another kind
        (datasets embed their organization's name, for instance)."""
        return []

    def normalise(self, field: str, value: str) -> str:
        """A filter value as documents hold it (e.g. theme codes in upper case)."""
        return value

    def check_filter(self, field: str, value: str) -> None:  # noqa: B027 - optional hook
        """Refuse (InvalidSearchQuery) a filter value the field can never hold."""

    def facet_labels(self, field: str, values: Iterable[str], language: str) -> dict[str, str]:
        """Display names for facet values; by default the values themselves."""
        return {value: value for value in values}
