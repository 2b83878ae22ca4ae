"""Dataset ("package") actions of the CKAN Action API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from orjson import Fragment

from agora.catalog import selectors, services
from agora.catalog.models import Dataset, DatasetState
from agora.catalog.validation import validate_dataset_draft
from agora.core.errors import BadRequest, ValidationFailed
from agora.interop.ckan import draft_from_package, package_dict, package_errors, patched_package
from agora.interop.records import DatasetDraft
from agora.search import registry
from agora.search.selectors import search

from ..errors import refuse_invalid
from ..registry import Action, Call
from ..rendering import package_fragment_for, package_fragments
from ..search_params import CKAN_FIELDS, search_query_from


def _draft(call: Call, data: dict[str, Any]) -> DatasetDraft:
    """The draft a package dict describes; every field it cannot use is named in one error,
    under the CKAN name the client sent (the service validates the same draft again)."""
    draft, errors = draft_from_package(data, default_language=call.language)
    refuse_invalid(errors, package_errors(validate_dataset_draft(draft), data))
    return draft


def _package(call: Call, dataset: Dataset) -> Fragment:
    return package_fragment_for(call.actor, str(dataset.id), call.language)


def _dataset_for(call: Call, key: str = "id") -> Dataset:
    identifier = call.params.text(key) or call.params.text("name")
    if not identifier:
        raise ValidationFailed(fields={key: ["Missing value"]})
    return selectors.dataset_get(call.actor, identifier)


def package_list(call: Call) -> list[str]:
    """Return the names of the site's public, active datasets, alphabetically
    (`limit`, `offset`). `include_private` and `include_drafts` add the private datasets and
    drafts the caller may see (what `ckanapi dump datasets --all --include-private` sends)."""
    limit = call.params.integer("limit", 0, minimum=0)
    offset = call.params.integer("offset", 0, minimum=0)
    if call.params.flag("include_deleted", False):
        raise BadRequest("include_deleted is not supported", code="search.include_deleted")
    datasets = selectors.datasets_visible_to(
        call.actor, include_drafts=call.params.flag("include_drafts", False)
    )
    if not call.params.flag("include_private", False):
        datasets = datasets.filter(private=False)
    names = datasets.order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit] if limit else names[offset:])


def current_package_list_with_resources(call: Call) -> list[Fragment]:
    """Return public active datasets with their resources, most recently modified first
    (`limit` default 10, `offset` or `page`)."""
    limit = min(
        call.params.integer("limit", settings.AGORA_CKAN_ROWS_DEFAULT, minimum=1),
        settings.AGORA_CKAN_ROWS_MAX,
    )
    offset = call.params.integer("offset", 0, minimum=0)
    if "page" in call.params:
        offset = (call.params.integer("page", 1, minimum=1) - 1) * limit
    ids = list(
        Dataset.objects.filter(state=DatasetState.ACTIVE, private=False)
        .order_by("-updated_at", "name")
        .values_list("id", flat=True)[offset : offset + limit]
    )
    return package_fragments(call.actor, ids, call.language)


def package_show(call: Call) -> Fragment:
    """Return a dataset (`id` is its id or name) with its resources, if the caller may see it."""
    return package_fragment_for(call.actor, call.params.required("id"), call.language)


def package_search(call: Call) -> dict[str, Any]:
    """Search datasets with CKAN's parameters: `q` (Lucene syntax), `fq`/`fq_list`, `sort`,
    `rows` (max 1000), `start`, `facet.field`, `facet.limit`, `facet.mincount`,
    `include_private`, `include_drafts`."""
    query, sort_text, facet_names = search_query_from(call.params)
    result = search(actor=call.actor, query=query)
    facets: dict[str, dict[str, int]] = {}
    search_facets: dict[str, dict[str, Any]] = {}
    adapter = registry.get("dataset")
    for name in facet_names:
        counts = result.facets.get(CKAN_FIELDS[name], [])
        labels = adapter.facet_labels(CKAN_FIELDS[name], [c.value for c in counts], call.language)
        values = []
        for count in counts:
            shown = _facet_name(name, count.value)
            label = labels.get(count.value, count.value)
            values.append((shown, shown if label == count.value else label, count.count))
        facets[name] = {value: count for value, _, count in values}
        search_facets[name] = {
            "title": name,
            "items": [
                {"name": value, "display_name": label, "count": count}
                for value, label, count in values
            ],
        }
    return {
        "count": result.total,
        "sort": sort_text,
        "results": package_fragments(call.actor, result.ids, call.language),
        "facets": facets,
        "search_facets": search_facets,
    }


def _facet_name(ckan_field: str, value: str) -> str:
    """A facet value as CKAN names it: groups in lower case, capacity public or private."""
    if ckan_field == "groups":
        return value.lower()
    if ckan_field == "capacity":
        return "private" if value == "True" else "public"
    return value


def package_create(call: Call) -> Fragment:
    """Create a dataset from a CKAN package dict (with `resources` inline); returns it.

    Sysadmins may give the `id`. Unknown fields are refused by name."""
    data = call.params.fields()
    requested_id = data.get("id")
    dataset = services.dataset_create(
        actor=call.actor, draft=_draft(call, data), requested_id=requested_id
    )
    return _package(call, dataset)


def package_update(call: Call) -> Fragment:
    """Replace a dataset's metadata (`id` or `name` identifies it). Resources are replaced
    when `resources` is given and kept when it is left out."""
    dataset = _dataset_for(call)
    data = call.params.fields()
    data.setdefault("owner_org", str(dataset.organization_id))
    updated = services.dataset_update(actor=call.actor, dataset=dataset, draft=_draft(call, data))
    return _package(call, updated)


def package_patch(call: Call) -> Fragment:
    """Change only the given fields of a dataset (`id` identifies it)."""
    dataset = _dataset_for(call)
    current = package_dict(selectors.dataset_records([dataset.id])[0], language=call.language)
    changes = {k: v for k, v in call.params.fields().items() if k != "id"}
    merged = patched_package(current, changes, language=call.language)
    updated = services.dataset_update(actor=call.actor, dataset=dataset, draft=_draft(call, merged))
    return _package(call, updated)


def package_delete(call: Call) -> None:
    """Delete a dataset (`id` or name). It keeps its history and its name."""
    dataset = _dataset_for(call)
    services.dataset_delete(actor=call.actor, dataset=dataset)
    return None


ACTIONS = [
    Action("package_list", package_list),
    Action("current_package_list_with_resources", current_package_list_with_resources),
    Action("package_show", package_show),
    Action("package_search", package_search),
    Action("package_create", package_create, writes=True),
    Action("package_update", package_update, writes=True),
    Action("package_patch", package_patch, writes=True),
    Action("package_delete", package_delete, writes=True),
]
