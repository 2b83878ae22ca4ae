"""Table Schema types and their DuckDB columns (pure).

Frictionless infers (or the publisher states) a Table Schema type per column; the loader casts
every value to the matching DuckDB type. A value that does not fit becomes NULL in the table and
an error in the report: the row is kept, as the issue asks ("load data with errors").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "time": "TIME",
    "year": "INTEGER",
}
# Types we keep as text: their values are valid whatever they contain once the row is read.
TEXT_TYPES = frozenset(
    {"string", "any", "object", "array", "geojson", "geopoint", "yearmonth", "duration"}
)
TRUE_WORDS = ("true", "yes", "y", "t", "1")
FALSE_WORDS = ("false", "no", "n", "f", "0")
RESERVED = frozenset({"_id", "_invalid", "_full_text"})
# strftime-style formats Table Schema allows for dates ("%d/%m/%Y"); "default"/"any" mean ISO.
_FORMAT = re.compile(r"^%[^']*$")


def quote(name: str) -> str:
    """A SQL identifier, quoted (any text is a valid column name)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def db_type(kind: str) -> str:
    return DUCKDB_TYPES.get(kind, "VARCHAR")


def table_type(duckdb_type: str) -> str:
    """A DuckDB column type (from a Parquet source) as a Table Schema type."""
    upper = duckdb_type.upper()
    if upper in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT"):
        return "integer"
    if upper in ("UINTEGER", "UBIGINT"):
        return "integer"
    if upper in ("FLOAT", "DOUBLE", "REAL") or upper.startswith("DECIMAL"):
        return "number"
    if upper == "BOOLEAN":
        return "boolean"
    if upper == "DATE":
        return "date"
    if upper.startswith("TIMESTAMP"):
        return "datetime"
    if upper == "TIME":
        return "time"
    return "string"


def cast_expression(name: str, kind: str, fmt: str = "") -> str:
    """SQL turning the text column `name` into `kind`, NULL where a value does not fit."""
    column = quote(name)
    if kind in TEXT_TYPES or kind not in DUCKDB_TYPES:
        return column
    if kind == "boolean":
        lowered = f"lower(trim({column}))"
        trues = ", ".join(literal(w) for w in TRUE_WORDS)
        falses = ", ".join(literal(w) for w in FALSE_WORDS)
        return (
            f"CASE WHEN {lowered} IN ({trues}) THEN true "
            f"WHEN {lowered} IN ({falses}) THEN false END"
        )
    if kind in ("date", "datetime", "time") and fmt and _FORMAT.match(fmt):
        parsed = f"try_strptime(trim({column}), {literal(fmt)})"
        return f"CAST({parsed} AS {db_type(kind)})"
    if kind in ("integer", "number", "year"):
        return f"TRY_CAST(trim({column}) AS {db_type(kind)})"
    return f"TRY_CAST(trim({column}) AS {db_type(kind)})"


def invalid_expression(name: str, kind: str, fmt: str = "") -> str | None:
    """SQL that is the column's name when its value is present but does not fit its type."""
    if kind in TEXT_TYPES or kind not in DUCKDB_TYPES:
        return None
    column = quote(name)
    cast = cast_expression(name, kind, fmt)
    present = f"nullif(trim({column}), '') IS NOT NULL"
    return f"CASE WHEN {present} AND ({cast}) IS NULL THEN {literal(name)} END"


def clean_names(names: Sequence[Any]) -> list[str]:
    """Usable, unique column names: blanks get a position name, duplicates a suffix, and the
    names we reserve (`_id`, ...) are renamed, as CKAN's DataStore refuses them."""
    result: list[str] = []
    seen: set[str] = set()
    for position, raw in enumerate(names, start=1):
        name = " ".join(str(raw if raw is not None else "").split())[:200]
        if not name:
            name = f"field{position}"
        if name in RESERVED:
            name = f"{name}_"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name}_{n}", n + 1
        seen.add(candidate)
        result.append(candidate)
    return result


def merge_dictionary(
    fields: Sequence[Mapping[str, Any]], dictionary: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Inferred fields, with the publisher's dictionary entries applied by column name."""
    by_name = {str(d.get("name")): d for d in dictionary}
    merged = []
    for item in fields:
        entry = by_name.get(str(item["name"]), {})
        field = dict(item)
        for key in ("title", "description", "unit"):
            if entry.get(key):
                field[key] = entry[key]
        if entry.get("type") in DUCKDB_TYPES or entry.get("type") in TEXT_TYPES:
            field["type"] = entry["type"]
            field["format"] = entry.get("format", "")
            field["type_source"] = "dictionary"
        merged.append(field)
    return merged
