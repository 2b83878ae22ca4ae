"""The multi-node engine: PostgreSQL full-text search on a table shared by every app node.

The table (migration search 0002, PostgreSQL only) is written in the transaction of the
catalogue change itself, so it is never behind the data: no outbox, no worker, nothing to
drift. A search is three statements on one connection: the page (ranked with ts_rank, times
the same recency factor the embedded engine uses), the total, and every facet in one
GROUP BY over the matching rows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson
from django.db import connection, transaction

from agora.core.i18n import pick

from ...adapters import SearchAdapter
from ...analysis import terms
from ...documents import OTHER_LANGUAGE, SearchDocument, Visibility, iso_utc
from ...errors import InvalidSearchQuery, SearchUnavailable
from ...query import FacetCount, SearchQuery, SearchResult, Sort, Term
from ...suggest import best_correction, correctable_words
from ...syntax import unparse
from ..base import Completion, IndexWriter, SearchBackend
from .sql import (
    CONFIGS,
    Condition,
    SqlBuilder,
    filter_condition,
    rank_weights,
    spaced_han,
    visibility_condition,
    weight_letters,
)
from .writing import insert_statement, row_of

SUGGESTION_SOURCES = 30


class PostgresWriter(IndexWriter):
    """Writes go straight into the table, inside the caller's transaction."""

    def __init__(self, adapter: SearchAdapter) -> None:
        self.adapter = adapter
        self.statement = insert_statement(adapter)

    def put(self, documents: Iterable[SearchDocument]) -> int:
        return self.put_encoded([row_of(self.adapter, d) for d in documents])

    def encode(self, document: SearchDocument) -> list[object]:
        return row_of(self.adapter, document)

    def put_encoded(self, rows: list[Any]) -> int:
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.statement, rows)
        return len(rows)

    def delete(self, ids: Iterable[str]) -> None:
        keys = list(ids)
        if keys:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM search_document WHERE kind = %s AND object_id = ANY(%s)",
                    [self.adapter.name, keys],
                )

    def commit(self) -> None:
        """Nothing to do: the rows commit with the transaction that wrote them."""


def _require_postgres() -> None:
    if connection.vendor != "postgresql":
        raise SearchUnavailable(
            "AGORA_SEARCH_BACKEND=postgres needs DATABASE_URL to name a PostgreSQL database."
        )


