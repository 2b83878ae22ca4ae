"""RowQuery -> SQL text plus parameters (DuckDB dialect, but plain SQL where possible).

Names are always quoted identifiers taken from the table's own columns (query.checked refused
anything else) and values are always parameters, so no user text ever becomes SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..query import ROW_ID, Column, Filter, RowQuery, Sort
from ..schema import quote

_COMPARE = {"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def _filter(item: Filter, params: list[Any]) -> str:
    column = quote(item.field)
    if item.op == "in":
        if not item.value:
            return "false"
        params.extend(item.value)
        return f"{column} IN ({', '.join('?' for _ in item.value)})"
    if item.op == "contains":
        params.append(item.value.lower())
        return f"contains(lower(CAST({column} AS VARCHAR)), ?)"
    if item.value is None:
        return f"{column} IS NULL" if item.op == "eq" else f"{column} IS NOT NULL"
    params.append(item.value)
    return f"{column} {_COMPARE[item.op]} ?"


def _text(query: RowQuery, columns: Sequence[Column], params: list[Any]) -> list[str]:
    """CKAN's `q`: every word must appear (case-insensitively) in some text column."""
    clauses = []
    text_columns = [quote(c.name) for c in columns if c.type == "string"] or [
        f"CAST({quote(c.name)} AS VARCHAR)" for c in columns
    ]
    for word in query.text.split():
        params.extend([f"%{word}%"] * len(text_columns))
        clauses.append("(" + " OR ".join(f"{c} ILIKE ?" for c in text_columns) + ")")
    for name, text in query.text_by_field:
        for word in text.split():
            params.append(f"%{word}%")
            clauses.append(f"CAST({quote(name)} AS VARCHAR) ILIKE ?")
    return clauses


def where(query: RowQuery, columns: Sequence[Column], params: list[Any]) -> str:
    clauses = [_filter(f, params) for f in query.filters]
    clauses += _text(query, columns, params)
    return " AND ".join(clauses) if clauses else "true"


def order_keys(query: RowQuery) -> list[Sort]:
    """The sort, always ending with `_id` so that pages are stable and keyset-able."""
    keys = [s for s in query.sort if s.field != ROW_ID]
    tail = next((s for s in query.sort if s.field == ROW_ID), Sort(ROW_ID))
    return [*keys, tail]


def order_by(keys: Sequence[Sort]) -> str:
    return ", ".join(
        f"{quote(k.field)} {'DESC' if k.descending else 'ASC'} NULLS LAST" for k in keys
    )


def keyset(keys: Sequence[Sort], after: Sequence[Any], params: list[Any]) -> str:
    """Rows strictly after `after` in the order of `keys` (NULLs last in both directions)."""
    alternatives = []
    for index, key in enumerate(keys):
        parts = []
        for previous, value in zip(keys[:index], after[:index], strict=True):
            if value is None:
                parts.append(f"{quote(previous.field)} IS NULL")
            else:
                params.append(value)
                parts.append(f"{quote(previous.field)} = ?")
        value = after[index]
        column = quote(key.field)
        if value is None:
            continue  # nothing sorts after NULL within this key
        params.append(value)
        beyond = f"{column} {'<' if key.descending else '>'} ?"
        parts.append(f"({beyond} OR {column} IS NULL)")
        alternatives.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(alternatives) + ")" if alternatives else "false"


def select_rows(
    query: RowQuery, columns: Sequence[Column], source: str
) -> tuple[str, list[Any], int]:
    """The page's SQL, its parameters and how many of its columns were asked for (the sort
    keys a keyset cursor needs are selected after them and dropped from the answer)."""
    names = list(query.fields) or [ROW_ID, *(c.name for c in columns)]
    visible = len(names)
    if not query.distinct:
        names += [k.field for k in order_keys(query) if k.field not in names]
    params: list[Any] = []
    condition = where(query, columns, params)
    keys = order_keys(query)
    if query.after is not None:
        condition = f"({condition}) AND {keyset(keys, query.after, params)}"
    distinct = "DISTINCT " if query.distinct else ""
    selected = ", ".join(quote(n) for n in names)
    sql = f"SELECT {distinct}{selected} FROM {source} WHERE {condition}"  # noqa: S608
    if not query.distinct:
        sql += f" ORDER BY {order_by(keys)}"
    elif query.sort:
        sql += f" ORDER BY {order_by(query.sort)}"
    sql += f" LIMIT {int(query.limit) + 1}"
    if query.offset and query.after is None:
        sql += f" OFFSET {int(query.offset)}"
    return sql, params, visible


def count_rows(query: RowQuery, columns: Sequence[Column], source: str) -> tuple[str, list[Any]]:
    params: list[Any] = []
    condition = where(query, columns, params)
    if query.distinct:
        names = ", ".join(quote(n) for n in (query.fields or [c.name for c in columns]))
        inner = f"SELECT DISTINCT {names} FROM {source} WHERE {condition}"  # noqa: S608
        return f"SELECT count(*) FROM ({inner})", params  # noqa: S608
    return f"SELECT count(*) FROM {source} WHERE {condition}", params  # noqa: S608


def select_aggregate(
    query: RowQuery, columns: Sequence[Column], source: str
) -> tuple[str, list[Any], list[str]]:
    params: list[Any] = []
    condition = where(query, columns, params)
    groups = [quote(g) for g in query.group_by]
    aggregates = query.aggregates or ()
    expressions = []
    aliases = list(query.group_by)
    for aggregate in aggregates:
        argument = quote(aggregate.field) if aggregate.field else "*"
        expressions.append(f"{aggregate.function}({argument}) AS {quote(aggregate.alias)}")
        aliases.append(aggregate.alias)
    if not expressions:
        expressions.append("count(*) AS count")
        aliases.append("count")
    selected = ", ".join([*groups, *expressions])
    sql = f"SELECT {selected} FROM {source} WHERE {condition}"  # noqa: S608
    if groups:
        sql += f" GROUP BY {', '.join(groups)}"
    sort = [s for s in query.sort if s.field in aliases]
    if sort:
        sql += " ORDER BY " + ", ".join(
            f"{quote(s.field)} {'DESC' if s.descending else 'ASC'} NULLS LAST" for s in sort
        )
    elif groups:
        sql += " ORDER BY " + ", ".join(f"{g} NULLS LAST" for g in groups)
    sql += f" LIMIT {int(query.limit) + 1}"
    if query.offset:
        sql += f" OFFSET {int(query.offset)}"
    return sql, params, aliases
