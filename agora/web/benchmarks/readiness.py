"""The readiness self-assessment in the browser: list, start, answer, attach evidence,
comment, submit, review, publish. Every step calls the benchmarks service, which checks the
permission itself; the page only hides the buttons an actor may not use. A rejected form is
shown again with what was typed and why (status 400), so nothing is lost.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agora.api.auth import request_actor
from agora.benchmarks import permissions, selectors, services
from agora.benchmarks.errors import BenchmarkNotFound
from agora.benchmarks.models import Assessment
from agora.core.errors import BadRequest, Conflict, ValidationFailed

from ..i18n import localized
from .charts import radar
from .labels import API, CHOICE_LABELS, DIMENSIONS, SCALE_LABELS, STATUSES, Places

STEPS = ("draft", "submitted", "reviewed", "published")


@require_http_methods(["GET", "POST"])
def assessment_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if request.method == "POST":
        assessment = services.assessment_create(
            actor=actor,
            country=request.POST.get("country", ""),
            period=request.POST.get("period", ""),
        )
        messages.success(request, _("The assessment was started."))
        return redirect("web:benchmarks-assessment", assessment_id=assessment.id)
    roles = selectors.roles_for(actor)
    places = Places()
    assessments = selectors.assessments_visible_to(actor).order_by("country_id", "-period")
    countries = places.countries()
    if not roles.admin:
        countries = [c for c in countries if c[0] in roles.focal_point_of]
    rows = [
        {"a": a, "name": places.name(a.country_id), "status": STATUSES.get(a.status, a.status)}
        for a in assessments
    ]
    context = {"rows": rows, "countries": countries, "api": f"{API}/readiness/assessments"}
    return render(request, "web/benchmarks/readiness_list.html", context)


def _options(question: Any, definition: dict[str, Any]) -> list[tuple[str, str]]:
    if question.answer_type == "choice":
        named = definition.get("choices", {}).get(question.choices, {})
        return [
            (str(o["value"]), str(CHOICE_LABELS.get(o["value"], o.get("label", o["value"]))))
            for o in named.get("options", [])
        ]
    if question.answer_type == "scale":
        named = definition.get("scales", {}).get(question.scale, {})
        low, high = int(named.get("min", 0)), int(named.get("max", 4))
        labels = [str(s) for s in SCALE_LABELS] if (low, high) == (0, 4) else []
        return [(str(v), f"{v} – {labels[v]}" if labels else str(v)) for v in range(low, high + 1)]
    if question.answer_type == "yes_no":
        return [("yes", _("Yes")), ("no", _("No"))]
    return []


def _shown(value: Any) -> str:
    """An answer as the form shows it."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _parsed(answer_type: str, text: str) -> Any:
    """A form value as the service expects it; bad numbers are passed on as text so the
    service names the problem."""
    text = text.strip()
    if text == "":
        return None
    if answer_type == "yes_no":
        return {"yes": True, "no": False}.get(text, text)
    if answer_type in ("scale", "percent"):
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            return text
    return text


