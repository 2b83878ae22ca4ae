"""DCAT-AP 3 both ways: records -> RDF graphs (outbound), RDF in any serialisation and
profile -> drafts (inbound). Import from here."""

from .inbound import map_rdf
from .jsonld import DCAT_AP_CONTEXT_URL, jsonld_document
from .outbound import (
    Site,
    add_catalogue,
    add_dataset,
    dataset_graph,
    dataset_uri,
    distribution_uri,
    organization_uri,
)
from .serialise import FORMAT_BY_MEDIA_TYPE, RDF_FORMATS, Page, add_paging, serialise

__all__ = [
    "DCAT_AP_CONTEXT_URL",
    "FORMAT_BY_MEDIA_TYPE",
    "RDF_FORMATS",
    "Page",
    "Site",
    "add_catalogue",
    "add_dataset",
    "add_paging",
    "dataset_graph",
    "dataset_uri",
    "distribution_uri",
    "jsonld_document",
    "map_rdf",
    "organization_uri",
    "serialise",
]
