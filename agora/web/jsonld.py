"""The dataset page's linked data: schema.org JSON-LD in the page, RDF by content negotiation.

Both come from the linked-data work (issue 5): `agora.interop.schemaorg.dataset_jsonld` makes
the schema.org Dataset, and `agora.api.exports.negotiation.negotiated_dataset_response` answers
clients whose Accept header prefers RDF (Turtle, JSON-LD, RDF/XML) before HTML is rendered.
This module is the one place the web app meets them.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

from agora.api.exports import negotiation
from agora.interop import schemaorg
from agora.interop.records import DatasetRecord

from .i18n import current_language


def dataset_jsonld_script(record: DatasetRecord) -> SafeString:
    """<script type="application/ld+json"> describing the dataset for search engines."""
    data = schemaorg.dataset_jsonld(
        record,
        language=current_language(),
        catalog_name=settings.AGORA_SITE_TITLE,
        catalog_url=settings.AGORA_SITE_URL,
    )
    text = json_script(data)
    # json_script escapes <, > and & inside the JSON, so the data cannot close the element.
    return mark_safe(text.replace('type="application/json"', 'type="application/ld+json"', 1))


def negotiated_response(request: HttpRequest, name: str) -> HttpResponse | None:
    """The RDF description when the client prefers RDF to HTML, else None (render the page)."""
    return negotiation.negotiated_dataset_response(request, name)
