"""The portal's front page (the full portal arrives with the web issue)."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agora.api.auth import request_actor
from agora.catalog.models import Country
from agora.catalog.selectors import datasets_visible_to, hydrated, organizations_visible
from agora.core.i18n import pick


def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    visible = datasets_visible_to(actor, include_drafts=False)
    language = (request.LANGUAGE_CODE or "en").split("-")[0]
    newest = [
        {"name": d.name, "title": pick(d.title, language)[0], "organization": d.organization}
        for d in hydrated(visible.order_by("-created_at"))[:10]
    ]
    context = {
        "dataset_count": visible.count(),
        "organization_count": organizations_visible(actor).count(),
        "country_count": Country.objects.filter(datasets__in=visible.values("id"))
        .annotate(n=Count("datasets"))
        .count(),
        "newest": newest,
    }
    return render(request, "web/home.html", context)
