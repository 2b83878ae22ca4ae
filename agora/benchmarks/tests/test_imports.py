"""Importing tables through the service: all or nothing, permission-checked, audited, and
followed by a new scoring of the editions touched."""

from __future__ import annotations

import pytest

from agora.benchmarks import services
from agora.benchmarks.errors import BenchmarkForbidden, ImportRejected
from agora.benchmarks.models import Edition, ImportBatch, Observation, Score
from agora.core.models import AuditEntry

from .conftest import FIXTURES, import_fixture

pytestmark = pytest.mark.django_db

BROKEN = [
    ("broken_wrong_header.csv", "wrong_header"),
    ("broken_missing_column.csv", "missing_column"),
    ("broken_text_in_number.csv", "not_a_number"),
    ("broken_duplicate_country.csv", "duplicate_country"),
    ("broken_unknown_country.csv", "unknown_country"),
    ("broken_out_of_range.csv", "out_of_range"),
    ("broken_unknown_edition.csv", "unknown_edition"),
]


def _counts() -> tuple[int, int, int, int]:
    return (
        ImportBatch.objects.count(),
        Observation.objects.count(),
        Score.objects.count(),
        AuditEntry.objects.count(),
    )


def test_an_import_stores_published_values_as_written_and_scores_the_edition(small_2022):
    assert ImportBatch.objects.count() == 1
    denmark = Observation.objects.get(edition=small_2022, country_id="DNK", indicator="egdi")
    assert (denmark.value, denmark.value_text, denmark.kind) == (0.9, "0.90000", "published")
    scores = Score.objects.filter(edition=small_2022, index="egdi").order_by("rank")
    assert [s.country_id for s in scores] == ["DNK", "TUR", "CIV", "KOR", "KEN", "GEO"]
    assert [s.group for s in scores] == ["VH", "H", "M", "M", "M", "L"]
    assert scores[0].published_rank == 1
    assert AuditEntry.objects.filter(action="benchmarks.observations.import").count() == 1
    assert AuditEntry.objects.filter(action="benchmarks.edition.score").count() == 1


@pytest.mark.parametrize(("name", "kind"), BROKEN)
def test_a_broken_file_changes_nothing_and_reports_why(small_2022, name, kind):
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        import_fixture(name)
    assert kind in {p["kind"] for p in caught.value.report["problems"]}
    assert caught.value.fields
    assert _counts() == before


def test_an_error_on_the_last_line_imports_none_of_the_lines_before_it(db):
    lines = (FIXTURES / "un_small_2022.csv").read_text(encoding="utf-8").splitlines()
    broken = "\n".join([*lines, '2022,"Atlantis",7,0.1,0.1,0.1,0.1,0.1']).encode()
    with pytest.raises(ImportRejected):
        services.observations_import(actor=_system(), kind="un-egov-export", content=broken)
    assert Observation.objects.count() == 0


def _system():  # type: ignore[no-untyped-def]
    from agora.core.actor import SYSTEM

    return SYSTEM


def test_an_alias_must_name_a_country_agora_knows(db):
    lines = (FIXTURES / "un_small_2022.csv").read_text(encoding="utf-8").splitlines()
    content = "\n".join([*lines, '2022,"Kosova",7,0.1,0.1,0.1,0.1,0.1']).encode()
    with pytest.raises(ImportRejected) as caught:
        services.observations_import(
            actor=_system(), kind="un-egov-export", content=content, aliases={"Kosova": "XKX"}
        )
    assert "XKX is not an ISO 3166-1 alpha-3 code" in str(caught.value.report)
    fine = services.observations_import(
        actor=_system(), kind="un-egov-export", content=content, aliases={"Kosova": "SRB"}
    )
    assert fine.report.aliased["Kosova"] == "SRB"


def test_a_dry_run_reports_and_writes_nothing(db):
    before = _counts()
    outcome = import_fixture("un_small_2022.csv", dry_run=True)
    assert outcome.batch is None
    assert outcome.report.ok
    assert _counts() == before


