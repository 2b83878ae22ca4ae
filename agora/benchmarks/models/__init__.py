"""Benchmark models, split by topic; import them from here."""

from .frameworks import Edition, Framework
from .measurements import Measurement, MeasurementRun
from .observations import ImportBatch, Observation, Score, ScoringRun
from .readiness import (
    Answer,
    Assessment,
    AssessmentStatus,
    BenchmarkRole,
    Evidence,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    ReviewComment,
    RoleKind,
)

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentStatus",
    "BenchmarkRole",
    "Edition",
    "Evidence",
    "Framework",
    "ImportBatch",
    "Measurement",
    "MeasurementRun",
    "Observation",
    "Question",
    "Questionnaire",
    "QuestionnaireStatus",
    "ReviewComment",
    "RoleKind",
    "Score",
    "ScoringRun",
]
