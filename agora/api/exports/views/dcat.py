"""DCAT-AP 3 documents: the paged catalogue and each dataset, in four serialisations."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.views.decorators.http import require_GET

from agora.catalog.models import Dataset
from agora.catalog.selectors import dataset_records
from agora.core.errors import BadRequest, NotFound
from agora.interop.ckan import parse_datetime
from agora.interop.dcat import RDF_FORMATS, Page
from agora.interop.dcat.documents import catalogue_chunks, dataset_bytes
from agora.interop.records import DatasetRecord

from ..accept import HTML_TYPES, preferred_rdf_format
from ..common import (
    BATCH,
    int_param,
    maps_errors,
    public_datasets,
    series_of,
    site_description,
)
from ..records import RecordReader


def _rdf_response(body: bytes, extension: str) -> HttpResponse:
    response = HttpResponse(
        body, content_type=f"{RDF_FORMATS[extension].media_type}; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _modified_since(request: HttpRequest) -> dt.datetime | None:
    raw = request.GET.get("modified_since", "").strip()
    if not raw:
        return None
    parsed = parse_datetime(raw)
    if parsed is None:
        raise BadRequest(
            "modified_since must be an ISO 8601 date or date-time", code="exports.bad_parameter"
        )
    return parsed


def _page_url(request: HttpRequest, extension: str, page: int, size: int) -> str:
    query = {k: v for k, v in request.GET.items() if k not in ("page", "page_size")}
    query["page"] = str(page)
    if size != settings.AGORA_INTEROP_PAGE_SIZE:
        query["page_size"] = str(size)
    return f"{settings.AGORA_SITE_URL}/catalog.{extension}?{urlencode(query)}"


def _catalogue_page(request: HttpRequest, extension: str) -> Iterator[bytes]:
    """One page of the catalogue, checked now (bad parameters fail before any byte is sent)
    and written as it is read, a batch of records at a time."""
    size = int_param(
        request,
        "page_size",
        settings.AGORA_INTEROP_PAGE_SIZE,
        low=1,
        high=settings.AGORA_INTEROP_PAGE_SIZE_MAX,
    )
    page = int_param(request, "page", 1, low=1, high=10**9)
    queryset: QuerySet[Dataset] = public_datasets()
    since = _modified_since(request)
    if since is not None:
        queryset = queryset.filter(updated_at__gte=since)
    total = queryset.count()
    last = max(1, -(-total // size))
    if page > last:
        raise NotFound(f"There are {last} pages", code="exports.page_not_found")
    ids = list(
        queryset.order_by("id").values_list("id", flat=True)[(page - 1) * size : page * size]
    )
    paging = Page(
        url=_page_url(request, extension, page, size),
        first=_page_url(request, extension, 1, size),
        last=_page_url(request, extension, last, size),
        next=_page_url(request, extension, page + 1, size) if page < last else None,
        previous=_page_url(request, extension, page - 1, size) if page > 1 else None,
        total_items=total,
        items_per_page=size,
    )
    site = site_description(countries=True)
    return catalogue_chunks(site, _with_series(ids), extension, paging)


def _with_series(
    ids: list[uuid.UUID],
) -> Iterator[tuple[DatasetRecord, DatasetRecord | None]]:
    """Records (each with the public series it is part of), hydrated `BATCH` at a time."""
    reader = RecordReader()
    for start in range(0, len(ids), BATCH):
        records = reader.records(ids[start : start + BATCH])
        series = series_of(records, reader)
        for record in records:
            yield record, series.get(record.in_series) if record.in_series else None


def _rdf_stream(chunks: Iterator[bytes], extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        chunks, content_type=f"{RDF_FORMATS[extension].media_type}; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@maps_errors
def catalogue(request: HttpRequest, extension: str) -> StreamingHttpResponse:
    """/catalog.ttl|rdf|jsonld|nt?page=N&page_size=M&modified_since=ISO"""
    return _rdf_stream(_catalogue_page(request, extension), extension)


@require_GET
@maps_errors
def catalogue_negotiated(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """/catalog: the catalogue in the RDF type the client prefers (Turtle when it names none);
    browsers asking for HTML are sent to the search page."""
    accept = request.headers.get("Accept", "")
    extension = preferred_rdf_format(accept)
    if extension is None and any(t in accept for t in HTML_TYPES):
        return HttpResponseRedirect("/search", status=303)
    extension = extension or "ttl"
    response = _rdf_stream(_catalogue_page(request, extension), extension)
    response["Vary"] = "Accept"
    return response


@require_GET
@maps_errors
def dataset_rdf(request: HttpRequest, name: str, extension: str) -> HttpResponse:
    """/dataset/<id or name>.ttl|rdf|jsonld|nt (404 unless the public may see it)."""
    dataset = public_datasets().filter(**_key(name)).values_list("id", flat=True).first()
    if dataset is None:
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    record = dataset_records([dataset])[0]
    series = series_of([record]).get(record.in_series or "")
    body = dataset_bytes(settings.AGORA_SITE_URL, record, extension, series=series)
    return _rdf_response(body, extension)


def _key(name: str) -> dict[str, object]:
    try:
        return {"id": uuid.UUID(name)}
    except ValueError:
        return {"name": name}
