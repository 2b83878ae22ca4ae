"""Readiness assessments: the visibility rule first, then the assessment as a record.

Unpublished assessments are visible to the country's focal points, its reviewers and
benchmarks admins; published ones to everyone. Reviewer comments are part of the review and
are shown only to those roles. Evidence that points at a dataset the reader may not see
(private, draft) is left out of what that reader gets, so an assessment never leaks it.
"""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from agora.catalog.permissions import can_view_dataset
from agora.core.actor import Actor

from .. import permissions
from ..errors import BenchmarkNotFound
from ..models import Assessment, AssessmentStatus, Questionnaire, QuestionnaireStatus
from ..questionnaires import measured_for, question_defs
from ..records import AnswerRecord, AssessmentRecord, CommentRecord, EvidenceRecord
from ..scoring.readiness import readiness_scores
from .roles import roles_for
from .scores import _as_of, country_refs

NOT_FOUND = "benchmarks.assessment_not_found"


def questionnaire_active(code: str = "agora-readiness") -> Questionnaire:
    found = Questionnaire.objects.filter(code=code, status=QuestionnaireStatus.ACTIVE).first()
    if found is None:
        raise BenchmarkNotFound(
            "No active questionnaire", code="benchmarks.questionnaire_not_found"
        )
    return found


def questionnaire_get(questionnaire_id: str) -> Questionnaire:
    try:
        key = uuid.UUID(str(questionnaire_id))
    except ValueError as error:
        raise BenchmarkNotFound(code="benchmarks.questionnaire_not_found") from error
    found = Questionnaire.objects.filter(id=key).first()
    if found is None:
        raise BenchmarkNotFound(code="benchmarks.questionnaire_not_found")
    return found


def assessments_visible_to(actor: Actor) -> QuerySet[Assessment]:
    roles = roles_for(actor)
    visible = Assessment.objects.select_related("country", "questionnaire")
    if roles.admin or roles.reviewer_of_all:
        return visible
    countries = roles.focal_point_of | roles.reviewer_of
    return visible.filter(Q(status=AssessmentStatus.PUBLISHED) | Q(country_id__in=countries))


def assessment_get(actor: Actor, assessment_id: str) -> Assessment:
    try:
        key = uuid.UUID(str(assessment_id))
    except ValueError as error:
        raise BenchmarkNotFound("Assessment not found", code=NOT_FOUND) from error
    assessment = (
        Assessment.objects.select_related("country", "questionnaire").filter(id=key).first()
    )
    if assessment is None or not permissions.can_view_assessment(roles_for(actor), assessment):
        raise BenchmarkNotFound("Assessment not found", code=NOT_FOUND)
    return assessment


def _evidence(actor: Actor, assessment: Assessment) -> list[EvidenceRecord]:
    records = []
    for item in assessment.evidence.select_related("question", "dataset"):
        dataset_name = None
        if item.dataset is not None:
            if not can_view_dataset(actor, item.dataset):
                continue
            dataset_name = item.dataset.name
        records.append(
            EvidenceRecord(
                id=str(item.id),
                question=item.question.code if item.question else None,
                kind="dataset" if item.dataset_id else "document",
                title=item.title,
                url=item.url,
                dataset=dataset_name,
            )
        )
    return records


def _comments(assessment: Assessment) -> list[CommentRecord]:
    return [
        CommentRecord(
            c.id,
            c.question.code if c.question else None,
            c.author_name,
            c.body,
            c.created_at.isoformat(),
        )
        for c in assessment.comments.select_related("question")
    ]


def current_result(assessment: Assessment) -> dict[str, object]:
    """The scores as they stand (published assessments keep the result fixed at publication)."""
    if assessment.status == AssessmentStatus.PUBLISHED and assessment.result:
        return assessment.result
    questions = list(assessment.questionnaire.questions.all())
    answers = {a.question.code: a.value for a in assessment.answers.select_related("question")}
    measured, source = measured_for(assessment.country_id)
    result = readiness_scores(question_defs(assessment.questionnaire, questions), answers, measured)
    return result_data(result, source)


def result_data(result, source) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "overall": result.overall,
        "dimensions": [
            {
                "dimension": d.dimension,
                "score": d.score,
                "coverage": d.coverage,
                "contributions": [c.__dict__ for c in d.contributions],
            }
            for d in result.dimensions
        ],
        "measurements": source,
        "method": "/api/v1/benchmarks/frameworks/agora-readiness/methodology",
        "indicators": "/api/v1/benchmarks/portal/indicators",
    }


def assessment_detail(actor: Actor, assessment_id: str) -> AssessmentRecord:
    assessment = assessment_get(actor, assessment_id)
    roles = roles_for(actor)
    insider = roles.answers_for(assessment.country_id) or roles.reviews(assessment.country_id)
    questions = list(assessment.questionnaire.questions.all())
    answers = {a.question_id: a for a in assessment.answers.all()}
    measured, _ = measured_for(assessment.country_id)
    ref = country_refs([assessment.country_id], _as_of(int(assessment.created_at.year)))
    return AssessmentRecord(
        id=str(assessment.id),
        country=ref[assessment.country_id],
        period=assessment.period,
        status=assessment.status,
        questionnaire=assessment.questionnaire.code,
        questionnaire_version=assessment.questionnaire.version,
        created=assessment.created_at.isoformat(),
        submitted_at=_iso(assessment.submitted_at),
        reviewed_at=_iso(assessment.reviewed_at),
        published_at=_iso(assessment.published_at),
        answers=[_answer(q, answers.get(q.id), measured) for q in questions],
        evidence=_evidence(actor, assessment),
        comments=_comments(assessment) if insider else [],
        result=current_result(assessment),
    )


def _answer(question, answer, measured) -> AnswerRecord:  # type: ignore[no-untyped-def]
    return AnswerRecord(
        question=question.code,
        dimension=question.dimension,
        answer_type=question.answer_type,
        text=question.text.get("en", ""),
        weight=question.weight,
        evidence_required=question.evidence_required,
        value=answer.value if answer else None,
        comment=answer.comment if answer else "",
        indicator=question.indicator,
        measured=measured.get(question.indicator) if question.indicator else None,
    )


def _iso(value) -> str | None:  # type: ignore[no-untyped-def]
    return value.isoformat() if value else None


def assessment_published_latest(actor: Actor, country: str) -> Assessment | None:
    """The country's most recently published assessment (what its public page shows)."""
    return (
        assessments_visible_to(actor)
        .filter(country_id=country.upper(), status=AssessmentStatus.PUBLISHED)
        .order_by("-published_at")
        .first()
    )


def questionnaires_list(code: str = "agora-readiness") -> list[Questionnaire]:
    """Every version of a questionnaire, newest first (they are public, like the API's)."""
    return list(Questionnaire.objects.filter(code=code).order_by("-version"))
