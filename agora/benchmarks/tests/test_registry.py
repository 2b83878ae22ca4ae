"""The explicit registries of benchmarks, and the settings that choose from them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from agora.benchmarks import importers, linkcheck


def test_registered_importers():
    assert importers.registered() == ["raw-indicators", "un-egov-export"]


def test_registered_link_checkers_and_the_one_in_use(settings):
    assert linkcheck.registered() == ["http", "uploads"]
    assert linkcheck.active().name == "uploads"
    settings.AGORA_BENCHMARKS_LINK_CHECKER = "ftp"
    with pytest.raises(ImproperlyConfigured, match="registered checkers are"):
        linkcheck.active()


def test_registering_another_class_under_a_taken_name_fails():
    class Impostor(linkcheck.LinkChecker):
        name = "uploads"

    with pytest.raises(RuntimeError):
        linkcheck.register(Impostor())
