"""Roles, the editable questionnaire, the definition sync and the cost of reading tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agora.benchmarks import selectors, services
from agora.benchmarks.errors import BenchmarkForbidden, WorkflowConflict
from agora.benchmarks.frameworks import ROOT, definitions
from agora.benchmarks.models import BenchmarkRole, Edition, QuestionnaireStatus
from agora.benchmarks.sync import sync_frameworks
from agora.core.actor import SYSTEM
from agora.core.errors import ValidationFailed
from agora.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_benchmarks_admins_grant_country_roles_and_only_sysadmins_grant_admin(
    bench_admin, stranger, sysadmin, actor_of
):
    services.role_grant(
        actor=actor_of(bench_admin), user_id=stranger.id, role="reviewer", country="ken"
    )
    assert selectors.roles_for(actor_of(stranger)).reviews("KEN")
    with pytest.raises(BenchmarkForbidden):
        services.role_grant(actor=actor_of(bench_admin), user_id=stranger.id, role="admin")
    with pytest.raises(BenchmarkForbidden):
        services.role_grant(
            actor=actor_of(stranger), user_id=stranger.id, role="focal_point", country="KEN"
        )
    services.role_grant(actor=actor_of(sysadmin), user_id=stranger.id, role="admin")
    assert selectors.roles_for(actor_of(stranger)).admin
    assert AuditEntry.objects.filter(action="benchmarks.role.grant").count() == 2


@pytest.mark.parametrize(
    ("role", "country"),
    [("focal_point", None), ("admin", "KEN"), ("reviewer", "ZZZ"), ("boss", None)],
)
def test_role_grants_are_validated(stranger, role, country):
    with pytest.raises(ValidationFailed):
        services.role_grant(actor=SYSTEM, user_id=stranger.id, role=role, country=country)
    assert not BenchmarkRole.objects.exists()


def test_the_questionnaire_changes_only_through_a_new_version(bench_admin, focal_ken, actor_of):
    admin = actor_of(bench_admin)
    active = selectors.questionnaire_active()
    with pytest.raises(WorkflowConflict):
        services.question_put(actor=admin, questionnaire=active, code="POL-9", data={})
    draft = services.questionnaire_new_version(actor=admin, source=active)
    assert (draft.version, draft.status, draft.questions.count()) == (2, "draft", 42)
    services.question_put(
        actor=admin,
        questionnaire=draft,
        code="POL-6",
        data={"dimension": "political", "type": "yes_no", "weight": 1,
              "text": "Is open data part of the national development plan?"},
    )  # fmt: skip
    with pytest.raises(ValidationFailed):
        services.question_put(
            actor=admin,
            questionnaire=draft,
            code="X-1",
            data={"dimension": "mood", "type": "yes_no"},
        )
    services.question_remove(actor=admin, questionnaire=draft, code="GEN-1")
    with pytest.raises(BenchmarkForbidden):
        services.questionnaire_activate(actor=actor_of(focal_ken), questionnaire=draft)
    services.questionnaire_activate(actor=admin, questionnaire=draft)
    active.refresh_from_db()
    assert active.status == QuestionnaireStatus.RETIRED
    current = selectors.questionnaire_active()
    assert current.version == 2
    assert set(current.questions.values_list("code", flat=True)) >= {"POL-6"}
    assert not current.questions.filter(code="GEN-1").exists()
    started = services.assessment_create(actor=actor_of(focal_ken), country="KEN", period="2026")
    assert started.questionnaire == current


def test_sync_reads_extra_framework_folders_and_records_changed_definitions(tmp_path, settings):
    extra = tmp_path / "frameworks"
    shutil.copytree(ROOT / "five-stars", extra / "five-stars")
    settings.AGORA_BENCHMARKS_FRAMEWORK_DIRS = [str(extra)]
    edition_file = extra / "five-stars" / "editions" / "2010.toml"
    edition_file.write_text(
        edition_file.read_text().replace('title = "Linked"', 'title = "Linked data"')
    )
    definitions.cache_clear()
    try:
        report = sync_frameworks()
        assert report.editions_updated == ["five-stars 2010"]
        row = Edition.objects.get(framework_id="five-stars", code="2010")
        assert row.sha256 == definitions((str(extra),))["five-stars"].edition_sha256("2010")
        assert sync_frameworks().editions_updated == []
    finally:
        definitions.cache_clear()
        settings.AGORA_BENCHMARKS_FRAMEWORK_DIRS = []
        sync_frameworks()
    assert Path(ROOT / "five-stars" / "editions" / "2010.toml").read_text().count('"Linked"') == 1


def test_an_edition_table_costs_the_same_few_queries_whatever_its_size(
    small_2022, django_assert_max_num_queries, shared_data
):
    with django_assert_max_num_queries(6):
        small = selectors.edition_table(small_2022)
    path = shared_data / "benchmarks" / "un_egov" / "EGOV_DATA_2024.csv"
    services.observations_import(actor=SYSTEM, kind="un-egov-export", content=path.read_bytes())
    edition = Edition.objects.get(framework_id="un-egov", code="2024")
    with django_assert_max_num_queries(6):
        big = selectors.edition_table(edition)
    assert (len(small.rows), len(big.rows)) == (6, 193)
    with django_assert_max_num_queries(6):
        series = selectors.country_series("KEN", "un-egov")
    assert [r.edition for r in series] == ["2022", "2024"]
