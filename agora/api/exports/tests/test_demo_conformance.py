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
from django.test import Client, RequestFactory, TestCase
from jsonschema import Draft4Validator, Draft202012Validator
from rdflib.compare import isomorphic
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from agora.api.exports.common import public_datasets, series_of, site_description
from agora.api.exports.records import RecordReader
from agora.api.exports.views.dcat import _page_url
from agora.catalog.demo import load_demo
from agora.catalog.models import Dataset
from agora.catalog.selectors import dataset_records
from agora.interop.dcat import RDF_FORMATS, Page, add_catalogue, add_paging
from agora.interop.dcat.namespaces import new_graph
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


class TestDemoCatalogueConformance(TestCase):
    """With the default settings: what a fresh install publishes must validate."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def _catalogue(self) -> rdflib.Graph:
        response = Client(HTTP_HOST="127.0.0.1").get("/catalog.ttl?page_size=1000")
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        graph = rdflib.Graph().parse(data=body, format="turtle")
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

    def test_the_bulk_reader_gives_the_same_records_as_the_selector(self) -> None:
        ids = list(Dataset.objects.order_by("id").values_list("id", flat=True))
        assert RecordReader().records(ids) == dataset_records(ids)
        public = [r.id for batch in RecordReader().batches(public_datasets(), 7) for r in batch]
        assert public == [
            str(i) for i in public_datasets().order_by("id").values_list("id", flat=True)
        ]

    def test_every_serialisation_is_the_rdflib_reference_graph(self) -> None:
        """The fast writer's demo catalogue, as served, against outbound.py's rdflib graph."""
        ids = list(public_datasets().order_by("id").values_list("id", flat=True))
        records = dataset_records(ids)
        client = Client(HTTP_HOST="127.0.0.1")
        official = shared_data_path() / SHAPES / "dcat-ap.context.jsonld"
        for extension, fmt in RDF_FORMATS.items():
            path = f"/catalog.{extension}?page_size=1000"
            body = b"".join(client.get(path).streaming_content)
            if extension == "jsonld":
                document = json.loads(body)
                document["@context"] = json.loads(official.read_text())["@context"]
                body = json.dumps(document).encode()
            served = rdflib.Graph().parse(data=body, format=fmt.rdflib_name)
            request = RequestFactory().get(path)
            url = _page_url(request, extension, 1, 1000)
            page = Page(url, url, url, None, None, len(records), 1000)
            expected = new_graph()
            catalogue = add_catalogue(
                expected, site_description(countries=True), records, series=series_of(records)
            )
            add_paging(expected, catalogue, page)
            assert isomorphic(served, expected), extension

    def test_datapackages_validate_and_carry_the_table_schemas_the_store_knows(self) -> None:
        from frictionless import Package

        from agora.catalog.models import Distribution
        from agora.core.actor import SYSTEM
        from agora.datastore.services import table_ingest_request

        client = Client(HTTP_HOST="127.0.0.1")
        csv = Distribution.objects.filter(
            format="CSV", file__isnull=False, dataset__state="active", dataset__private=False
        ).first()
        assert csv is not None
        with self.captureOnCommitCallbacks(execute=True):
            table_ingest_request(actor=SYSTEM, distribution=csv)
        for name in public_datasets().values_list("name", flat=True):
            package = client.get(f"/dataset/{name}/datapackage.json").json()
            report = Package.validate_descriptor(package)
            assert report.valid, (name, [e.message for e in report.errors][:3])
        package = client.get(f"/dataset/{csv.dataset.name}/datapackage.json").json()
        [resource] = [r for r in package["resources"] if r["path"].find(str(csv.id)) >= 0]
        assert resource["type"] == "table"
        assert resource["schema"]["fields"], resource
        assert resource["hash"] == f"sha256:{csv.checksum_sha256}"


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
