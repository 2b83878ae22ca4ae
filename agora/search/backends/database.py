"""Search with plain ORM queries: correct on any database, fine for small catalogues.

This is the foundation's engine: it needs nothing but the database. Free text matches a
lower-cased `search_text` column with substring lookups, facets are GROUP BY counts. The
dedicated engines (embedded Tantivy, PostgreSQL full-text search) replace it for scale.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from agora.core.actor import Actor

from ..adapters import SearchAdapter
from ..errors import InvalidSearchQuery
from ..query import (
    And,
    FacetCount,
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

# SQLite parses a chain of n ANDs or ORs as an expression tree n deep and refuses more than
# 1000; each term and each filter is one condition, so a query may have this many in all.
MAX_TERMS = 500


def _terms(node: TextNode) -> int:
    if isinstance(node, And | Or):
        return sum(_terms(item) for item in node.items)
    if isinstance(node, Not):
        return _terms(node.item)
    return 0 if isinstance(node, MatchAll) else 1


def _path(adapter: SearchAdapter, field: str) -> str:
    try:
        return adapter.fields[field]
    except KeyError as error:
        raise InvalidSearchQuery(f"Unknown field: {field}") from error


def _text_q(adapter: SearchAdapter, node: TextNode) -> Q:
    if isinstance(node, MatchAll):
        return Q()
    if isinstance(node, Term | Phrase):
        text = node.text.lower()
        if node.field is None:
            query = Q()
            for path in adapter.text_paths:
                query |= Q(**{f"{path}__icontains": text})
            return query
        path = _path(adapter, node.field)
        if node.field in adapter.text_fields:
            return Q(**{f"{path}__icontains": text})
        if isinstance(node, Term) and node.prefix:
            return Q(**{f"{path}__istartswith": text})
        return Q(**{f"{path}__iexact": node.text})
    if isinstance(node, And):
        query = Q()
        for item in node.items:
            query &= _text_q(adapter, item)
        return query
    if isinstance(node, Or):
        query = Q()
        for item in node.items:
            query |= _text_q(adapter, item)
        return query
    if isinstance(node, Not):
        return ~_text_q(adapter, node.item)
    raise InvalidSearchQuery("Unsupported query")


def _filter_q(adapter: SearchAdapter, item: Filter | RangeFilter) -> Q:
    path = _path(adapter, item.field)
    if isinstance(item, RangeFilter):
        query = Q()
        if item.start is not None:
            query &= Q(**{f"{path}__gte": item.start})
        if item.end is not None:
            query &= Q(**{f"{path}__lte": item.end})
        return query
    query = Q(**{f"{path}__in": list(item.values)})
    return ~query if item.negate else query


class DatabaseBackend:
    def search(self, adapter: SearchAdapter, actor: Actor, query: SearchQuery) -> SearchResult:
        if _terms(query.text) + len(query.filters) > MAX_TERMS:
            raise InvalidSearchQuery(f"The query has more than {MAX_TERMS} terms and filters")
        visible = adapter.visible(
            actor, include_private=query.include_private, include_drafts=query.include_drafts
        )
        condition = _text_q(adapter, query.text)
        for item in query.filters:
            condition &= _filter_q(adapter, item)
        try:
            # Filters across to-many relations can repeat rows; matching on ids keeps one each.
            matching = visible.model.objects.filter(pk__in=visible.filter(condition).values("pk"))
        except ValidationError as error:  # a value the field cannot hold (fq "id:abc")
            raise InvalidSearchQuery(" ".join(error.messages)) from error
        total = matching.count()
        ordered = matching.order_by(*self._ordering(adapter, query), "pk")
        ids = [
            str(pk)
            for pk in ordered.values_list("pk", flat=True)[
                query.offset : query.offset + query.limit
            ]
        ]
        facets = {name: self._facet(adapter, matching, name, query) for name in query.facets}
        return SearchResult(total=total, ids=ids, facets=facets)

    @staticmethod
    def _ordering(adapter: SearchAdapter, query: SearchQuery) -> list[str]:
        ordering = []
        for sort in query.sort:
            if sort.field == "score":
                continue  # no relevance ranking here: fall through to the next key
            path = adapter.sorts.get(sort.field)
            if path is None:
                raise InvalidSearchQuery(f"Cannot sort by {sort.field}")
            ordering.append(f"-{path}" if sort.descending else path)
        return ordering or [f"-{adapter.sorts['metadata_modified']}"]

    @staticmethod
    def _facet(
        adapter: SearchAdapter,
        matching: QuerySet,
        name: str,
        query: SearchQuery,  # type: ignore[type-arg]
    ) -> list[FacetCount]:
        path = _path(adapter, name)
        present = matching.exclude(**{f"{path}__isnull": True})
        with contextlib.suppress(ValidationError):  # only text fields can hold ""
            present = present.exclude(**{path: ""})
        rows = (
            present.values(path)
            .annotate(n=Count("pk", distinct=True))
            .filter(n__gte=max(query.facet_mincount, 1))
            .order_by("-n", path)
        )
        if query.facet_limit >= 0:
            rows = rows[: query.facet_limit]
        return [FacetCount(value=str(row[path]), count=row["n"]) for row in rows]
