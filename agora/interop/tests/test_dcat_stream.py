"""The streaming DCAT-AP writer says exactly what the rdflib reference says: every
serialisation it writes parses to a graph isomorphic to outbound.py's graph, for random
datasets (with awkward text, series, paging) and for whole catalogues."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic, to_isomorphic

from agora.interop.dcat import (
    RDF_FORMATS,
    Page,
    Site,
    add_catalogue,
    add_paging,
    dataset_graph,
)
from agora.interop.dcat.documents import catalogue_chunks, dataset_bytes
from agora.interop.dcat.namespaces import new_graph
from agora.interop.dcat.writers import writer_for
from agora.interop.records import DatasetRecord, LicenceRecord
from agora.testing import shared_data_path

from .strategies import SITE, dataset_records, texts

OFFICIAL_CONTEXT = shared_data_path() / "shapes" / "dcat-ap-3.0.1" / "dcat-ap.context.jsonld"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with everything the four grammars must escape: quotes, backslashes, line breaks,
# markup, IRI-forbidden characters, and any printable Unicode.
_awkward_pieces = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
    st.sampled_from([*"\n\r\t\"\\<>&'{}^`|@#", "]]>", '"""', "\\u0041", "\u2028"]),
)
awkward = st.lists(_awkward_pieces, min_size=1, max_size=30).map("".join)


def parse(body: bytes, extension: str) -> rdflib.Graph:
    if extension == "jsonld":
        document = json.loads(body)
        document["@context"] = json.loads(OFFICIAL_CONTEXT.read_text())["@context"]
        body = json.dumps(document).encode()
    return rdflib.Graph().parse(data=body, format=RDF_FORMATS[extension].rdflib_name)


def _difference(expected: rdflib.Graph, got: rdflib.Graph) -> str:
    a, b = to_isomorphic(expected), to_isomorphic(got)
    missing = sorted(str(t) for t in (a - b))[:5]
    extra = sorted(str(t) for t in (b - a))[:5]
    return f"missing {missing}\nextra {extra}"


@st.composite
def awkward_records(draw: st.DrawFn) -> DatasetRecord:
    record = draw(dataset_records())
    title = {lang: draw(awkward) for lang in record.title}
    dists = tuple(
        dataclasses.replace(d, title=draw(awkward), description=draw(awkward))
        for d in record.distributions
    )
    return dataclasses.replace(
        record,
        title=title,
        description={"en": draw(awkward)},
        contact_name=draw(st.one_of(st.just(""), awkward)),
        version=draw(st.one_of(st.just(""), awkward)),
        identifier=draw(st.one_of(st.just(""), awkward)),
        tags=tuple(sorted(set(draw(st.lists(texts, max_size=3))))),
        distributions=dists,
    )


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
@SETTINGS
@given(record=awkward_records())
def test_a_dataset_is_the_same_graph_as_the_rdflib_reference(
    extension: str, record: DatasetRecord
) -> None:
    expected = dataset_graph(SITE, record)
    got = parse(dataset_bytes(SITE, record, extension), extension)
    assert isomorphic(expected, got), _difference(expected, got)


@st.composite
def pages(draw: st.DrawFn) -> tuple[list[DatasetRecord], dict[str, DatasetRecord], Site]:
    """A few datasets, some in a series that may or may not be on the page, a site with or
    without licence and countries."""
    records = draw(st.lists(dataset_records(), min_size=0, max_size=4))
    series = dataclasses.replace(draw(dataset_records()), is_series=True)
    members = [
        dataclasses.replace(r, in_series=series.id) if draw(st.booleans()) else r for r in records
    ]
    if draw(st.booleans()):
        members.insert(draw(st.integers(0, len(members))), series)
    licence = LicenceRecord("CC0-1.0", "Creative Commons CCZero", "", True)
    site = Site(
        url=SITE,
        title=draw(awkward),
        description=draw(awkward),
        licence=draw(st.sampled_from([None, licence])),
        countries=tuple(draw(st.lists(st.sampled_from(["KEN", "FRA"]), unique=True))),
        issued=draw(st.one_of(st.none(), st.datetimes(timezones=st.just(dt.UTC)))),
    )
    return members, {series.id: series}, site


PAGE = Page(
    url=f"{SITE}/catalog.ttl?page=2",
    first=f"{SITE}/catalog.ttl?page=1",
    last=f"{SITE}/catalog.ttl?page=3",
    next=f"{SITE}/catalog.ttl?page=3",
    previous=f"{SITE}/catalog.ttl?page=1",
    total_items=7,
    items_per_page=3,
)


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
@SETTINGS
@given(page=pages())
def test_a_catalogue_page_is_the_same_graph_as_the_rdflib_reference(
    extension: str, page: tuple[list[DatasetRecord], dict[str, DatasetRecord], Site]
) -> None:
    records, series, site = page
    expected = new_graph()
    add_paging(expected, add_catalogue(expected, site, records, series=series), PAGE)
    items = [(r, series.get(r.in_series) if r.in_series else None) for r in records]
    body = b"".join(catalogue_chunks(site, items, extension, PAGE))
    got = parse(body, extension)
    assert isomorphic(expected, got), _difference(expected, got)


FEW = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
@FEW
@given(record=dataset_records())
def test_a_long_catalogue_comes_in_pieces_that_make_one_document(
    extension: str, record: DatasetRecord
) -> None:
    records = [
        dataclasses.replace(record, id=f"{n:08d}-0000-4000-8000-000000000000") for n in range(450)
    ]
    site = Site(url=SITE, title="Agora", description="Open data")
    chunks = list(catalogue_chunks(site, ((r, None) for r in records), extension))
    assert len(chunks) >= 3  # the head, pieces of datasets, the tail
    graph = parse(b"".join(chunks), extension)
    datasets = set(
        graph.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset"))
    )
    assert len(datasets) == 450


@FEW
@given(record=dataset_records())
def test_iris_with_forbidden_characters_are_percent_encoded_in_every_format(
    record: DatasetRecord,
) -> None:
    record = dataclasses.replace(record, landing_page='https://example.org/a b<c>{d}|e^f`g\\h"é')
    for extension in RDF_FORMATS:
        graph = parse(dataset_bytes(SITE, record, extension), extension)
        [landing] = graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#landingPage"))
        assert str(landing) == "https://example.org/a%20b%3Cc%3E%7Bd%7D%7Ce%5Ef%60g%5Ch%22é"


@FEW
@given(record=dataset_records())
def test_rdf_xml_leaves_out_characters_xml_cannot_carry(record: DatasetRecord) -> None:
    record = dataclasses.replace(record, title={"en": "bell\x07 and tab\t"})
    graph = parse(dataset_bytes(SITE, record, "rdf"), "rdf")
    titles = {str(t) for t in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert "bell and tab\t" in titles


def test_every_writer_is_registered() -> None:
    assert {ext: writer_for(ext).media_type for ext in RDF_FORMATS} == {
        ext: fmt.media_type for ext, fmt in RDF_FORMATS.items()
    }
