"""The four serialisations Agora publishes, and Hydra paging of catalogue pages."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from .jsonld import jsonld_bytes
from .namespaces import DCAT, HYDRA, RDF, XSD


@dataclass(frozen=True)
class RdfFormat:
    extension: str
    media_type: str
    rdflib_name: str


RDF_FORMATS: dict[str, RdfFormat] = {
    f.extension: f
    for f in (
        RdfFormat("ttl", "text/turtle", "turtle"),
        RdfFormat("rdf", "application/rdf+xml", "xml"),
        RdfFormat("jsonld", "application/ld+json", "json-ld"),
        RdfFormat("nt", "application/n-triples", "nt"),
    )
}
FORMAT_BY_MEDIA_TYPE = {f.media_type: f for f in RDF_FORMATS.values()}


# rdflib's Turtle writer groups and sorts the whole graph and gets slow on big graphs (12 s
# for a page of 1,000 datasets, against 0.5 s for N-Triples). Above this size Turtle is written
# in its N-Triples form, which is valid Turtle (RDF 1.1 Turtle is a superset of N-Triples).
TURTLE_PRETTY_MAX_TRIPLES = 5000


def serialise(graph: Graph, extension: str) -> bytes:
    """Bytes of the graph in the format named by its file extension (ttl, rdf, jsonld, nt)."""
    if extension == "jsonld":
        return jsonld_bytes(graph)
    if extension == "ttl" and len(graph) > TURTLE_PRETTY_MAX_TRIPLES:
        data = graph.serialize(format="nt", encoding="utf-8")
        return b"# DCAT-AP 3 (Turtle, written triple by triple)\n" + data
    fmt = RDF_FORMATS[extension]
    data = graph.serialize(format=fmt.rdflib_name, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


@dataclass(frozen=True)
class Page:
    """One page of a paged collection; URLs are complete (they carry the query string)."""

    url: str
    first: str
    last: str
    next: str | None
    previous: str | None
    total_items: int
    items_per_page: int


def add_paging(graph: Graph, catalogue: URIRef, page: Page) -> None:
    """Hydra's PartialCollectionView, as harvesters of paged DCAT expect it."""
    view = URIRef(page.url)
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(page.first)))
    graph.add((view, HYDRA.last, URIRef(page.last)))
    if page.next:
        graph.add((view, HYDRA.next, URIRef(page.next)))
    if page.previous:
        graph.add((view, HYDRA.previous, URIRef(page.previous)))
    graph.add((catalogue, HYDRA.view, view))
    graph.add((catalogue, HYDRA.totalItems, Literal(page.total_items, datatype=XSD.integer)))
    graph.add((view, HYDRA.itemsPerPage, Literal(page.items_per_page, datatype=XSD.integer)))


__all__ = ["DCAT", "RDF_FORMATS", "Page", "add_paging", "serialise"]
