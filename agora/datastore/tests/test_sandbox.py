"""The SQL sandbox refuses anything but one read-only SELECT over visible tables."""

from __future__ import annotations

import pytest

from agora.core.actor import SYSTEM
from agora.datastore import selectors
from agora.datastore.errors import QueryFailed, SqlRefused
from agora.datastore.tests.helpers import published

pytestmark = pytest.mark.django_db
ROWS = b"n\n" + b"".join(f"{i}\n".encode() for i in range(2000))


@pytest.fixture
def table(org):
    return published(org, "numbers.csv", ROWS)[0]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM read_parquet('/tmp/x.parquet')",
        "SELECT * FROM glob('/*')",
        "COPY (SELECT 1) TO '/tmp/out.csv'",
        "ATTACH '/tmp/x.db' AS x",
        "PRAGMA version",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access=true",
        "SELECT 1; SELECT 2",
        "SELECT getenv('HOME')",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM information_schema.tables",
        "CREATE TABLE x AS SELECT 1",
        "SELECT 1 INTO t",
        "SELECT current_setting('memory_limit')",
        "SELECT 1",
        "SELECT * FROM " + "(" * 500 + "SELECT 1" + ")" * 500,
        "",
        "SELECT * FROM range(1000000000000)",
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM query_table('TABLE_ID')",
        "SUMMARIZE SELECT 1",
        "SELECT json_execute_serialized_sql('x')",
        "EXPORT DATABASE '/tmp/agora-export'",
        "CALL pragma_version()",
        "DETACH s0",
        "USE s0",
        "CHECKPOINT",
        "SELECT * FROM 'https://example.com/x.csv'",
        "SELECT * FROM \"TABLE_ID\", read_blob('/etc/passwd')",
        "SELECT * FROM s0.data",
        'SELECT * FROM "TABLE_ID" AS t JOIN duckdb_tables() d ON true',
        "WITH x AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM \"TABLE_ID\"",
        'SELECT * FROM "TABLE_ID"; DROP TABLE x',
        'INSERT INTO "TABLE_ID" VALUES (1)',
        'UPDATE "TABLE_ID" SET n = 1',
        'DELETE FROM "TABLE_ID"',
    ],
)
def test_hostile_statements_are_refused_before_running(table, sql):
    with pytest.raises(SqlRefused):
        selectors.sql(SYSTEM, sql.replace("TABLE_ID", str(table.id)))


def test_deeply_nested_expressions_are_refused(table):
    nested = "1" + " + (1" * 300 + ")" * 300
    with pytest.raises(SqlRefused):
        selectors.sql(SYSTEM, f'SELECT {nested} FROM "{table.id}"')


def test_file_readers_hidden_in_subqueries_are_refused(table):
    with pytest.raises(SqlRefused):
        selectors.sql(
            SYSTEM,
            f"SELECT n FROM \"{table.id}\" WHERE n IN (SELECT * FROM read_text('/etc/passwd'))",
        )


def test_huge_cross_join_is_stopped_by_the_time_limit(table, settings):
    settings.AGORA_DATASTORE_SQL_TIMEOUT_SECONDS = 1
    t = f'"{table.id}"'
    with pytest.raises(QueryFailed) as raised:
        selectors.sql(SYSTEM, f"SELECT count(*) FROM {t} a, {t} b, {t} c, {t} d, {t} e")
    assert raised.value.code == "datastore.timeout"


def test_results_are_capped(table, settings):
    settings.AGORA_DATASTORE_ROWS_MAX = 10
    result, _ = selectors.sql(SYSTEM, f'SELECT n FROM "{table.id}"')
    assert len(result.rows) == 10
    assert result.truncated


def test_ctes_and_unions_over_allowed_tables_run(table):
    result, _ = selectors.sql(
        SYSTEM,
        f'WITH t AS (SELECT n FROM "{table.id}" WHERE n < 3) '
        "SELECT n FROM t UNION ALL SELECT 99 ORDER BY n",
    )
    assert [r[0] for r in result.rows] == [0, 1, 2, 99]


def test_a_query_needing_too_much_memory_is_stopped_cleanly(table, settings):
    settings.AGORA_DATASTORE_SQL_MEMORY_LIMIT = "64MB"
    settings.AGORA_DATASTORE_SQL_TIMEOUT_SECONDS = 30
    t = f'"{table.id}"'
    with pytest.raises(QueryFailed) as raised:
        selectors.sql(SYSTEM, f"SELECT list(repeat('x', 10000)) FROM {t} a, {t} b")
    assert raised.value.code in ("datastore.memory", "datastore.timeout")


def test_the_engine_itself_refuses_files_even_if_the_parser_were_fooled(table):
    """The second gate alone: run straight on the backend, a file reader is refused by
    DuckDB's own lock-down (external access off, configuration locked)."""
    from agora.datastore.backends import get_backend

    handle = selectors.table_for(SYSTEM, str(table.id)).handle
    for statement in (
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT 1 FROM (SELECT set_config('enable_external_access', 'true'))",
    ):
        with pytest.raises(QueryFailed):
            get_backend().sql({str(table.id): handle}, statement, rows_max=10)
