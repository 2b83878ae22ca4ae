"""Reads shaped for use cases; each applies visibility first. Import selectors from here."""

from .frameworks import (
    edition_get,
    editions_of,
    framework_definition,
    framework_get,
    frameworks_list,
    indices_of,
    methodology,
)
from .measurements import indicator_definitions, measurement_series, measurements_latest
from .readiness import (
    assessment_detail,
    assessment_get,
    assessment_published_latest,
    assessments_visible_to,
    questionnaire_active,
    questionnaire_get,
    questionnaires_list,
)
from .roles import roles_for
from .scores import (
    compare,
    country_series,
    edition_table,
    editions_with_scores,
    frameworks_with_scores,
)

__all__ = [
    "assessment_detail",
    "assessment_get",
    "assessment_published_latest",
    "assessments_visible_to",
    "compare",
    "country_series",
    "edition_get",
    "edition_table",
    "editions_of",
    "editions_with_scores",
    "framework_definition",
    "framework_get",
    "frameworks_list",
    "frameworks_with_scores",
    "indicator_definitions",
    "indices_of",
    "measurement_series",
    "measurements_latest",
    "methodology",
    "questionnaire_active",
    "questionnaire_get",
    "questionnaires_list",
    "roles_for",
]
