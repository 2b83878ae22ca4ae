"""The SQL sandbox's first line: parse the statement and refuse anything but one SELECT.

`datastore_search_sql` runs SQL typed by anyone on the Internet. Before it reaches DuckDB it
must be exactly one read-only query (SELECT, set operations, CTEs) whose every table is a
distribution id (or a CTE it defines), with no table functions (read_csv, glob, ...) and no
function that touches files, the network, settings or the catalog. The checked statement is
re-generated from the parse tree, so what runs is what was checked. The second line is the
engine's own lock-down (backends/duckdb.py): no file access but the tables' own files, locked
configuration, time and memory limits, capped results.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .errors import SqlRefused

MAX_NESTING = 64
_DENIED_PREFIXES = (
    "read_",
    "duckdb_",
    "pragma_",
    "parquet_",
    "sqlite_",
    "postgres_",
    "mysql_",
    "iceberg_",
    "delta_",
    "json_execute",
    "glob",
    "sniff_",
    "query",
    "getenv",
    "current_setting",
    "set_",
    "install",
    "load",
    "checkpoint",
    "force_checkpoint",
    "system",
    "which_secret",
    "enable_",
    "disable_",
    "http",
    "s3",
    "arrow_scan",
    "python_",
    "summary",
    "test_",
    "repeat_row",
)
_QUERY_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Subquery)
_FORBIDDEN_NODES = (
    exp.Into,
    exp.Command,
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Copy,
    exp.Pragma,
    exp.Set,
    exp.Use,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.Merge,
    exp.Describe,
    exp.Attach,
    exp.Detach,
    exp.Install,
    exp.Lock,
)


@dataclass(frozen=True)
class CheckedSql:
    sql: str  # re-generated from the parse tree
    tables: tuple[str, ...]  # distribution ids, lowercase, in order of first use


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in re.sub(r"'(?:[^']|'')*'", "''", text):
        if char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
    return deepest


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return str(node.sql_name()).lower()


def _refuse(message: str) -> SqlRefused:
    return SqlRefused(f"Refused: {message}", fields={"sql": [message]})


def _check_tables(statement: exp.Expression) -> tuple[str, ...]:
    ctes = {str(c.alias_or_name).lower() for c in statement.find_all(exp.CTE)}
    found: list[str] = []
    for table in statement.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise _refuse("table functions are not allowed")
        if table.args.get("db") or table.args.get("catalog"):
            raise _refuse("qualified table names are not allowed")
        name = str(table.name).lower()
        if name in ctes:
            continue
        try:
            uuid.UUID(name)
        except ValueError:
            raise _refuse(f'unknown table "{table.name[:80]}" (tables are resource ids)') from None
        if name not in found:
            found.append(name)
    return tuple(found)


def check_sql(text: str, *, max_length: int) -> CheckedSql:
    if not text or not text.strip():
        raise _refuse("no SQL given")
    if len(text) > max_length:
        raise _refuse(f"the statement is longer than {max_length} characters")
    if _nesting(text) > MAX_NESTING:
        raise _refuse(f"expressions nest deeper than {MAX_NESTING} levels")
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except (SqlglotError, RecursionError, ValueError) as error:
        raise _refuse(f"the SQL could not be parsed ({type(error).__name__})") from None
    if len(statements) != 1:
        raise _refuse("exactly one statement is allowed")
    statement = statements[0]
    if not isinstance(statement, _QUERY_ROOTS):
        raise _refuse(f"only SELECT is allowed, not {type(statement).__name__.upper()}")
    for node in statement.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise _refuse(f"{type(node).__name__.upper()} is not allowed")
        if isinstance(node, exp.Func) and _function_name(node).startswith(_DENIED_PREFIXES):
            raise _refuse(f"the function {_function_name(node)} is not allowed")
    tables = _check_tables(statement)
    if not tables:
        raise _refuse("the query reads no table")
    try:
        regenerated = statement.sql(dialect="duckdb")
    except (SqlglotError, RecursionError) as error:
        raise _refuse(f"the SQL could not be re-generated ({type(error).__name__})") from None
    return CheckedSql(regenerated, tables)
