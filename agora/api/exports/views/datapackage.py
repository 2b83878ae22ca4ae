"""/dataset/<name>/datapackage.json: the Frictionless Data Package descriptor."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from agora.catalog.selectors import dataset_records
from agora.core.errors import NotFound
from agora.interop.datapackage import datapackage
from agora.interop.dcat import dataset_uri

from ..common import maps_errors, public_datasets
from .dcat import _key


@require_GET
@maps_errors
def dataset_datapackage(request: HttpRequest, name: str) -> JsonResponse:
    found = public_datasets().filter(**_key(name)).values_list("id", flat=True).first()
    if found is None:
        raise NotFound("Dataset not found", code="catalog.dataset_not_found")
    record = dataset_records([found])[0]
    descriptor = datapackage(record, dataset_uri=dataset_uri(settings.AGORA_SITE_URL, record.id))
    response = JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
