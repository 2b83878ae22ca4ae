"""/data.json: the DCAT-US 1.1 catalogue, streamed (flat memory whatever its size)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from agora.interop.datajson_out import catalog_chunks, dataset_entry
from agora.interop.dcat import dataset_uri

from ..common import portal_contact_email, public_datasets, record_batches, visible_series_ids


def _entries() -> Iterator[dict[str, Any]]:
    site = settings.AGORA_SITE_URL
    email = portal_contact_email()
    for batch in record_batches(public_datasets()):
        series = visible_series_ids(batch)
        for record in batch:
            if record.in_series and record.in_series not in series:
                # The series is private or a draft: not even its id may appear.
                record = dataclasses.replace(record, in_series=None)
            yield dataset_entry(
                record, dataset_uri=dataset_uri(site, record.id), contact_email=email
            )


@require_GET
def data_json(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        catalog_chunks(_entries()), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
