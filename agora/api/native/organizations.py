"""/api/v1/organizations: publishers and their members."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from agora.accounts import services as account_services
from agora.accounts.selectors import organization_members, user_get
from agora.catalog import selectors
from agora.catalog import services as catalog_services
from agora.catalog.models import Organization
from agora.catalog.records import organization_record
from agora.core.actor import Role

from .convert import organization_draft, organization_in_from_record
from .pagination import keyset_page
from .schemas import (
    MemberIn,
    MemberOut,
    OrganizationIn,
    OrganizationOut,
    OrganizationPage,
    OrganizationPatch,
    Problem,
)
from .security import actor

router = Router(tags=["organizations"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class OrganizationFilters(Schema):
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code")
    cursor: str | None = None
    limit: int = Field(20, ge=1, le=1000)


def _out(request: HttpRequest, orgs: list[Organization]) -> list[dict[str, object]]:
    counts = selectors.dataset_counts_by_organization(actor(request), [o.id for o in orgs])
    items = []
    for org in orgs:
        record = organization_record(org)
        items.append({**record.__dict__, "dataset_count": counts.get(org.id, 0)})
    return items


@router.get(
    "/organizations", response={200: OrganizationPage, **ERRORS}, operation_id="organizations_list"
)
def organizations_list(request: HttpRequest, filters: Query[OrganizationFilters]):  # type: ignore[no-untyped-def]
    """Organizations by name, with the number of datasets the caller can see."""
    queryset = selectors.organizations_visible(actor(request))
    if filters.country:
        queryset = queryset.filter(country_id=filters.country.upper())
    rows, next_cursor = keyset_page(
        queryset, key="name", cursor=filters.cursor, limit=filters.limit
    )
    return {"items": _out(request, rows), "next_cursor": next_cursor}


@router.post(
    "/organizations",
    response={201: OrganizationOut, **ERRORS},
    operation_id="organizations_create",
)
def organizations_create(request: HttpRequest, payload: OrganizationIn):  # type: ignore[no-untyped-def]
    """Create an organization; the caller becomes its admin."""
    org = account_services.organization_found(
        actor=actor(request), draft=organization_draft(payload)
    )
    return Status(201, _out(request, [org])[0])


@router.get(
    "/organizations/{id_or_name}",
    response={200: OrganizationOut, **ERRORS},
    operation_id="organizations_read",
)
def organizations_read(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    return _out(request, [selectors.organization_get(actor(request), id_or_name)])[0]


@router.put(
    "/organizations/{id_or_name}",
    response={200: OrganizationOut, **ERRORS},
    operation_id="organizations_replace",
)
def organizations_replace(request: HttpRequest, id_or_name: str, payload: OrganizationIn):  # type: ignore[no-untyped-def]
    org = selectors.organization_get(actor(request), id_or_name)
    updated = catalog_services.organization_update(
        actor=actor(request), organization=org, draft=organization_draft(payload)
    )
    return _out(request, [updated])[0]


@router.patch(
    "/organizations/{id_or_name}",
    response={200: OrganizationOut, **ERRORS},
    operation_id="organizations_patch",
)
def organizations_patch(request: HttpRequest, id_or_name: str, payload: OrganizationPatch):  # type: ignore[no-untyped-def]
    org = selectors.organization_get(actor(request), id_or_name)
    current = organization_in_from_record(organization_record(org))
    merged = OrganizationIn(**{**current, **payload.model_dump(exclude_unset=True)})
    updated = catalog_services.organization_update(
        actor=actor(request), organization=org, draft=organization_draft(merged)
    )
    return _out(request, [updated])[0]


@router.delete(
    "/organizations/{id_or_name}",
    response={204: None, **ERRORS},
    operation_id="organizations_delete",
)
def organizations_delete(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """Delete an organization that has no datasets left."""
    org = selectors.organization_get(actor(request), id_or_name)
    catalog_services.organization_delete(actor=actor(request), organization=org)
    return Status(204, None)


@router.get(
    "/organizations/{id_or_name}/members",
    response={200: list[MemberOut], **ERRORS},
    operation_id="members_list",
)
def members_list(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """Members and their roles (visible to the organization's admins and sysadmins)."""
    org = selectors.organization_get(actor(request), id_or_name)
    memberships = organization_members(actor(request), org)
    return [{"user": m.user.username, "role": m.role} for m in memberships]


@router.put(
    "/organizations/{id_or_name}/members/{username}",
    response={200: MemberOut, **ERRORS},
    operation_id="members_set",
)
def members_set(request: HttpRequest, id_or_name: str, username: str, payload: MemberIn):  # type: ignore[no-untyped-def]
    """Give a user a role in the organization."""
    org = selectors.organization_get(actor(request), id_or_name)
    user = user_get(username)
    membership = account_services.membership_set(
        actor=actor(request), organization=org, user=user, role=Role(payload.role)
    )
    return {"user": user.username, "role": membership.role}


@router.delete(
    "/organizations/{id_or_name}/members/{username}",
    response={204: None, **ERRORS},
    operation_id="members_remove",
)
def members_remove(request: HttpRequest, id_or_name: str, username: str):  # type: ignore[no-untyped-def]
    org = selectors.organization_get(actor(request), id_or_name)
    account_services.membership_remove(
        actor=actor(request), organization=org, user=user_get(username)
    )
    return Status(204, None)