def _page(
    request: HttpRequest,
    assessment_id: str,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.assessment_detail(actor, assessment_id)
    assessment = selectors.assessment_get(actor, assessment_id)
    roles = selectors.roles_for(actor)
    questionnaire = assessment.questionnaire
    questions = {q.code: q for q in questionnaire.questions.all()}
    posted = request.POST if request.method == "POST" else {}
    dimensions: dict[str, dict[str, Any]] = {}
    for answer in record.answers:
        q = questions[answer.question]
        dimension = dimensions.setdefault(
            answer.dimension,
            {
                "code": answer.dimension,
                "label": DIMENSIONS.get(answer.dimension, answer.dimension),
                "questions": [],
            },
        )
        field = f"q-{answer.question}"
        dimension["questions"].append(
            {
                "a": answer,
                "field": field,
                "text": localized(q.text),
                "help": localized(q.help) if q.help else None,
                "options": _options(q, questionnaire.definition),
                "value": posted.get(field, _shown(answer.value))
                if posted
                else _shown(answer.value),
                "error": (errors or {}).get(answer.question, ""),
                "evidence": [e for e in record.evidence if e.question == answer.question],
            }
        )
    can_edit = permissions.can_edit_assessment(roles, assessment)
    result = record.result
    context = {
        "record": record,
        "assessment": assessment,
        "name": Places().name(assessment.country_id),
        "status_label": STATUSES.get(record.status, record.status),
        "steps": [
            {"code": s, "label": STATUSES[s], "done": STEPS.index(s) <= STEPS.index(record.status)}
            for s in STEPS
        ],
        "dimensions": list(dimensions.values()),
        "general_evidence": [e for e in record.evidence if not e.question],
        "can_edit": can_edit,
        "can_submit": permissions.can_submit(roles, assessment),
        "can_review": assessment.status == "submitted"
        and permissions.can_review(actor, roles, assessment),
        "can_publish": assessment.status == "reviewed"
        and permissions.can_publish(roles, assessment),
        "can_comment": permissions.can_comment(roles, assessment),
        "errors": errors or {},
        "posted": posted,
        "radar": radar(
            [
                (str(DIMENSIONS.get(d["dimension"], d["dimension"])), d["score"])
                for d in result.get("dimensions", [])
            ]
        ),
        "scores": [
            {**d, "label": DIMENSIONS.get(d["dimension"], d["dimension"])}
            for d in result.get("dimensions", [])
        ],
        "overall": result.get("overall"),
        "api": f"{API}/readiness/assessments/{record.id}",
    }
    return render(request, "web/benchmarks/assessment.html", context, status=status)


def _save_answers(request: HttpRequest, assessment: Assessment) -> dict[str, str]:
    """Every changed answer in one transaction: all saved, or none and the reasons."""
    actor = request_actor(request)
    errors: dict[str, str] = {}
    record = selectors.assessment_detail(actor, str(assessment.id))
    with transaction.atomic():
        for answer in record.answers:
            field = f"q-{answer.question}"
            if answer.answer_type == "measured" or field not in request.POST:
                continue
            value = _parsed(answer.answer_type, request.POST[field])
            if value == answer.value or (value is None and answer.value in (None, "")):
                continue
            try:
                services.answer_set(
                    actor=actor, assessment=assessment, question=answer.question, value=value
                )
            except ValidationFailed as error:
                errors[answer.question] = "; ".join(
                    str(m) for ms in error.fields.values() for m in ms
                )
        if errors:
            transaction.set_rollback(True)
    return errors


def _evidence_remove(request: HttpRequest, assessment: Assessment) -> None:
    try:
        key = uuid.UUID(request.POST.get("evidence", ""))
    except ValueError:
        key = None
    found = assessment.evidence.filter(id=key).first() if key else None
    if found is None:
        raise BenchmarkNotFound("No such evidence", code="benchmarks.evidence_not_found")
    services.evidence_remove(actor=request_actor(request), evidence=found)


def _act(request: HttpRequest, assessment: Assessment, action: str) -> str:
    """Run one workflow step; returns the message to show."""
    actor = request_actor(request)
    post = request.POST
    question = post.get("question") or None
    if action == "evidence_add":
        services.evidence_add(
            actor=actor,
            assessment=assessment,
            question=question,
            dataset=post.get("dataset", "").strip() or None,
            url=post.get("url", "").strip(),
            title=post.get("title", ""),
        )
        return _("The evidence was added.")
    if action == "evidence_remove":
        _evidence_remove(request, assessment)
        return _("The evidence was removed.")
    if action == "comment":
        services.comment_add(
            actor=actor, assessment=assessment, body=post.get("body", ""), question=question
        )
        return _("The comment was added.")
    if action == "submit":
        services.assessment_submit(actor=actor, assessment=assessment)
        return _("The assessment was submitted for review.")
    if action in ("accept", "send_back"):
        services.assessment_review(
            actor=actor,
            assessment=assessment,
            accept=action == "accept",
            comment=post.get("body", ""),
        )
        return _("The review was recorded.")
    if action == "publish":
        services.assessment_publish(actor=actor, assessment=assessment)
        return _("The assessment was published.")
    raise BadRequest(_("Unknown action."))


@require_http_methods(["GET", "POST"])
def assessment_page(request: HttpRequest, assessment_id: str) -> HttpResponse:
    if request.method == "GET":
        return _page(request, assessment_id)
    assessment = selectors.assessment_get(request_actor(request), assessment_id)
    action = request.POST.get("action", "")
    if action == "answers":
        errors = _save_answers(request, assessment)
        if errors:
            return _page(request, assessment_id, errors, status=400)
        messages.success(request, _("The answers were saved."))
    else:
        try:
            messages.success(request, _act(request, assessment, action))
        except (ValidationFailed, Conflict) as error:
            reasons = {k: "; ".join(map(str, v)) for k, v in (error.fields or {}).items()}
            reasons.setdefault("form", str(error.message))
            return _page(request, assessment_id, {**reasons, "action": action}, status=400)
    return redirect("web:benchmarks-assessment", assessment_id=assessment.id)
