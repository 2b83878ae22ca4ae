"""Shared fixtures: people in every role, organizations, API clients and tokens."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from agora.accounts import services as account_services
from agora.accounts.models import Membership, User
from agora.accounts.selectors import actor_for_user
from agora.accounts.tests.factories import UserFactory
from agora.catalog.models import Organization
from agora.catalog.tests.factories import OrganizationFactory
from agora.core.actor import SYSTEM, Actor
from agora.testing import shared_data_path


@pytest.fixture
def org(db) -> Organization:
    return OrganizationFactory(name="ministry-of-health", title={"en": "Ministry of Health"})


@pytest.fixture
def other_org(db) -> Organization:
    return OrganizationFactory(name="statistics-office", title={"en": "Statistics Office"})


def _member(org: Organization, role: str, username: str) -> User:
    user = UserFactory(username=username)
    Membership.objects.create(user=user, organization=org, role=role)
    return user


@pytest.fixture
def member(org) -> User:
    return _member(org, "member", "org-member")


@pytest.fixture
def editor(org) -> User:
    return _member(org, "editor", "org-editor")


@pytest.fixture
def org_admin(org) -> User:
    return _member(org, "admin", "org-admin")


@pytest.fixture
def other_admin(other_org) -> User:
    return _member(other_org, "admin", "other-admin")


@pytest.fixture
def sysadmin(db) -> User:
    return UserFactory(username="sysadmin", is_superuser=True, is_staff=True)


@pytest.fixture
def stranger(db) -> User:
    return UserFactory(username="stranger")


@pytest.fixture
def actor_of() -> Callable[[User], Actor]:
    return actor_for_user


@pytest.fixture
def token_for() -> Callable[[User], str]:
    def make(user: User) -> str:
        return account_services.token_create(actor=SYSTEM, user=user, name="test")[1]

    return make


class ApiClient:
    """A Django test client that speaks JSON to the CKAN and native APIs, with a token."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": self.token} if self.token else {}

    def action(self, name: str, method: str = "POST", /, **data: Any):  # type: ignore[no-untyped-def]
        if method == "GET":
            params = {
                k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in data.items()
            }
            return self.client.get(f"/api/3/action/{name}", params, **self._headers())
        return self.client.post(
            f"/api/3/action/{name}",
            json.dumps(data),
            content_type="application/json",
            **self._headers(),
        )

    def get(self, path: str, **params: Any):  # type: ignore[no-untyped-def]
        return self.client.get(path, params, **self._headers())

    def send(self, method: str, path: str, body: Any = None, **headers: str):  # type: ignore[no-untyped-def]
        extra = {**self._headers(), **headers}
        return self.client.generic(
            method,
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            **extra,
        )


@pytest.fixture
def anon_api(db) -> ApiClient:
    return ApiClient()


@pytest.fixture
def api_as(db, token_for) -> Callable[[User], ApiClient]:
    return lambda user: ApiClient(token_for(user))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_path()


@pytest.fixture(scope="session")
def _search_index_root() -> Iterator[Path]:
    """One folder per test session for search indexes, in memory when the machine has
    /dev/shm (tantivy fsyncs every commit; on tmpfs that costs nothing). Parallel runs on one
    machine each get their own."""
    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp folder inside it
    root = Path(tempfile.mkdtemp(prefix="agora-test-search-", dir=shm if shm.is_dir() else None))
    yield root
    shutil.rmtree(root, ignore_errors=True)


_index_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _search_index(settings, _search_index_root: Path) -> Iterator[None]:
    """Each test starts with an empty search index: the index lives outside the database, so
    it is not rolled back with the test's transaction."""
    folder = _search_index_root / f"t{next(_index_numbers)}"
    settings.AGORA_SEARCH_INDEX_DIR = folder
    yield
    shutil.rmtree(folder, ignore_errors=True)


def _engines() -> list[str]:
    """Search engines a test run can exercise: tantivy always, PostgreSQL on PostgreSQL."""
    from django.conf import settings

    postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    return ["tantivy", "postgres"] if postgres else ["tantivy"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that take `engine` run once per search engine (PostgreSQL's only on PostgreSQL,
    so a SQLite run does not even collect them)."""
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", _engines(), indirect=True)


@pytest.fixture
def engine(request, settings) -> str:
    """The search engine under test, selected before any data is written."""
    settings.AGORA_SEARCH_BACKEND = request.param
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of the PostgreSQL search engine alone (fixture `postgres_engine`) are not
    collected on SQLite: they are deselected, not skipped (the Makefile runs PostgreSQL too)."""
    if "postgres" in _engines():
        return
    dropped = [i for i in items if "postgres_engine" in getattr(i, "fixturenames", ())]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if i not in dropped]


@pytest.fixture
def postgres_engine(settings) -> str:
    settings.AGORA_SEARCH_BACKEND = "postgres"
    return "postgres"


CHROMIUM = "/usr/bin/chromium"  # Debian's chromium (.ci/run installs it)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One chromium for the whole session, shared by every browser test module: Playwright's
    sync API runs an event loop in this thread, so a second one could not start beside it."""
    import os

    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    # The tests' own ORM calls stay synchronous while that loop runs: Django's async guard
    # must not mistake them for async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
