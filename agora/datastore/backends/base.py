"""What a tabular backend must do: answer RowQuery, export, run sandboxed SQL.

Backends receive tables the caller may read (visibility was applied by the selectors) and
queries whose names and values were checked (query.checked), and return our own types.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from agora.core.models import StoredFile

from ..query import Column, RowQuery, RowResult

EXPORT_FORMATS = ("csv", "json", "parquet", "xlsx")


@dataclass(frozen=True)
class TableHandle:
    """A ready table: the Parquet blob it lives in and its columns (dictionary applied)."""

    name: str  # the distribution id: the table's name in SQL and in CKAN
    parquet: StoredFile
    columns: tuple[Column, ...]
    row_count: int


class DatastoreBackend:
    name = "base"

    def query(self, table: TableHandle, query: RowQuery) -> RowResult:
        raise NotImplementedError

    def export(self, table: TableHandle, query: RowQuery, fmt: str) -> Iterator[bytes]:
        raise NotImplementedError

    def sql(self, tables: Mapping[str, TableHandle], statement: str, *, rows_max: int) -> RowResult:
        raise NotImplementedError

    def warm(self, table: TableHandle) -> None:
        """Prepare whatever the node needs to answer quickly (called after an ingest)."""
