"""The readiness self-assessment: the questionnaire, assessments (visible by the benchmarks
rules: published to everyone, drafts to the country's focal points, its reviewers and admins)
and each workflow step. Permissions are checked by the services, visibility by the selectors."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from agora.benchmarks import selectors, services
from agora.benchmarks.errors import BenchmarkNotFound
from agora.benchmarks.models import Evidence
from agora.benchmarks.records import AssessmentRecord

from ..security import actor
from .common import ERRORS, FormatQuery, csv_response, table

router = Router(tags=["benchmarks: readiness"])
BASE = "/benchmarks/readiness"


class QuestionOut(Schema):
    code: str
    dimension: str
    answer_type: str
    text: dict[str, str]
    help: dict[str, str]
    weight: float
    evidence_required: bool
    choices: str
    scale: str
    indicator: str
    target: float | None


class QuestionnaireOut(Schema):
    id: str
    code: str
    version: int
    title: str
    status: str
    definition: dict[str, Any] = Field(description="Named answer choices and scales")
    questions: list[QuestionOut]


@router.get(
    f"{BASE}/questionnaire",
    response={200: QuestionnaireOut, **ERRORS},
    operation_id="readiness_questionnaire",
)
def questionnaire(request: HttpRequest, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """The active questionnaire. Add `format=csv` for its questions as CSV."""
    found = selectors.questionnaire_active()
    questions = [
        {f: getattr(q, f) for f in QuestionOut.model_fields} for q in found.questions.all()
    ]
    if query.format == "csv":
        rows = [
            {**q, "text": q["text"].get("en", ""), "help": q["help"].get("en", "")}
            for q in questions
        ]
        return csv_response(list(QuestionOut.model_fields), rows, "readiness-questionnaire")
    return {
        "id": str(found.id),
        **{f: getattr(found, f) for f in ("code", "version", "title", "status", "definition")},
        "questions": questions,
    }


class AssessmentSummary(Schema):
    id: str
    country: str
    period: str
    status: str
    questionnaire_version: int
    published_at: str | None


class AssessmentIn(Schema):
    country: str = Field(description="ISO 3166-1 alpha-3")
    period: str = Field(description="The period assessed, e.g. 2025")


class AssessmentOut(Schema):
    id: str
    country: dict[str, Any]
    period: str
    status: str
    questionnaire: str
    questionnaire_version: int
    created: str
    submitted_at: str | None
    reviewed_at: str | None
    published_at: str | None
    answers: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    comments: list[dict[str, Any]] = Field(description="Shown to focal points and reviewers only")
    result: dict[str, Any] = Field(description="Scores per dimension and how they were computed")


def _out(record: AssessmentRecord) -> dict[str, Any]:
    data = dict(record.__dict__)
    data["country"] = {**record.country.__dict__, "groups": list(record.country.groups)}
    for key in ("answers", "evidence", "comments"):
        data[key] = [item.__dict__ for item in getattr(record, key)]
    return data


def _detail(request: HttpRequest, assessment_id: str) -> dict[str, Any]:
    return _out(selectors.assessment_detail(actor(request), assessment_id))


@router.get(
    f"{BASE}/assessments",
    response={200: list[AssessmentSummary], **ERRORS},
    operation_id="readiness_assessments",
)
def assessments(request: HttpRequest, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """Assessments the caller may see. Add `format=csv` for CSV."""
    rows = [
        {
            "id": str(a.id),
            "country": a.country_id,
            "period": a.period,
            "status": a.status,
            "questionnaire_version": a.questionnaire.version,
            "published_at": a.published_at.isoformat() if a.published_at else None,
        }
        for a in selectors.assessments_visible_to(actor(request))
    ]
    return table(query.format, rows, "readiness-assessments", list(AssessmentSummary.model_fields))


@router.post(
    f"{BASE}/assessments",
    response={201: AssessmentOut, **ERRORS},
    operation_id="readiness_assessment_create",
)
def assessment_create(request: HttpRequest, payload: AssessmentIn):  # type: ignore[no-untyped-def]
    """Start a country's assessment (its focal points, or a benchmarks admin)."""
    created = services.assessment_create(
        actor=actor(request), country=payload.country, period=payload.period
    )
    return Status(201, _detail(request, str(created.id)))


