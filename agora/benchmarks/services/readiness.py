"""The self-assessment workflow: draft -> submitted -> reviewed -> published.

A focal point (or a benchmarks admin) drafts the country's assessment, answers, attaches
evidence and submits it; a reviewer of that country, who did not submit it, accepts it or
sends it back to draft with a comment; a benchmarks admin publishes it, which fixes its
scores with the portal measurements of that day. Every step checks its permission, locks the
assessment row, runs in one transaction and leaves an audit entry.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from agora.catalog.models import Country
from agora.catalog.selectors import dataset_get
from agora.core.actor import Actor
from agora.core.errors import Conflict, ValidationFailed

from .. import permissions
from ..errors import BenchmarkForbidden, BenchmarkNotFound, WorkflowConflict
from ..models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Evidence,
    Question,
    ReviewComment,
)
from ..questionnaires import measured_for, question_defs
from ..scoring.readiness import answer_problem, missing_evidence, readiness_scores
from ..selectors.readiness import questionnaire_active, result_data
from ..selectors.roles import roles_for
from .common import audit

BODY_MAX = 10_000


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update().select_related("questionnaire").get(pk=assessment.pk)
    )


def _deny(message: str) -> BenchmarkForbidden:
    return BenchmarkForbidden(message, code="benchmarks.assessment_denied")


def _question(assessment: Assessment, code: str) -> Question:
    question = assessment.questionnaire.questions.filter(code=code).first()
    if question is None:
        raise BenchmarkNotFound(f"No question {code}", code="benchmarks.question_not_found")
    return question


def _audit(actor: Actor, assessment: Assessment, action: str, **data: Any) -> None:
    audit(
        actor,
        f"assessment.{action}",
        "assessment",
        assessment.pk,
        country=assessment.country_id,
        period=assessment.period,
        status=assessment.status,
        **data,
    )


@transaction.atomic
def assessment_create(*, actor: Actor, country: str, period: str) -> Assessment:
    code = country.upper()
    if not Country.objects.filter(code=code).exists():
        raise ValidationFailed(fields={"country": ["Unknown ISO 3166-1 alpha-3 code"]})
    if not permissions.can_create_assessment(roles_for(actor), code):
        raise _deny("Only the country's focal points may start its assessment.")
    period = period.strip()
    if not period or len(period) > 16:
        raise ValidationFailed(fields={"period": ["Give the period assessed, e.g. 2025"]})
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                questionnaire=questionnaire_active(),
                country_id=code,
                period=period,
                created_by_id=actor.user_id,
            )
    except IntegrityError as error:
        raise Conflict(
            "This country already has an assessment for that period.",
            code="benchmarks.assessment_exists",
        ) from error
    _audit(actor, assessment, "create")
    return assessment


@transaction.atomic
def answer_set(
    *, actor: Actor, assessment: Assessment, question: str, value: Any, comment: str = ""
) -> Answer:
    locked = _locked(assessment)
    if not permissions.can_edit_assessment(roles_for(actor), locked):
        raise _deny("Only the country's focal points may answer, and only in draft.")
    target = _question(locked, question)
    definition = question_defs(locked.questionnaire, [target])[0]
    problem = answer_problem(definition, value)
    if problem:
        raise ValidationFailed(fields={"value": [problem]})
    answer, _ = Answer.objects.update_or_create(
        assessment=locked,
        question=target,
        defaults={"value": value, "comment": comment[:BODY_MAX], "updated_by_name": actor.username},
    )
    _audit(actor, locked, "answer", question=question, value=value)
    return answer


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    assessment: Assessment,
    question: str | None = None,
    dataset: str | None = None,
    url: str = "",
    title: str = "",
) -> Evidence:
    """Evidence is a dataset of the catalogue the actor may see, or a document's URL."""
    locked = _locked(assessment)
    if not permissions.can_edit_assessment(roles_for(actor), locked):
        raise _deny("Only the country's focal points may add evidence, and only in draft.")
    if bool(dataset) == bool(url):
        raise ValidationFailed(fields={"dataset": ["Give either a dataset or a document URL"]})
    if url and not url.startswith(("https://", "http://")):
        raise ValidationFailed(fields={"url": ["A document URL starts with https:// or http://"]})
    found = dataset_get(actor, dataset) if dataset else None
    evidence = Evidence.objects.create(
        assessment=locked,
        question=_question(locked, question) if question else None,
        dataset=found,
        url=url[:2000],
        title=(title or (found.name if found else ""))[:300],
        added_by_name=actor.username,
    )
    _audit(actor, locked, "evidence_add", evidence=str(evidence.id), question=question)
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Actor, evidence: Evidence) -> None:
    locked = _locked(evidence.assessment)
    if not permissions.can_edit_assessment(roles_for(actor), locked):
        raise _deny("Only the country's focal points may remove evidence, and only in draft.")
    Evidence.objects.filter(pk=evidence.pk).delete()
    _audit(actor, locked, "evidence_remove", evidence=str(evidence.pk))


