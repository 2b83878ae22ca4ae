"""RowQuery: Agora's own description of a read of one table (pure, engine-neutral).

Both APIs translate their parameters into it (CKAN `datastore_search` at the compatibility
edge, the native `/data/<id>/rows` directly) and every backend translates it into its engine's
language. Fields are checked against the table's columns and values converted to the columns'
types here, once, so a backend never sees an unknown name or an untyped value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidQuery

OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "contains")
AGGREGATES = ("count", "sum", "avg", "min", "max")
ROW_ID = "_id"
NUMERIC = frozenset({"integer", "number", "year"})


@dataclass(frozen=True)
class Column:
    """One column of a loaded table: its name, Table Schema type and dictionary entry."""

    name: str
    type: str = "string"
    title: str = ""
    description: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Filter:
    field: str
    op: str
    value: Any


@dataclass(frozen=True)
class Sort:
    field: str
    descending: bool = False


@dataclass(frozen=True)
class Aggregate:
    function: str
    field: str | None = None  # None: count(*)

    @property
    def alias(self) -> str:
        return f"{self.function}_{self.field}" if self.field else self.function


@dataclass(frozen=True)
class RowQuery:
    fields: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    text: str = ""
    text_by_field: tuple[tuple[str, str], ...] = ()
    sort: tuple[Sort, ...] = ()
    limit: int = 100
    offset: int = 0
    after: tuple[Any, ...] | None = None
    group_by: tuple[str, ...] = ()
    aggregates: tuple[Aggregate, ...] = ()
    include_total: bool = False
    distinct: bool = False

    @property
    def is_aggregate(self) -> bool:
        return bool(self.group_by or self.aggregates)


@dataclass
class RowResult:
    columns: list[Column]
    rows: list[tuple[Any, ...]]
    total: int | None = None
    next_after: tuple[Any, ...] | None = None
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def column_map(columns: Sequence[Column]) -> dict[str, Column]:
    return {c.name: c for c in columns}


def _parse_date(value: str, kind: str) -> Any:
    try:
        if kind == "date":
            return dt.date.fromisoformat(value)
        if kind == "datetime":
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.time.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"not an ISO {kind}") from error


def typed_value(column: Column, value: Any) -> Any:
    """`value` converted to the column's type; ValueError when it cannot be."""
    if value is None:
        return None
    kind = column.type
    if kind in ("integer", "year"):
        if isinstance(value, bool):
            raise ValueError("not an integer")
        if isinstance(value, float) and not value.is_integer():
            raise ValueError("not an integer")
        return int(str(value).strip()) if not isinstance(value, int | float) else int(value)
    if kind == "number":
        number = float(value)
        if math.isnan(number):
            raise ValueError("not a number")
        return number
    if kind == "boolean":
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "t"):
            return True
        if text in ("false", "0", "no", "f"):
            return False
        raise ValueError("not a boolean")
    if kind in ("date", "datetime", "time"):
        return _parse_date(str(value), kind)
    return str(value)


def _checked_filter(columns: Mapping[str, Column], item: Filter) -> Filter:
    column = columns.get(item.field)
    if column is None:
        raise InvalidQuery(fields={"filters": [f'Field "{item.field}" does not exist']})
    if item.op not in OPERATORS:
        raise InvalidQuery(fields={"filters": [f'Unknown operator "{item.op}"']})
    try:
        if item.op == "in":
            values = item.value if isinstance(item.value, list | tuple) else [item.value]
            return Filter(item.field, "in", tuple(typed_value(column, v) for v in values))
        if item.op == "contains":
            return Filter(item.field, "contains", str(item.value))
        return Filter(item.field, item.op, typed_value(column, item.value))
    except (ValueError, TypeError, OverflowError) as error:
        message = f'Value {str(item.value)[:50]!r} is not valid for "{item.field}" ({column.type})'
        raise InvalidQuery(fields={"filters": [message]}) from error


def _known(columns: Mapping[str, Column], names: Sequence[str], key: str) -> None:
    unknown = [n for n in names if n not in columns and n != ROW_ID]
    if unknown:
        raise InvalidQuery(fields={key: [f'Field "{n}" does not exist' for n in unknown]})


def checked(query: RowQuery, columns: Sequence[Column], *, rows_max: int) -> RowQuery:
    """The query with every name checked and every value typed; InvalidQuery otherwise."""
    by_name = column_map(columns)
    _known(by_name, query.fields, "fields")
    aliases = {a.alias for a in query.aggregates} or ({"count"} if query.group_by else set())
    _known(by_name, [s.field for s in query.sort if s.field not in aliases], "sort")
    _known(by_name, query.group_by, "group_by")
    _known(by_name, [f for f, _ in query.text_by_field], "q")
    for aggregate in query.aggregates:
        if aggregate.function not in AGGREGATES:
            raise InvalidQuery(fields={"aggregate": [f'Unknown function "{aggregate.function}"']})
        if aggregate.field is not None:
            _known(by_name, [aggregate.field], "aggregate")
            kind = by_name[aggregate.field].type if aggregate.field in by_name else "integer"
            if aggregate.function in ("sum", "avg") and kind not in NUMERIC:
                message = (
                    f'{aggregate.function} needs a numeric field, "{aggregate.field}" is {kind}'
                )
                raise InvalidQuery(fields={"aggregate": [message]})
        elif aggregate.function != "count":
            raise InvalidQuery(fields={"aggregate": [f"{aggregate.function} needs a field"]})
    if query.limit < 0 or query.offset < 0:
        raise InvalidQuery(fields={"limit": ["limit and offset must not be negative"]})
    filters = tuple(_checked_filter(by_name, f) for f in query.filters)
    return RowQuery(
        fields=query.fields,
        filters=filters,
        text=query.text,
        text_by_field=query.text_by_field,
        sort=query.sort,
        limit=min(query.limit, rows_max),
        offset=query.offset,
        after=query.after,
        group_by=query.group_by,
        aggregates=query.aggregates,
        include_total=query.include_total,
        distinct=query.distinct,
    )
