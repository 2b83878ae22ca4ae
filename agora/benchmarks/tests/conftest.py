"""Fixtures of the benchmarks tests: people in each benchmark role and a small edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from agora.accounts.tests.factories import UserFactory
from agora.benchmarks import services
from agora.benchmarks.models import BenchmarkRole, Edition
from agora.core.actor import SYSTEM

FIXTURES = Path(__file__).parent / "fixtures"


def _with_role(username: str, role: str, country: str | None = None):  # type: ignore[no-untyped-def]
    user = UserFactory(username=username)
    BenchmarkRole.objects.create(user=user, role=role, country_id=country)
    return user


@pytest.fixture
def bench_admin(db):  # type: ignore[no-untyped-def]
    return _with_role("bench-admin", "admin")


@pytest.fixture
def focal_ken(db):  # type: ignore[no-untyped-def]
    return _with_role("focal-ken", "focal_point", "KEN")


@pytest.fixture
def focal_dnk(db):  # type: ignore[no-untyped-def]
    return _with_role("focal-dnk", "focal_point", "DNK")


@pytest.fixture
def reviewer_ken(db):  # type: ignore[no-untyped-def]
    return _with_role("reviewer-ken", "reviewer", "KEN")


@pytest.fixture
def reviewer_dnk(db):  # type: ignore[no-untyped-def]
    return _with_role("reviewer-dnk", "reviewer", "DNK")


@pytest.fixture
def reviewer_all(db):  # type: ignore[no-untyped-def]
    return _with_role("reviewer-all", "reviewer")


def import_fixture(name: str, kind: str = "un-egov-export", **options):  # type: ignore[no-untyped-def]
    return services.observations_import(
        actor=SYSTEM, kind=kind, content=(FIXTURES / name).read_bytes(), file_name=name, **options
    )


@pytest.fixture
def small_2022(db) -> Edition:
    """Six countries of a made-up 2022 table (not real figures)."""
    import_fixture("un_small_2022.csv")
    return Edition.objects.get(framework_id="un-egov", code="2022")
