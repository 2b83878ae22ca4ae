"""Load a prepared CSV (or Parquet) into a Parquet table with DuckDB, in one pass.

Every column is read as text and cast to its schema type in the same query that writes the
Parquet file (zstd). A value that does not fit becomes NULL and its row records the field in a
hidden `_invalid` column, so the report can name every bad value of every row without a second
pass over the source (measured: the cast and the check cost nothing next to reading the CSV).

These functions run inside the engine's child process (engine.py), never in the worker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..report import Finding, ValidationReport
from ..schema import cast_expression, clean_names, invalid_expression, literal, quote, table_type
from .errors import IngestFailed
from .validate import Dialect

PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd"
# DuckDB needs about 100 kB of buffers per text column while reading a CSV, and one wide
# expression per column: a 9,074-column file ran out of 1 GB (measured). Wider tables fail clearly.
MAX_COLUMNS = 2048


def sniff(connection: duckdb.DuckDBPyConnection, path: Path) -> tuple[Dialect, list[str]]:
    """Delimiter, header and leading rows to skip (DuckDB's sniffer), and the column names.

    The quote is always '"' (RFC 4180): the sniffer sometimes picks the apostrophe in files
    full of names like "Côte d'Ivoire".
    """
    try:
        row = connection.execute(
            "SELECT Delimiter, Escape, HasHeader, SkipRows, Columns FROM sniff_csv(?, "
            "all_varchar=true, null_padding=true, strict_mode=false, quote='\"', "
            "sample_size=20480)",
            [str(path)],
        ).fetchone()
    except duckdb.Error as error:
        raise IngestFailed(
            f"The file could not be read as CSV: {_first_line(error)}", code="ingest.unreadable"
        ) from error
    if row is None:
        raise IngestFailed("The file is empty.", code="ingest.empty")
    delimiter, escape, header, skip, columns = row
    names = clean_names([c["name"] for c in columns]) if header else []
    if not header:
        names = [f"field{i}" for i in range(1, len(columns) + 1)]
    if len(columns) > MAX_COLUMNS:
        raise IngestFailed(
            f"The table has {len(columns)} columns; at most {MAX_COLUMNS} can be loaded.",
            code="ingest.too_many_columns",
        )
    escape = escape if escape and len(escape) == 1 and escape.isprintable() else '"'
    dialect = Dialect(delimiter, '"', escape, bool(header), int(skip or 0), len(columns))
    return dialect, names


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def _reader(path: Path, dialect: Dialect, names: Sequence[str], *, parallel: bool) -> str:
    options = [
        "all_varchar=true",
        f"header={'true' if dialect.header else 'false'}",
        f"delim={literal(dialect.delimiter)}",
        f"quote={literal(dialect.quote)}",
        f"escape={literal(dialect.escape)}",
        f"skip={dialect.skip}",
        "null_padding=true",
        "strict_mode=false",
        f"parallel={'true' if parallel else 'false'}",
        "auto_detect=false",
        "columns={" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}",
    ]
    return f"read_csv({literal(str(path))}, {', '.join(options)})"


def _select(source: str, fields: Sequence[Mapping[str, Any]]) -> str:
    casts = ", ".join(
        f"{cast_expression(f['name'], f['type'], f.get('format', ''))} AS {quote(f['name'])}"
        for f in fields
    )
    checks = [
        check
        for f in fields
        if (check := invalid_expression(f["name"], f["type"], f.get("format", ""))) is not None
    ]
    # Long lists are built in slices: one list expression of thousands of items overflows
    # DuckDB's stack (a 9,074-column file did), a flattened list of slices does not.
    slices = [
        f"list_filter([{', '.join(checks[i : i + 256])}], lambda x: x IS NOT NULL)"
        for i in range(0, len(checks), 256)
    ]
    invalid = f"nullif(flatten([{', '.join(slices)}]), [])" if slices else "CAST(NULL AS VARCHAR[])"
    return f"SELECT {casts}, {invalid} AS _invalid FROM {source}"  # noqa: S608 - quoted names


def load_csv(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    dialect: Dialect,
    fields: Sequence[Mapping[str, Any]],
    target: Path,
) -> None:
    """Write the typed table to `target`; retries without the parallel reader, which refuses
    some files (quoted newlines with padding), before giving up."""
    names = [f["name"] for f in fields]
    last: duckdb.Error | None = None
    for parallel in (True, False):
        query = _select(_reader(path, dialect, names, parallel=parallel), fields)
        try:
            connection.execute(f"COPY ({query}) TO {literal(str(target))} ({PARQUET_OPTIONS})")
            return
        except duckdb.Error as error:
            last = error
            if "unicode" in str(error).lower():
                break
    raise IngestFailed(
        f"The table could not be loaded: {_first_line(last or Exception())}",
        code="ingest.load_failed",
    ) from last


def is_unicode_error(error: IngestFailed) -> bool:
    return "unicode" in error.message.lower() or "utf-8" in error.message.lower()


def load_parquet(
    connection: duckdb.DuckDBPyConnection, path: Path, target: Path
) -> list[dict[str, Any]]:
    """A Parquet source is already typed: copy it as it is, with the columns we name."""
    source = f"read_parquet({literal(str(path))})"
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()  # noqa: S608
        names = clean_names([d[0] for d in described])
        columns = ", ".join(
            f"{quote(d[0])} AS {quote(n)}" for d, n in zip(described, names, strict=True)
        )
        query = f"SELECT {columns}, CAST(NULL AS VARCHAR[]) AS _invalid FROM {source}"  # noqa: S608
        connection.execute(f"COPY ({query}) TO {literal(str(target))} ({PARQUET_OPTIONS})")
    except duckdb.Error as error:
        raise IngestFailed(
            f"The Parquet file could not be read: {_first_line(error)}", code="ingest.unreadable"
        ) from error
    return [
        {"name": n, "type": table_type(str(d[1])), "format": ""}
        for d, n in zip(described, names, strict=True)
    ]


def count_rows(connection: duckdb.DuckDBPyConnection, target: Path) -> int:
    source = f"read_parquet({literal(str(target))})"
    row = connection.execute(f"SELECT count(*) FROM {source}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def report_invalid(
    connection: duckdb.DuckDBPyConnection,
    target: Path,
    report: ValidationReport,
    *,
    after_row: int,
    limit: int,
) -> None:
    """Add the type errors of rows the validator did not see (rows after `after_row`)."""
    source = f"read_parquet({literal(str(target))}, file_row_number=true)"
    where = f"_invalid IS NOT NULL AND file_row_number >= {int(after_row)}"
    total_row = connection.execute(
        f"SELECT count(*), sum(len(_invalid)) FROM {source} WHERE {where}"  # noqa: S608
    ).fetchone()
    cells = int(total_row[1] or 0) if total_row else 0
    if not cells:
        return
    first = connection.execute(
        f"SELECT file_row_number + 1, _invalid FROM {source} WHERE {where} "  # noqa: S608
        f"ORDER BY file_row_number LIMIT {int(limit)}"
    ).fetchall()
    added = 0
    for record, invalid in first:
        for name in invalid:
            if added >= limit - len(report.errors):
                break
            report.add(
                Finding(
                    "type-error", f'Value does not fit the type of "{name}"', None, record, name
                ),
                limit=limit,
            )
            added += 1
    report.add_counted("type-error", cells - added)
