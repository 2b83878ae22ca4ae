"""Scoring of the open-data readiness self-assessment (Agora's own framework).

Each answer becomes a fraction between 0 and 1 (the OECD OURdata recoding for coverage and
frequency answers); a dimension's score is 100 * sum(weight * fraction) / sum(weight) over
the questions that have an answer or a measurement, and its coverage says how much of the
dimension's weight that was. Questions that cannot be scored (unanswered, or a measurement
that is not available) are left out rather than counted as zero, and every contribution is
kept so a reader can see how the score was computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .parse import DefinitionError

DIMENSIONS = (
    "political",
    "legal",
    "organisational",
    "technical",
    "economic",
    "social",
    "data",
    "impact",
)
ANSWER_TYPES = ("yes_no", "choice", "scale", "percent", "measured", "text")


@dataclass(frozen=True)
class QuestionDef:
    code: str
    dimension: str
    answer_type: str
    weight: float
    text: str = ""
    evidence_required: bool = False
    options: Mapping[str, float] = field(default_factory=dict)  # choice value -> points
    scale: tuple[float, float] = (0.0, 4.0)
    indicator: str = ""  # for measured questions
    target: float | None = None  # measured counts: min(1, count / target)

    @property
    def scored(self) -> bool:
        return self.answer_type != "text" and self.weight > 0


def question_from_data(
    data: Mapping[str, Any], choices: Mapping[str, Any], scales: Mapping[str, Any]
) -> QuestionDef:
    """One question of a questionnaire file, with its named choices and scales resolved."""
    where = f"question {data.get('code', '?')}"
    kind = data.get("type")
    if kind not in ANSWER_TYPES:
        raise DefinitionError(f"{where}: type must be one of {ANSWER_TYPES}")
    if data.get("dimension") not in DIMENSIONS:
        raise DefinitionError(f"{where}: dimension must be one of {DIMENSIONS}")
    options: dict[str, float] = {}
    if kind == "choice":
        named = choices.get(str(data.get("choices")))
        if named is None:
            raise DefinitionError(f"{where}: unknown choices {data.get('choices')!r}")
        options = {str(o["value"]): float(o["points"]) for o in named["options"]}
    scale = (0.0, 4.0)
    if kind == "scale":
        named = scales.get(str(data.get("scale")))
        if named is None:
            raise DefinitionError(f"{where}: unknown scale {data.get('scale')!r}")
        scale = (float(named["min"]), float(named["max"]))
    if kind == "measured" and not data.get("indicator"):
        raise DefinitionError(f"{where}: a measured question names its indicator")
    target = data.get("target")
    return QuestionDef(
        code=str(data["code"]),
        dimension=str(data["dimension"]),
        answer_type=str(kind),
        weight=float(data.get("weight", 1)),
        text=str(data.get("text", "")),
        evidence_required=bool(data.get("evidence_required", False)),
        options=options,
        scale=scale,
        indicator=str(data.get("indicator", "")),
        target=None if target is None else float(target),
    )


def answer_problem(question: QuestionDef, value: Any) -> str | None:
    """Why `value` is not a valid answer to `question` (None when it is, or when empty)."""
    if value is None or value == "":
        return None
    kind = question.answer_type
    if kind == "measured":
        return "measured questions are not answered; the portal measures them"
    if kind == "yes_no" and not isinstance(value, bool):
        return "answer true or false"
    if kind == "choice" and value not in question.options:
        return f"answer one of {sorted(question.options)}"
    if kind in ("scale", "percent"):
        low, high = question.scale if kind == "scale" else (0.0, 100.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "answer a number"
        if not (math.isfinite(value) and low <= value <= high):
            return f"answer a number from {low:g} to {high:g}"
    if kind == "text" and not isinstance(value, str):
        return "answer with text"
    return None


def answer_fraction(question: QuestionDef, value: Any) -> float | None:
    """The answer as a fraction of full marks, or None when it cannot be scored."""
    if not question.scored or value is None or value == "" or answer_problem(question, value):
        return None
    kind = question.answer_type
    if kind == "yes_no":
        return 1.0 if value else 0.0
    if kind == "choice":
        return question.options[value]
    if kind == "scale":
        low, high = question.scale
        return (float(value) - low) / (high - low)
    if kind == "percent":
        return float(value) / 100.0
    return None


def measured_fraction(question: QuestionDef, value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    if question.target:
        return min(1.0, max(0.0, value / question.target))
    return min(1.0, max(0.0, value))


@dataclass(frozen=True)
class Contribution:
    question: str
    weight: float
    fraction: float
    source: str  # "answer" or "measured:<indicator>"


@dataclass(frozen=True)
class DimensionResult:
    dimension: str
    score: float | None  # 0-100
    coverage: float  # share of the dimension's weight that could be scored
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class ReadinessResult:
    dimensions: tuple[DimensionResult, ...]
    overall: float | None


def _contribution(
    question: QuestionDef, answers: Mapping[str, Any], measured: Mapping[str, float | None]
) -> Contribution | None:
    if question.answer_type == "measured":
        fraction = measured_fraction(question, measured.get(question.indicator))
        source = f"measured:{question.indicator}"
    else:
        fraction = answer_fraction(question, answers.get(question.code))
        source = "answer"
    if fraction is None:
        return None
    return Contribution(question.code, question.weight, fraction, source)


def readiness_scores(
    questions: Sequence[QuestionDef],
    answers: Mapping[str, Any],
    measured: Mapping[str, float | None],
) -> ReadinessResult:
    results = []
    for dimension in DIMENSIONS:
        scored = [q for q in questions if q.dimension == dimension and q.scored]
        parts = [c for q in scored if (c := _contribution(q, answers, measured)) is not None]
        total = sum(q.weight for q in scored)
        used = sum(c.weight for c in parts)
        score = 100 * sum(c.weight * c.fraction for c in parts) / used if used else None
        coverage = used / total if total else 0.0
        results.append(DimensionResult(dimension, score, coverage, tuple(parts)))
    present = [r.score for r in results if r.score is not None]
    overall = sum(present) / len(present) if present else None
    return ReadinessResult(tuple(results), overall)


def missing_evidence(
    questions: Sequence[QuestionDef], answers: Mapping[str, Any], evidenced: set[str]
) -> list[str]:
    """Codes of positively answered questions that need evidence and have none."""
    missing = []
    for question in questions:
        if not question.evidence_required or question.code in evidenced:
            continue
        fraction = answer_fraction(question, answers.get(question.code))
        if fraction is not None and fraction > 0:
            missing.append(question.code)
    return missing
