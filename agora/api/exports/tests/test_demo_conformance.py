"""The demo catalogue, exported, against the official validators: pySHACL with the DCAT-AP
3.0.1 shapes (zero violations), and the DCAT-US 1.1 JSON Schemas for /data.json.

The demo is loaded once for the class (it takes seconds); every check reads the HTTP output.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyshacl
import rdflib
from django.test import Client, TestCase, override_settings
from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from agora.catalog.demo import load_demo
from agora.catalog.models import Dataset
from agora.testing import shared_data_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Path("shapes") / "dcat-ap-3.0.1"
# The mandatory shapes (3.0.1 release file and the html-shacl set), ranges, recommended
# shapes and controlled-vocabulary shapes.
SHAPE_FILES = (
    "dcat-ap-SHACL.ttl",
    "html-shacl/shapes.ttl",
    "html-shacl/range.ttl",
    "html-shacl/shapes_recommended.ttl",
    "html-shacl/mdr-vocabularies.shape.ttl",
)
# Warnings (never violations) that the demo's truthful data leaves, and why:
# - EU country concepts are referenced, not described with coordinates (bbox, centroid);
# - some demo datasets have no temporal or spatial coverage (reference lists), or an open end;
# - publishers are not in the EU corporate-bodies table; locations with geometries are not
#   authority concepts; the portal itself (the catalogue's publisher) has no ADMS type.
ALLOWED_WARNINGS = {
    ("bbox", "Location"),
    ("centroid", "Location"),
    ("temporal", "Dataset"),
    ("spatial", "Dataset"),
    ("endDate", "PeriodOfTime"),
    ("publisher", "Dataset"),
    ("publisher", "Catalog"),
    ("type", "Agent"),
    ("license", "Catalog"),
}


def _local(node: object) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@override_settings(AGORA_INTEROP_CONTACT_EMAIL="opendata@example.org")
class TestDemoCatalogueConformance(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def _catalogue(self) -> rdflib.Graph:
        response = Client(HTTP_HOST="127.0.0.1").get("/catalog.ttl?page_size=1000")
        assert response.status_code == 200
        graph = rdflib.Graph().parse(data=response.content, format="turtle")
        public = Dataset.objects.filter(state="active", private=False).count()
        assert public >= 60
        datasets = set(
            graph.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset"))
        )
        assert len(datasets) == public
        return graph

    def test_dcat_ap_shacl_reports_zero_violations(self) -> None:
        graph = self._catalogue()
        warnings: Counter[tuple[str, str]] = Counter()
        for name in SHAPE_FILES:
            shapes = rdflib.Graph().parse(shared_data_path() / SHAPES / name)
            _, report, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
            for result in report.objects(None, SH.result):
                severity = _local(report.value(result, SH.resultSeverity))
                assert severity != "Violation", f"{name}: {text[:3000]}"
                focus = report.value(result, SH.focusNode)
                classes = {_local(t) for t in graph.objects(focus, rdflib.RDF.type)}
                kind = next(
                    (
                        c
                        for c in ("Dataset", "Location", "PeriodOfTime", "Catalog", "Agent")
                        if c in classes
                    ),
                    ",".join(sorted(classes)),
                )
                warnings[(_local(report.value(result, SH.resultPath)), kind)] += 1
        assert set(warnings) <= ALLOWED_WARNINGS, warnings

    def test_data_json_validates_against_the_dcat_us_1_1_schemas(self) -> None:
        response = Client(HTTP_HOST="127.0.0.1").get("/data.json")
        document = json.loads(b"".join(response.streaming_content))
        schemas = shared_data_path() / "schemas"
        assert (
            len(document["dataset"])
            == Dataset.objects.filter(state="active", private=False).count()
        )
        _validate_pod(document, schemas / "dcat-us-1.1-pod")
        _validate_non_federal(document, schemas)


def _registry(folder: Path) -> Registry:
    resources = []
    for path in folder.glob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT4)
        resources.append((path.name, resource))
        if "id" in contents:
            resources.append((contents["id"], resource))
    return Registry().with_resources(resources)


def _validate_pod(document: dict[str, object], folder: Path) -> None:
    """The federal POD 1.1 schema, except the two fields only US federal agencies have."""
    catalog = json.loads((folder / "catalog.json").read_text())
    validator = Draft4Validator(catalog, registry=_registry(folder))
    federal_only = {"'bureauCode' is a required property", "'programCode' is a required property"}
    errors = [e for e in validator.iter_errors(document) if e.message not in federal_only]
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:10]]


def _validate_non_federal(document: dict[str, object], schemas: Path) -> None:
    folder = schemas / "dcat-us-1.1-pod" / "ckanext-datajson-non-federal-v1.1"
    catalog = json.loads((folder / "catalog.json").read_text())
    validator = Draft4Validator(catalog, registry=_registry(folder))
    errors = list(validator.iter_errors(document))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:10]]
    harvester = json.loads(
        (schemas / "dcat-us-1.1-datagov-harvester" / "non-federal_dataset.json").read_text()
    )
    dataset_validator = Draft202012Validator(harvester)
    for entry in document["dataset"]:  # type: ignore[attr-defined]
        errors = list(dataset_validator.iter_errors(entry))
        assert not errors, [
            f"{entry['identifier']} {list(e.path)}: {e.message}" for e in errors[:5]
        ]
