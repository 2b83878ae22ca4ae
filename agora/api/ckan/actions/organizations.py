"""Organization and membership actions of the CKAN Action API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from agora.accounts import services as account_services
from agora.accounts.models import Membership, User
from agora.accounts.selectors import user_get
from agora.catalog import permissions, selectors
from agora.catalog import services as catalog_services
from agora.catalog.models import Organization
from agora.catalog.records import organization_record
from agora.catalog.validation import validate_organization_draft
from agora.core.actor import Role
from agora.core.errors import Forbidden, NotFound, ValidationFailed
from agora.core.i18n import pick
from agora.interop.ckan import (
    ckan_time,
    organization_dict,
    organization_draft_from_dict,
    package_dict,
)
from agora.interop.records import OrganizationDraft

from ..errors import refuse_invalid
from ..registry import Action, Call

_SORTS = {"name", "title", "package_count"}
# For organization_list_for_user: CKAN permission names and the role each needs.
_PERMISSION_ROLES = {
    "read": Role.MEMBER,
    "create_dataset": Role.EDITOR,
    "update_dataset": Role.EDITOR,
    "delete_dataset": Role.EDITOR,
    "manage_group": Role.ADMIN,
}


def _draft(call: Call, data: dict[str, Any]) -> OrganizationDraft:
    draft, errors = organization_draft_from_dict(data, default_language=call.language)
    refuse_invalid(errors, validate_organization_draft(draft))
    return draft


def _users(org: Organization) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(organization=org).select_related("user")
    return [
        {
            "id": str(m.user.id),
            "name": m.user.username,
            "fullname": m.user.fullname,
            "display_name": m.user.display_name,
            "capacity": m.role,
            "created": ckan_time(m.user.date_joined),
            "state": "active" if m.user.is_active else "deleted",
            "sysadmin": m.user.is_superuser,
        }
        for m in memberships
    ]


def _org_dict(call: Call, org: Organization, package_count: int | None) -> dict[str, Any]:
    return organization_dict(
        organization_record(org), language=call.language, package_count=package_count
    )


def _counts(call: Call, orgs: list[Organization]) -> dict[Any, int]:
    return selectors.dataset_counts_by_organization(call.actor, [o.id for o in orgs])


def organization_list(call: Call) -> list[Any]:
    """Return organization names, or dicts with `all_fields` (at most 25 then).

    Parameters: `sort` ("name asc", "title asc", "package_count desc"), `limit`, `offset`,
    `organizations` (only these names), `include_dataset_count`."""
    params = call.params
    all_fields = params.flag("all_fields", False)
    cap = (
        settings.AGORA_CKAN_ORG_ALL_FIELDS_MAX if all_fields else settings.AGORA_CKAN_LIST_LIMIT_MAX
    )
    limit = min(params.integer("limit", cap, minimum=0), cap)
    offset = params.integer("offset", 0, minimum=0)
    orgs = selectors.organizations_visible(call.actor)
    wanted = params.json_list("organizations")
    if wanted:
        orgs = orgs.filter(name__in=wanted)
    field, _, direction = (params.text("sort") or "title asc").partition(" ")
    if field not in _SORTS or direction.strip() not in ("", "asc", "desc"):
        raise ValidationFailed(fields={"sort": [f"Cannot sort by {params.text('sort')}"]})
    descending = direction.strip() == "desc"
    organizations = list(orgs)
    counts = _counts(call, organizations)
    if field == "package_count":
        organizations.sort(key=lambda o: (counts.get(o.id, 0), o.name), reverse=descending)
    elif field == "title":
        organizations.sort(
            key=lambda o: (pick(o.title, call.language)[0].lower(), o.name), reverse=descending
        )
    else:
        organizations.sort(key=lambda o: o.name, reverse=descending)
    page = organizations[offset : offset + limit]
    if not all_fields:
        return [o.name for o in page]
    with_counts = params.flag("include_dataset_count", True)
    return [_org_dict(call, o, counts.get(o.id, 0) if with_counts else None) for o in page]


def organization_show(call: Call) -> dict[str, Any]:
    """Return an organization (`id` or name) with its dataset count; `include_datasets`
    adds up to 1000 of its datasets; members are listed for its admins only."""
    org = selectors.organization_get(call.actor, call.params.required("id"))
    count = _counts(call, [org]).get(org.id, 0)
    result = _org_dict(call, org, count)
    if call.params.flag("include_users", True) and permissions.can_manage_members(call.actor, org):
        result["users"] = _users(org)
    else:
        result["users"] = []
    if call.params.flag("include_datasets", False):
        ids = (
            selectors.datasets_visible_to(call.actor, include_drafts=False)
            .filter(organization=org)
            .order_by("name")
            .values_list("id", flat=True)[: settings.AGORA_CKAN_ROWS_MAX]
        )
        result["packages"] = [
            package_dict(r, language=call.language) for r in selectors.dataset_records(ids)
        ]
    return result


def _apply_users(call: Call, org: Organization, users: Any) -> None:
    """CKAN lets organization_create/update set members with `users: [{name, capacity}]`."""
    if users in (None, []):
        return
    if not isinstance(users, list):
        raise ValidationFailed(fields={"users": ["Must be a list of {name, capacity}"]})
    for item in users:
        name = str(item.get("name") or item.get("id") or "") if isinstance(item, dict) else ""
        capacity = str(item.get("capacity") or "member") if isinstance(item, dict) else ""
        if capacity not in Role._value2member_map_:
            raise ValidationFailed(fields={"users": [f'Unknown capacity "{capacity}"']})
        try:
            user = user_get(name)
        except NotFound as error:
            raise ValidationFailed(fields={"users": [f'User "{name}" not found']}) from error
        account_services.membership_set(
            actor=call.actor, organization=org, user=user, role=Role(capacity)
        )


@transaction.atomic
def organization_create(call: Call) -> dict[str, Any]:
    """Create an organization; the creator becomes its admin. Sysadmins may give the `id`."""
    data = call.params.fields()
    org = account_services.organization_found(
        actor=call.actor, draft=_draft(call, data), requested_id=data.get("id")
    )
    _apply_users(call, org, data.get("users"))
    return _org_dict(call, org, 0)


@transaction.atomic
def organization_update(call: Call) -> dict[str, Any]:
    """Replace an organization's fields (`id` or name identifies it)."""
    org = selectors.organization_get(call.actor, call.params.required("id"))
    data = call.params.fields()
    updated = catalog_services.organization_update(
        actor=call.actor, organization=org, draft=_draft(call, data)
    )
    _apply_users(call, updated, data.get("users"))
    return _org_dict(call, updated, _counts(call, [updated]).get(updated.id, 0))


