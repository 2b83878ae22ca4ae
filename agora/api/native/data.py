"""/api/v1/data: query, aggregate and export a distribution's table; versions and verification.

Thin handlers: parameters become our RowQuery, the datastore and catalogue selectors apply
visibility (a private resource is 404 for whoever may not see its dataset), errors are mapped
once by api.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from agora.catalog.file_versions import (
    dataset_file_history,
    distribution_versions,
    version_download_url,
    versions_matching,
)
from agora.catalog.selectors import dataset_get, distribution_get
from agora.core.errors import BadRequest
from agora.datastore import selectors, services
from agora.datastore.errors import TableNotFound
from agora.datastore.query import OPERATORS, Aggregate, Filter, RowQuery, RowResult, Sort

from ..request_body import check_body_size
from .schemas import Problem
from .security import actor

router = Router(tags=["data"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem}
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class FieldOut(Schema):
    name: str
    type: str
    title: str = ""
    description: str = ""
    unit: str = ""


class RowsOut(Schema):
    fields: list[FieldOut]
    rows: list[dict[str, Any]]
    total: int | None = None
    next_cursor: str | None = None


class TableOut(Schema):
    distribution_id: str
    version: int | None = None
    sha256: str | None = None
    row_count: int | None = None
    fields: list[FieldOut] = []
    ingest: dict[str, Any] = {}
    report: dict[str, Any] = {}


class DictionaryIn(Schema):
    fields: list[dict[str, str]]


class VersionOut(Schema):
    number: int
    sha256: str
    size: int
    media_type: str
    file_name: str
    source: str
    source_url: str
    created_at: str
    download_url: str


class MatchOut(Schema):
    sha256: str
    matches: list[dict[str, Any]]


class RowParams(Schema):
    fields: str = ""
    filter: list[str] = []
    q: str = ""
    sort: str = ""
    limit: int = 100
    cursor: str = ""
    include_total: bool = False


# ---------------------------------------------------------------------------- parameters


def _filter(text: str) -> Filter:
    """`field:op:value`; the first `:op:` with a known operator splits it."""
    for op in OPERATORS:
        marker = f":{op}:"
        if marker in text:
            name, value = text.split(marker, 1)
            return Filter(name, op, value.split(",") if op == "in" else value)
    raise BadRequest(f"A filter is field:op:value with op one of {', '.join(OPERATORS)}")


def _sort(text: str) -> tuple[Sort, ...]:
    return tuple(
        Sort(p.strip().lstrip("-"), p.strip().startswith("-")) for p in text.split(",") if p.strip()
    )


def _cursor(text: str) -> tuple[Any, ...] | None:
    if not text:
        return None
    try:
        padded = text + "=" * (-len(text) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeError) as error:
        raise BadRequest("The cursor is not valid", code="api.bad_cursor") from error
    if not isinstance(values, list):
        raise BadRequest("The cursor is not valid", code="api.bad_cursor")
    return tuple(values)


def _encode_cursor(values: tuple[Any, ...] | None) -> str | None:
    if values is None:
        return None
    raw = json.dumps(list(values), default=str).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _row_query(params: RowParams, **extra: Any) -> RowQuery:
    fields = tuple(f.strip() for f in params.fields.split(",") if f.strip())
    return RowQuery(
        fields=fields,
        filters=tuple(_filter(f) for f in params.filter),
        text=params.q,
        sort=_sort(params.sort),
        limit=params.limit,
        after=_cursor(params.cursor),
        include_total=params.include_total,
        **extra,
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows_out(result: RowResult) -> dict[str, Any]:
    names = [c.name for c in result.columns]
    return {
        "fields": [c.__dict__ for c in result.columns],
        "rows": [dict(zip(names, map(_plain, row), strict=True)) for row in result.rows],
        "total": result.total,
        "next_cursor": _encode_cursor(result.next_after),
    }


# ---------------------------------------------------------------------------- tables


@router.get(
    "/data/{distribution_id}", response={200: TableOut, **ERRORS}, operation_id="data_table"
)
def data_table(request: HttpRequest, distribution_id: str):  # type: ignore[no-untyped-def]
    """The table of a distribution: fields (with the data dictionary), size, the validation
    report and the progress of its newest ingest."""
    dist, latest = selectors.latest_table(actor(request), distribution_id)
    body: dict[str, Any] = {"distribution_id": str(dist.id)}
    if latest is not None:
        body["ingest"] = {
            "version": latest.version.number,
            "status": latest.status,
            "step": latest.step,
            "progress": latest.progress,
            "steps": latest.steps,
            "error_code": latest.error_code,
            "error": latest.error,
        }
    try:
        view = selectors.table_for(actor(request), distribution_id)
    except TableNotFound:
        return body
    body.update(
        version=view.table.version.number,
        sha256=view.table.version.file_id,
        row_count=view.handle.row_count,
        fields=[c.__dict__ for c in view.handle.columns],
        report=view.table.report,
    )
    return body


@router.get(
    "/data/{distribution_id}/rows", response={200: RowsOut, **ERRORS}, operation_id="data_rows"
)
def data_rows(request: HttpRequest, distribution_id: str, params: Query[RowParams]):  # type: ignore[no-untyped-def]
    """Rows of the table. `filter=field:op:value` (op: eq, ne, lt, lte, gt, gte, in with
    comma-separated values, contains), values typed by the column; `sort=-a,b`; `fields=a,b`;
    `q` searches text columns; pages by `cursor` (pass back `next_cursor`)."""
    _, result = selectors.rows(actor(request), distribution_id, _row_query(params))
    return _rows_out(result)


@router.get(
    "/data/{distribution_id}/aggregate",
    response={200: RowsOut, **ERRORS},
    operation_id="data_aggregate",
)
def data_aggregate(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    distribution_id: str,
    params: Query[RowParams],
    group_by: str = "",
    agg: Query[list[str]] = None,  # type: ignore[assignment]
):
    """Group by `group_by=a,b` and compute `agg=count`, `agg=sum:field` (sum, avg, min, max)."""
    aggregates = []
    for item in agg or ["count"]:
        function, _, field = item.partition(":")
        aggregates.append(Aggregate(function.strip(), field.strip() or None))
    groups = tuple(g.strip() for g in group_by.split(",") if g.strip())
    query = _row_query(params, group_by=groups, aggregates=tuple(aggregates))
    _, result = selectors.rows(actor(request), distribution_id, query)
    return _rows_out(result)


@router.get(
    "/data/{distribution_id}/export.{fmt}",
    response={200: None, **ERRORS},
    operation_id="data_export",
)
def data_export(request: HttpRequest, distribution_id: str, fmt: str, params: Query[RowParams]):  # type: ignore[no-untyped-def]
    """The (filtered, sorted) table streamed as csv, json, parquet or xlsx."""
    if fmt not in EXPORT_TYPES:
        raise BadRequest(f"Export formats: {', '.join(EXPORT_TYPES)}", code="datastore.bad_format")
    query = _row_query(params)
    view, chunks = selectors.export(actor(request), distribution_id, query, fmt)
    response = StreamingHttpResponse(chunks, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{view.distribution.id}.{fmt}"'
    return response


@router.post(
    "/data/{distribution_id}/ingest", response={202: TableOut, **ERRORS}, operation_id="data_ingest"
)
def data_ingest(request: HttpRequest, distribution_id: str, force: bool = False):  # type: ignore[no-untyped-def]
    """Load the newest version again (editors); `force` takes over an ingest whose worker died."""
    dist = distribution_get(actor(request), distribution_id)
    table = services.table_ingest_request(
        actor=actor(request), distribution=dist, force_running=force
    )
    return Status(
        202,
        {
            "distribution_id": str(dist.id),
            "ingest": {"status": table.status, "version": table.version.number},
        },
    )


@router.get(
    "/data/{distribution_id}/dictionary",
    response={200: DictionaryIn, **ERRORS},
    operation_id="data_dictionary_read",
)
def data_dictionary_read(request: HttpRequest, distribution_id: str):  # type: ignore[no-untyped-def]
    return {"fields": selectors.dictionary_for(actor(request), distribution_id)}


@router.put(
    "/data/{distribution_id}/dictionary",
    response={200: DictionaryIn, **ERRORS},
    operation_id="data_dictionary_replace",
)
def data_dictionary_replace(request: HttpRequest, distribution_id: str, payload: DictionaryIn):  # type: ignore[no-untyped-def]
    """Replace the data dictionary (name, type, format, title, description, unit per field);
    it is kept across new versions, matched by column name."""
    dist = distribution_get(actor(request), distribution_id)
    dictionary = services.dictionary_update(
        actor=actor(request), distribution=dist, fields=payload.fields
    )
    return {"fields": dictionary.fields}


# ---------------------------------------------------------------------------- versions


def _version_out(version: Any, dataset_id: Any) -> dict[str, Any]:
    return {
        "number": version.number,
        "sha256": version.file_id,
        "size": version.file.size,
        "media_type": version.file.media_type,
        "file_name": version.file_name,
        "source": version.source,
        "source_url": version.source_url,
        "created_at": version.created_at.isoformat(),
        "download_url": version_download_url(version, dataset_id),
    }


@router.get(
    "/distributions/{distribution_id}/versions",
    response={200: list[VersionOut], **ERRORS},
    operation_id="distribution_versions",
    tags=["distributions"],
)
def versions_list(request: HttpRequest, distribution_id: str):  # type: ignore[no-untyped-def]
    """Every version of the distribution's file, newest first, each at a stable URL."""
    dist = distribution_get(actor(request), distribution_id)
    return [
        _version_out(v, dist.dataset_id)
        for v in distribution_versions(actor(request), distribution_id)
    ]


