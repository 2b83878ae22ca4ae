"""One dcat:Dataset node -> MappedDataset: every DCAT-AP property Agora has a column for.

A `Reader` wraps the graph and the warnings of the dataset being read; each `_read_*`
function fills one part of the draft. Values are accepted in the forms real catalogues use
(IRIs or literals, language-tagged or not, dates with or without time, year-only periods).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from agora.core.i18n import normalise_language

from ..mapped import candidate_name, lenient_datetime
from ..records import DatasetDraft, OrganizationDraft
from ..vocabularies.countries import country_code_from
from ..vocabularies.languages import language_code_from
from ..vocabularies.licences import licence_id_from, licence_id_from_title
from ..vocabularies.publisher_types import PUBLISHER_TYPES
from .geometry import geometry_from_wkt
from .namespaces import DCAT, DCT, FOAF, GSP, LOCN, RDF, RDFS, SCHEMA, SKOS, VCARD

TIME = "http://www.w3.org/2006/time#"
_TAG_CHARS = re.compile(r"[^\w \-.'&/()+,:]", re.UNICODE)
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass(frozen=True)
class Defaults:
    language: str
    publisher: Node | None
    licence: Node | None


def catalogue_defaults(graph: Graph, default_language: str) -> Defaults:
    """What the catalogue says for all its datasets: language, publisher, licence."""
    catalogue = next(iter(graph.subjects(RDF.type, DCAT.Catalog)), None)
    language = default_language
    publisher = licence = None
    if catalogue is not None:
        for value in graph.objects(catalogue, DCT.language):
            code = language_code_from(str(value))
            if code:
                language = code
                break
        publisher = graph.value(catalogue, DCT.publisher)
        licence = graph.value(catalogue, DCT.license)
    return Defaults(language, publisher, licence)


class Reader:
    def __init__(self, graph: Graph, defaults: Defaults) -> None:
        self.graph = graph
        self.defaults = defaults
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def values(self, node: Node, *predicates: Node) -> list[Node]:
        """Objects in a stable order (blank nodes by their content, not their random ids)."""
        found: list[Node] = []
        for predicate in predicates:
            found.extend(sorted(self.graph.objects(node, predicate), key=self._order))
        return found

    def _order(self, value: Node) -> str:
        if isinstance(value, BNode):
            pairs = sorted((str(p), str(o)) for p, o in self.graph.predicate_objects(value))
            return "~" + repr(pairs)
        return str(value)

    def first_text(self, node: Node, *predicates: Node) -> str:
        for value in self.values(node, *predicates):
            if isinstance(value, Literal) and str(value).strip():
                return str(value).strip()
        return ""

    def texts(self, node: Node, predicate: Node, language: str, what: str) -> dict[str, str]:
        """Literals by language; untagged ones are in the dataset's language."""
        texts: dict[str, str] = {}
        for value in self.values(node, predicate):
            if not isinstance(value, Literal) or not str(value).strip():
                continue
            lang = normalise_language(value.language) if value.language else language
            lang = lang or language
            if lang in texts and texts[lang] != str(value).strip():
                self.warn(f"Several {what}s in language '{lang}'; the first was kept")
                continue
            texts[lang] = str(value).strip()
        return texts

    def iri_or_text(self, value: Node) -> str:
        """An IRI, a literal, or a node that carries one (rdf:value, skos:notation, label)."""
        if isinstance(value, URIRef | Literal):
            return str(value).strip()
        for predicate in (RDF.value, SKOS.notation, SKOS.prefLabel, RDFS.label, DCT.identifier):
            inner = self.graph.value(value, predicate)
            if inner is not None:
                return str(inner).strip()
        return ""

    def when(
        self, node: Node, predicate: Node, what: str, *, end: bool = False
    ) -> dt.datetime | None:
        for value in self.values(node, predicate):
            text = self.iri_or_text(value)
            parsed, note = lenient_datetime(text, end=end)
            if parsed is None:
                self.warn(f'{what} "{text[:40]}" is not a date; it was left out')
            elif note:
                self.warn(f'{what} "{text[:40]}" was read as {parsed.date()} ({note})')
            return parsed
        return None


def _dataset_language(reader: Reader, node: Node) -> tuple[str, list[str]]:
    codes: list[str] = []
    for value in reader.values(node, DCT.language):
        text = reader.iri_or_text(value)
        code = language_code_from(text)
        if code is None:
            reader.warn(f'Unknown language "{text[:60]}" was left out')
        elif code not in codes:
            codes.append(code)
    return (codes[0] if codes else reader.defaults.language), codes


def _coded(reader: Reader, node: Node, predicate: Node, resolve: Any, what: str) -> list[str]:
    codes: list[str] = []
    for value in reader.values(node, predicate):
        text = reader.iri_or_text(value)
        code = resolve(text) if text else None
        if code is None:
            reader.warn(f'{what} "{text[:80]}" is not in our vocabulary; it was left out')
        elif code not in codes:
            codes.append(code)
    return codes


def _tags(reader: Reader, node: Node) -> list[str]:
    tags: list[str] = []
    for value in reader.values(node, DCAT.keyword):
        text = str(value).strip()
        clean = _TAG_CHARS.sub(" ", text).strip()[:100].strip()
        if clean != text:
            reader.warn(f'Keyword "{text[:40]}" was cleaned to "{clean[:40]}"')
        if clean and clean not in tags:
            tags.append(clean)
    return tags


