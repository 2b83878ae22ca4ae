"""Database triggers that make tables append-only, for migrations to install.

PostgreSQL refuses UPDATE and DELETE on the protected tables (TRUNCATE, a deliberate
administrative act, stays possible: test databases are emptied that way). SQLite refuses
UPDATE only: Django empties SQLite test databases with DELETE, and SQLite has no way to tell
that apart. On both, the hash chain (core/audit.py) still detects any rewritten entry.
"""

from __future__ import annotations

from typing import Any

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION agora_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def install(table: str) -> Any:
    """A RunPython forward function that protects `table` on the current database."""

    def forward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_PG_FUNCTION, params=None)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION agora_refuse_change();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
            )

    return forward


def uninstall(table: str) -> Any:
    def backward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")

    return backward
