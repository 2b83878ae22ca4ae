"""The DuckDB backend: tables are queried in-process from the node's DuckDB file of each table.

Row queries (our own SQL, values as parameters) run on one long-lived connection per thread:
opening DuckDB costs ~25 ms, a query on an open connection under 1 ms of overhead. That
connection can only read files under the table cache (allowed_directories, external access
off, configuration locked). User SQL gets a fresh connection for each statement, allowed to
read exactly the files of the tables it names, with time, memory and row limits.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings

from agora.core.files import cache_dir

from .. import cache
from ..errors import QueryFailed
from ..query import ROW_ID, Column, RowQuery, RowResult
from ..schema import literal, quote, table_type
from . import sqlbuild
from .base import EXPORT_FORMATS, DatastoreBackend, TableHandle

XLSX_MAX_ROWS = 1_048_575
STREAM_BATCH = 10_000
_local = threading.local()


def _tables_dir() -> Path:
    path = cache_dir() / "tables"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _config(spill: Path | None = None) -> dict[str, Any]:
    """Queries never spill to disk (an empty temp_directory: without it DuckDB would write to
    `.tmp` in the current directory); exports, which may sort a whole table, spill into a
    folder of their own under the node cache."""
    config: dict[str, Any] = {
        "threads": settings.AGORA_DATASTORE_QUERY_THREADS,
        "memory_limit": settings.AGORA_DATASTORE_SQL_MEMORY_LIMIT,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "temp_directory": "",
    }
    if spill is not None:
        spill.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = str(spill)
    return config


@contextlib.contextmanager
def _work() -> Iterator[Path]:
    """A folder for one export's files under the node cache, removed afterwards."""
    root = cache_dir() / "work"
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="export-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _lock_down(connection: duckdb.DuckDBPyConnection, *, paths: list[str] | None = None) -> None:
    if paths is not None:
        connection.execute("SET allowed_paths=[" + ", ".join(literal(p) for p in paths) + "]")
    else:
        connection.execute(f"SET allowed_directories=[{literal(str(_tables_dir()) + '/')}]")
    connection.execute("SET enable_external_access=false")
    connection.execute("SET max_expression_depth=200")
    connection.execute("SET lock_configuration=true")


class _Connection:
    """This thread's query connection and the table files it has attached."""

    def __init__(self) -> None:
        self.folder = str(_tables_dir())
        self.connection = duckdb.connect(config=_config())
        _lock_down(self.connection)
        self.attached: dict[str, str] = {}
        self.lock = threading.Lock()

    def source(self, table: TableHandle) -> str:
        path = cache.ensure_native(table.parquet)
        alias = f"t_{table.parquet.sha256[:24]}"
        if alias not in self.attached or not os.path.exists(self.attached[alias]):
            if alias in self.attached:
                with contextlib.suppress(duckdb.Error):
                    self.connection.execute(f"DETACH {alias}")
            if len(self.attached) >= 64:
                for old in list(self.attached):
                    with contextlib.suppress(duckdb.Error):
                        self.connection.execute(f"DETACH {old}")
                self.attached.clear()
            self.connection.execute(f"ATTACH {literal(str(path))} AS {alias} (READ_ONLY)")
            self.attached[alias] = str(path)
        return f"{alias}.{cache.TABLE}"


def _connection() -> _Connection:
    """This thread's connection; a new one if the cache folder moved (its file access is
    locked to the folder it was opened with)."""
    current = getattr(_local, "connection", None)
    folder = str(_tables_dir())
    if current is None or current.folder != folder:
        if current is not None:
            current.connection.close()
        current = _local.connection = _Connection()
    return current