@router.get(
    f"{BASE}/assessments/{{assessment_id}}",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_assessment_read",
)
def assessment_read(request: HttpRequest, assessment_id: str, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """One assessment with its answers, evidence and scores. Add `format=csv` for the answers."""
    data = _detail(request, assessment_id)
    if query.format == "csv":
        columns = ["question", "dimension", "answer_type", "weight", "value", "comment",
                   "indicator", "measured", "text"]  # fmt: skip
        return csv_response(columns, data["answers"], f"assessment-{assessment_id}")
    return data


class AnswerIn(Schema):
    value: Any = Field(None, description="true/false, a choice value, or a number")
    comment: str = ""


def _assessment(request: HttpRequest, assessment_id: str):  # type: ignore[no-untyped-def]
    return selectors.assessment_get(actor(request), assessment_id)


@router.put(
    f"{BASE}/assessments/{{assessment_id}}/answers/{{question}}",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_answer_set",
)
def answer_set(request: HttpRequest, assessment_id: str, question: str, payload: AnswerIn):  # type: ignore[no-untyped-def]
    """Answer one question of a draft."""
    services.answer_set(
        actor=actor(request),
        assessment=_assessment(request, assessment_id),
        question=question,
        value=payload.value,
        comment=payload.comment,
    )
    return _detail(request, assessment_id)


class EvidenceIn(Schema):
    question: str | None = Field(None, description="The question it backs (code)")
    dataset: str | None = Field(None, description="A dataset of the catalogue (id or name)")
    url: str = Field("", description="Or a document's URL")
    title: str = ""


@router.post(
    f"{BASE}/assessments/{{assessment_id}}/evidence",
    response={201: AssessmentOut, **ERRORS},
    operation_id="readiness_evidence_add",
)
def evidence_add(request: HttpRequest, assessment_id: str, payload: EvidenceIn):  # type: ignore[no-untyped-def]
    """Attach a dataset you may see, or a document's URL, to a draft."""
    services.evidence_add(
        actor=actor(request), assessment=_assessment(request, assessment_id), **payload.model_dump()
    )
    return Status(201, _detail(request, assessment_id))


@router.delete(
    f"{BASE}/assessments/{{assessment_id}}/evidence/{{evidence_id}}",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_evidence_remove",
)
def evidence_remove(request: HttpRequest, assessment_id: str, evidence_id: str):  # type: ignore[no-untyped-def]
    assessment = _assessment(request, assessment_id)
    evidence = Evidence.objects.filter(assessment=assessment, id=_uuid(evidence_id)).first()
    if evidence is None:
        raise BenchmarkNotFound("No such evidence", code="benchmarks.evidence_not_found")
    services.evidence_remove(actor=actor(request), evidence=evidence)
    return _detail(request, assessment_id)


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


class CommentIn(Schema):
    body: str
    question: str | None = None


@router.post(
    f"{BASE}/assessments/{{assessment_id}}/comments",
    response={201: AssessmentOut, **ERRORS},
    operation_id="readiness_comment_add",
)
def comment_add(request: HttpRequest, assessment_id: str, payload: CommentIn):  # type: ignore[no-untyped-def]
    """A comment of a reviewer or a focal point (not public)."""
    services.comment_add(
        actor=actor(request),
        assessment=_assessment(request, assessment_id),
        body=payload.body,
        question=payload.question,
    )
    return Status(201, _detail(request, assessment_id))


@router.post(
    f"{BASE}/assessments/{{assessment_id}}/submit",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_submit",
)
def submit(request: HttpRequest, assessment_id: str):  # type: ignore[no-untyped-def]
    """Submit a draft for review (every positive answer that needs evidence must have it)."""
    services.assessment_submit(actor=actor(request), assessment=_assessment(request, assessment_id))
    return _detail(request, assessment_id)


class ReviewIn(Schema):
    accept: bool
    comment: str = Field("", description="Required when sending back")


@router.post(
    f"{BASE}/assessments/{{assessment_id}}/review",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_review",
)
def review(request: HttpRequest, assessment_id: str, payload: ReviewIn):  # type: ignore[no-untyped-def]
    """Accept a submitted assessment, or send it back to draft with a comment."""
    services.assessment_review(
        actor=actor(request),
        assessment=_assessment(request, assessment_id),
        accept=payload.accept,
        comment=payload.comment,
    )
    return _detail(request, assessment_id)


@router.post(
    f"{BASE}/assessments/{{assessment_id}}/publish",
    response={200: AssessmentOut, **ERRORS},
    operation_id="readiness_publish",
)
def publish(request: HttpRequest, assessment_id: str):  # type: ignore[no-untyped-def]
    """Publish a reviewed assessment; its scores are fixed with today's measurements."""
    services.assessment_publish(
        actor=actor(request), assessment=_assessment(request, assessment_id)
    )
    return _detail(request, assessment_id)
