"""Our records as DCAT-AP 3 RDF graphs: one dataset, or a page of the catalogue.

URIs are stable: a dataset is `<site>/dataset/<uuid>` (its name may change, its id never),
a distribution `<site>/dataset/<uuid>/resource/<uuid>`, a publisher
`<site>/organization/<uuid>`. Every controlled value is a URI of the EU authority tables (or
IANA, ADMS, SPDX) described in place (see concepts.py); multilingual text is written once per
language with its language tag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..records import DatasetRecord, DistributionRecord, LicenceRecord, OrganizationRecord
from ..vocabularies.licences import LICENCE_TYPES, licence_uri
from . import concepts
from .geometry import bbox_wkt, centroid_wkt
from .namespaces import (
    ADMS,
    DCAT,
    DCATAP,
    DCT,
    FOAF,
    GSP,
    RDF,
    RDFS,
    SKOS,
    SPDX,
    VCARD,
    XSD,
    new_graph,
)


@dataclass(frozen=True)
class Site:
    """What the catalogue says about itself (from settings)."""

    url: str
    title: str
    description: str
    language: str = "en"
    licence: LicenceRecord | None = None
    publisher_name: str = ""
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None
    countries: tuple[str, ...] = ()

    @property
    def catalogue_uri(self) -> str:
        return f"{self.url}/catalog"


def dataset_uri(site_url: str, dataset_id: str) -> str:
    return f"{site_url}/dataset/{dataset_id}"


def distribution_uri(site_url: str, dataset_id: str, distribution_id: str) -> str:
    return f"{site_url}/dataset/{dataset_id}/resource/{distribution_id}"


def organization_uri(site_url: str, organization_id: str) -> str:
    return f"{site_url}/organization/{organization_id}"


def _texts(graph: Graph, node: Node, predicate: URIRef, texts: dict[str, str]) -> None:
    for language, text in sorted(texts.items()):
        if text:
            graph.add((node, predicate, Literal(text, lang=language)))


def _when(value: dt.datetime | dt.date) -> Literal:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def _document(graph: Graph, url: str) -> URIRef:
    node = URIRef(url)
    graph.add((node, RDF.type, FOAF.Document))
    return node


def add_publisher(graph: Graph, site_url: str, org: OrganizationRecord) -> URIRef:
    node = URIRef(organization_uri(site_url, org.id))
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    _texts(graph, node, FOAF.name, org.title or {"en": org.name})
    kind = concepts.publisher_type(graph, org.publisher_type) if org.publisher_type else None
    if kind is not None:
        graph.add((node, DCT.type, kind))
    if org.homepage:
        graph.add((node, FOAF.homepage, _document(graph, org.homepage)))
    if org.email:
        graph.add((node, FOAF.mbox, URIRef(f"mailto:{org.email}")))
    if org.country:
        graph.add((node, DCT.spatial, concepts.country(graph, org.country)))
    return node


def add_licence(graph: Graph, licence: LicenceRecord, memo: dict[str, Node]) -> Node:
    """A licence document: the EU table's URI or the licence's URL, else a described node."""
    if licence.id in memo:
        return memo[licence.id]
    uri = licence_uri(licence.id) or licence.url
    node: Node = URIRef(uri) if uri else BNode()
    graph.add((node, RDF.type, DCT.LicenseDocument))
    graph.add((node, RDFS.label, Literal(licence.title, lang="en")))
    graph.add((node, DCT.identifier, Literal(licence.id)))
    for code in LICENCE_TYPES.get(licence.id, ()):
        graph.add((node, DCT.type, concepts.licence_type(graph, code)))
    memo[licence.id] = node
    return node


def _contact_point(graph: Graph, record: DatasetRecord) -> Node | None:
    if not (record.contact_name or record.contact_email or record.contact_url):
        return None
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    if record.contact_name:
        graph.add((node, VCARD.fn, Literal(record.contact_name)))
    if record.contact_email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{record.contact_email}")))
    if record.contact_url:
        graph.add((node, VCARD.hasURL, URIRef(record.contact_url)))
    return node


def _location(graph: Graph, geometry: dict[str, object]) -> Node:
    """Bounding box and centroid as WKT. locn:geometry is left out on purpose: the DCAT-AP
    3.0.1 shapes want it to be a node and the (2.1.1-era) mandatory shapes a literal, and no
    value satisfies both; a point or a box comes back whole from bbox and centroid."""
    node = BNode()
    graph.add((node, RDF.type, DCT.Location))
    graph.add((node, DCAT.bbox, Literal(bbox_wkt(geometry), datatype=GSP.wktLiteral)))
    graph.add((node, DCAT.centroid, Literal(centroid_wkt(geometry), datatype=GSP.wktLiteral)))
    return node


def _period(graph: Graph, start: dt.date | None, end: dt.date | None) -> Node:
    node = BNode()
    graph.add((node, RDF.type, DCT.PeriodOfTime))
    if start:
        graph.add((node, DCAT.startDate, _when(start)))
    if end:
        graph.add((node, DCAT.endDate, _when(end)))
    return node


def _coverage(graph: Graph, node: URIRef, record: DatasetRecord) -> None:
    for code in record.countries:
        graph.add((node, DCT.spatial, concepts.country(graph, code)))
    if record.spatial:
        graph.add((node, DCT.spatial, _location(graph, record.spatial)))
    if record.temporal_start or record.temporal_end:
        period = _period(graph, record.temporal_start, record.temporal_end)
        graph.add((node, DCT.temporal, period))


def _classification(graph: Graph, node: URIRef, record: DatasetRecord) -> None:
    for tag in record.tags:
        graph.add((node, DCAT.keyword, Literal(tag)))
    for code in record.themes:
        graph.add((node, DCAT.theme, concepts.theme(graph, code)))
    for code in record.languages:
        language = concepts.language(graph, code)
        if language is not None:
            graph.add((node, DCT.language, language))
    if record.frequency:
        graph.add((node, DCT.accrualPeriodicity, concepts.frequency(graph, record.frequency)))
    if record.access_rights:
        graph.add((node, DCT.accessRights, concepts.access_rights(graph, record.access_rights)))
    for standard in record.conforms_to:
        graph.add((URIRef(standard), RDF.type, DCT.Standard))
        graph.add((node, DCT.conformsTo, URIRef(standard)))


def add_distribution(
    graph: Graph, site_url: str, dist: DistributionRecord, licence: Node | None
) -> URIRef:
    node = URIRef(distribution_uri(site_url, dist.dataset_id, dist.id))
    graph.add((node, RDF.type, DCAT.Distribution))
    if dist.title:
        graph.add((node, DCT.title, Literal(dist.title)))
    if dist.description:
        graph.add((node, DCT.description, Literal(dist.description)))
    if dist.url:
        graph.add((node, DCAT.accessURL, URIRef(dist.url)))
        graph.add((node, DCAT.downloadURL, URIRef(dist.url)))
    file_type = concepts.file_type(graph, dist.format) if dist.format else None
    if file_type is not None:
        graph.add((node, DCT.format, file_type))
    media = concepts.media_type(graph, dist.media_type) if dist.media_type else None
    if media is not None:
        graph.add((node, DCAT.mediaType, media))
    if dist.byte_size is not None:
        size = Literal(str(dist.byte_size), datatype=XSD.nonNegativeInteger)
        graph.add((node, DCAT.byteSize, size))
    if dist.checksum_sha256:
        checksum = BNode()
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, concepts.checksum_algorithm(graph)))
        value = Literal(dist.checksum_sha256, datatype=XSD.hexBinary)
        graph.add((checksum, SPDX.checksumValue, value))
        graph.add((node, SPDX.checksum, checksum))
    if licence is not None:
        graph.add((node, DCT.license, licence))
    if dist.is_upload:
        # Uploads are stored by their SHA-256 and never change: the file at this URL is stable.
        graph.add((node, DCATAP.availability, concepts.availability(graph, "STABLE")))
    graph.add((node, DCT.issued, _when(dist.created)))
    graph.add((node, DCT.modified, _when(dist.modified)))
    return node


def add_dataset(
    graph: Graph,
    site_url: str,
    record: DatasetRecord,
    memo: dict[str, Node] | None = None,
    series: DatasetRecord | None = None,
) -> URIRef:
    """Describe one dataset (and its publisher, distributions, concepts) in `graph`.

    `series` is the record of the series the dataset is part of, when the reader may see it:
    the link is written only then, and the series is described too (DCAT-AP requires its
    title and description wherever it appears).
    """
    memo = {} if memo is None else memo
    node = URIRef(dataset_uri(site_url, record.id))
    if record.is_series:
        if f"series:{record.id}" in memo:
            return node  # a series is described once, however many members link to it
        memo[f"series:{record.id}"] = node
    graph.add((node, RDF.type, DCAT.DatasetSeries if record.is_series else DCAT.Dataset))
    _texts(graph, node, DCT.title, record.title)
    _texts(graph, node, DCT.description, record.description)
    graph.add((node, DCT.identifier, Literal(record.identifier or str(node))))
    graph.add((node, DCT.publisher, add_publisher(graph, site_url, record.organization)))
    contact = _contact_point(graph, record)
    if contact is not None:
        graph.add((node, DCAT.contactPoint, contact))
    landing = record.landing_page or record.page_url
    graph.add((node, DCAT.landingPage, _document(graph, landing)))
    if record.issued:
        graph.add((node, DCT.issued, _when(record.issued)))
    if record.modified:
        graph.add((node, DCT.modified, _when(record.modified)))
    if record.version:
        graph.add((node, DCAT.version, Literal(record.version)))
    _classification(graph, node, record)
    _coverage(graph, node, record)
    if series is not None and record.in_series == series.id:
        graph.add((node, DCAT.inSeries, add_dataset(graph, site_url, series, memo)))
    licence = add_licence(graph, record.licence, memo) if record.licence else None
    for dist in record.distributions:
        graph.add((node, DCAT.distribution, add_distribution(graph, site_url, dist, licence)))
    graph.add((node, ADMS.identifier, _other_identifier(graph, record)))
    return node


def _other_identifier(graph: Graph, record: DatasetRecord) -> Node:
    """Agora's own id, so that a harvester of this catalogue can keep ours as a second key."""
    node = BNode()
    graph.add((node, RDF.type, ADMS.Identifier))
    graph.add((node, SKOS.notation, Literal(record.id)))
    return node


