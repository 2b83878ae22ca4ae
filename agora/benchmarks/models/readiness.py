"""The open-data readiness self-assessment: roles, the editable questionnaire (versioned),
assessments with answers, evidence and reviewer comments.

Roles live here, not in accounts: being a country's focal point or a benchmarks reviewer is
a benchmarks matter and says nothing about a user's rights in the catalogue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from agora.catalog.models import Country, Dataset
from agora.core.models import TimeStampedModel, UUIDModel


class RoleKind(models.TextChoices):
    FOCAL_POINT = "focal_point", "country focal point"  # answers for one country
    REVIEWER = "reviewer", "reviewer"  # for one country, or every country when none is set
    ADMIN = "admin", "benchmarks admin"  # questionnaire, publication, roles, imports


class BenchmarkRole(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="benchmark_roles"
    )
    role = models.CharField(max_length=16, choices=RoleKind.choices)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["role", "country", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "country"],
                condition=Q(country__isnull=False),
                name="one_role_per_country",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(country__isnull=True),
                name="one_global_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} {self.country_id or 'all'}"


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", "draft"  # questions may be edited
    ACTIVE = "active", "active"  # new assessments use it; frozen
    RETIRED = "retired", "retired"  # kept for the assessments that used it


class Questionnaire(UUIDModel, TimeStampedModel):
    code = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=16, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    definition = models.JSONField(default=dict, help_text="named choices and scales")

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_questionnaire_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class Question(UUIDModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="questions"
    )
    code = models.CharField(max_length=32)
    dimension = models.CharField(max_length=32)
    answer_type = models.CharField(max_length=16)
    text = models.JSONField(default=dict, help_text="{language: text}")
    help = models.JSONField(default=dict, blank=True)
    weight = models.FloatField(default=1)
    evidence_required = models.BooleanField(default=False)
    choices = models.CharField(max_length=64, blank=True, help_text="named choices")
    scale = models.CharField(max_length=64, blank=True, help_text="named scale")
    indicator = models.CharField(max_length=64, blank=True)
    target = models.FloatField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="one_question_code")
        ]

    def __str__(self) -> str:
        return self.code


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    REVIEWED = "reviewed", "reviewed"
    PUBLISHED = "published", "published"


class Assessment(UUIDModel, TimeStampedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=16, help_text="e.g. the year assessed")
    status = models.CharField(
        max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="scores, fixed on publication")

    class Meta:
        ordering = ["country", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "country", "period"], name="one_assessment_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.period}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.question_id}"


class Evidence(UUIDModel):
    """A dataset of the catalogue or a document (by URL) backing an answer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dataset = models.ForeignKey(
        Dataset, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=300, blank=True)
    added_by_name = models.CharField(max_length=150, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return self.title or self.url


class ReviewComment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.assessment_id} #{self.pk}"
