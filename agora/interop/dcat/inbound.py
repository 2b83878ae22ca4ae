"""DCAT RDF in any serialisation and profile (DCAT-AP 1/2/3, DCAT-AP.de, DCAT-AP_IT,
DCAT-AP CH, GeoDCAT-AP, DCAT-US 3) -> MappedDataset per dcat:Dataset and dcat:DatasetSeries.

Reading is forgiving, because real catalogues are not clean (see the files in
shared/data/catalogues and the tests that read them): a document that a strict parser refuses
is retried with the usual namespace prefixes declared; IRIs written in a broken namespace
("http://www.w3.org/ns/dcat" without "#", "https://purl.org/dc/terms/", ...) are read as the
vocabulary they meant; values that cannot be used are dropped with a warning. Nothing here
raises on bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..mapped import CatalogueMapping, lenient_json
from .dataset_mapping import map_dataset
from .jsonld import known_contexts
from .namespaces import DCAT, DCT, PREFIXES, RDF
from .reading import Reader, catalogue_defaults

# Namespace IRIs seen misspelt in real catalogues -> the vocabulary they meant.
_BROKEN_NAMESPACES: dict[str, str] = {
    "http://www.w3.org/ns/dcat/": str(DCAT),
    "https://www.w3.org/ns/dcat#": str(DCAT),
    "http://www.w3.org/ns/dcat": str(DCAT),
    "http://purl.org/dc/terms": str(DCT),
    "https://purl.org/dc/terms/": str(DCT),
    "http://purl.org/dc/terms#": str(DCT),
    "http://purl.org/dc/elements/1.1/": str(DCT),
    "http://xmlns.com/foaf/0.1": "http://xmlns.com/foaf/0.1/",
    "https://xmlns.com/foaf/0.1/": "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/2006/vcard/ns/": "http://www.w3.org/2006/vcard/ns#",
    "https://www.w3.org/2006/vcard/ns#": "http://www.w3.org/2006/vcard/ns#",
}
_FORMAT_BY_EXTENSION = {
    "ttl": "turtle",
    "n3": "n3",
    "nt": "nt",
    "rdf": "xml",
    "xml": "xml",
    "owl": "xml",
    "jsonld": "json-ld",
    "json": "json-ld",
}
_FORMAT_BY_MEDIA_TYPE = {
    "text/turtle": "turtle",
    "text/n3": "n3",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}


def guess_format(data: bytes, *, media_type: str = "", filename: str = "") -> str:
    """The rdflib parser name for a document, from its media type, name or first bytes."""
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence in _FORMAT_BY_MEDIA_TYPE:
        return _FORMAT_BY_MEDIA_TYPE[essence]
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in _FORMAT_BY_EXTENSION:
        return _FORMAT_BY_EXTENSION[extension]
    head = data[:2000].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json-ld"
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:RDF"):
        return "xml"
    if re.match(rb"^<[^>]+>\s+<[^>]+>", head):
        return "nt"
    return "turtle"


def _with_prefixes(data: bytes) -> bytes:
    """Turtle that uses common prefixes without declaring them: declare them."""
    declared = set(re.findall(rb"@prefix\s+([A-Za-z][\w-]*)\s*:", data, flags=re.IGNORECASE))
    lines = [
        f"@prefix {prefix}: <{namespace}> .".encode()
        for prefix, namespace in PREFIXES.items()
        if prefix.encode() not in declared
    ]
    return b"\n".join(lines) + b"\n" + data


_PREFIX_LINE = re.compile(rb"^(\s*@prefix\s+[A-Za-z][\w.-]*:\s*<[^>]*>)\s*$", re.MULTILINE)
_DECLARED = re.compile(rb"@prefix\s+([A-Za-z][\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


def _expander(namespace: bytes) -> Callable[[re.Match[bytes]], bytes]:
    def expand(match: re.Match[bytes]) -> bytes:
        return b"<" + namespace + match.group(1) + b">"

    return expand


def _turtle_syntax(data: bytes) -> bytes:
    fixed = _PREFIX_LINE.sub(rb"\1 .", data)
    for prefix, namespace in _DECLARED.findall(fixed):
        slashed = re.compile(rb"(?<![\w<:/#])" + re.escape(prefix) + rb":([\w.-]*/[\w/.-]*[\w/])")
        fixed = slashed.sub(_expander(namespace), fixed)
    return fixed


def _with_xml_namespaces(data: bytes) -> bytes:
    """RDF/XML that uses common prefixes without declaring them: declare them on the root."""
    match = re.search(rb"<rdf:RDF\b", data)
    if match is None:
        return data
    extra = b"".join(
        f' xmlns:{prefix}="{namespace}"'.encode()
        for prefix, namespace in PREFIXES.items()
        if f"xmlns:{prefix}=".encode() not in data
    )
    return data[: match.end()] + extra + data[match.end() :]


def _inline_contexts(value: Any, contexts: Mapping[str, Any], missing: set[str]) -> Any:
    """Replace references to known remote contexts by their content (we never fetch)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "@context":
                result[key] = _resolve_context(item, contexts, missing)
            else:
                result[key] = _inline_contexts(item, contexts, missing)
        return result
    if isinstance(value, list):
        return [_inline_contexts(v, contexts, missing) for v in value]
    return value


