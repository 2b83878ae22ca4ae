"""One entry point for harvested documents: work out what a document is (DCAT RDF in any
serialisation, DCAT-US data.json, CKAN package dicts or API responses) and map it.

The harvester (and the tests over the real catalogues in shared/data/catalogues) call
`map_document`; it never raises on bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .ckan import draft_from_package
from .datajson_in import map_datajson
from .dcat.inbound import map_rdf
from .mapped import CatalogueMapping, MappedDataset, candidate_name, lenient_json
from .records import OrganizationDraft

_POD_CONTEXTS = ("project-open-data.cio.gov", "resources.data.gov")


def _json(data: bytes) -> Any:
    return lenient_json(data)[0]


def document_kind(data: bytes, *, filename: str = "", media_type: str = "") -> str:
    """ "datajson", "ckan", "rdf" (any RDF serialisation, JSON-LD included) or "unknown"."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"{", b"[")):
        return "rdf"
    document = _json(data)
    if isinstance(document, Mapping):
        context = str(document.get("@context", ""))
        if isinstance(document.get("dataset"), list) and (
            not context or any(host in context for host in _POD_CONTEXTS)
        ):
            return "datajson"
        if "@context" in document or "@graph" in document or "@id" in document:
            return "rdf"
        if _ckan_packages(document) is not None:
            return "ckan"
        if {"dataset", "conformsTo", "describedBy"} & set(document):
            return "datajson"
    if isinstance(document, list) and document and isinstance(document[0], Mapping):
        return "rdf" if "@id" in document[0] or "@context" in document[0] else "datajson"
    return "unknown"


def _ckan_packages(document: Mapping[str, Any]) -> list[Any] | None:
    """The package dicts in a package_show/package_search response or a bare package."""
    result = document.get("result", document)
    if isinstance(result, Mapping) and isinstance(result.get("results"), list):
        return list(result["results"])
    if (
        isinstance(result, Mapping)
        and "name" in result
        and ("resources" in result or "notes" in result or "title" in result)
    ):
        return [result]
    return None


def map_ckan_package(data: Mapping[str, Any]) -> MappedDataset:
    """A CKAN package dict, tolerantly: every error of the strict mapping becomes a warning."""
    known = {k: v for k, v in data.items() if not isinstance(v, type(None))}
    draft, errors = draft_from_package(known)
    warnings = [f"{field}: {message}" for field, messages in errors.items() for message in messages]
    organization = data.get("organization")
    publisher = None
    if isinstance(organization, Mapping) and organization.get("name"):
        title = str(organization.get("title") or organization["name"])
        publisher = OrganizationDraft(name=str(organization["name"]), title={"en": title})
        draft.organization = publisher.name
    draft.name = draft.name or candidate_name(*draft.title.values(), key=str(data.get("id")))
    draft.warnings = warnings
    return MappedDataset(
        draft=draft,
        remote_id=str(data.get("id") or draft.name),
        identifier=draft.identifier,
        url=draft.landing_page,
        publisher=publisher,
        warnings=warnings,
    )


def map_document(
    data: bytes,
    *,
    filename: str = "",
    media_type: str = "",
    contexts: Mapping[str, Any] | None = None,
) -> CatalogueMapping:
    kind = document_kind(data, filename=filename, media_type=media_type)
    if kind == "datajson":
        document, warning = lenient_json(data)
        mapping = map_datajson(document if isinstance(document, Mapping | list) else data)
        mapping.warnings[:0] = [warning] if warning else []
        return mapping
    if kind == "ckan":
        packages = _ckan_packages(_json(data)) or []
        mapping = CatalogueMapping(format="ckan")
        for package in packages:
            if isinstance(package, Mapping):
                mapping.datasets.append(map_ckan_package(package))
            else:
                mapping.warnings.append("A package is not an object; it was left out")
        return mapping
    if kind == "rdf":
        return map_rdf(data, filename=filename, media_type=media_type, contexts=contexts)
    return CatalogueMapping(format="unknown", warnings=["Not a catalogue document Agora reads"])
