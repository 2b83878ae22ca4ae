"""Who may do what in benchmarks: the one place that decides, for every handler.

Roles (models.BenchmarkRole, kept inside this app): a country's focal point drafts and
submits that country's self-assessment; a reviewer (of one country, or of all) reviews
submitted assessments and may send them back; a benchmarks admin publishes reviewed
assessments, edits the questionnaire, imports tables, runs scoring and measurements and
grants the two other roles. Sysadmins and the system actor are benchmarks admins. Only a
sysadmin grants the admin role. Nobody reviews an assessment they submitted themselves.

Reading: published assessments, benchmark scores, frameworks and portal measurements are
public. Unpublished assessments are visible to the country's focal points, its reviewers
and benchmarks admins only; everyone else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from agora.core.actor import Actor

from .models import Assessment, AssessmentStatus, RoleKind


@dataclass(frozen=True)
class BenchmarkRoles:
    admin: bool = False
    reviewer_of_all: bool = False
    reviewer_of: frozenset[str] = frozenset()
    focal_point_of: frozenset[str] = frozenset()

    def reviews(self, country: str) -> bool:
        return self.admin or self.reviewer_of_all or country in self.reviewer_of

    def answers_for(self, country: str) -> bool:
        return self.admin or country in self.focal_point_of

    @property
    def any(self) -> bool:
        return self.admin or self.reviewer_of_all or bool(self.reviewer_of or self.focal_point_of)


def can_administer(roles: BenchmarkRoles) -> bool:
    return roles.admin


def can_view_assessment(roles: BenchmarkRoles, assessment: Assessment) -> bool:
    if assessment.status == AssessmentStatus.PUBLISHED:
        return True
    country = assessment.country_id
    return roles.answers_for(country) or roles.reviews(country)


def can_create_assessment(roles: BenchmarkRoles, country: str) -> bool:
    return roles.answers_for(country)


def can_edit_assessment(roles: BenchmarkRoles, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.DRAFT and roles.answers_for(assessment.country_id)


def can_submit(roles: BenchmarkRoles, assessment: Assessment) -> bool:
    return can_edit_assessment(roles, assessment)


def can_review(actor: Actor, roles: BenchmarkRoles, assessment: Assessment) -> bool:
    """Accept or send back a submitted assessment; never one's own submission."""
    own = actor.user_id is not None and actor.user_id == assessment.submitted_by_id
    return (
        assessment.status == AssessmentStatus.SUBMITTED
        and roles.reviews(assessment.country_id)
        and not own
    )


def can_publish(roles: BenchmarkRoles, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.REVIEWED and roles.admin


def can_comment(roles: BenchmarkRoles, assessment: Assessment) -> bool:
    if assessment.status == AssessmentStatus.PUBLISHED:
        return False
    country = assessment.country_id
    return roles.answers_for(country) or roles.reviews(country)


def can_grant(actor: Actor, roles: BenchmarkRoles, kind: str) -> bool:
    if kind == RoleKind.ADMIN:
        return actor.is_superuser
    return roles.admin
