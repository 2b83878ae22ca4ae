"""Every real catalogue in shared/data/catalogues maps inbound without an exception; the
datasets mapped are the datasets in the file; the warnings are counted and pinned per file.

The pinned table (catalogue_expectations.json) was reviewed when it was written: a change in
any count means the mapping changed and must be looked at. The number of datasets in a file
is also counted independently where a strict reader can read the file: `len(dataset)` for
data.json, packages for CKAN, subjects typed dcat:Dataset or dcat:DatasetSeries for RDF.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rdflib

from agora.interop.inbound import document_kind, map_document

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
EXPECTED: dict[str, dict[str, int]] = json.loads(
    (Path(__file__).parent / "catalogue_expectations.json").read_text(encoding="utf-8")
)
# Spreadsheet renderings of catalogues that are also in the folder as JSON.
NOT_CATALOGUE_DOCUMENTS = (".xlsx", ".csv")


def _contexts(shared: Path) -> dict[str, Any]:
    """Remote JSON-LD contexts the real files name; a harvester fetches them, we read copies."""
    examples = shared / "catalogues" / "dcat-ap-spec-examples" / "3.0.1" / "context.jsonld"
    return {
        "https://raw.githubusercontent.com/DOI-DO/dcat-us/main/context/dcat-us-3.0.jsonld": (
            json.loads((shared / "shapes/dcat-us-3.0/dcat-us-3.0.context.jsonld").read_text())
        ),
        "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/"
        "context.jsonld": json.loads(examples.read_text()),
    }


def _catalogue_files(shared: Path) -> list[Path]:
    root = shared / "catalogues"
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix not in NOT_CATALOGUE_DOCUMENTS
    )


def _independent_count(path: Path, data: bytes, contexts: dict[str, Any]) -> int | None:
    """Datasets in the file by a strict reader; None when a strict reader cannot read it."""
    kind = document_kind(data, filename=path.name)
    try:
        if kind == "datajson":
            document = json.loads(data)
            entries = document.get("dataset") if isinstance(document, dict) else document
            return len(entries) if isinstance(entries, list) else 0
        if kind == "ckan":
            result = json.loads(data).get("result")
            return len(result["results"]) if isinstance(result, dict) and "results" in result else 1
        if kind != "rdf":
            return 0
        text = data.decode("utf-8")
        for url, context in contexts.items():
            text = text.replace(f'"{url}"', json.dumps(context.get("@context", context)))
        fmt = "json-ld" if path.suffix in (".json", ".jsonld") else None
        graph = rdflib.Graph().parse(data=text, format=fmt or rdflib.util.guess_format(path.name))
    except Exception:  # noqa: BLE001 - a strict reader may fail in many ways on broken files
        return None
    typed = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    return len(typed | set(graph.subjects(rdflib.RDF.type, DCAT.DatasetSeries)))


def test_the_pinned_table_lists_every_catalogue_file(shared_data: Path) -> None:
    files = {str(p.relative_to(shared_data / "catalogues")) for p in _catalogue_files(shared_data)}
    assert files == set(EXPECTED)


def test_every_real_catalogue_maps_without_exception_and_as_pinned(shared_data: Path) -> None:
    contexts = _contexts(shared_data)
    mismatches = []
    checked = 0
    for path in _catalogue_files(shared_data):
        name = str(path.relative_to(shared_data / "catalogues"))
        data = path.read_bytes()
        mapping = map_document(data, filename=path.name, contexts=contexts)
        got = {"datasets": len(mapping.datasets), "warnings": mapping.warning_count}
        if got != EXPECTED[name]:
            mismatches.append((name, got, EXPECTED[name]))
        independent = _independent_count(path, data, contexts)
        if independent is not None:
            checked += 1
            assert len(mapping.datasets) == independent, name
    assert not mismatches, mismatches[:20]
    assert checked > 450  # nearly every file is readable by a strict reader too


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("dcat-ap-de/govdata-dashboard/brandenburg-catalog-original-input.ttl", "misspelt"),
        ("data-json-ar/pydatajson-samples/malformed_accrualperiodicity.json", "Frequency"),
        ("data-json-ar/pydatajson-samples/malformed_date.json", "became a keyword"),
        ("dcat-us-3.0-spec-examples/document.ttl", "misspelt namespace"),
        ("piveau-examples/example_dataset.ttl", "Undeclared namespace prefixes"),
        ("ckanext-dcat-examples/full_croissant_dataset.jsonld", "trailing commas"),
    ],
)
def test_real_defects_are_named_in_warnings(shared_data: Path, name: str, fragment: str) -> None:
    path = shared_data / "catalogues" / name
    mapping = map_document(path.read_bytes(), filename=path.name, contexts=_contexts(shared_data))
    warnings = mapping.warnings + [w for d in mapping.datasets for w in d.warnings]
    assert any(fragment in w for w in warnings), warnings[:10]


def test_bibliographic_language_codes_and_dcat_ap_de_licences_are_understood(
    shared_data: Path,
) -> None:
    path = shared_data / "catalogues/dcat-ap-de/govdata-dashboard/bremen-catalog-original-input.rdf"
    assert b"/language/GER" in path.read_bytes()
    mapping = map_document(path.read_bytes(), filename=path.name)
    assert all(d.draft.languages in ([], ["de"]) for d in mapping.datasets)
    assert sum(d.draft.languages == ["de"] for d in mapping.datasets) > 100
    assert "CC0-1.0" in {d.draft.licence for d in mapping.datasets}
