"""The readiness questionnaire as the pure scoring functions see it, and the measured values
a country's assessment uses (the latest portal measurements of that country)."""

from __future__ import annotations

from typing import Any

from .models import Measurement, MeasurementRun, Question, Questionnaire
from .scoring.readiness import QuestionDef, question_from_data


def question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": question.code,
        "dimension": question.dimension,
        "type": question.answer_type,
        "weight": question.weight,
        "text": question.text.get("en", ""),
        "evidence_required": question.evidence_required,
    }
    if question.choices:
        data["choices"] = question.choices
    if question.scale:
        data["scale"] = question.scale
    if question.indicator:
        data["indicator"] = question.indicator
    if question.target is not None:
        data["target"] = question.target
    return data


def question_defs(questionnaire: Questionnaire, questions: list[Question]) -> list[QuestionDef]:
    choices = questionnaire.definition.get("choices", {})
    scales = questionnaire.definition.get("scales", {})
    return [question_from_data(question_data(q), choices, scales) for q in questions]


def measured_for(country: str) -> tuple[dict[str, float | None], dict[str, Any]]:
    """The latest measured values of a country, and which run they come from."""
    run = MeasurementRun.objects.first()
    if run is None:
        return {}, {}
    values = Measurement.objects.filter(run=run, scope="country", country_id=country)
    source = {
        "measured_on": run.measured_on.isoformat(),
        "run": str(run.id),
        "definition_version": run.definition_version,
        "definition_sha256": run.definition_sha256,
        "link_checker": run.link_checker,
    }
    return {m.indicator: m.value for m in values}, source
