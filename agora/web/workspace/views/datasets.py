"""The workspace home (my datasets, my publishers) and the dataset form: create, edit, state."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agora.accounts.selectors import memberships_of
from agora.api.auth import request_actor
from agora.catalog import services
from agora.core.errors import BadRequest, Conflict, ValidationFailed
from agora.interop.records import DatasetRecord

from ...i18n import localized
from ..drafts import draft_from_form, draft_from_record, initial_from_record
from ..errors import DATASET_FIELDS, add_service_errors
from ..forms import DatasetForm
from ..queries import STATUS_FILTERS, editable_organizations, my_datasets_page
from .common import editable_dataset, signed_in


@signed_in
def workspace_home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = request.GET.get("status", "")
    status = status if status in STATUS_FILTERS else ""
    text = request.GET.get("q", "").strip()[:200]
    page = my_datasets_page(actor, status=status, text=text, number=request.GET.get("page", 1))
    for dataset in page.object_list:
        dataset.shown_title = localized(dataset.title)
        dataset.publisher = localized(dataset.organization.title)
    context = {
        "page": page,
        "status": status,
        "q": text,
        "status_filters": [
            ("", _("All")),
            ("draft", _("Drafts")),
            ("private", _("Private")),
            ("public", _("Public")),
        ],
        "memberships": [
            {"membership": m, "title": localized(m.organization.title)}
            for m in memberships_of(request.user)  # type: ignore[arg-type]
        ],
        "can_create": editable_organizations(actor).exists(),
    }
    return render(request, "web/workspace/home.html", context)


def _organization_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (str(org.id), str(localized(org.title)) or org.name)
        for org in editable_organizations(request_actor(request))
    ]


def _state_for(action: str, record: DatasetRecord | None) -> str:
    if action == "draft":
        return "draft"
    if action == "publish":
        return "active"
    return record.state if record else "active"


def _saved_message(state: str) -> str:
    if state == "draft":
        return _("Saved as a draft. Only your publisher's editors can see it.")
    return _("Saved and published.")


@signed_in
def dataset_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    choices = _organization_choices(request)
    if request.method == "POST":
        form = DatasetForm(request.POST, organizations=choices)
        if form.is_valid():
            state = _state_for(request.POST.get("action", "draft"), None)
            draft = draft_from_form(form, base=None, state=state)
            try:
                dataset = services.dataset_create(actor=actor, draft=draft)
            except (ValidationFailed, Conflict) as error:
                add_service_errors(form, error, DATASET_FIELDS, form.service_field)
            else:
                messages.success(request, _saved_message(dataset.state))
                return HttpResponseRedirect(reverse("web:workspace-dataset", args=[dataset.name]))
    else:
        initial = {"organization": choices[0][0]} if len(choices) == 1 else {}
        form = DatasetForm(initial=initial, organizations=choices)
    context = {"form": form, "record": None, "no_publisher": not choices}
    return render(request, "web/workspace/dataset_form.html", context, status=_status(form))


@signed_in
def dataset_edit(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    dataset, record = editable_dataset(actor, name)
    choices = _organization_choices(request)
    if record.organization.id not in {c[0] for c in choices}:
        choices.append((record.organization.id, str(localized(record.organization.title))))
    if request.method == "POST":
        form = DatasetForm(request.POST, organizations=choices)
        if form.is_valid():
            state = _state_for(request.POST.get("action", "save"), record)
            draft = draft_from_form(form, base=record, state=state)
            try:
                updated = services.dataset_update(
                    actor=actor,
                    dataset=dataset,
                    draft=draft,
                    expected_revision=_revision(request),
                )
            except (ValidationFailed, Conflict) as error:
                add_service_errors(form, error, DATASET_FIELDS, form.service_field)
            else:
                messages.success(request, _saved_message(updated.state))
                return HttpResponseRedirect(reverse("web:workspace-dataset", args=[updated.name]))
    else:
        form = DatasetForm(initial=initial_from_record(record), organizations=choices)
    context = {"form": form, "record": record, "title": localized(record.title)}
    return render(request, "web/workspace/dataset_form.html", context, status=_status(form))


def _revision(request: HttpRequest) -> int | None:
    value = request.POST.get("revision", "")
    if not value.isdigit():
        raise BadRequest("The form is missing its revision number.", code="request.bad")
    return int(value)


def _status(form: DatasetForm) -> int:
    return 422 if form.is_bound and form.errors else 200


STATE_CHANGES = {
    "publish": {"state": "active"},
    "private": {"private": True},
    "public": {"private": False},
}


@require_POST
@signed_in
def dataset_state(request: HttpRequest, name: str) -> HttpResponse:
    """Publish a draft, or make a dataset private or public, in one click."""
    actor = request_actor(request)
    dataset, record = editable_dataset(actor, name)
    change = STATE_CHANGES.get(request.POST.get("change", ""))
    if change is None:
        raise BadRequest("Unknown change.", code="request.bad")
    draft = dataclasses.replace(draft_from_record(record), **change)
    services.dataset_update(actor=actor, dataset=dataset, draft=draft)
    notes = {
        "publish": _("The dataset is published."),
        "private": _("The dataset is now private: only members of its publisher can see it."),
        "public": _("The dataset is now public."),
    }
    messages.success(request, notes[request.POST["change"]])
    return HttpResponseRedirect(reverse("web:workspace-dataset", args=[record.name]))


@signed_in
def dataset_delete(request: HttpRequest, name: str) -> HttpResponse:
    """GET asks for confirmation (works without JavaScript); POST deletes the dataset.

    A deleted dataset leaves every public list and page; its history and name stay.
    """
    actor = request_actor(request)
    dataset, record = editable_dataset(actor, name)
    if request.method == "POST":
        services.dataset_delete(actor=actor, dataset=dataset)
        messages.success(request, _("The dataset is deleted."))
        return HttpResponseRedirect(reverse("web:workspace"))
    context = {"record": record, "title": localized(record.title)}
    return render(request, "web/workspace/dataset_delete.html", context)
