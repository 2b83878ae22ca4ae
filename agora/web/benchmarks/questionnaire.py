"""The readiness questionnaire in the browser: everyone reads every version; benchmarks admins
start a new version (a draft copy), change its questions (text, weight, evidence required),
add or remove questions and activate it. The services check the permission and that only
drafts change; assessments keep the version they were started with."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from agora.api.auth import request_actor
from agora.benchmarks import permissions, selectors, services
from agora.benchmarks.errors import BenchmarkNotFound
from agora.benchmarks.models import Questionnaire
from agora.benchmarks.questionnaires import question_data
from agora.benchmarks.scoring.readiness import ANSWER_TYPES
from agora.core.errors import BadRequest, Conflict, ValidationFailed

from ..i18n import localized
from .labels import API, DIMENSIONS

STATUS_LABELS = {"draft": _lazy("Draft"), "active": _lazy("Active"), "retired": _lazy("Retired")}


def _chosen(request: HttpRequest, versions: list[Questionnaire]) -> Questionnaire:
    wanted = request.GET.get("version")
    if wanted:
        found = next((q for q in versions if str(q.version) == wanted), None)
        if found is None:
            raise BenchmarkNotFound(code="benchmarks.questionnaire_not_found")
        return found
    active = next((q for q in versions if q.status == "active"), None)
    if active is None and not versions:
        raise BenchmarkNotFound(code="benchmarks.questionnaire_not_found")
    return active or versions[0]


def _page(request: HttpRequest, errors: dict[str, str] | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    actor = request_actor(request)
    versions = selectors.questionnaires_list()
    questionnaire = _chosen(request, versions)
    admin = permissions.can_administer(selectors.roles_for(actor))
    definition = questionnaire.definition
    questions = [
        {
            "q": q,
            "text": localized(q.text),
            "dimension": DIMENSIONS.get(q.dimension, q.dimension),
        }
        for q in questionnaire.questions.all()
    ]
    context = {
        "versions": [(v, STATUS_LABELS.get(v.status, v.status)) for v in versions],
        "questionnaire": questionnaire,
        "status_label": STATUS_LABELS.get(questionnaire.status, questionnaire.status),
        "questions": questions,
        "editable": admin and questionnaire.status == "draft",
        "admin": admin,
        "dimensions": list(DIMENSIONS.items()),
        "types": ANSWER_TYPES,
        "choices": sorted(definition.get("choices", {})),
        "scales": sorted(definition.get("scales", {})),
        "errors": errors or {},
        "posted": request.POST if request.method == "POST" else {},
        "api": f"{API}/readiness/questionnaire",
    }
    return render(request, "web/benchmarks/questionnaire.html", context, status=status)


def _edited(request: HttpRequest, questionnaire: Questionnaire) -> tuple[str, dict[str, Any]]:
    """The question as the form describes it: an existing one keeps what the form does not
    show (type, choices, indicator...), a new one takes every field from the form."""
    post = request.POST
    code = post.get("code", "").strip()
    existing = questionnaire.questions.filter(code=code).first()
    data: dict[str, Any] = question_data(existing) if existing else {
        "dimension": post.get("dimension", ""),
        "type": post.get("type", ""),
    }  # fmt: skip
    if existing and existing.help.get("en"):
        data["help"] = existing.help["en"]
    for name in ("choices", "scale"):
        if not existing and post.get(name):
            data[name] = post[name]
    data["text"] = post.get("text", "").strip()
    data["evidence_required"] = post.get("evidence_required") == "on"
    try:
        data["weight"] = float(post.get("weight", ""))
    except ValueError as error:
        raise ValidationFailed(fields={"weight": [_("Give the weight as a number.")]}) from error
    if not code or not data["text"]:
        raise ValidationFailed(fields={"question": [_("Give the question's code and text.")]})
    return code, data


def _act(request: HttpRequest, questionnaire: Questionnaire, action: str) -> Questionnaire:
    actor = request_actor(request)
    if action == "new_version":
        return services.questionnaire_new_version(actor=actor, source=questionnaire)
    if action == "question_save":
        code, data = _edited(request, questionnaire)
        services.question_put(actor=actor, questionnaire=questionnaire, code=code, data=data)
    elif action == "question_remove":
        services.question_remove(
            actor=actor, questionnaire=questionnaire, code=request.POST.get("code", "")
        )
    elif action == "activate":
        services.questionnaire_activate(actor=actor, questionnaire=questionnaire)
    else:
        raise BadRequest(_("Unknown action."))
    return questionnaire


@require_http_methods(["GET", "POST"])
def questionnaire_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    questionnaire = selectors.questionnaire_get(request.POST.get("questionnaire", ""))
    try:
        target = _act(request, questionnaire, request.POST.get("action", ""))
    except (ValidationFailed, Conflict) as error:
        reasons = {k: "; ".join(map(str, v)) for k, v in error.fields.items()}
        reasons.setdefault("form", str(error.message))
        request.GET = request.GET.copy()
        request.GET["version"] = str(questionnaire.version)
        return _page(request, reasons, status=400)
    url = reverse("web:benchmarks-questionnaire")
    return redirect(f"{url}?version={target.version}")
