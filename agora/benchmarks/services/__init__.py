"""The only write path to benchmarks. Import services from here.

Every service takes keyword arguments and an explicit `actor`, checks permission itself,
runs in one transaction and leaves an audit entry.
"""

from .imports import ImportOutcome, observations_import
from .measure import portal_measure
from .publish import results_publish
from .questionnaire import (
    question_put,
    question_remove,
    questionnaire_activate,
    questionnaire_new_version,
)
from .readiness import (
    answer_set,
    assessment_create,
    assessment_publish,
    assessment_review,
    assessment_submit,
    comment_add,
    evidence_add,
    evidence_remove,
)
from .roles import role_grant, role_revoke
from .scoring import edition_score

__all__ = [
    "ImportOutcome",
    "answer_set",
    "assessment_create",
    "assessment_publish",
    "assessment_review",
    "assessment_submit",
    "comment_add",
    "edition_score",
    "evidence_add",
    "evidence_remove",
    "observations_import",
    "portal_measure",
    "question_put",
    "question_remove",
    "questionnaire_activate",
    "questionnaire_new_version",
    "results_publish",
    "role_grant",
    "role_revoke",
]
