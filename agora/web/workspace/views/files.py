"""A dataset in the workspace: its state, its files (add, reorder, delete) and its actions."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agora.api.auth import request_actor
from agora.catalog import services
from agora.catalog.selectors import distribution_get
from agora.core.errors import BadRequest, Conflict, PayloadTooLarge, ValidationFailed
from agora.interop.records import DistributionDraft

from ...i18n import localized
from ..errors import DISTRIBUTION_FIELDS, add_service_errors
from ..forms import DistributionForm, upload_limit_text
from .common import editable_dataset, signed_in


def _page(request: HttpRequest, name: str, form: DistributionForm, status: int = 200):
    actor = request_actor(request)
    _dataset, record = editable_dataset(actor, name)
    context = {
        "record": record,
        "title": localized(record.title),
        "files": record.distributions,
        "form": form,
        "upload_limit": upload_limit_text(),
        "upload_limit_bytes": settings.AGORA_CATALOG_UPLOAD_MAX_BYTES,
    }
    return render(request, "web/workspace/dataset.html", context, status=status)


@signed_in
def dataset_workspace(request: HttpRequest, name: str) -> HttpResponse:
    return _page(request, name, DistributionForm())


@require_POST
@signed_in
def file_add(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    dataset, record = editable_dataset(actor, name)
    form = DistributionForm(request.POST, request.FILES)
    if getattr(request, "_agora_upload_too_large", False):
        form.is_valid()
        form.errors.pop("upload", None)
        form.add_error("upload", _too_large())
        return _page(request, name, form, status=413)
    if form.is_valid():
        data = form.cleaned_data
        upload = data["upload"]
        draft = DistributionDraft(
            title=data["title"].strip() or _default_title(upload, data["url"]),
            description=data["description"].strip(),
            url="" if upload else data["url"].strip(),
            format=data["format"].strip(),
        )
        try:
            services.distribution_create(actor=actor, dataset=dataset, draft=draft, upload=upload)
        except PayloadTooLarge:
            form.add_error("upload", _too_large())
        except (ValidationFailed, Conflict) as error:
            add_service_errors(form, error, DISTRIBUTION_FIELDS)
        else:
            messages.success(request, _("The file is added."))
            return HttpResponseRedirect(reverse("web:workspace-dataset", args=[record.name]))
    return _page(request, name, form, status=422)


def _default_title(upload, url: str) -> str:  # type: ignore[no-untyped-def]
    """A file without a name is called by its file name (or the last part of its link)."""
    if upload is not None:
        return str(upload.name or "")
    return unquote(urlsplit(url.strip()).path.rstrip("/").rsplit("/", 1)[-1])[:200]


def _too_large() -> str:
    return _("The file is larger than the limit of %(limit)s.") % {"limit": upload_limit_text()}


def _file_of(request: HttpRequest, record_id: str, distribution_id: str):
    dist = distribution_get(request_actor(request), distribution_id)
    if str(dist.dataset_id) != record_id:
        raise Http404("No such file in this dataset")
    return dist


@require_POST
@signed_in
def file_move(request: HttpRequest, name: str, distribution_id: str) -> HttpResponse:
    actor = request_actor(request)
    dataset, record = editable_dataset(actor, name)
    order = [d.id for d in record.distributions]
    distribution_id = str(distribution_id)
    if distribution_id not in order:
        raise Http404("No such file in this dataset")
    index = order.index(distribution_id)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None:
        raise BadRequest("Unknown direction.", code="request.bad")
    other = index + step
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        services.distributions_reorder(actor=actor, dataset=dataset, order=order)
        messages.success(request, _("The order of the files is saved."))
    url = reverse("web:workspace-dataset", args=[record.name])
    return HttpResponseRedirect(f"{url}#file-{distribution_id}")


@signed_in
def file_delete(request: HttpRequest, name: str, distribution_id: str) -> HttpResponse:
    """GET asks for confirmation (works without JavaScript); POST deletes."""
    actor = request_actor(request)
    _dataset, record = editable_dataset(actor, name)
    dist = _file_of(request, record.id, str(distribution_id))
    if request.method == "POST":
        services.distribution_delete(actor=actor, distribution=dist)
        messages.success(request, _("The file is deleted."))
        return HttpResponseRedirect(reverse("web:workspace-dataset", args=[record.name]))
    context = {"record": record, "title": localized(record.title), "dist": dist}
    return render(request, "web/workspace/file_delete.html", context)
