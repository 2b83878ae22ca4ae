"""Site-level actions: status, licences, tags, groups (our themes), users, help."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from agora import __version__
from agora.accounts.permissions import can_view_user_private_fields
from agora.accounts.selectors import user_get
from agora.catalog.models import Licence
from agora.catalog.selectors import datasets_visible_to, tag_names
from agora.core.errors import NotFound, ValidationFailed
from agora.interop.ckan import ckan_time, tag_id

from ..registry import Action, Call
from .themes import group_dicts

# The CKAN Action API level Agora answers like (reported for clients that check versions).
CKAN_API_LEVEL = "2.10.0"


def status_show(call: Call) -> dict[str, Any]:
    """Return the site's title, description, URL, locale and the CKAN API level it speaks."""
    return {
        "site_title": settings.AGORA_SITE_TITLE,
        "site_description": settings.AGORA_SITE_DESCRIPTION,
        "site_url": settings.AGORA_SITE_URL,
        "ckan_version": CKAN_API_LEVEL,
        "agora_version": __version__,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": [],
    }


def site_read(call: Call) -> bool:
    """Return true: this site's content may be read by the caller."""
    return True


def license_list(call: Call) -> list[dict[str, Any]]:
    """Return the licences datasets may use, with their Open Definition conformance."""
    return [
        {
            "id": lic.id,
            "title": lic.title,
            "url": lic.url,
            "od_conformance": lic.od_conformance,
            "osd_conformance": lic.osd_conformance,
            "is_okd_compliant": lic.od_conformance == "approved",
            "is_osi_compliant": lic.osd_conformance == "approved",
            "domain_data": lic.domain_data,
            "domain_content": lic.domain_content,
            "domain_software": lic.osd_conformance == "approved",
            "status": lic.status,
            "family": "",
            "maintainer": "",
            "is_generic": lic.id.startswith("other-") or lic.id == "notspecified",
        }
        for lic in Licence.objects.order_by("title")
    ]


def tag_list(call: Call) -> list[Any]:
    """Return the names of tags on datasets the caller can see (`query` filters by substring).

    Tag vocabularies are not supported: passing `vocabulary_id` is an error.
    """
    if call.params.text("vocabulary_id"):
        raise ValidationFailed(fields={"vocabulary_id": ["Tag vocabularies are not supported"]})
    names = tag_names(call.actor, query=call.params.text("query") or call.params.text("q"))
    if call.params.flag("all_fields", False):
        return [
            {"id": tag_id(n), "name": n, "display_name": n, "vocabulary_id": None} for n in names
        ]
    return names


def group_list(call: Call) -> list[Any]:
    """Return the groups. Agora's groups are the EU data themes (AGRI, ECON, ..., as lower-case
    names), so CKAN clients that browse by group browse by theme."""
    groups = group_dicts(call.actor, language=call.language)
    if call.params.flag("all_fields", False):
        return groups
    return [g["name"] for g in groups]


def user_show(call: Call) -> dict[str, Any]:
    """Return a user (`id` is an id or name; the caller when omitted). E-mail addresses are
    shown only to the user themself and to sysadmins."""
    key = call.params.text("id") or call.params.text("user_obj")
    if not key:
        if call.actor.user_id is None:
            raise ValidationFailed(fields={"id": ["Missing value"]})
        key = str(call.actor.user_id)
    user = user_get(key)
    if not user.is_active and not call.actor.is_superuser:
        raise NotFound("User not found", code="accounts.user_not_found")
    result: dict[str, Any] = {
        "id": str(user.id),
        "name": user.username,
        "fullname": user.fullname,
        "display_name": user.display_name,
        "about": user.about,
        "created": ckan_time(user.date_joined),
        "sysadmin": user.is_superuser,
        "state": "active" if user.is_active else "deleted",
        "image_display_url": "",
        "number_created_packages": datasets_visible_to(call.actor, include_drafts=False)
        .filter(created_by=user)
        .count(),
    }
    if can_view_user_private_fields(call.actor, user):
        result["email"] = user.email
    return result


def help_show(call: Call) -> str:
    """Return the help text of the action named by `name`."""
    from ..views import ACTIONS

    name = call.params.required("name")
    if name not in ACTIONS:
        raise NotFound(f"Action {name} not found", code="api.action_unknown")
    return ACTIONS[name].doc


ACTIONS = [
    Action("status_show", status_show),
    Action("site_read", site_read),
    Action("license_list", license_list),
    Action("tag_list", tag_list),
    Action("group_list", group_list),
    Action("user_show", user_show),
    Action("help_show", help_show),
]
