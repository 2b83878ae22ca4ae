"""SearchQuery: what a search asks, in Agora's own terms (no engine syntax in here).

Handlers translate their parameters (CKAN's q/fq at the compatibility edge, the native API's
typed filters, the web page's form) into a SearchQuery; backends translate a SearchQuery into
their engine. The text part is a small boolean tree (`TextNode`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    text: str
    field: str | None = None
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class And:
    items: tuple[TextNode, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[TextNode, ...]


@dataclass(frozen=True)
class Not:
    item: TextNode


@dataclass(frozen=True)
class MatchAll:
    pass


TextNode = Term | Phrase | And | Or | Not | MatchAll


@dataclass(frozen=True)
class Filter:
    """Keep documents whose `field` has any of `values` (or none of them, when negated)."""

    field: str
    values: tuple[str, ...]
    negate: bool = False


@dataclass(frozen=True)
class RangeFilter:
    field: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None


@dataclass(frozen=True)
class Sort:
    field: str
    descending: bool = False


@dataclass(frozen=True)
class SearchQuery:
    text: TextNode = field(default_factory=MatchAll)
    filters: tuple[Filter | RangeFilter, ...] = ()
    facets: tuple[str, ...] = ()
    facet_limit: int = 50
    facet_mincount: int = 1
    sort: tuple[Sort, ...] = ()
    offset: int = 0
    limit: int = 10
    include_private: bool = False
    include_drafts: bool = False
    # Ask for highlighted passages of the page's results (SearchResult.snippets) and for
    # "did you mean" spellings when words of the query find nothing (SearchResult.suggestions).
    highlight: bool = False
    suggest: bool = False
    # The reader's language: which title a highlighted result shows.
    language: str = "en"


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[str]
    facets: dict[str, list[FacetCount]]
    # id -> a passage of the description (or the title) as HTML: escaped text, matches in <mark>.
    snippets: dict[str, str] = field(default_factory=dict)
    # id -> the title shown, highlighted the same way.
    highlighted_titles: dict[str, str] = field(default_factory=dict)
    # Whole queries with misspelled words replaced by words the index has, best first.
    suggestions: list[str] = field(default_factory=list)
