"""Controlled-vocabulary values as DCAT-AP wants them: URIs of the EU authority tables (or
their equivalents), each described in place as a typed `skos:Concept` in its scheme.

Describing the concept (type, preferred label, scheme) costs a few triples and lets a
consumer, or the DCAT-AP SHACL shapes, check the value without loading the whole authority
table: the controlled-vocabulary shapes test `skos:inScheme`, the range shapes test the class
(`dct:Frequency`, `dct:LinguisticSystem`, `dct:Location`, ...).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..vocabularies.access_rights import ACCESS_RIGHTS, ACCESS_RIGHTS_BASE_URI
from ..vocabularies.countries import COUNTRY_SCHEME, country_name, country_uri
from ..vocabularies.formats import FILE_TYPE_BASE_URI, FORMATS
from ..vocabularies.frequencies import FREQUENCIES, FREQUENCY_BASE_URI
from ..vocabularies.languages import LANGUAGE_SCHEME, language_name, language_uri
from ..vocabularies.licences import LICENCE_TYPE_BASE_URI, LICENCE_TYPE_LABELS, LICENCE_TYPE_SCHEME
from ..vocabularies.publisher_types import PUBLISHER_TYPE_BASE_URI, PUBLISHER_TYPES
from ..vocabularies.themes import THEME_BASE_URI, THEMES
from .namespaces import DCAT, DCT, RDF, SKOS, SPDX

THEME_SCHEME = THEME_BASE_URI.rstrip("/")
FREQUENCY_SCHEME = FREQUENCY_BASE_URI.rstrip("/")
FILE_TYPE_SCHEME = FILE_TYPE_BASE_URI.rstrip("/")
ACCESS_RIGHTS_SCHEME = ACCESS_RIGHTS_BASE_URI.rstrip("/")
PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"
AVAILABILITY_BASE_URI = "http://publications.europa.eu/resource/authority/planned-availability/"
AVAILABILITY_SCHEME = AVAILABILITY_BASE_URI.rstrip("/")
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
# SPDX names the algorithm http://spdx.org/rdf/terms#checksumAlgorithm_sha256; the DCAT-AP
# controlled-vocabulary shapes (3.0.1) accept only IRIs starting "https://spdx.org/rdf/terms",
# so the https form is written (readers accept both).
SHA256 = URIRef("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")

SCHEME_TITLES: dict[str, str] = {
    THEME_SCHEME: "Data theme",
    FREQUENCY_SCHEME: "Frequency",
    FILE_TYPE_SCHEME: "File type",
    ACCESS_RIGHTS_SCHEME: "Access right",
    LANGUAGE_SCHEME: "Language",
    COUNTRY_SCHEME: "Country",
    PUBLISHER_TYPE_SCHEME: "Publisher type",
    AVAILABILITY_SCHEME: "Planned availability",
    LICENCE_TYPE_SCHEME: "Licence type",
}


def concept(graph: Graph, uri: str, scheme: str, labels: dict[str, str], *classes: Node) -> URIRef:
    """Add a concept of `scheme` with its labels and extra classes; return its URI."""
    node = URIRef(uri)
    if (node, RDF.type, SKOS.Concept) in graph:
        return node  # described already (concepts repeat on every dataset of a page)
    graph.add((node, RDF.type, SKOS.Concept))
    for cls in classes:
        graph.add((node, RDF.type, cls))
    for language, label in labels.items():
        graph.add((node, SKOS.prefLabel, Literal(label, lang=language)))
    scheme_node = URIRef(scheme)
    graph.add((node, SKOS.inScheme, scheme_node))
    graph.add((scheme_node, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme_node, DCT.title, Literal(SCHEME_TITLES.get(scheme, scheme), lang="en")))
    return node


def theme(graph: Graph, code: str) -> URIRef:
    return concept(graph, THEME_BASE_URI + code, THEME_SCHEME, THEMES.get(code, {"en": code}))


def frequency(graph: Graph, code: str) -> URIRef:
    label = {"en": FREQUENCIES.get(code, code)}
    return concept(graph, FREQUENCY_BASE_URI + code, FREQUENCY_SCHEME, label, DCT.Frequency)


def language(graph: Graph, code: str) -> URIRef | None:
    uri = language_uri(code)
    if uri is None:
        return None
    label = {"en": language_name(code)}
    return concept(graph, uri, LANGUAGE_SCHEME, label, DCT.LinguisticSystem)


def country(graph: Graph, alpha_3: str) -> URIRef:
    label = {"en": country_name(alpha_3)}
    return concept(graph, country_uri(alpha_3), COUNTRY_SCHEME, label, DCT.Location)


def access_rights(graph: Graph, code: str) -> URIRef:
    uri = ACCESS_RIGHTS_BASE_URI + code
    label = {"en": ACCESS_RIGHTS.get(code, code)}
    return concept(graph, uri, ACCESS_RIGHTS_SCHEME, label, DCT.RightsStatement)


def file_type(graph: Graph, label: str) -> URIRef | None:
    """The EU file-type concept for one of our format labels; None for formats it lacks."""
    facts = FORMATS.get(label)
    if facts is None or not facts.eu_code:
        return None
    uri = FILE_TYPE_BASE_URI + facts.eu_code
    return concept(graph, uri, FILE_TYPE_SCHEME, {"en": facts.label}, DCT.MediaTypeOrExtent)


def media_type(graph: Graph, value: str) -> URIRef | None:
    """IANA media types are named by their registry page, as DCAT-AP asks."""
    essence = value.split(";", 1)[0].strip().lower()
    if "/" not in essence or " " in essence:
        return None
    node = URIRef(IANA_MEDIA_TYPES + essence)
    graph.add((node, RDF.type, DCT.MediaType))
    return node


def publisher_type(graph: Graph, code: str) -> URIRef | None:
    if code not in PUBLISHER_TYPES:
        return None
    labels = {"en": PUBLISHER_TYPES[code]}
    return concept(graph, PUBLISHER_TYPE_BASE_URI + code, PUBLISHER_TYPE_SCHEME, labels)


def licence_type(graph: Graph, code: str) -> URIRef:
    labels = {"en": LICENCE_TYPE_LABELS.get(code, code)}
    return concept(graph, LICENCE_TYPE_BASE_URI + code, LICENCE_TYPE_SCHEME, labels)


def availability(graph: Graph, code: str) -> URIRef:
    labels = {"en": code.lower()}
    return concept(graph, AVAILABILITY_BASE_URI + code, AVAILABILITY_SCHEME, labels)


def checksum_algorithm(graph: Graph) -> URIRef:
    graph.add((SHA256, RDF.type, SPDX.ChecksumAlgorithm))
    return SHA256


def theme_taxonomy(graph: Graph) -> URIRef:
    node = URIRef(THEME_SCHEME)
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    graph.add((node, DCT.title, Literal(SCHEME_TITLES[THEME_SCHEME], lang="en")))
    return node


__all__ = ["DCAT", "concept"]
