"""Schema inference and validation with Frictionless, reported in our own shape.

Frictionless reads the same UTF-8 CSV with the dialect the loader sniffed, infers a Table
Schema from a sample (or takes the publisher's types from the data dictionary) and validates
the first AGORA_DATASTORE_VALIDATE_ROWS rows: structure (blank or duplicate headers, missing
and extra cells, blank rows) and types. The loader then type-checks every remaining row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..report import Finding, ValidationReport
from ..schema import DUCKDB_TYPES, TEXT_TYPES
from .errors import IngestFailed

SAMPLE_ROWS = 1000
# A column is typed when this share of its sampled values fit the type (Frictionless's
# default). Lower shares typed code lists such as UN/LOCODE's "0".."8","A","B" as integers.
CONFIDENCE = 0.9


@dataclass
class Dialect:
    delimiter: str = ","
    quote: str = '"'
    escape: str = '"'
    header: bool = True
    skip: int = 0
    columns: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "delimiter": self.delimiter,
            "quote": self.quote,
            "escape": self.escape,
            "header": self.header,
            "skip_rows": self.skip,
        }


def _resource(path: Path, dialect: Dialect, schema: Any = None) -> Any:
    from frictionless import Detector, Resource, formats
    from frictionless import Dialect as FrictionlessDialect

    control = formats.CsvControl(
        delimiter=dialect.delimiter,
        quote_char=dialect.quote or '"',
        escape_char=dialect.escape if dialect.escape and dialect.escape != dialect.quote else None,
        double_quote=dialect.escape == dialect.quote,
    )
    header_row = dialect.skip + 1
    options: dict[str, Any] = {
        "header": dialect.header,
        "header_rows": [header_row] if dialect.header else [],
        "controls": [control],
    }
    if dialect.skip:
        options["comment_rows"] = list(range(1, dialect.skip + 1))
    return Resource(
        path=path.name,
        basepath=str(path.parent),
        format="csv",
        encoding="utf-8",
        dialect=FrictionlessDialect(**options),
        detector=Detector(sample_size=SAMPLE_ROWS, field_confidence=CONFIDENCE),
        schema=schema,
    )


def head_sample(path: Path, dialect: Dialect, rows: int, target: Path) -> Path:
    """The file's first lines (skipped lines, header and `rows` more), byte for byte.

    Frictionless reads the whole file around a validation (it hashes and counts its bytes),
    which costs seconds per gigabyte three times over; given only the head it validates, the
    cost stays proportional to AGORA_DATASTORE_VALIDATE_ROWS whatever the file's size.
    """
    if rows <= 0:
        return path
    keep = dialect.skip + (1 if dialect.header else 0) + rows
    with open(path, "rb") as source, open(target, "wb") as out:
        for index, line in enumerate(source):
            if index >= keep:
                break
            out.write(line)
    return target


def infer_fields(
    path: Path, dialect: Dialect, names: Sequence[str], dictionary: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """One field per column (named as the loader names them), typed by inference unless the
    publisher's dictionary gives a type. Returns the fields and where their types came from."""
    resource = _resource(path, dialect)
    try:
        resource.infer(stats=False)
        inferred = [f.to_dict() for f in resource.schema.fields]
    except Exception as error:
        raise IngestFailed(
            f"The table could not be read: {str(error)[:300]}", code="ingest.unreadable"
        ) from error
    by_name = {str(d.get("name")): d for d in dictionary}
    fields, source = [], "inferred"
    for position, name in enumerate(names):
        kind = inferred[position].get("type", "string") if position < len(inferred) else "string"
        field = {"name": name, "type": kind if kind in DUCKDB_TYPES else "string", "format": ""}
        entry = by_name.get(name, {})
        if entry.get("type") in DUCKDB_TYPES or entry.get("type") in TEXT_TYPES:
            field["type"], field["format"], source = (
                entry["type"],
                entry.get("format", ""),
                "dictionary",
            )
        fields.append(field)
    return fields, source


def _schema(fields: Sequence[Mapping[str, Any]], labels: Sequence[str]) -> Any:
    from frictionless import Schema

    descriptor = []
    used: set[str] = set()
    for position, field in enumerate(fields):
        label = labels[position] if position < len(labels) else ""
        # The header's own label where it is usable, so Frictionless reports real label
        # problems (blank, duplicate) once and not every column as mislabelled.
        name = label if label and label not in used else str(field["name"])
        used.add(name)
        item: dict[str, Any] = {"name": name, "type": field["type"]}
        if field["type"] not in DUCKDB_TYPES:
            item["type"] = "string"
        if field.get("format"):
            item["format"] = field["format"]
        descriptor.append(item)
    return Schema.from_descriptor({"fields": descriptor})


def labels_of(path: Path, dialect: Dialect) -> list[str]:
    """The header row's labels as written (read with the csv module: opening the file with
    Frictionless would infer a whole schema just to name the columns)."""
    import csv

    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=dialect.delimiter, quotechar=dialect.quote or '"')
        for index, row in enumerate(reader):
            if index == dialect.skip:
                return [label.strip() for label in row]
    return []


def validate(
    path: Path,
    dialect: Dialect,
    fields: Sequence[Mapping[str, Any]],
    report: ValidationReport,
    *,
    limit_rows: int,
    limit_errors: int,
) -> int:
    """Validate the first `limit_rows` rows into `report`; returns the rows validated."""
    from frictionless import Checklist

    labels = labels_of(path, dialect) if dialect.header else []
    resource = _resource(path, dialect, schema=_schema(fields, labels))
    try:
        result = resource.validate(
            checklist=Checklist(skip_errors=["source-error"]),
            limit_rows=limit_rows or None,
            limit_errors=limit_errors,
        )
    except Exception as error:  # noqa: BLE001 - never let a validator crash an ingest
        report.warnings.append(f"Validation stopped early: {str(error)[:300]}")
        return 0
    task = result.tasks[0] if result.tasks else None
    for error in result.errors + (task.errors if task else []):
        report.add(_finding(error, fields, labels), limit=limit_errors)
    return int(task.stats.get("rows", 0) if task and task.stats else 0)


def _finding(error: Any, fields: Sequence[Mapping[str, Any]], labels: Sequence[str]) -> Finding:
    name = getattr(error, "field_name", None)
    number = getattr(error, "field_number", None)
    if number and 0 < number <= len(fields):
        name = str(fields[number - 1]["name"])
    cell = getattr(error, "cell", None)
    return Finding(
        type=str(error.type),
        message=str(error.message)[:500],
        row=getattr(error, "row_number", None),
        field=name,
        value=None if cell is None else str(cell)[:200],
    )
