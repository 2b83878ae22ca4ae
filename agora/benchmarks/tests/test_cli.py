"""The `agora benchmarks` subcommands, run in-process against the test database."""

from __future__ import annotations

import pytest

from agora.benchmarks.models import BenchmarkRole, MeasurementRun, Observation, Score
from agora.cli import main

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_import_score_measure_publish(capsys):
    assert (
        main(["benchmarks", "import", "un-egov-export", str(FIXTURES / "un_small_2022.csv")]) == 0
    )
    assert Observation.objects.filter(edition__code="2022").count() == 36
    assert main(["benchmarks", "score", "--edition", "2022"]) == 0
    assert Score.objects.filter(edition__code="2022", index="egdi").count() == 6
    assert main(["benchmarks", "measure"]) == 0
    assert MeasurementRun.objects.count() == 1
    assert main(["benchmarks", "publish"]) == 0
    out = capsys.readouterr().out
    assert "imported 6 rows into ['2022']" in out
    assert "2 files uploaded" in out


def test_a_broken_file_among_several_imports_nothing(capsys):
    code = main([
        "benchmarks", "import", "un-egov-export",
        str(FIXTURES / "un_small_2022.csv"), str(FIXTURES / "broken_unknown_country.csv"),
    ])  # fmt: skip
    assert code == 1
    assert Observation.objects.count() == 0
    out = capsys.readouterr().out
    assert "line 3, country: no country has this name" in out
    assert "nothing imported" in out


def test_aliases_and_dry_run(capsys):
    args = ["benchmarks", "import", "un-egov-export", str(FIXTURES / "broken_unknown_country.csv")]
    aliases = [
        "--alias",
        "Atlantis=GRC",
        "--alias",
        "Korea=KOR",
        "--alias",
        "Serbia and Montenegro=SRB",
    ]
    assert main([*args, *aliases, "--dry-run"]) == 0
    assert Observation.objects.count() == 0
    assert main([*args, *aliases]) == 0
    assert Observation.objects.filter(country_id="GRC").exists()


def test_roles_are_granted_and_revoked(stranger):
    assert (
        main(["benchmarks", "roles", "grant", "stranger", "focal_point", "--country", "KEN"]) == 0
    )
    assert BenchmarkRole.objects.filter(
        user=stranger, role="focal_point", country_id="KEN"
    ).exists()
    assert (
        main(["benchmarks", "roles", "revoke", "stranger", "focal_point", "--country", "KEN"]) == 0
    )
    assert not BenchmarkRole.objects.exists()


def test_sync_is_idempotent(capsys):
    assert main(["benchmarks", "sync"]) == 0
    assert "editions created: 0, updated: 0" in capsys.readouterr().out
