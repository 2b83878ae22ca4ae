"""Who may see and manage harvest sources and jobs.

- Sources of organizations, their job reports and counts: everyone (a federation is public
  information, as on data.gov.uk's and data.gov's harvest pages), except sources marked
  private, which only members of the organization and sysadmins see.
- The raw records kept for failed items: editors of the organization and sysadmins.
- Adding, changing and deleting a source: admins of the organization and sysadmins.
- Running and cancelling a job: editors of the organization and sysadmins.
"""

from __future__ import annotations

import uuid

from django.db.models import Q

from agora.core.actor import Actor, Role

from .models import HarvestSource


def visible_sources_q(actor: Actor) -> Q:
    if actor.is_superuser:
        return Q()
    rule = Q(private=False)
    member_of = actor.organizations_with(Role.MEMBER)
    if member_of:
        rule |= Q(organization_id__in=member_of)
    return rule


def can_view_source(actor: Actor, source: HarvestSource) -> bool:
    if actor.is_superuser or not source.private:
        return True
    return actor.has_role(source.organization_id, Role.MEMBER)


def can_view_raw(actor: Actor, source: HarvestSource) -> bool:
    return actor.is_superuser or actor.has_role(source.organization_id, Role.EDITOR)


def can_manage_sources(actor: Actor, organization_id: uuid.UUID) -> bool:
    return actor.is_superuser or actor.has_role(organization_id, Role.ADMIN)


def can_run_source(actor: Actor, source: HarvestSource) -> bool:
    return actor.is_superuser or actor.has_role(source.organization_id, Role.EDITOR)
