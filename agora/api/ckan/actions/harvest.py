"""ckanext-harvest's actions: harvest_source_create/show/list, harvest_job_create/list.

Parameters and answers follow ckanext-harvest (`source_type`, `owner_org`, `config` as a JSON
string, jobs with `stats` of added/updated/not modified/errored/deleted), so existing CKAN
tooling can register and watch sources; every call goes through agora.harvest.services.
"""

from __future__ import annotations

import json
from typing import Any

from agora.core.errors import ValidationFailed
from agora.harvest import records, selectors, services

from ..registry import Action, Call


def _config(call: Call) -> dict[str, Any]:
    raw = call.params.get("config")
    if raw in (None, ""):
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        parsed = json.loads(str(raw))
    except ValueError as error:
        raise ValidationFailed(fields={"config": [f"Not JSON: {error}"]}) from error
    if not isinstance(parsed, dict):
        raise ValidationFailed(fields={"config": ["Must be a JSON object"]})
    return parsed


def _show(source: Any) -> dict[str, Any]:
    return records.ckan_source_dict(source, selectors.last_jobs([source]).get(source.pk))


def harvest_source_create(call: Call) -> dict[str, Any]:
    """Add a harvest source: name, url, source_type (ckan, dcat, datajson), owner_org,
    optional title, frequency (MANUAL, HOURLY, DAILY, WEEKLY), private and config (JSON)."""
    params = call.params
    draft = services.SourceDraft(
        name=params.required("name"),
        url=params.required("url"),
        source_type=params.required("source_type"),
        organization=params.required("owner_org"),
        title=params.text("title"),
        frequency=params.text("frequency", "manual").lower(),
        private=params.flag("private", False),
        config=_config(call),
    )
    return _show(services.source_create(actor=call.actor, draft=draft))


def harvest_source_show(call: Call) -> dict[str, Any]:
    """A harvest source by id or name, with its last job."""
    key = call.params.text("id") or call.params.required("name_or_id")
    return _show(selectors.source_get(call.actor, key))


def harvest_source_list(call: Call) -> list[dict[str, Any]]:
    """Every harvest source the caller can see (optionally of one `organization`)."""
    sources = list(selectors.sources_visible_to(call.actor))
    organization = call.params.text("organization") or call.params.text("owner_org")
    if organization:
        sources = [
            s for s in sources if organization in (s.organization.name, str(s.organization_id))
        ]
    latest = selectors.last_jobs(sources)
    return [records.ckan_source_dict(s, latest.get(s.pk)) for s in sources]


def harvest_job_create(call: Call) -> dict[str, Any]:
    """Queue a run of the source named by `source_id` (editors of its organization)."""
    source = selectors.source_get(call.actor, call.params.required("source_id"))
    job = services.job_create(actor=call.actor, source=source)
    job.refresh_from_db()
    return records.ckan_job_dict(job)


def harvest_job_list(call: Call) -> list[dict[str, Any]]:
    """The jobs of the source named by `source_id`, newest first (`status` filters)."""
    source = selectors.source_get(call.actor, call.params.required("source_id"))
    jobs = [records.ckan_job_dict(j) for j in selectors.jobs_of(call.actor, source)]
    wanted = call.params.text("status")
    return [j for j in jobs if not wanted or wanted in (j["status"], j["agora_status"])]


ACTIONS = [
    Action("harvest_source_create", harvest_source_create, writes=True),
    Action("harvest_source_show", harvest_source_show),
    Action("harvest_source_list", harvest_source_list),
    Action("harvest_job_create", harvest_job_create, writes=True),
    Action("harvest_job_list", harvest_job_list),
]
