"""HTTP content negotiation between the dataset page and its RDF descriptions.

The web dataset view calls `negotiated_dataset_response` first: it returns the RDF
description when the client's Accept header prefers an RDF type to HTML, and None when the
HTML page should be rendered.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from .accept import preferred_rdf_format
from .views.dcat import dataset_rdf

__all__ = ["negotiated_dataset_response", "preferred_rdf_format"]


def negotiated_dataset_response(request: HttpRequest, id_or_name: str) -> HttpResponse | None:
    """For /dataset/<name>: the DCAT-AP description when the Accept header prefers RDF
    (404 for datasets the public may not see), else None (render the page)."""
    extension = preferred_rdf_format(request.headers.get("Accept", ""))
    if extension is None:
        return None
    response = dataset_rdf(request, id_or_name, extension)
    response["Vary"] = "Accept"
    return response