@pytest.mark.parametrize("who", ["stranger", "focal_ken", "reviewer_all", "org_admin"])
def test_only_benchmarks_admins_import(request, actor_of, who):
    person = request.getfixturevalue(who)
    with pytest.raises(BenchmarkForbidden):
        services.observations_import(
            actor=actor_of(person),
            kind="un-egov-export",
            content=(FIXTURES / "un_small_2022.csv").read_bytes(),
        )
    assert ImportBatch.objects.count() == 0


def test_a_benchmarks_admin_imports(bench_admin, actor_of):
    outcome = services.observations_import(
        actor=actor_of(bench_admin),
        kind="un-egov-export",
        content=(FIXTURES / "un_small_2022.csv").read_bytes(),
    )
    assert outcome.batch is not None
    assert outcome.batch.actor_name == "bench-admin"


def test_reimporting_an_edition_replaces_its_published_values(small_2022):
    import_fixture("un_small_2022_v2.csv")
    countries = set(
        Observation.objects.filter(edition=small_2022).values_list("country_id", flat=True)
    )
    assert countries == {"DNK", "KEN"}
    assert Score.objects.get(edition=small_2022, country_id="DNK", index="egdi").value == 0.95


def test_raw_inputs_recompute_the_tii_where_no_value_is_published(db):
    outcome = import_fixture("raw_tii_2022.csv", kind="raw-indicators", edition="2022")
    assert outcome.batch is not None
    edition = Edition.objects.get(framework_id="un-egov", code="2022")
    tii = {s.country_id: s for s in Score.objects.filter(edition=edition, index="tii")}
    assert set(tii) == {"DNK", "TUR", "KEN", "KOR", "CIV", "GEO"}
    assert {s.source for s in tii.values()} == {"computed"}
    assert max(s.value for s in tii.values()) == 1.0
    assert min(s.value for s in tii.values()) == 0.0
    assert tii["KOR"].value > tii["KEN"].value
    assert outcome.runs[0].methods["tii"] == "computed from raw inputs"


def test_published_values_win_over_recomputed_ones_and_both_are_kept(small_2022):
    import_fixture("raw_tii_2022.csv", kind="raw-indicators", edition="2022")
    denmark = Score.objects.get(edition=small_2022, country_id="DNK", index="tii")
    assert denmark.source == "published"
    assert denmark.published == 0.9
    assert denmark.computed is not None
    assert denmark.computed != denmark.published


def test_a_raw_table_with_text_in_a_number_column_is_refused(small_2022):
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        import_fixture("raw_text_and_blank.csv", kind="raw-indicators", edition="2022")
    assert [p["kind"] for p in caught.value.report["problems"] if p["severity"] == "error"] == [
        "not_a_number"
    ]
    assert _counts() == before


def test_raw_table_of_a_partial_set_of_countries_is_reported_by_the_scoring(small_2022):
    lines = (FIXTURES / "raw_tii_2022.csv").read_text(encoding="utf-8").splitlines()
    outcome = services.observations_import(
        actor=_system(),
        kind="raw-indicators",
        edition="2022",
        content="\n".join(lines[:3]).encode(),
    )
    findings = outcome.runs[0].findings
    assert [f["kind"] for f in findings] == ["incomplete_inputs"]
    assert set(findings[0]["countries"]) == {"CIV", "KOR", "KEN", "GEO"}
    assert (
        Score.objects.get(edition=small_2022, country_id="DNK", index="tii").source == "published"
    )


def test_the_real_2022_export_imports_and_its_stored_ranks_equal_the_published_ones(
    db, shared_data
):
    path = shared_data / "benchmarks" / "un_egov" / "EGOV_DATA_2022.csv"
    services.observations_import(
        actor=_system(), kind="un-egov-export", content=path.read_bytes(), file_name=path.name
    )
    scores = Score.objects.filter(edition__code="2022", index="egdi")
    assert scores.count() == 193
    assert all(s.rank == s.published_rank for s in scores)
    assert scores.filter(group="VH").count() == 60
    assert scores.filter(rating_class="VH").count() == 15