@router.get(
    "/datasets/{id_or_name}/file-history",
    response={200: list[dict[str, Any]], **ERRORS},
    operation_id="dataset_file_history",
    tags=["datasets"],
)
def file_history(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """Every version of every file of the dataset, newest first."""
    dataset = dataset_get(actor(request), id_or_name)
    return [
        {
            **_version_out(v, dataset.id),
            "distribution_id": str(v.distribution_id),
            "distribution_title": v.distribution.title,
        }
        for v in dataset_file_history(actor(request), dataset)
    ]


def _matches(request: HttpRequest, digest: str) -> dict[str, Any]:
    found = versions_matching(actor(request), digest)
    return {"sha256": digest.lower(), "matches": [m.__dict__ for m in found]}


@router.get(
    "/verify", response={200: MatchOut, **ERRORS}, operation_id="verify_hash", tags=["verify"]
)
def verify_hash(request: HttpRequest, sha256: str):  # type: ignore[no-untyped-def]
    """Which published versions have this SHA-256 (empty `matches`: none you may see)."""
    return _matches(request, sha256)


@router.post(
    "/verify", response={200: MatchOut, **ERRORS}, operation_id="verify_file", tags=["verify"]
)
def verify_file(request: HttpRequest, file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    """Upload a file to learn whether it is a published version (it is hashed, not stored)."""
    check_body_size(request)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return _matches(request, digest.hexdigest())
