"""Fixtures for the API tests: a dataset of each visibility, and a client for each role."""

from __future__ import annotations

import pytest

from agora.catalog.models import Dataset

from .shared import make_dataset


@pytest.fixture
def client_for(request, anon_api, api_as):
    """The API client of a role named as in ROLES (anonymous has no token)."""

    def make(role: str):
        if role == "anonymous":
            return anon_api
        return api_as(request.getfixturevalue(role))

    return make


@pytest.fixture
def public_dataset(org) -> Dataset:
    return make_dataset(org, "public")


@pytest.fixture
def private_dataset(org) -> Dataset:
    return make_dataset(org, "private")


@pytest.fixture
def draft_dataset(org) -> Dataset:
    return make_dataset(org, "draft")
