"""The exports over HTTP: what each serves, paging, negotiation, and that private and draft
datasets never appear in any of them."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rdflib
from django.test import Client, override_settings

from agora.api.exports.accept import preferred_rdf_format
from agora.catalog.models import Dataset
from agora.catalog.tests.factories import (
    DatasetFactory,
    DistributionDraftFactory,
    OrganizationFactory,
)
from agora.interop.dcat import DCAT_AP_CONTEXT_URL, RDF_FORMATS, map_rdf
from agora.testing import shared_data_path

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
SITE = "http://127.0.0.1:8000"
pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def catalogue() -> dict[str, Dataset]:
    org = OrganizationFactory(name="statistics-kenya", title={"en": "Statistics Kenya"})
    public = DatasetFactory(
        name="census-2019",
        organization=org,
        countries=["KEN"],
        themes=["SOCI"],
        distributions=[DistributionDraftFactory()],
    )
    private = DatasetFactory(name="secret-stats", organization=org, private=True, countries=["KEN"])
    draft = DatasetFactory(name="half-done", organization=org, state="draft", countries=["KEN"])
    return {"public": public, "private": private, "draft": draft}


def _graph(body: bytes, extension: str) -> rdflib.Graph:
    """Parse an export; JSON-LD is read with the official DCAT-AP 3.0.1 context (a copy from
    the shared data: the tests never fetch it)."""
    if extension == "jsonld":
        official = shared_data_path() / "shapes" / "dcat-ap-3.0.1" / "dcat-ap.context.jsonld"
        document = json.loads(body)
        assert document["@context"] == DCAT_AP_CONTEXT_URL
        document["@context"] = json.loads(official.read_text())["@context"]
        body = json.dumps(document).encode()
    return rdflib.Graph().parse(data=body, format=RDF_FORMATS[extension].rdflib_name)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


HIDDEN = ("secret-stats", "half-done")


def _endpoints(client: Client, catalogue: dict[str, Dataset]) -> dict[str, bytes]:
    paths = [
        *(f"/catalog.{ext}" for ext in RDF_FORMATS),
        "/data.json",
        "/sitemap.xml",
        "/feeds/datasets.atom",
        "/feeds/organization/statistics-kenya.atom",
        "/feeds/country/KEN.atom",
        "/feeds/search.atom?q=*:*",
    ]
    bodies = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = _body(response)
    return bodies


def test_private_and_draft_datasets_appear_in_no_export(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    for path, body in _endpoints(client, catalogue).items():
        assert b"census-2019" in body or str(catalogue["public"].id).encode() in body, path
        for name in HIDDEN:
            assert name.encode() not in body, path
        for key in ("private", "draft"):
            assert str(catalogue[key].id).encode() not in body, path


def test_private_and_draft_datasets_have_no_rdf_or_datapackage(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    for key in ("private", "draft"):
        dataset = catalogue[key]
        for ext in RDF_FORMATS:
            assert client.get(f"/dataset/{dataset.name}.{ext}").status_code == 404
        assert client.get(f"/dataset/{dataset.name}/datapackage.json").status_code == 404
        assert client.get(f"/dataset/{dataset.id}.ttl").status_code == 404


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
def test_dataset_rdf_in_each_serialisation_describes_the_dataset(
    client: Client, catalogue: dict[str, Dataset], extension: str
) -> None:
    response = client.get(f"/dataset/census-2019.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(RDF_FORMATS[extension].media_type)
    graph = _graph(response.content, extension)
    subject = rdflib.URIRef(f"{SITE}/dataset/{catalogue['public'].id}")
    assert (subject, rdflib.RDF.type, DCAT.Dataset) in graph
    [mapped] = map_rdf(response.content, media_type=RDF_FORMATS[extension].media_type).datasets
    assert mapped.draft.countries == ["KEN"]


def test_all_serialisations_of_a_dataset_are_the_same_graph(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    graphs = [_graph(client.get(f"/dataset/census-2019.{e}").content, e) for e in RDF_FORMATS]
    from rdflib.compare import isomorphic

    assert all(isomorphic(graphs[0], other) for other in graphs[1:])


def test_catalogue_pages_carry_hydra_links_and_honour_page_size(client: Client, db: Any) -> None:
    org = OrganizationFactory()
    for n in range(5):
        DatasetFactory(name=f"page-{n}", organization=org)
    response = client.get("/catalog.ttl?page_size=2&page=2")
    graph = _graph(_body(response), "ttl")
    catalogue = rdflib.URIRef(f"{SITE}/catalog")
    assert len(list(graph.objects(catalogue, DCAT.dataset))) == 2
    [view] = graph.subjects(rdflib.RDF.type, HYDRA.PartialCollectionView)
    assert str(graph.value(view, HYDRA.next)).endswith("page=3&page_size=2")
    assert str(graph.value(view, HYDRA.previous)).endswith("page=1&page_size=2")
    assert str(graph.value(view, HYDRA.last)).endswith("page=3&page_size=2")
    assert int(graph.value(catalogue, HYDRA.totalItems)) == 5
    assert client.get("/catalog.ttl?page=9&page_size=2").status_code == 404
    assert client.get("/catalog.ttl?page_size=0").status_code == 400


@override_settings(AGORA_INTEROP_PAGE_SIZE=3)
def test_page_size_setting_and_every_page_together_hold_every_dataset(
    client: Client, db: Any
) -> None:
    org = OrganizationFactory()
    made = {str(DatasetFactory(name=f"all-{n}", organization=org).id) for n in range(7)}
    seen: set[str] = set()
    for page in (1, 2, 3):
        graph = _graph(_body(client.get(f"/catalog.nt?page={page}")), "nt")
        ids = {str(s).rsplit("/", 1)[-1] for s in graph.subjects(rdflib.RDF.type, DCAT.Dataset)}
        assert len(ids) <= 3
        seen |= ids
    assert seen == made


def test_modified_since_keeps_recent_changes_only(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    graph = _graph(_body(client.get("/catalog.ttl?modified_since=2999-01-01")), "ttl")
    assert not list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    recent = client.get("/catalog.ttl?modified_since=2000-01-01T00:00:00Z")
    graph = _graph(_body(recent), "ttl")
    assert len(list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))) == 1
    assert client.get("/catalog.ttl?modified_since=yesterday").status_code == 400


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.5", "rdf"),
        ("application/n-triples", "nt"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", None),
        ("*/*", None),
        ("", None),
    ],
)
def test_accept_headers_choose_the_serialisation(accept: str, expected: str | None) -> None:
    assert preferred_rdf_format(accept) == expected


def test_catalog_is_content_negotiated(client: Client, catalogue: dict[str, Dataset]) -> None:
    response = client.get("/catalog", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith("application/ld+json")
    assert "Accept" in [v.strip() for v in response["Vary"].split(",")]
    assert client.get("/catalog", HTTP_ACCEPT="text/html").status_code == 303
    assert client.get("/catalog").status_code == 200


def test_dataset_negotiation_gives_rdf_or_hands_over_to_the_page(
    rf: Any, catalogue: dict[str, Dataset]
) -> None:
    from agora.api.exports.negotiation import negotiated_dataset_response

    request = rf.get("/dataset/census-2019", HTTP_ACCEPT="text/turtle")
    response = negotiated_dataset_response(request, "census-2019")
    assert response is not None
    assert response["Content-Type"].startswith("text/turtle")
    assert negotiated_dataset_response(rf.get("/", HTTP_ACCEPT="text/html"), "census-2019") is None
    hidden = negotiated_dataset_response(request, "secret-stats")
    assert hidden is not None
    assert hidden.status_code == 404


def test_datapackage_lists_distributions_with_paths(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    package = client.get("/dataset/census-2019/datapackage.json").json()
    assert package["name"] == "census-2019"
    [resource] = package["resources"]
    assert resource["path"].startswith("https://data.example.org/")
    assert resource["format"] == "csv"


@override_settings(AGORA_INTEROP_SITEMAP_SIZE=3)
def test_sitemap_splits_into_an_index_beyond_its_size(client: Client, db: Any) -> None:
    org = OrganizationFactory()
    for n in range(5):
        DatasetFactory(name=f"map-{n}", organization=org)
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert index.count("<sitemap>") == 2  # home page + 5 datasets = 6 URLs in 2 files of 3
    urls = []
    for n in (1, 2):
        response = client.get(f"/sitemap-{n}.xml")
        urls += [
            line
            for line in b"".join(response.streaming_content).decode().splitlines()
            if "<loc>" in line
        ]
    assert len(urls) == 6
    assert len(set(urls)) == 6
    assert client.get("/sitemap-3.xml").status_code == 404


def test_search_feed_follows_the_search(client: Client, catalogue: dict[str, Dataset]) -> None:
    body = client.get("/feeds/search.atom", {"theme": "SOCI"}).content
    assert b"census-2019" in body
    assert b"census-2019" not in client.get("/feeds/search.atom", {"theme": "ECON"}).content


def test_data_json_is_one_valid_json_document(
    client: Client, catalogue: dict[str, Dataset]
) -> None:
    response = client.get("/data.json")
    document = json.loads(b"".join(response.streaming_content))
    assert [d["title"] for d in document["dataset"]] == ["Census 2019"]


def test_dataset_series_are_described_and_linked_when_public(client: Client, db: Any) -> None:
    from agora.core.errors import ValidationFailed

    org = OrganizationFactory()
    series = DatasetFactory(name="census-series", organization=org, is_series=True)
    member = DatasetFactory(name="census-2020", organization=org, in_series="census-series")
    assert member.in_series_id == series.id
    graph = _graph(client.get("/dataset/census-2020.ttl").content, "ttl")
    series_uri = rdflib.URIRef(f"{SITE}/dataset/{series.id}")
    assert (rdflib.URIRef(f"{SITE}/dataset/{member.id}"), DCAT.inSeries, series_uri) in graph
    assert (series_uri, rdflib.RDF.type, DCAT.DatasetSeries) in graph
    assert (series_uri, rdflib.URIRef("http://purl.org/dc/terms/title"), None) in graph
    entries = json.loads(b"".join(client.get("/data.json").streaming_content))["dataset"]
    assert [e.get("isPartOf") for e in entries if e["title"] == "Census 2020"] == [str(series_uri)]
    with pytest.raises(ValidationFailed):
        DatasetFactory(name="not-a-series-member", organization=org, in_series="census-2020")


def test_a_private_series_is_not_linked(client: Client, db: Any) -> None:
    org = OrganizationFactory()
    series = DatasetFactory(name="hidden-series", organization=org, is_series=True, private=True)
    DatasetFactory(name="visible-member", organization=org, in_series="hidden-series")
    body = client.get("/dataset/visible-member.ttl").content
    assert str(series.id).encode() not in body


def test_data_json_does_not_name_a_private_series(client: Client, db: Any) -> None:
    org = OrganizationFactory()
    series = DatasetFactory(name="closed-series", organization=org, is_series=True, private=True)
    DatasetFactory(name="open-member", organization=org, in_series="closed-series")
    body = b"".join(client.get("/data.json").streaming_content)
    [entry] = json.loads(body)["dataset"]
    assert "isPartOf" not in entry
    assert str(series.id).encode() not in body


def _contact(client: Client) -> Any:
    [entry] = json.loads(b"".join(client.get("/data.json").streaming_content))["dataset"]
    return entry["contactPoint"]


def test_data_json_contact_falls_back_to_the_portal_address(client: Client, db: Any) -> None:
    org = OrganizationFactory(name="no-address")
    DatasetFactory(name="no-contact", organization=org, contact_email="")
    # Defaults: no AGORA_INTEROP_CONTACT_EMAIL, DEFAULT_FROM_EMAIL "agora@localhost" (which
    # DCAT-US refuses: no dot in the domain), so the portal's own host names the address.
    assert _contact(client)["hasEmail"] == "mailto:opendata@127.0.0.1"
    with override_settings(DEFAULT_FROM_EMAIL="Open Data <opendata@agora.example.org>"):
        assert _contact(client)["hasEmail"] == "mailto:opendata@agora.example.org"
    with override_settings(AGORA_INTEROP_CONTACT_EMAIL="help@data.example.gov"):
        assert _contact(client)["hasEmail"] == "mailto:help@data.example.gov"


def test_the_bulk_reader_matches_the_selector_on_series_languages_and_deleted_files(
    db: Any,
) -> None:
    from agora.api.exports.records import RecordReader
    from agora.catalog.models import Distribution
    from agora.catalog.selectors import dataset_records

    org = OrganizationFactory()
    series = DatasetFactory(name="a-series", organization=org, is_series=True)
    member = DatasetFactory(
        name="a-member",
        organization=org,
        in_series="a-series",
        languages=["en", "fr"],
        themes=["SOCI", "ECON"],
        countries=["KEN", "FRA"],
        tags=["b", "a"],
        conforms_to=["https://standards.example.org/x"],
        distributions=[DistributionDraftFactory(), DistributionDraftFactory()],
    )
    first = Distribution.objects.filter(dataset=member).order_by("position").first()
    assert first is not None
    Distribution.objects.filter(id=first.id).update(state="deleted")
    ids = [member.id, series.id]
    records = RecordReader().records(ids)
    assert records == dataset_records(ids)
    assert len(records[0].distributions) == 1
    assert records[0].in_series == str(series.id)