class PostgresBackend(SearchBackend):
    name = "postgres"
    uses_outbox = False

    @contextlib.contextmanager
    def writer(self, adapter: SearchAdapter) -> Iterator[IndexWriter]:
        _require_postgres()
        yield PostgresWriter(adapter)

    def rebuild(self, adapter: SearchAdapter, fill: Callable[[IndexWriter], None]) -> None:
        """Delete and refill in one transaction: readers see the old rows until it commits
        (MVCC), and catalogue writes that touch the table wait for it, then land on top."""
        _require_postgres()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE kind = %s", [adapter.name])
            fill(PostgresWriter(adapter))

    def stamps(self, adapter: SearchAdapter) -> Iterator[tuple[str, int]]:
        _require_postgres()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT object_id, stamp FROM search_document WHERE kind = %s", [adapter.name]
            )
            for object_id, stamp in cursor.fetchall():
                yield object_id, int(stamp)

    # ------------------------------------------------------------------ searching

    def search(
        self, adapter: SearchAdapter, visibility: Visibility, query: SearchQuery
    ) -> SearchResult:
        _require_postgres()
        builder = SqlBuilder(adapter)
        text = builder.text(query.text)
        where = _where(adapter, visibility, query, text)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_document WHERE {where.sql}", where.params)  # noqa: S608
            total = int(cursor.fetchone()[0])
            ids = _page(cursor, adapter, builder, query, where, scored=text is not None)
            facets = _facets(cursor, adapter, query, where) if query.facets else {}
        suggestions = []
        if query.suggest and text is not None:
            suggestions = _suggest(adapter, visibility, query)
        return SearchResult(total=total, ids=ids, facets=facets, suggestions=suggestions)

    def autocomplete(
        self, adapter: SearchAdapter, visibility: Visibility, text: str, limit: int
    ) -> list[Completion]:
        _require_postgres()
        words = terms(text, OTHER_LANGUAGE)
        if not words or limit <= 0:
            return []
        pattern = r"\m" + r"\W+\m".join(_regex_escape(w) for w in words)
        rule = visibility_condition(visibility)
        sql = (
            "SELECT object_id, titles FROM search_document "  # noqa: S608 - fixed text
            f"WHERE kind = %s AND plain ~ %s AND {rule.sql} ORDER BY boost DESC, object_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [adapter.name, pattern, *rule.params, limit])
            rows = cursor.fetchall()
        return [Completion(id=key, title=pick(_json(titles))[0]) for key, titles in rows]


def _json(value: object) -> dict[str, str]:
    if isinstance(value, str | bytes):
        return dict(orjson.loads(value))
    return dict(value or {})  # type: ignore[call-overload]


def _regex_escape(text: str) -> str:
    return "".join(f"\\{c}" if not c.isalnum() else c for c in text)


def _where(
    adapter: SearchAdapter, visibility: Visibility, query: SearchQuery, text: Condition | None
) -> Condition:
    parts = [Condition("kind = %s", [adapter.name]), visibility_condition(visibility)]
    if text is not None:
        parts.append(text)
    parts += [c for c in (filter_condition(adapter, f) for f in query.filters) if c is not None]
    return Condition(" AND ".join(p.sql for p in parts), [v for p in parts for v in p.params])


def _order(adapter: SearchAdapter, query: SearchQuery, scored: bool) -> Sort | None:
    for sort in query.sort:
        if sort.field == "score":
            if scored:
                return None
            continue
        if sort.field not in adapter.sorts:
            raise InvalidSearchQuery(f"Cannot sort by {sort.field}")
        return sort
    return None if scored else Sort("metadata_modified", descending=True)


def _page(cursor, adapter, builder, query, where, *, scored):  # type: ignore[no-untyped-def]
    if query.limit <= 0:
        return []
    order = _order(adapter, query, scored)
    params: list[object] = []
    rank = builder.rank_query()
    if order is None and rank is None:  # only exclusions or exact fields: all score alike
        order_sql = "boost DESC, object_id"
    elif order is None and rank is not None:
        weights = rank_weights(adapter)
        score = f"ts_rank('{weights}', tsv, {rank.sql})"
        params += rank.params
        bonus = builder.phrase_bonus(query.text)
        if bonus is not None:
            score = f"({score} + 0.5 * ts_rank('{weights}', tsv, {bonus.sql}))"
            params += bonus.params
        order_sql = f"{score} * ln(2 + boost) DESC, object_id"
    else:
        assert order is not None  # noqa: S101 - the two branches above cover None
        column = "dates" if order.field in adapter.date_fields else "sorts"
        direction = "DESC" if order.descending else "ASC"
        order_sql = f'({column} ->> %s) COLLATE "C" {direction}, object_id'
        params.append(order.field)
    sql = (
        f"SELECT object_id FROM search_document WHERE {where.sql} "  # noqa: S608 - fixed text
        f"ORDER BY {order_sql} LIMIT %s OFFSET %s"
    )
    cursor.execute(sql, [*where.params, *params, query.limit, query.offset])
    return [row[0] for row in cursor.fetchall()]


def _facets(cursor, adapter: SearchAdapter, query: SearchQuery, where: Condition):  # type: ignore[no-untyped-def]
    """Keyword facets in one GROUP BY over the matching rows' keys; date facets apart."""
    limit = query.facet_limit if query.facet_limit >= 0 else 1_000_000
    mincount = max(query.facet_mincount, 1)
    facets: dict[str, list[FacetCount]] = {name: [] for name in query.facets}
    keyed = [name for name in query.facets if name not in adapter.date_fields]
    if keyed:
        sql = (
            "SELECT f, v, n FROM (SELECT split_part(k, '=', 1) AS f, "  # noqa: S608 - fixed text
            "substr(k, strpos(k, '=') + 1) AS v, count(*) AS n, row_number() OVER ("
            "PARTITION BY split_part(k, '=', 1) ORDER BY count(*) DESC, "
            "substr(k, strpos(k, '=') + 1) COLLATE \"C\") AS r "
            f"FROM search_document, unnest(keys) AS k WHERE {where.sql} AND k LIKE ANY(%s) "
            "GROUP BY k) AS counted WHERE r <= %s AND n >= %s"
        )
        cursor.execute(sql, [*where.params, [f"{n}=%" for n in keyed], limit, mincount])
        for name, value, count in cursor.fetchall():
            if name in facets:
                facets[name].append(FacetCount(value, int(count)))
    for name in query.facets:
        if name in adapter.date_fields:
            sql = (
                "SELECT dates ->> %s AS v, count(*) FROM search_document "  # noqa: S608
                f"WHERE {where.sql} AND dates ? %s GROUP BY v HAVING count(*) >= %s "
                "ORDER BY count(*) DESC, v LIMIT %s"  # ISO timestamps: any collation
            )
            cursor.execute(sql, [name, *where.params, name, mincount, limit])
            facets[name] = [FacetCount(v, int(n)) for v, n in cursor.fetchall()]
    for counts in facets.values():
        counts.sort(key=lambda c: (-c.count, c.value))
    return facets if limit > 0 else {name: [] for name in query.facets}


def _suggest(adapter: SearchAdapter, visibility: Visibility, query: SearchQuery) -> list[str]:
    """Words with no visible match, corrected from visible titles with similar trigrams."""
    rule = visibility_condition(visibility)
    corrections = {}
    for word in correctable_words(query.text):
        builder = SqlBuilder(adapter)
        alone = builder.text(Term(word))
        if alone is None:
            continue
        plain = terms(word, OTHER_LANGUAGE)
        if len(plain) != 1:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM search_document WHERE kind = %s AND {alone.sql} "  # noqa: S608
                f"AND {rule.sql})",
                [adapter.name, *alone.params, *rule.params],
            )
            if cursor.fetchone()[0]:
                continue
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', true)")
            cursor.execute(
                f"SELECT titles FROM search_document WHERE kind = %s AND %s <%% plain "  # noqa: S608
                f"AND {rule.sql} LIMIT %s",
                [adapter.name, plain[0], *rule.params, SUGGESTION_SOURCES],
            )
            titles = [t for (row,) in cursor.fetchall() for t in _json(row).values()]
        found = best_correction(plain[0], titles)
        if found:
            corrections[word] = found
    return [unparse(query.text, corrections)] if corrections else []


__all__ = ["CONFIGS", "PostgresBackend", "iso_utc", "spaced_han", "weight_letters"]
