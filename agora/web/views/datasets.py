"""The dataset page, its revision history and the table preview of a file.

Every read starts with `dataset_version` (the visibility rule in one narrow query), so a
private or draft dataset is a 404 for whoever may not see it, and so the page can answer a
conditional request (ETag / Last-Modified) before any other work.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from agora.api.auth import request_actor
from agora.catalog.file_versions import dataset_file_history, version_download_url
from agora.catalog.selectors import dataset_get, dataset_records, dataset_version, distribution_get
from agora.core.actor import Actor
from agora.interop.records import DatasetRecord

from ..i18n import localized
from ..jsonld import dataset_jsonld_script, negotiated_response
from ..preview import sorted_rows, table_preview
from ..services import dataset_usage_record, is_robot
from . import dataset_parts as parts

# Bump when the page's template changes in a way that must invalidate browsers' copies.
PAGE_VERSION = "1"
HISTORY_PAGE = 20
PREVIEW_PAGE_ROWS = 100


def _etag(actor: Actor, key: tuple[object, ...]) -> str:
    seed = repr((PAGE_VERSION, key, get_language(), actor.user_id, actor.is_superuser))
    return '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'


def _cache_headers(response: HttpResponse, record: DatasetRecord, actor: Actor, etag: str) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(record.metadata_modified.timestamp())
    shared = not record.private and record.state == "active" and not actor.is_authenticated
    response["Cache-Control"] = ("public" if shared else "private") + ", max-age=0, must-revalidate"
    patch_vary_headers(response, ("Accept", "Cookie", "Accept-Language"))


def _count_view(request: HttpRequest, actor: Actor, record: DatasetRecord) -> None:
    if settings.AGORA_WEB_COUNT_VIEWS and not is_robot(request.headers.get("User-Agent", "")):
        dataset_usage_record(actor=actor, dataset=record.id, kind="views")


def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    negotiated = negotiated_response(request, name)
    if negotiated is not None:
        return negotiated
    version = dataset_version(actor, name)
    etag = _etag(actor, version.key)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    record = dataset_records([version.id])[0]
    if request.method == "GET":
        _count_view(request, actor, record)
    context = {
        "record": record,
        "title": localized(record.title),
        "description": localized(record.description),
        "publisher": localized(record.organization.title),
        "distributions": parts.distributions(record),
        "preview": parts.first_preview(record),
        "countries": parts.countries(record),
        "map": parts.coverage_map(record),
        "api": parts.api_snippets(record),
        "citation": parts.citation(record),
        "history": parts.history(record.id, limit=parts.HISTORY_ON_PAGE),
        "show_editors": parts.may_see_editors(actor, record),
        "jsonld": dataset_jsonld_script(record),
    }
    response = render(request, "web/dataset.html", context)
    _cache_headers(response, record, actor, etag)
    return response


def parts_record(actor: Actor, name: str) -> DatasetRecord:
    return dataset_records([dataset_version(actor, name).id])[0]


def dataset_history(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    record = parts_record(actor, name)
    before = request.GET.get("before")
    entries = parts.history(
        record.id, limit=HISTORY_PAGE, before=int(before) if before and before.isdigit() else None
    )
    older = entries[-1]["revision"].number if len(entries) == HISTORY_PAGE else None
    files = dataset_file_history(actor, dataset_get(actor, record.id)) if before is None else []
    context = {
        "files": [
            {"version": v, "url": version_download_url(v, v.distribution.dataset_id)} for v in files
        ],
        "record": record,
        "title": localized(record.title),
        "entries": entries,
        "older": older if older and older > 1 else None,
        "show_editors": parts.may_see_editors(actor, record),
    }
    return render(request, "web/dataset_history.html", context)


def distribution_preview(
    request: HttpRequest, name: str, distribution_id: uuid.UUID
) -> HttpResponse:
    actor = request_actor(request)
    record = parts_record(actor, name)
    dist = distribution_get(actor, str(distribution_id))
    if str(dist.dataset_id) != record.id:
        raise Http404("No such file in this dataset")
    preview = table_preview(dist, max_rows=PREVIEW_PAGE_ROWS)
    column, order = request.GET.get("sort", ""), request.GET.get("order", "asc")
    rows = preview.rows if preview else []
    if preview and column.isdigit():
        rows = sorted_rows(rows, int(column), descending=order == "desc")
    context = {
        "record": record,
        "title": localized(record.title),
        "dist": dist,
        "preview": preview,
        "rows": rows,
        "sort_column": int(column) if column.isdigit() else None,
        "sort_order": order,
    }
    return render(request, "web/distribution_preview.html", context)