def _run(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
    timer = threading.Timer(settings.AGORA_DATASTORE_SQL_TIMEOUT_SECONDS, connection.interrupt)
    timer.start()
    try:
        return connection.execute(sql, params)
    except duckdb.InterruptException as error:
        raise QueryFailed(
            f"The query took longer than {settings.AGORA_DATASTORE_SQL_TIMEOUT_SECONDS} s.",
            code="datastore.timeout",
        ) from error
    except duckdb.OutOfMemoryException as error:
        raise QueryFailed(
            "The query needs more memory than allowed.", code="datastore.memory"
        ) from error
    except duckdb.Error as error:
        message = str(error).strip().splitlines()[0][:300] if str(error).strip() else "error"
        raise QueryFailed(message) from error
    finally:
        timer.cancel()


class DuckDBBackend(DatastoreBackend):
    name = "duckdb"

    def warm(self, table: TableHandle) -> None:
        cache.ensure_native(table.parquet)

    def query(self, table: TableHandle, query: RowQuery) -> RowResult:
        holder = _connection()
        with holder.lock:
            source = holder.source(table)
            if query.is_aggregate:
                return self._aggregate(holder.connection, table, query, source)
            return self._rows(holder.connection, table, query, source)

    def _rows(
        self,
        connection: duckdb.DuckDBPyConnection,
        table: TableHandle,
        query: RowQuery,
        source: str,
    ) -> RowResult:
        sql, params, visible = sqlbuild.select_rows(query, table.columns, source)
        cursor = _run(connection, sql, params)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        total = None
        if query.include_total:
            count_sql, count_params = sqlbuild.count_rows(query, table.columns, source)
            total = int(_run(connection, count_sql, count_params).fetchone()[0])
        next_after = None
        if more and rows and not query.distinct:
            keys = sqlbuild.order_keys(query)
            last = dict(zip(names, rows[-1], strict=True))
            next_after = tuple(last.get(k.field) for k in keys)
        by_name = {c.name: c for c in table.columns}
        columns = [by_name.get(n, Column(n, "integer")) for n in names[:visible]]
        if visible < len(names):
            rows = [r[:visible] for r in rows]
        return RowResult(columns, rows, total, next_after, truncated=more)

    def _aggregate(
        self,
        connection: duckdb.DuckDBPyConnection,
        table: TableHandle,
        query: RowQuery,
        source: str,
    ) -> RowResult:
        sql, params, aliases = sqlbuild.select_aggregate(query, table.columns, source)
        cursor = _run(connection, sql, params)
        rows = cursor.fetchall()
        more = len(rows) > query.limit
        by_name = {c.name: c for c in table.columns}
        kinds = {d[0]: table_type(str(d[1])) for d in cursor.description}
        columns = [by_name.get(a) or Column(a, kinds.get(a, "number")) for a in aliases]
        return RowResult(columns, rows[: query.limit], None, None, truncated=more)

    # ------------------------------------------------------------------ exports

    def export(self, table: TableHandle, query: RowQuery, fmt: str) -> Iterator[bytes]:
        if fmt not in EXPORT_FORMATS:
            raise QueryFailed(f"Unknown export format {fmt}", code="datastore.bad_format")
        holder = _connection()
        with holder.lock:
            source = holder.source(table)
        names = list(query.fields) or [ROW_ID, *(c.name for c in table.columns)]
        query = RowQuery(**{**query.__dict__, "fields": tuple(names), "limit": 0, "offset": 0})
        sql, params, _ = sqlbuild.select_rows(query, table.columns, source)
        sql = f"SELECT {', '.join(quote(n) for n in names)} FROM ({sql.rsplit(' LIMIT ', 1)[0]})"  # noqa: S608
        if fmt == "xlsx":
            sql += f" LIMIT {XLSX_MAX_ROWS}"
        return getattr(self, f"_export_{fmt}")(sql, params, source)

    def _open_export(self, source: str, spill: Path) -> duckdb.DuckDBPyConnection:
        """A connection of the export's own (exports stream for a while; queries go on)."""
        connection = duckdb.connect(config=_config(spill))
        alias = source.split(".", 1)[0]
        path = _connection().attached[alias]
        connection.execute(f"ATTACH {literal(path)} AS {alias} (READ_ONLY)")
        _lock_down(connection)
        return connection

    def _batches(
        self, sql: str, params: list[Any], source: str
    ) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        with _work() as work:
            connection = self._open_export(source, work / "duckdb-tmp")
            try:
                cursor = connection.execute(sql, params)
                names = [d[0] for d in cursor.description]
                while batch := cursor.fetchmany(STREAM_BATCH):
                    yield names, batch
            finally:
                connection.close()

    def _export_csv(self, sql: str, params: list[Any], source: str) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        header = False
        for names, batch in self._batches(sql, params, source):
            if not header:
                writer.writerow(names)
                header = True
            writer.writerows(batch)
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
        if not header:
            yield b""

    def _export_json(self, sql: str, params: list[Any], source: str) -> Iterator[bytes]:
        yield b"["
        first = True
        for names, batch in self._batches(sql, params, source):
            parts = []
            for row in batch:
                record = json.dumps(
                    dict(zip(names, row, strict=True)), default=str, ensure_ascii=False
                )
                parts.append(record if first else "," + record)
                first = False
            yield "\n".join(parts).encode("utf-8")
        yield b"]"

    def _export_parquet(self, sql: str, params: list[Any], source: str) -> Iterator[bytes]:
        with _work() as work:
            target = work / "export.parquet"
            connection = duckdb.connect(config=_config(work / "duckdb-tmp"))
            try:
                alias = source.split(".", 1)[0]
                path = _connection().attached[alias]
                connection.execute(f"ATTACH {literal(path)} AS {alias} (READ_ONLY)")
                connection.execute(
                    f"COPY ({sql}) TO {literal(str(target))} (FORMAT parquet, COMPRESSION zstd)",
                    params,
                )
            finally:
                connection.close()
            with open(target, "rb") as handle:
                yield from iter(lambda: handle.read(1024 * 1024), b"")

    def _export_xlsx(self, sql: str, params: list[Any], source: str) -> Iterator[bytes]:
        import xlsxwriter

        with _work() as work:
            target = work / "export.xlsx"
            workbook = xlsxwriter.Workbook(
                str(target),
                {
                    "constant_memory": True,
                    "tmpdir": str(work),
                    "default_date_format": "yyyy-mm-dd",
                    "remove_timezone": True,
                    "strings_to_numbers": False,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                },
            )
            sheet = workbook.add_worksheet("data")
            row_index = 0
            for names, batch in self._batches(sql, params, source):
                if row_index == 0:
                    sheet.write_row(0, 0, names)
                    row_index = 1
                for row in batch:
                    sheet.write_row(row_index, 0, [_xlsx_cell(v) for v in row])
                    row_index += 1
            workbook.close()
            with open(target, "rb") as handle:
                yield from iter(lambda: handle.read(1024 * 1024), b"")

    # ------------------------------------------------------------------ the SQL sandbox

    def sql(self, tables: Mapping[str, TableHandle], statement: str, *, rows_max: int) -> RowResult:
        connection = duckdb.connect(config=_config())
        try:
            paths = {name: str(cache.ensure_native(t.parquet)) for name, t in tables.items()}
            for index, (name, path) in enumerate(paths.items()):
                connection.execute(f"ATTACH {literal(path)} AS s{index} (READ_ONLY)")
                columns = ", ".join(quote(c.name) for c in tables[name].columns)
                source = f"s{index}.{cache.TABLE}"
                connection.execute(
                    f"CREATE VIEW {quote(name)} AS SELECT _id, {columns} FROM {source}"  # noqa: S608
                )
            _lock_down(connection, paths=list(paths.values()))
            wrapped = f"SELECT * FROM ({statement}) AS q LIMIT {int(rows_max) + 1}"  # noqa: S608
            cursor = _run(connection, wrapped, [])
            rows = cursor.fetchall()
            columns = [Column(d[0], table_type(str(d[1]))) for d in cursor.description]
        finally:
            connection.close()
        return RowResult(columns, rows[:rows_max], None, None, truncated=len(rows) > rows_max)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, int) and abs(value) > 2**53:
        return str(value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return value
