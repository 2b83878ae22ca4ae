"""The one entry point for searching: check the query against the adapter, take the reader's
visibility rule from the adapter, run the engine, and add highlighted passages if asked."""

from __future__ import annotations

import dataclasses

from agora.core.actor import Actor

from . import registry
from .adapters import SearchAdapter
from .analysis import terms
from .backends import current_backend
from .backends.base import Completion
from .documents import LOCALIZED_LANGUAGES, OTHER_LANGUAGE
from .errors import InvalidSearchQuery
from .highlight import highlight_results
from .query import (
    And,
    Filter,
    MatchAll,
    Not,
    Or,
    Phrase,
    RangeFilter,
    SearchQuery,
    SearchResult,
    Term,
    TextNode,
)
from .syntax import fields_in

MAX_AUTOCOMPLETE = 50
# Every word is looked up in every language's fields: a query's cost grows with its terms.
MAX_TERMS = 500


def _check_filter(adapter: SearchAdapter, item: Filter | RangeFilter) -> None:
    if item.field not in set(adapter.fields) - set(adapter.text_fields):
        raise InvalidSearchQuery(f"Cannot filter on {item.field}")
    if isinstance(item, RangeFilter):
        if item.field not in adapter.date_fields:
            raise InvalidSearchQuery(f"{item.field} does not take a range")
        return
    if item.field in adapter.date_fields:
        raise InvalidSearchQuery(f"{item.field} takes a range: [start TO end]")
    if not item.values:
        raise InvalidSearchQuery(f"Filter on {item.field} has no value")
    for value in item.values:
        adapter.check_filter(item.field, value)


def _check(adapter: SearchAdapter, query: SearchQuery) -> None:
    """Refuse, by name, anything the adapter does not declare (never an engine error later)."""
    for item in query.filters:
        _check_filter(adapter, item)
    keywords = set(adapter.fields) - set(adapter.text_fields)
    for name in query.facets:
        if name not in keywords:
            raise InvalidSearchQuery(f"Cannot facet on {name}")
    unknown = fields_in(query.text) - set(adapter.fields)
    if unknown:
        raise InvalidSearchQuery(f"Unknown fields in the query: {', '.join(sorted(unknown))}")
    if query.offset < 0 or query.limit < 0:
        raise InvalidSearchQuery("offset and limit cannot be negative")
    if _terms(query.text) + len(query.filters) > MAX_TERMS:
        raise InvalidSearchQuery(f"The query has more than {MAX_TERMS} terms and filters")


def _terms(node: TextNode) -> int:
    if isinstance(node, And | Or):
        return sum(_terms(item) for item in node.items)
    if isinstance(node, Not):
        return _terms(node.item)
    return 0 if isinstance(node, MatchAll) else 1


def _has_words(adapter: SearchAdapter, node: TextNode) -> bool:
    """Whether any word of the text survives analysis in some language (or is an exact
    value of a keyword field). Punctuation alone, or words longer than any indexed word,
    leave nothing to look for."""
    if isinstance(node, Term | Phrase):
        if node.field is not None and node.field not in adapter.text_fields:
            return True
        return any(terms(node.text, lang) for lang in (*LOCALIZED_LANGUAGES, OTHER_LANGUAGE))
    if isinstance(node, And | Or):
        return any(_has_words(adapter, item) for item in node.items)
    if isinstance(node, Not):
        return _has_words(adapter, node.item)
    return False


def search(*, actor: Actor, query: SearchQuery, kind: str = "dataset") -> SearchResult:
    """Search what this actor may see; the visibility rule is applied inside the engine.

    A text that leaves no word to look for (only punctuation, say) finds nothing, on every
    engine, rather than everything."""
    adapter = registry.get(kind)
    _check(adapter, query)
    if not isinstance(query.text, MatchAll) and not _has_words(adapter, query.text):
        return SearchResult(total=0, ids=[], facets={name: [] for name in query.facets})
    visibility = adapter.visibility(
        actor, include_private=query.include_private, include_drafts=query.include_drafts
    )
    result = current_backend().search(adapter, visibility, query)
    if query.highlight and result.ids:
        snippets, titles = highlight_results(adapter, result.ids, query.text, query.language)
        result = dataclasses.replace(result, snippets=snippets, highlighted_titles=titles)
    return result


def autocomplete(
    *,
    actor: Actor,
    text: str,
    limit: int = 10,
    include_private: bool = False,
    kind: str = "dataset",
) -> list[Completion]:
    """Titles (of what this actor may see) with words starting with what was typed."""
    adapter = registry.get(kind)
    visibility = adapter.visibility(actor, include_private=include_private, include_drafts=False)
    cleaned = "".join(c for c in text[:200] if c.isprintable())
    return current_backend().autocomplete(
        adapter, visibility, cleaned, max(0, min(limit, MAX_AUTOCOMPLETE))
    )
