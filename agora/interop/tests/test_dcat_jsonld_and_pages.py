"""JSON-LD in the official DCAT-AP 3.0.1 terms; schema.org and datapackage.json descriptions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import rdflib
from hypothesis import given, settings
from rdflib.compare import isomorphic

from agora.interop.datapackage import datapackage
from agora.interop.dcat import dataset_graph, serialise
from agora.interop.dcat.jsonld import DCAT_AP_CONTEXT_URL, TERMS
from agora.interop.records import DatasetRecord
from agora.interop.schemaorg import DESCRIPTION_MAX, DESCRIPTION_MIN, dataset_jsonld

from .strategies import SITE, dataset_records


def _official(shared: Path) -> dict[str, Any]:
    path = shared / "shapes" / "dcat-ap-3.0.1" / "dcat-ap.context.jsonld"
    context: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


def test_every_term_we_write_means_what_the_official_context_says(shared_data: Path) -> None:
    official = _official(shared_data)
    for class_term, (class_iri, properties) in TERMS.items():
        definition = official[class_term]
        assert (definition if isinstance(definition, str) else definition["@id"]) == class_iri
        scoped = {} if isinstance(definition, str) else definition.get("@context", {})
        for iri, (term, coerced) in properties.items():
            assert scoped[term]["@id"] == iri, (class_term, term)
            assert (scoped[term].get("@type") == "@id") == coerced, (class_term, term)


@settings(max_examples=30, deadline=None)
@given(record=dataset_records())
def test_jsonld_read_with_the_official_context_is_the_turtle_graph(record: DatasetRecord) -> None:
    from agora.testing import shared_data_path

    document = json.loads(serialise(dataset_graph(SITE, record), "jsonld"))
    assert document["@context"] == DCAT_AP_CONTEXT_URL
    document["@context"] = _official(shared_data_path())
    from_jsonld = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    from_turtle = rdflib.Graph().parse(data=serialise(dataset_graph(SITE, record), "ttl"))
    assert isomorphic(from_jsonld, from_turtle)


@settings(max_examples=60, deadline=None)
@given(record=dataset_records())
def test_schemaorg_has_googles_required_and_recommended_properties(record: DatasetRecord) -> None:
    page = dataset_jsonld(record, catalog_name="Agora", catalog_url=SITE)
    assert page["@type"] == "Dataset"
    assert page["@context"] == "https://schema.org/"
    assert page["name"]
    assert DESCRIPTION_MIN <= len(page["description"]) <= DESCRIPTION_MAX
    for key in (
        "url",
        "identifier",
        "keywords",
        "creator",
        "isAccessibleForFree",
        "includedInDataCatalog",
    ):
        assert key in page or (key == "keywords" and not record.tags and not record.themes)
    assert ("license" in page) == bool(record.licence and record.licence.url)
    assert ("spatialCoverage" in page) == bool(record.countries or record.spatial)
    assert ("temporalCoverage" in page) == bool(record.temporal_start or record.temporal_end)
    downloads = page.get("distribution", [])
    assert len(downloads) == len(record.distributions)
    assert all(d["@type"] == "DataDownload" and d["contentUrl"] for d in downloads)
    assert all("encodingFormat" in d for d in downloads)
    json.dumps(page)  # plain JSON, ready to embed


@settings(max_examples=60, deadline=None)
@given(record=dataset_records())
def test_datapackage_resources_have_unique_names_paths_and_hashes(record: DatasetRecord) -> None:
    package = datapackage(record, dataset_uri=f"{SITE}/dataset/{record.id}")
    resources = package.get("resources", [])
    assert len(resources) == len(record.distributions)
    names = [r["name"] for r in resources]
    assert len(set(names)) == len(names)
    assert all(n == n.lower() and n for n in names)
    for resource, dist in zip(resources, record.distributions, strict=True):
        assert resource["path"] == dist.url
        assert resource.get("hash") == (
            f"sha256:{dist.checksum_sha256}" if dist.checksum_sha256 else None
        )
        assert resource.get("bytes") == dist.byte_size


def test_datapackage_includes_a_table_schema_when_one_is_known() -> None:
    from hypothesis import find

    record = find(dataset_records(), lambda r: len(r.distributions) == 1)
    schema = {"fields": [{"name": "year", "type": "integer"}]}
    package = datapackage(record, dataset_uri="x", schemas={record.distributions[0].id: schema})
    assert package["resources"][0]["schema"] == schema
    assert package["resources"][0]["type"] == "table"
