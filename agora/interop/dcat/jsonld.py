"""JSON-LD in the terms of the official DCAT-AP 3.0.1 context.

The document's `@context` is the URL of the context SEMIC publishes with DCAT-AP 3.0.1, so a
JSON-LD processor reads it exactly as DCAT-AP defines the terms. The writer below knows, for
each class we emit, the names that context gives to the properties we use (`TERMS`, checked
against the published context by agora/interop/tests/test_dcat_jsonld.py); any other property
is written with its full IRI, which needs no context at all. Values are always explicit
(`{"@id": ...}` or `{"@value": ..., "@language"|"@type": ...}`), so the document means the
same triples whatever coercions the context declares, except plain IRIs under terms the
context declares as `"@type": "@id"`, which are written as strings.

Reading: `known_contexts()` returns this same vocabulary as an inline context, so our own
documents (and others that use the official context for the terms we know) are read without
fetching anything.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import ADMS, DCAT, DCATAP, DCT, FOAF, RDF, SKOS, SPDX

DCAT_AP_CONTEXT_URL = "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld"

# class term -> (class IRI, {property IRI: (term, coerced to @id)})
_DATASET_TERMS: dict[str, tuple[str, bool]] = {
    str(DCT.title): ("title", False),
    str(DCT.description): ("description", False),
    str(DCT.identifier): ("identifier", False),
    str(DCT.publisher): ("publisher", True),
    str(DCAT.contactPoint): ("contactPoint", True),
    str(DCAT.landingPage): ("landingPage", True),
    str(DCT.issued): ("releaseDate", False),
    str(DCT.modified): ("modificationDate", False),
    str(DCAT.version): ("version", False),
    str(DCAT.keyword): ("keyword", False),
    str(DCAT.theme): ("theme", True),
    str(DCT.language): ("language", True),
    str(DCT.accrualPeriodicity): ("frequency", True),
    str(DCT.accessRights): ("accessRights", True),
    str(DCT.conformsTo): ("conformsTo", True),
    str(DCT.spatial): ("geographicalCoverage", True),
    str(DCT.temporal): ("temporalCoverage", True),
    str(DCAT.inSeries): ("inSeries", True),
    str(DCAT.distribution): ("datasetDistribution", True),
    str(ADMS.identifier): ("otherIdentifier", True),
}
_SERIES_TERMS = {
    iri: term
    for iri, term in _DATASET_TERMS.items()
    if term[0]
    in {
        "title",
        "description",
        "publisher",
        "contactPoint",
        "releaseDate",
        "modificationDate",
        "frequency",
        "geographicalCoverage",
        "temporalCoverage",
    }
}
TERMS: dict[str, tuple[str, dict[str, tuple[str, bool]]]] = {
    "Catalogue": (
        str(DCAT.Catalog),
        {
            str(DCT.title): ("title", False),
            str(DCT.description): ("description", False),
            str(DCT.publisher): ("publisher", True),
            str(FOAF.homepage): ("homepage", True),
            str(DCT.language): ("language", True),
            str(DCT.license): ("licence", True),
            str(DCT.issued): ("releaseDate", False),
            str(DCT.modified): ("modificationDate", False),
            str(DCAT.themeTaxonomy): ("themes", True),
            str(DCAT.dataset): ("dataset", True),
        },
    ),
    "Dataset": (str(DCAT.Dataset), _DATASET_TERMS),
    "DatasetSeries": (str(DCAT.DatasetSeries), _SERIES_TERMS),
    "Distribution": (
        str(DCAT.Distribution),
        {
            str(DCT.title): ("title", False),
            str(DCT.description): ("description", False),
            str(DCAT.accessURL): ("accessUrl", True),
            str(DCAT.downloadURL): ("downloadUrl", True),
            str(DCT.format): ("format", True),
            str(DCAT.mediaType): ("mediaType", True),
            str(DCAT.byteSize): ("byteSize", False),
            str(SPDX.checksum): ("checksum", True),
            str(DCT.license): ("licence", True),
            str(DCATAP.availability): ("availability", True),
            str(DCT.issued): ("releaseDate", False),
            str(DCT.modified): ("modificationDate", False),
        },
    ),
    "Checksum": (
        str(SPDX.Checksum),
        {
            str(SPDX.algorithm): ("algorithm", True),
            str(SPDX.checksumValue): ("checksumValue", False),
        },
    ),
    "Concept": (str(SKOS.Concept), {str(SKOS.prefLabel): ("preferredLabel", False)}),
    "ConceptScheme": (str(SKOS.ConceptScheme), {str(DCT.title): ("title", False)}),
    "Agent": (str(FOAF.Agent), {str(FOAF.name): ("name", False), str(DCT.type): ("type", True)}),
    "LicenceDocument": (str(DCT.LicenseDocument), {str(DCT.type): ("type", True)}),
    "Location": (
        str(DCT.Location),
        {str(DCAT.bbox): ("bbox", False), str(DCAT.centroid): ("centroid", False)},
    ),
    "PeriodOfTime": (
        str(DCT.PeriodOfTime),
        {str(DCAT.startDate): ("startDate", False), str(DCAT.endDate): ("endDate", False)},
    ),
    "Identifier": (str(ADMS.Identifier), {str(SKOS.notation): ("notation", False)}),
    "Kind": ("http://www.w3.org/2006/vcard/ns#Kind", {}),
    "Document": (str(FOAF.Document), {}),
    "Frequency": (str(DCT.Frequency), {}),
    "LinguisticSystem": (str(DCT.LinguisticSystem), {}),
    "MediaType": (str(DCT.MediaType), {}),
    "MediaTypeOrExtent": (str(DCT.MediaTypeOrExtent), {}),
    "RightsStatement": (str(DCT.RightsStatement), {}),
    "Standard": (str(DCT.Standard), {}),
    "ChecksumAlgorithm": (str(SPDX.ChecksumAlgorithm), {}),
    "Geometry": ("http://www.w3.org/ns/locn#Geometry", {}),
}
_CLASS_TERM = {iri: term for term, (iri, _) in TERMS.items()}


def _node_id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _value(value: Node, coerced: bool) -> Any:
    if isinstance(value, Literal):
        result: dict[str, Any] = {"@value": str(value)}
        if value.language:
            result["@language"] = value.language
        elif value.datatype:
            result["@type"] = str(value.datatype)
        return result
    return _node_id(value) if coerced else {"@id": _node_id(value)}


def _node_object(graph: Graph, subject: Node) -> dict[str, Any]:
    types = sorted(str(t) for t in graph.objects(subject, RDF.type))
    # Terms are used for nodes of one class only: readers differ in how they combine several
    # type-scoped contexts, and full IRIs mean the same to all of them.
    only = types[0] if len(types) == 1 else ""
    scoped = TERMS[_CLASS_TERM[only]][1] if only in _CLASS_TERM else {}
    node: dict[str, Any] = {"@id": _node_id(subject)}
    if types:
        node["@type"] = [_CLASS_TERM.get(iri, iri) for iri in types]
    values: dict[str, list[Any]] = defaultdict(list)
    for predicate, obj in sorted(graph.predicate_objects(subject)):
        if predicate == RDF.type:
            continue
        term, coerced = scoped.get(str(predicate), (str(predicate), False))
        values[term].append(_value(obj, coerced))
    node.update(values)
    return node


def jsonld_document(graph: Graph) -> dict[str, Any]:
    """The graph as a flat JSON-LD document in the official DCAT-AP 3.0.1 terms."""
    subjects = sorted(set(graph.subjects()), key=lambda s: (isinstance(s, BNode), str(s)))
    return {
        "@context": DCAT_AP_CONTEXT_URL,
        "@graph": [_node_object(graph, subject) for subject in subjects],
    }


def jsonld_bytes(graph: Graph) -> bytes:
    return json.dumps(jsonld_document(graph), ensure_ascii=False, indent=1).encode("utf-8")


def inline_context() -> dict[str, Any]:
    """Our vocabulary as an inline context with the official term names (type-scoped)."""
    context: dict[str, Any] = {"@version": 1.1}
    for term, (class_iri, properties) in TERMS.items():
        scoped = {
            name: ({"@id": iri, "@type": "@id"} if coerced else {"@id": iri})
            for iri, (name, coerced) in properties.items()
        }
        context[term] = {"@id": class_iri, "@context": scoped} if scoped else class_iri
    return context


def known_contexts() -> dict[str, dict[str, Any]]:
    return {DCAT_AP_CONTEXT_URL: inline_context()}


__all__ = ["DCAT_AP_CONTEXT_URL", "TERMS", "URIRef", "jsonld_bytes", "jsonld_document"]
