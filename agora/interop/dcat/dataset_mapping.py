"""One dcat:Dataset node -> MappedDataset, assembled from the readers in reading.py."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from ..mapped import MappedDataset, candidate_name
from ..records import DatasetDraft
from ..vocabularies.access_rights import access_rights_code_from
from ..vocabularies.frequencies import frequency_code_from
from ..vocabularies.themes import theme_code_from
from .namespaces import ADMS, DCAT, DCT, OWL, RDF
from .reading import (
    Reader,
    _coded,
    _contact,
    _dataset_language,
    _http,
    _licence,
    _publisher,
    _spatial,
    _tags,
    _temporal,
)
from .reading_distributions import read_distributions


def map_dataset(reader: Reader, node: Node) -> MappedDataset:
    language, languages = _dataset_language(reader, node)
    titles = reader.texts(node, DCT.title, language, "title")
    identifier = reader.first_text(node, DCT.identifier)
    remote_id = str(node) if isinstance(node, URIRef) else (identifier or str(node))
    if not titles:
        reader.warn("No title; the identifier stands in for it")
        titles = {language: identifier or remote_id}
    distribution_nodes = reader.values(node, DCAT.distribution)
    draft = DatasetDraft(
        name=candidate_name(*titles.values(), key=remote_id),
        title=titles,
        description=reader.texts(node, DCT.description, language, "description"),
        tags=_tags(reader, node),
        themes=_coded(reader, node, DCAT.theme, theme_code_from, "Theme"),
        languages=languages,
        issued=reader.when(node, DCT.issued, "Issued"),
        modified=reader.when(node, DCT.modified, "Modified"),
        version=reader.first_text(node, DCAT.version, OWL.versionInfo, ADMS.version)[:100],
        conforms_to=[reader.iri_or_text(v) for v in reader.values(node, DCT.conformsTo)],
        identifier=identifier[:500],
        is_series=(node, RDF.type, DCAT.DatasetSeries) in reader.graph,
        licence=_licence(reader, node, distribution_nodes),
    )
    _finish(reader, node, draft)
    draft.distributions = read_distributions(reader, distribution_nodes)
    publisher = _publisher(reader, node, language)
    draft.organization = publisher.name if publisher else ""
    draft.warnings = reader.warnings
    return MappedDataset(
        draft=draft,
        remote_id=remote_id,
        identifier=identifier,
        url=draft.landing_page,
        publisher=publisher,
        in_series=[str(v) for v in reader.values(node, DCAT.inSeries)],
        warnings=reader.warnings,
    )


def _finish(reader: Reader, node: Node, draft: DatasetDraft) -> None:
    frequencies = _coded(reader, node, DCT.accrualPeriodicity, frequency_code_from, "Frequency")
    draft.frequency = frequencies[0] if frequencies else ""
    access = _coded(reader, node, DCT.accessRights, access_rights_code_from, "Access rights")
    draft.access_rights = access[0] if access else ""
    for page in reader.values(node, DCAT.landingPage):
        draft.landing_page = _http(reader, str(page), "Landing page")
        break
    _spatial(reader, node, draft)
    _temporal(reader, node, draft)
    _contact(reader, node, draft)
    draft.conforms_to = [c for c in draft.conforms_to if c]