def _spatial(reader: Reader, node: Node, draft: DatasetDraft) -> None:
    for value in reader.values(node, DCT.spatial):
        code = country_code_from(str(value)) if isinstance(value, URIRef) else None
        if code:
            if code not in draft.countries:
                draft.countries.append(code)
            continue
        geometry = _geometry(reader, value)
        if geometry is not None and draft.spatial is None:
            draft.spatial = geometry
        elif geometry is None:
            reader.warn(
                f'Spatial coverage "{reader.iri_or_text(value)[:80]}" is not a country '
                "or geometry Agora reads; it was left out"
            )


def _geometry(reader: Reader, location: Node) -> dict[str, Any] | None:
    candidates = reader.values(location, LOCN.geometry, DCAT.bbox, SCHEMA.box, DCAT.centroid)
    for value in candidates:
        if isinstance(value, BNode | URIRef) and not isinstance(value, Literal):
            value = (
                reader.graph.value(value, GSP.asGeoJSON)
                or reader.graph.value(value, GSP.asWKT)
                or value
            )
        text = str(value).strip()
        geometry = _geometry_text(text)
        if geometry is not None:
            return geometry
    return None


def _geometry_text(text: str) -> dict[str, Any] | None:
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) and "coordinates" in parsed else None
    return geometry_from_wkt(text)


def _temporal(reader: Reader, node: Node, draft: DatasetDraft) -> None:
    for period in reader.values(node, DCT.temporal):
        start = _bound(reader, period, (DCAT.startDate, SCHEMA.startDate), "hasBeginning", False)
        end = _bound(reader, period, (DCAT.endDate, SCHEMA.endDate), "hasEnd", True)
        if start and end and start > end:
            reader.warn("Temporal coverage ends before it starts; it was left out")
            continue
        if start or end:
            draft.temporal_start, draft.temporal_end = start, end
            return


def _bound(
    reader: Reader, period: Node, predicates: tuple[Node, ...], instant: str, end: bool
) -> dt.date | None:
    holders: list[tuple[Node, Node]] = [(period, p) for p in predicates]
    for moment in reader.values(period, URIRef(TIME + instant)):
        holders += [(moment, URIRef(TIME + "inXSDDate")), (moment, URIRef(TIME + "inXSDDateTime"))]
    for holder, predicate in holders:
        value = reader.when(holder, predicate, "Temporal coverage date", end=end)
        if value is not None:
            return value.date()
    return None


def _contact(reader: Reader, node: Node, draft: DatasetDraft) -> None:
    for contact in reader.values(node, DCAT.contactPoint):
        draft.contact_name = reader.first_text(contact, VCARD.fn, VCARD["organization-name"])
        for value in reader.values(contact, VCARD.hasEmail, VCARD.email):
            email = str(value).strip().removeprefix("mailto:").strip()
            if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
                draft.contact_email = email
                break
            reader.warn(f'Contact e-mail "{email[:60]}" is not an address; it was left out')
        for value in reader.values(contact, VCARD.hasURL, VCARD.url):
            draft.contact_url = _http(reader, str(value), "Contact URL")
        return


def _http(reader: Reader, url: str, what: str) -> str:
    text = url.strip()
    if re.match(r"^https?://[^\s/$.?#].[^\s]*$", text):
        return text[:2000]
    if text:
        reader.warn(f'{what} "{text[:60]}" is not an http(s) URL; it was left out')
    return ""


def _licence(reader: Reader, node: Node, distributions: list[Node]) -> str:
    values = reader.values(node, DCT.license)
    for dist in distributions:
        values += reader.values(dist, DCT.license)
    if not values and reader.defaults.licence is not None:
        values = [reader.defaults.licence]
    for value in values:
        text = reader.iri_or_text(value) if not isinstance(value, URIRef) else str(value)
        found = licence_id_from(text) or licence_id_from_title(text)
        if found is None and isinstance(value, BNode):
            found = licence_id_from_title(reader.first_text(value, RDFS.label, DCT.title))
        if found:
            return found
        reader.warn(f'Licence "{text[:80]}" is not in the licence register; it was left out')
    return ""


def _publisher(reader: Reader, node: Node, language: str) -> OrganizationDraft | None:
    agent = reader.graph.value(node, DCT.publisher) or reader.defaults.publisher
    if agent is None:
        reader.warn("No publisher")
        return None
    names = reader.texts(agent, FOAF.name, language, "publisher name")
    names = names or reader.texts(agent, SKOS.prefLabel, language, "publisher name")
    key = str(agent) if isinstance(agent, URIRef) else json.dumps(names, sort_keys=True)
    kind = str(reader.graph.value(agent, DCT.type) or "").rstrip("/").rsplit("/", 1)[-1]
    homepage = reader.graph.value(agent, FOAF.homepage)
    mbox = str(reader.graph.value(agent, FOAF.mbox) or "").removeprefix("mailto:")
    return OrganizationDraft(
        name=candidate_name(*names.values(), key=key),
        title=names or {language: str(agent)},
        publisher_type=kind if kind in PUBLISHER_TYPES else "",
        homepage=_http(reader, str(homepage), "Publisher homepage") if homepage else "",
        email=mbox if "@" in mbox else "",
    )
