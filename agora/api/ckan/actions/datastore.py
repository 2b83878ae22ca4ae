"""CKAN DataStore actions: datastore_search, datastore_search_sql, datastore_info.

CKAN's parameters are translated into our RowQuery here, at the compatibility edge, and the
answers are shaped like CKAN's (fields with `id`/`type`, `records` as objects, lists or CSV,
`_links`, `total`). Visibility is the datastore selectors' job: a private resource is "not
found" for whoever may not see its dataset, whatever the action.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings

from agora.core.errors import ValidationFailed
from agora.datastore import selectors
from agora.datastore.query import Column, Filter, RowQuery, RowResult, Sort

from ..registry import Action, Call

CKAN_TYPES = {
    "string": "text",
    "integer": "int8",
    "number": "float8",
    "boolean": "bool",
    "date": "date",
    "datetime": "timestamp",
    "time": "time",
    "year": "int4",
}
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")


def _json_param(call: Call, key: str) -> Any:
    raw = call.params.get(key)
    if isinstance(raw, str) and raw.strip()[:1] in ("{", "["):
        try:
            return json.loads(raw)
        except ValueError as error:
            raise ValidationFailed(fields={key: ["Not valid JSON"]}) from error
    return raw


def _filters(call: Call) -> tuple[Filter, ...]:
    raw = _json_param(call, "filters")
    if raw in (None, "", {}):
        return ()
    if not isinstance(raw, dict):
        raise ValidationFailed(fields={"filters": ["filters must be a JSON object"]})
    found = []
    for name, value in raw.items():
        if isinstance(value, dict):
            found += [Filter(name, op, v) for op, v in value.items()]
        elif isinstance(value, list):
            found.append(Filter(name, "in", tuple(value)))
        else:
            found.append(Filter(name, "eq", value))
    return tuple(found)


def _fields(call: Call) -> tuple[str, ...]:
    raw = _json_param(call, "fields")
    if raw in (None, ""):
        return ()
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return tuple(str(i).strip() for i in items if str(i).strip())


def parse_sort(text: str) -> tuple[Sort, ...]:
    """CKAN's `sort`: "f1, f2 desc" (quotes allowed around names)."""
    keys = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        words = part.rsplit(" ", 1)
        descending = len(words) == 2 and words[1].lower() == "desc"
        name = words[0] if len(words) == 2 and words[1].lower() in ("asc", "desc") else part
        keys.append(Sort(name.strip().strip('"'), descending))
    return tuple(keys)


def _text(call: Call) -> tuple[str, tuple[tuple[str, str], ...]]:
    raw = _json_param(call, "q")
    if isinstance(raw, dict):
        return "", tuple((str(k), str(v)) for k, v in raw.items())
    return str(raw or ""), ()


def _query(call: Call) -> RowQuery:
    text, by_field = _text(call)
    return RowQuery(
        fields=_fields(call),
        filters=_filters(call),
        text=text,
        text_by_field=by_field,
        sort=parse_sort(call.params.text("sort")),
        limit=call.params.integer("limit", settings.AGORA_DATASTORE_ROWS_DEFAULT, minimum=0),
        offset=call.params.integer("offset", 0, minimum=0),
        include_total=call.params.flag("include_total", True),
        distinct=call.params.flag("distinct", False),
    )


def ckan_fields(columns: list[Column]) -> list[dict[str, Any]]:
    fields = []
    for column in columns:
        item: dict[str, Any] = {"id": column.name, "type": CKAN_TYPES.get(column.type, "text")}
        if column.title or column.description:
            item["info"] = {"label": column.title, "notes": column.description, "type_override": ""}
        fields.append(item)
    return fields


def _value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def records(result: RowResult, fmt: str) -> Any:
    names = [c.name for c in result.columns]
    if fmt == "lists":
        return [[_value(v) for v in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerows([[_value(v) for v in row] for row in result.rows])
        return out.getvalue()
    return [dict(zip(names, (_value(v) for v in row), strict=True)) for row in result.rows]


def datastore_search(call: Call) -> dict[str, Any]:
    """Search a resource's table: `resource_id`, `filters`, `q`, `fields`, `sort`, `limit`
    (at most 32,000), `offset`, `include_total`, `distinct`, `records_format`."""
    resource_id = call.params.required("resource_id")
    fmt = call.params.text("records_format", "objects")
    if fmt not in RECORDS_FORMATS:
        raise ValidationFailed(fields={"records_format": [f"Must be one of {RECORDS_FORMATS}"]})
    query = _query(call)
    view, result = selectors.rows(call.actor, resource_id, query)
    body: dict[str, Any] = {
        "include_total": query.include_total,
        "resource_id": str(view.distribution.id),
        "fields": ckan_fields(result.columns),
        "records_format": fmt,
        "records": records(result, fmt),
        "limit": min(query.limit, settings.AGORA_DATASTORE_ROWS_MAX),
        "_links": {
            "start": f"/api/3/action/datastore_search?resource_id={view.distribution.id}",
            "next": f"/api/3/action/datastore_search?resource_id={view.distribution.id}"
            f"&offset={query.offset + query.limit}",
        },
    }
    if query.offset:
        body["offset"] = query.offset
    if query.include_total and result.total is not None:
        body["total"] = result.total
        body["total_was_estimated"] = False
    return body


def datastore_search_sql(call: Call) -> dict[str, Any]:
    """Run one read-only SELECT over the tables (resource ids) the caller may see."""
    statement = call.params.required("sql")
    result, _ = selectors.sql(call.actor, statement)
    body: dict[str, Any] = {
        "sql": statement,
        "fields": ckan_fields(result.columns),
        "records": records(result, "objects"),
    }
    if result.truncated:
        body["records_truncated"] = True
    return body


def datastore_info(call: Call) -> dict[str, Any]:
    """Fields (with the data dictionary) and size of a resource's table."""
    resource_id = call.params.text("resource_id") or call.params.required("id")
    view = selectors.table_for(call.actor, resource_id)
    return {
        "meta": {
            "count": view.handle.row_count,
            "id": str(view.distribution.id),
            "table_type": "BASE TABLE",
            "version": view.table.version.number,
            "sha256": view.table.version.file_id,
        },
        "fields": ckan_fields(list(view.handle.columns)),
        "schema": {c.name: CKAN_TYPES.get(c.type, "text") for c in view.handle.columns},
    }


ACTIONS = [
    Action("datastore_search", datastore_search),
    Action("datastore_search_sql", datastore_search_sql),
    Action("datastore_info", datastore_info),
]
