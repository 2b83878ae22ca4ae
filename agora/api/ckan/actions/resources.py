"""Resource (distribution) actions of the CKAN Action API, including file uploads."""

from __future__ import annotations

from typing import Any

from agora.catalog import selectors, services
from agora.catalog.models import Distribution
from agora.catalog.records import distribution_record
from agora.catalog.validation import validate_distribution_draft
from agora.core.errors import ValidationFailed
from agora.interop.ckan import distribution_draft_from_resource, resource_dict
from agora.interop.records import DistributionDraft

from ..errors import refuse_invalid
from ..registry import Action, Call

# Keys that belong to the call rather than to the resource.
_CALL_KEYS = {"package_id", "upload", "clear_upload", "lang"}


def _draft(data: dict[str, Any]) -> DistributionDraft:
    fields = {k: v for k, v in data.items() if k not in _CALL_KEYS}
    draft, errors = distribution_draft_from_resource(fields)
    refuse_invalid(errors, validate_distribution_draft(draft))
    return draft


def _resource(dist: Distribution) -> dict[str, Any]:
    fresh = Distribution.objects.get(pk=dist.pk)
    return resource_dict(distribution_record(fresh))


def _upload(call: Call) -> Any:
    upload = call.params.files.get("upload")
    if upload is None and isinstance(call.params.get("upload"), str) and call.params.get("upload"):
        raise ValidationFailed(
            fields={"upload": ["Send the file as multipart/form-data, not as a string"]}
        )
    return upload


def resource_show(call: Call) -> dict[str, Any]:
    """Return a resource by `id`, if the caller may see its dataset."""
    dist = selectors.distribution_get(call.actor, call.params.required("id"))
    return resource_dict(distribution_record(dist))


def resource_create(call: Call) -> dict[str, Any]:
    """Add a resource to the dataset `package_id`: a link (`url`) or a file sent as the
    multipart field `upload` (checksummed and stored by its SHA-256)."""
    dataset = selectors.dataset_get(call.actor, call.params.required("package_id"))
    upload = _upload(call)
    data = dict(call.params.data)
    if upload is None and not data.get("url"):
        raise ValidationFailed(fields={"url": ["Provide a url or upload a file"]})
    dist = services.distribution_create(
        actor=call.actor, dataset=dataset, draft=_draft(data), upload=upload
    )
    return _resource(dist)


def resource_update(call: Call) -> dict[str, Any]:
    """Replace a resource's fields (`id` identifies it); a new `upload` replaces its file."""
    dist = selectors.distribution_get(call.actor, call.params.required("id"))
    data = dict(call.params.data)
    updated = services.distribution_update(
        actor=call.actor, distribution=dist, draft=_draft(data), upload=_upload(call)
    )
    return _resource(updated)


def resource_patch(call: Call) -> dict[str, Any]:
    """Change only the given fields of a resource (`id` identifies it)."""
    dist = selectors.distribution_get(call.actor, call.params.required("id"))
    current = resource_dict(distribution_record(dist))
    upload = _upload(call)
    changes = {k: v for k, v in call.params.data.items() if k not in _CALL_KEYS}
    merged = {**current, **changes}
    updated = services.distribution_update(
        actor=call.actor, distribution=dist, draft=_draft(merged), upload=upload
    )
    return _resource(updated)


def resource_delete(call: Call) -> None:
    """Delete a resource (`id`)."""
    dist = selectors.distribution_get(call.actor, call.params.required("id"))
    services.distribution_delete(actor=call.actor, distribution=dist)
    return None


ACTIONS = [
    Action("resource_show", resource_show),
    Action("resource_create", resource_create, writes=True),
    Action("resource_update", resource_update, writes=True),
    Action("resource_patch", resource_patch, writes=True),
    Action("resource_delete", resource_delete, writes=True),
]
