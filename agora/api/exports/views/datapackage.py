"""/dataset/<name>/datapackage.json: the Frictionless Data Package descriptor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from agora.catalog.selectors import dataset_records
from agora.core.actor import ANONYMOUS
from agora.core.errors import AgoraError, NotFound
from agora.datastore.selectors import table_for
from agora.interop.datapackage import datapackage
from agora.interop.dcat import dataset_uri
from agora.interop.records import DatasetRecord

from ..common import maps_errors, public_datasets
from .dcat import _key


def table_schemas(record: DatasetRecord) -> dict[str, dict[str, Any]]:
    """Table Schemas of the distributions the tabular store has ingested (by distribution
    id), with the titles and descriptions of their data dictionaries; nothing is guessed for
    the others."""
    schemas: dict[str, dict[str, Any]] = {}
    for dist in record.distributions:
        try:
            view = table_for(ANONYMOUS, dist.id)
        except AgoraError:
            continue  # not tabular, not ingested yet, or its ingest failed
        fields = []
        for column in view.handle.columns:
            field: dict[str, Any] = {"name": column.name, "type": column.type}
            if column.title:
                field["title"] = column.title
            if column.description:
                field["description"] = column.description
            fields.append(field)
        schemas[dist.id] = {"fields": fields}
    return schemas


@require_GET
@maps_errors
def dataset_datapackage(request: HttpRequest, name: str) -> JsonResponse:
    found = public_datasets().filter(**_key(name)).values_list("id", flat=True).first()
    if found is None:
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    record = dataset_records([found])[0]
    descriptor = datapackage(
        record,
        dataset_uri=dataset_uri(settings.AGORA_SITE_URL, record.id),
        schemas=table_schemas(record),
    )
    response = JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
