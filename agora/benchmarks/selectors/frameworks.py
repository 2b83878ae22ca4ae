"""Frameworks, editions and their methodology (public: there is nothing private in them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from ..errors import BenchmarkNotFound
from ..frameworks import FrameworkDefinition, definitions
from ..models import Edition, Framework
from ..scoring.describe import edition_description, framework_description, index_description


def all_definitions() -> dict[str, FrameworkDefinition]:
    """The shipped frameworks plus those of AGORA_BENCHMARKS_FRAMEWORK_DIRS."""
    return definitions(tuple(settings.AGORA_BENCHMARKS_FRAMEWORK_DIRS))


def framework_definition(code: str) -> FrameworkDefinition:
    found = all_definitions().get(code)
    if found is None:
        raise BenchmarkNotFound("No such framework", code="benchmarks.framework_not_found")
    return found


def frameworks_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(edition_count=Count("editions")).order_by("code")


def framework_get(code: str) -> Framework:
    framework = frameworks_list().filter(code=code).first()
    if framework is None:
        raise BenchmarkNotFound("No such framework", code="benchmarks.framework_not_found")
    return framework


def editions_of(framework: Framework) -> QuerySet[Edition]:
    return Edition.objects.filter(framework=framework).order_by("year", "code")


def edition_get(framework_code: str, edition_code: str) -> Edition:
    """An edition by code; "latest" is the most recent one that has scores (or, before any
    import, the most recent one)."""
    editions = Edition.objects.select_related("framework").filter(framework_id=framework_code)
    if edition_code == "latest":
        newest = editions.order_by("-year", "-code")
        edition = newest.filter(scores__isnull=False).first() or newest.first()
    else:
        edition = editions.filter(code=edition_code).first()
    if edition is None:
        raise BenchmarkNotFound("No such edition", code="benchmarks.edition_not_found")
    return edition


def indices_of(edition: Edition) -> list[dict[str, Any]]:
    spec = framework_definition(edition.framework_id).spec.edition(edition.code)
    return [index_description(i) for i in spec.indices]


def methodology(framework_code: str, edition_code: str | None = None) -> dict[str, Any]:
    """Formulas, weights, rules and claims of every edition (or of one)."""
    definition = framework_definition(framework_code)
    if edition_code is None:
        described = framework_description(definition.spec)
        for item in described["editions"]:
            item["sha256"] = definition.edition_sha256(item["edition"])
        return described
    try:
        spec = definition.spec.edition(edition_code)
    except KeyError as error:
        raise BenchmarkNotFound("No such edition", code="benchmarks.edition_not_found") from error
    return {**edition_description(spec), "sha256": definition.edition_sha256(spec.code)}
