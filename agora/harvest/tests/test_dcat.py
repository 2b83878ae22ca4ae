"""DCAT sources: real RDF catalogues, served whole and split into Hydra pages."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from agora.catalog.models import Dataset
from agora.harvest.models import JobStatus
from agora.interop.dcat.inbound import dataset_nodes
from agora.interop.inbound import map_document

from .conftest import catalogue, static

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
BRANDENBURG = catalogue("dcat-ap-de", "govdata-dashboard", "brandenburg-catalog-original-input.ttl")
DESTATIS = catalogue("dcat-ap-de", "govdata-dashboard", "destatis-catalog-original-input.rdf")


def _described(graph: Graph, node, into: Graph, skip: set) -> None:
    """Copy the triples about `node` and the nodes it points to (not other datasets)."""
    stack, done = [node], set()
    while stack:
        subject = stack.pop()
        if subject in done:
            continue
        done.add(subject)
        for s, p, o in graph.triples((subject, None, None)):
            into.add((s, p, o))
            if isinstance(o, URIRef | BNode) and o not in skip and (o, None, None) in graph:
                stack.append(o)


def hydra_pages(path, base: str, per_page: int) -> dict[str, bytes]:
    """The catalogue split into Turtle pages chained by hydra:next, as a paging server
    would answer them."""
    graph = Graph().parse(path)
    datasets = dataset_nodes(graph)
    skip = set(datasets)
    pages: dict[str, bytes] = {}
    chunks = [datasets[i : i + per_page] for i in range(0, len(datasets), per_page)]
    for number, chunk in enumerate(chunks, 1):
        page = Graph()
        catalog = URIRef(f"{base}/catalog")
        page.add((catalog, RDF.type, DCAT.Catalog))
        for node in chunk:
            page.add((catalog, DCAT.dataset, node))
            _described(graph, node, page, skip)
        view = URIRef(f"{base}/catalog?page={number}")
        page.add((view, RDF.type, HYDRA.PartialCollectionView))
        page.add((catalog, HYDRA.totalItems, Literal(len(datasets))))
        if number < len(chunks):
            page.add((view, HYDRA.next, URIRef(f"{base}/catalog?page={number + 1}")))
        pages[str(number)] = page.serialize(format="turtle").encode()
    return pages


def test_a_dcat_ap_de_catalogue_in_rdf_xml_is_harvested(served, make_source, harvest):
    body = DESTATIS.read_bytes()
    served.routes["/catalog.rdf"] = static(body, "application/rdf+xml")
    source = make_source(served.url("/catalog.rdf"), "dcat")
    job = harvest(source)
    expected = len(map_document(body, filename="catalog.rdf").datasets)
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.counts)
    assert job.counts["created"] == expected > 0
    again = harvest(source)
    assert again.not_modified
    assert again.counts["unchanged"] == expected


def test_hydra_pages_are_followed_to_the_end(served, make_source, harvest):
    pages = hydra_pages(BRANDENBURG, served.base, per_page=7)
    served.routes["/catalog"] = lambda q, h: (
        200,
        {"Content-Type": "text/turtle"},
        pages[q.get("page", ["1"])[0]],
    )
    source = make_source(served.url("/catalog?page=1"), "dcat")
    job = harvest(source)
    total = len(dataset_nodes(Graph().parse(BRANDENBURG)))
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.counts)
    assert len(served.hits) == len(pages) > 2
    assert job.expected == total
    assert job.counts["created"] == total
    assert Dataset.objects.filter(harvest_source_id=source.id).count() == total


def test_malformed_rdf_is_reported(served, make_source, harvest):
    body = BRANDENBURG.read_bytes()
    served.routes["/catalog.ttl"] = static(body[: len(body) // 3] + b" <<< broken", "text/turtle")
    job = harvest(make_source(served.url("/catalog.ttl"), "dcat"))
    assert job.status == JobStatus.FAILED
    assert job.error_code == "harvest.source_malformed"
    assert "could not be read" in job.error