def dataset_graph(
    site_url: str, record: DatasetRecord, series: DatasetRecord | None = None
) -> Graph:
    graph = new_graph()
    add_dataset(graph, site_url, record, series=series)
    return graph


def add_catalogue(
    graph: Graph,
    site: Site,
    records: Iterable[DatasetRecord],
    series: Mapping[str, DatasetRecord] | None = None,
) -> URIRef:
    """The catalogue node and the datasets of this page (`series` by id, see add_dataset)."""
    series = series or {}
    node = URIRef(site.catalogue_uri)
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCT.title, Literal(site.title, lang=site.language)))
    graph.add((node, DCT.description, Literal(site.description, lang=site.language)))
    publisher = URIRef(site.url)
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(site.publisher_name or site.title, lang="en")))
    graph.add((node, DCT.publisher, publisher))
    graph.add((node, FOAF.homepage, _document(graph, site.url + "/")))
    language = concepts.language(graph, site.language)
    if language is not None:
        graph.add((node, DCT.language, language))
    graph.add((node, DCAT.themeTaxonomy, concepts.theme_taxonomy(graph)))
    for code in site.countries:
        graph.add((node, DCT.spatial, concepts.country(graph, code)))
    memo: dict[str, Node] = {}
    if site.licence is not None:
        graph.add((node, DCT.license, add_licence(graph, site.licence, memo)))
    if site.issued:
        graph.add((node, DCT.issued, _when(site.issued)))
    if site.modified:
        graph.add((node, DCT.modified, _when(site.modified)))
    for record in records:
        part_of = series.get(record.in_series) if record.in_series else None
        graph.add((node, DCAT.dataset, add_dataset(graph, site.url, record, memo, part_of)))
    return node
