"""Members of a publisher and their roles, for the publisher's admins (and sysadmins)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agora.accounts import services
from agora.accounts.selectors import organization_members, user_get
from agora.api.auth import request_actor
from agora.catalog.selectors import organization_get
from agora.core.actor import Role
from agora.core.errors import BadRequest, Conflict, NotFound

from ...i18n import localized
from ..forms import ROLE_LABELS, MemberForm, RoleForm
from .common import signed_in


def _back(name: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("web:workspace-members", args=[name]))


@signed_in
def members(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    organization = organization_get(actor, name)
    rows = list(organization_members(actor, organization))  # Forbidden unless admin
    form = MemberForm()
    status = 200
    if request.method == "POST":
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                user = user_get(form.cleaned_data["username"].strip())
            except NotFound:
                form.add_error("username", _("There is no user with this name."))
            else:
                services.membership_set(
                    actor=actor,
                    organization=organization,
                    user=user,
                    role=Role(form.cleaned_data["role"]),
                )
                messages.success(
                    request,
                    _("%(user)s is now a member of this publisher.") % {"user": user.username},
                )
                return _back(organization.name)
        status = 422
    context = {
        "organization": organization,
        "title": localized(organization.title),
        "rows": [
            {"membership": m, "form": RoleForm(initial={"role": m.role}, prefix=str(m.user_id))}
            for m in rows
        ],
        "form": form,
        "role_labels": ROLE_LABELS,
    }
    return render(request, "web/workspace/members.html", context, status=status)


@require_POST
@signed_in
def member_change(request: HttpRequest, name: str, username: str) -> HttpResponse:
    """Change a member's role (`role`) or remove them (`remove`)."""
    actor = request_actor(request)
    organization = organization_get(actor, name)
    user = user_get(username)
    if "remove" in request.POST:
        try:
            services.membership_remove(actor=actor, organization=organization, user=user)
        except Conflict:
            messages.error(request, _("A publisher needs at least one admin."))
        else:
            messages.success(request, _("%(user)s is no longer a member.") % {"user": username})
        return _back(organization.name)
    form = RoleForm(request.POST, prefix=str(user.id))
    if not form.is_valid():
        raise BadRequest("Unknown role.", code="request.bad")
    try:
        services.membership_set(
            actor=actor, organization=organization, user=user, role=Role(form.cleaned_data["role"])
        )
    except Conflict:
        messages.error(request, _("A publisher needs at least one admin."))
        return _back(organization.name)
    messages.success(request, _("The role of %(user)s is saved.") % {"user": username})
    return _back(organization.name)