@transaction.atomic
def comment_add(
    *, actor: Actor, assessment: Assessment, body: str, question: str | None = None
) -> ReviewComment:
    locked = _locked(assessment)
    if not permissions.can_comment(roles_for(actor), locked):
        raise _deny("Only the country's focal points and reviewers may comment.")
    body = body.strip()
    if not body or len(body) > BODY_MAX:
        raise ValidationFailed(fields={"body": [f"Write 1 to {BODY_MAX} characters"]})
    comment = ReviewComment.objects.create(
        assessment=locked,
        question=_question(locked, question) if question else None,
        author_id=actor.user_id,
        author_name=actor.username,
        body=body,
    )
    _audit(actor, locked, "comment", comment=comment.pk, question=question)
    return comment


def _submission_problems(assessment: Assessment) -> dict[str, list[str]]:
    questions = list(assessment.questionnaire.questions.all())
    definitions = question_defs(assessment.questionnaire, questions)
    answers = {a.question.code: a.value for a in assessment.answers.select_related("question")}
    evidenced = {
        e.question.code for e in assessment.evidence.select_related("question") if e.question
    }
    problems: dict[str, list[str]] = {}
    for code in missing_evidence(definitions, answers, evidenced):
        problems.setdefault(code, []).append("This answer needs evidence (a dataset or document)")
    scored = [d for d in definitions if d.scored and d.answer_type != "measured"]
    if not any(answers.get(d.code) not in (None, "") for d in scored):
        problems["answers"] = ["Answer at least one question before submitting"]
    return problems


@transaction.atomic
def assessment_submit(*, actor: Actor, assessment: Assessment) -> Assessment:
    locked = _locked(assessment)
    if not permissions.can_submit(roles_for(actor), locked):
        raise _deny("Only the country's focal points may submit a draft.")
    problems = _submission_problems(locked)
    if problems:
        raise ValidationFailed("The assessment is not ready to submit.", fields=problems)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_by_id = actor.user_id
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    _audit(actor, locked, "submit")
    return locked


@transaction.atomic
def assessment_review(
    *, actor: Actor, assessment: Assessment, accept: bool, comment: str = ""
) -> Assessment:
    """Accept (-> reviewed) or send back to draft; sending back needs a comment."""
    locked = _locked(assessment)
    if locked.status != AssessmentStatus.SUBMITTED:
        raise WorkflowConflict("Only a submitted assessment can be reviewed.")
    if not permissions.can_review(actor, roles_for(actor), locked):
        raise _deny("Only a reviewer of this country who did not submit it may review it.")
    if not accept and not comment.strip():
        raise ValidationFailed(fields={"comment": ["Say why the assessment is sent back"]})
    if comment.strip():
        ReviewComment.objects.create(
            assessment=locked, author_id=actor.user_id, author_name=actor.username, body=comment
        )
    locked.status = AssessmentStatus.REVIEWED if accept else AssessmentStatus.DRAFT
    locked.reviewed_by_id = actor.user_id
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    _audit(actor, locked, "review", accepted=accept)
    return locked


@transaction.atomic
def assessment_publish(*, actor: Actor, assessment: Assessment) -> Assessment:
    locked = _locked(assessment)
    if locked.status != AssessmentStatus.REVIEWED:
        raise WorkflowConflict("Only a reviewed assessment can be published.")
    if not permissions.can_publish(roles_for(actor), locked):
        raise _deny("Only benchmarks admins may publish assessments.")
    questions = list(locked.questionnaire.questions.all())
    answers = {a.question.code: a.value for a in locked.answers.select_related("question")}
    measured, source = measured_for(locked.country_id)
    result = readiness_scores(question_defs(locked.questionnaire, questions), answers, measured)
    locked.result = result_data(result, source)
    locked.status = AssessmentStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "result", "updated_at"])
    _audit(actor, locked, "publish", overall=result.overall)
    return locked
