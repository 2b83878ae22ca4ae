"""Reads of the tabular store. Every one starts from the catalogue's visibility rule.

`table_for` is the gate: it finds the distribution only if the actor may see its dataset
(catalog.selectors.distribution_get), then the newest ready table of it. Row queries, exports,
`datastore_info` and SQL all go through it, so a private distribution is never readable by
someone who cannot see the dataset, whatever the endpoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

from agora.catalog.models import Distribution
from agora.catalog.selectors import distribution_get
from agora.core.actor import Actor
from agora.core.errors import NotFound

from .backends import TableHandle, get_backend
from .errors import SqlRefused, TableNotFound
from .models import DataDictionary, DataTable, TableStatus
from .query import Column, RowQuery, RowResult, checked
from .sandbox import check_sql


@dataclass(frozen=True)
class TableView:
    distribution: Distribution
    table: DataTable
    handle: TableHandle


def _columns(table: DataTable, dictionary: DataDictionary | None) -> tuple[Column, ...]:
    columns = []
    for item in table.columns:
        entry = dictionary.entry(item["name"]) if dictionary else {}
        columns.append(
            Column(
                name=item["name"],
                type=item.get("type", "string"),
                title=entry.get("title", ""),
                description=entry.get("description", ""),
                unit=entry.get("unit", ""),
            )
        )
    return tuple(columns)


def ready_table(distribution: Distribution) -> DataTable | None:
    """The table readers get: the newest version whose ingest finished."""
    return (
        DataTable.objects.filter(distribution=distribution, status=TableStatus.READY)
        .select_related("parquet", "version")
        .order_by("-version__number")
        .first()
    )


def table_for(actor: Actor, distribution_id: str) -> TableView:
    dist = distribution_get(actor, distribution_id)
    table = ready_table(dist)
    if table is None or table.parquet is None:
        raise TableNotFound(f"Resource {distribution_id} has no queryable table.")
    dictionary = DataDictionary.objects.filter(distribution=dist).first()
    handle = TableHandle(
        str(dist.id), table.parquet, _columns(table, dictionary), table.row_count or 0
    )
    return TableView(dist, table, handle)


def latest_table(actor: Actor, distribution_id: str) -> tuple[Distribution, DataTable | None]:
    """The newest ingest attempt (whatever its status), for progress and reports."""
    dist = distribution_get(actor, distribution_id)
    latest = (
        DataTable.objects.filter(distribution=dist)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    return dist, latest


def dictionary_for(actor: Actor, distribution_id: str) -> list[dict[str, str]]:
    dist = distribution_get(actor, distribution_id)
    found = DataDictionary.objects.filter(distribution=dist).first()
    return list(found.fields) if found else []


def rows(actor: Actor, distribution_id: str, query: RowQuery) -> tuple[TableView, RowResult]:
    view = table_for(actor, distribution_id)
    valid = checked(query, view.handle.columns, rows_max=settings.AGORA_DATASTORE_ROWS_MAX)
    return view, get_backend().query(view.handle, valid)


def export(
    actor: Actor, distribution_id: str, query: RowQuery, fmt: str
) -> tuple[TableView, Iterator[bytes]]:
    view = table_for(actor, distribution_id)
    valid = checked(query, view.handle.columns, rows_max=2**62)
    return view, get_backend().export(view.handle, valid, fmt)


def sql(actor: Actor, statement: str) -> tuple[RowResult, str]:
    """Run one checked SELECT over tables the actor may see; unknown or hidden tables are
    refused alike (naming a private resource id tells nothing about it)."""
    checked_sql = check_sql(statement, max_length=settings.AGORA_DATASTORE_SQL_MAX_LENGTH)
    tables = {}
    for name in checked_sql.tables:
        try:
            tables[name] = table_for(actor, name).handle
        except NotFound:
            raise SqlRefused(
                f'Refused: there is no table "{name}" you may read.',
                fields={"sql": [f'unknown table "{name}"']},
            ) from None
    result = get_backend().sql(tables, checked_sql.sql, rows_max=settings.AGORA_DATASTORE_ROWS_MAX)
    return result, checked_sql.sql