def organization_list_for_user(call: Call) -> list[dict[str, Any]]:
    """Return the organizations where a user (`id`, default: the caller) has a `permission`
    ("manage_group" by default, or "create_dataset", "read", ...). Sysadmins have all."""
    permission = call.params.text("permission") or "manage_group"
    if permission not in _PERMISSION_ROLES:
        raise ValidationFailed(fields={"permission": [f'Unknown permission "{permission}"']})
    key = call.params.text("id")
    if key:
        user = user_get(key)
        if user.id != call.actor.user_id and not call.actor.is_superuser:
            raise Forbidden("You may only list your own organizations.", code="accounts.denied")
    elif call.actor.user_id is None:
        return []
    else:
        user = User.objects.get(pk=call.actor.user_id)
    orgs = selectors.organizations_visible(call.actor)
    minimum = _PERMISSION_ROLES[permission]
    roles = {m.organization_id: m.role for m in Membership.objects.filter(user=user)}
    if not user.is_superuser:
        allowed = [o for o, r in roles.items() if Role(r).rank >= minimum.rank]
        orgs = orgs.filter(Q(id__in=allowed))
    organizations = list(orgs.order_by("name"))
    counts = _counts(call, organizations)
    result = []
    for org in organizations:
        item = _org_dict(call, org, counts.get(org.id, 0))
        item["capacity"] = roles.get(org.id, "admin")
        result.append(item)
    return result


def member_create(call: Call) -> dict[str, Any]:
    """Make a user a member of an organization: `id` (organization), `object` (user id or
    name), `object_type` ("user"), `capacity` ("member", "editor" or "admin")."""
    params = call.params
    org = selectors.organization_get(call.actor, params.required("id"))
    object_type = params.text("object_type") or "user"
    if object_type != "user":
        raise ValidationFailed(
            fields={"object_type": ["Only users can be members of an organization here"]}
        )
    capacity = params.required("capacity")
    if capacity not in Role._value2member_map_:
        raise ValidationFailed(fields={"capacity": [f'Unknown capacity "{capacity}"']})
    user = user_get(params.required("object"))
    membership = account_services.membership_set(
        actor=call.actor, organization=org, user=user, role=Role(capacity)
    )
    return {
        "id": str(membership.pk),
        "table_name": "user",
        "table_id": str(user.id),
        "capacity": membership.role,
        "group_id": str(org.id),
        "state": "active",
    }


ACTIONS = [
    Action("organization_list", organization_list),
    Action("organization_show", organization_show),
    Action("organization_create", organization_create, writes=True),
    Action("organization_update", organization_update, writes=True),
    Action("organization_list_for_user", organization_list_for_user),
    Action("member_create", member_create, writes=True),
]