def _resolve_context(item: Any, contexts: Mapping[str, Any], missing: set[str]) -> Any:
    if isinstance(item, str):
        if item in contexts:
            found = contexts[item]
            return found.get("@context", found) if isinstance(found, dict) else found
        missing.add(item)
        return {}
    if isinstance(item, list):
        return [_resolve_context(v, contexts, missing) for v in item]
    if isinstance(item, dict):
        return _inline_contexts(item, contexts, missing)
    return item


def _parse(data: bytes, fmt: str, contexts: Mapping[str, Any], warnings: list[str]) -> Graph | None:
    graph = Graph()
    if fmt == "json-ld":
        document, warning = lenient_json(data)
        if warning:
            warnings.append(warning)
        if document is None:
            return None
        missing: set[str] = set()
        if isinstance(document, dict) and "@context" not in document:
            warnings.append("JSON without a JSON-LD @context (e.g. DCAT-US 3 JSON): not read")
        document = _inline_contexts(document, contexts, missing)
        for url in sorted(missing):
            warnings.append(f"JSON-LD context {url} is not known here; its terms were not read")
        try:
            graph.parse(data=json.dumps(document), format="json-ld")
        except Exception as error:  # noqa: BLE001 - rdflib raises many kinds; we never crash
            warnings.append(f"JSON-LD could not be read: {type(error).__name__}: {error}"[:300])
            return None
        return graph
    payload = data
    undeclared: list[str] = []
    for attempt in range(_MAX_REPAIRS):
        try:
            graph = Graph()
            graph.parse(data=payload, format=fmt)
        except Exception as error:  # noqa: BLE001 - rdflib raises many kinds; we never crash
            repaired = _repair(payload, fmt, str(error), undeclared, first=attempt == 0)
            if repaired is None:
                warnings.append(f"RDF could not be read: {type(error).__name__}: {error}"[:300])
                return None
            payload = repaired
            continue
        if attempt:
            names = ", ".join(undeclared) or "the usual ones"
            warnings.append(f"Undeclared namespace prefixes; assumed: {names}")
        return graph
    warnings.append("RDF could not be read: too many undeclared prefixes")
    return None


_MAX_REPAIRS = 12
_UNBOUND = re.compile(r'Prefix "([A-Za-z][\w.-]*):" not bound')


def _repair(
    payload: bytes, fmt: str, error: str, undeclared: list[str], *, first: bool
) -> bytes | None:
    """Turtle with the defects seen in real files repaired (a missing "." after @prefix,
    prefixed names with "/" in them), undeclared prefixes declared: the usual namespaces
    first, then any other prefix as a placeholder namespace (its terms are unknown to us)."""
    if fmt in ("turtle", "n3"):
        if first:
            return _with_prefixes(_turtle_syntax(payload))
        match = _UNBOUND.search(error)
        if match is None:
            return None
        prefix = match.group(1)
        undeclared.append(prefix)
        return f"@prefix {prefix}: <urn:agora:undeclared:{prefix}#> .\n".encode() + payload
    if fmt == "xml" and first:
        return _with_xml_namespaces(payload)
    return None


def _fix_iri(node: Node) -> Node:
    if isinstance(node, URIRef):
        text = str(node)
        for broken, right in _BROKEN_NAMESPACES.items():
            if text.startswith(broken) and not text.startswith(right):
                rest = text[len(broken) :]
                if rest and re.fullmatch(r"[A-Za-z][\w-]*", rest):
                    return URIRef(right + rest)
    return node


def normalise_namespaces(graph: Graph, warnings: list[str]) -> Graph:
    """Rewrite predicates and classes written in a misspelt namespace."""
    fixed = Graph()
    changed = 0
    for s, p, o in graph:
        new_p = _fix_iri(p)
        new_o = _fix_iri(o) if p == RDF.type else o
        changed += (new_p != p) + (new_o != o)
        fixed.add((s, new_p, new_o))
    if changed:
        warnings.append(f"{changed} terms were written in a misspelt namespace and were corrected")
    return fixed


def dataset_nodes(graph: Graph) -> list[Node]:
    """Every dcat:Dataset and dcat:DatasetSeries, in a stable order."""
    nodes = set(graph.subjects(RDF.type, DCAT.Dataset)) | set(
        graph.subjects(RDF.type, DCAT.DatasetSeries)
    )
    return sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n)))


def map_rdf(
    data: bytes,
    *,
    media_type: str = "",
    filename: str = "",
    contexts: Mapping[str, Any] | None = None,
    default_language: str = "en",
) -> CatalogueMapping:
    """Map every dataset of an RDF document. `contexts` supplies JSON-LD contexts by URL
    (the harvester fetches remote ones; ours is built in)."""
    mapping = CatalogueMapping(format="dcat")
    fmt = guess_format(data, media_type=media_type, filename=filename)
    known = {**known_contexts(), **(contexts or {})}
    graph = _parse(data, fmt, known, mapping.warnings)
    if graph is None:
        return mapping
    graph = normalise_namespaces(graph, mapping.warnings)
    defaults = catalogue_defaults(graph, default_language)
    for node in dataset_nodes(graph):
        mapping.datasets.append(map_dataset(Reader(graph, defaults), node))
    return mapping
