"""Keep the framework and edition tables equal to the definition files, and seed version 1 of
the readiness questionnaire (run after every migration, and by `agora benchmarks sync`).

Idempotent: an edition whose definition changed is rewritten with its new SHA-256 (scores
keep the SHA-256 they were computed with); nothing is deleted, because observations and
scores may point at an edition whose file was removed. The questionnaire is seeded once: after
that the database is its source and admins change it through the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from .frameworks import questionnaire_seed
from .models import Edition, Framework, Question, Questionnaire, QuestionnaireStatus
from .selectors.frameworks import all_definitions


@dataclass
class SyncReport:
    frameworks: int = 0
    editions_created: list[str] = field(default_factory=list)
    editions_updated: list[str] = field(default_factory=list)
    questionnaire_seeded: bool = False

    def summary(self) -> str:
        return (
            f"{self.frameworks} frameworks; editions created: {len(self.editions_created)}, "
            f"updated: {len(self.editions_updated)}; questionnaire seeded: "
            f"{'yes' if self.questionnaire_seeded else 'no (already there)'}"
        )


@transaction.atomic
def sync_frameworks(report: SyncReport | None = None) -> SyncReport:
    report = report or SyncReport()
    for code, definition in all_definitions().items():
        spec = definition.spec
        Framework.objects.update_or_create(
            code=code,
            defaults={
                "title": spec.title,
                "publisher": spec.publisher,
                "homepage": spec.homepage,
                "kind": spec.kind,
                "description": spec.description,
                "definition": definition.data,
                "sha256": definition.sha256,
            },
        )
        report.frameworks += 1
        for edition in spec.editions:
            sha = definition.edition_sha256(edition.code)
            row = Edition.objects.filter(framework_id=code, code=edition.code).first()
            if row is not None and row.sha256 == sha:
                continue
            values = {
                "year": edition.year,
                "title": edition.title,
                "definition": definition.editions[edition.code],
                "sha256": sha,
            }
            Edition.objects.update_or_create(framework_id=code, code=edition.code, defaults=values)
            target = report.editions_created if row is None else report.editions_updated
            target.append(f"{code} {edition.code}")
    return report


def question_row(questionnaire: Questionnaire, position: int, data: dict[str, Any]) -> Question:
    return Question(
        questionnaire=questionnaire,
        code=data["code"],
        dimension=data["dimension"],
        answer_type=data["type"],
        text={"en": data["text"]},
        help={"en": data["help"]} if data.get("help") else {},
        weight=float(data.get("weight", 1)),
        evidence_required=bool(data.get("evidence_required", False)),
        choices=str(data.get("choices", "")),
        scale=str(data.get("scale", "")),
        indicator=str(data.get("indicator", "")),
        target=data.get("target"),
        position=position,
    )


@transaction.atomic
def seed_questionnaire(report: SyncReport | None = None) -> SyncReport:
    report = report or SyncReport()
    seed = questionnaire_seed()
    if Questionnaire.objects.filter(code=seed["code"]).exists():
        return report
    questionnaire = Questionnaire.objects.create(
        code=seed["code"],
        version=int(seed["version"]),
        title=seed["title"],
        status=QuestionnaireStatus.ACTIVE,
        definition={"choices": seed.get("choices", {}), "scales": seed.get("scales", {})},
    )
    Question.objects.bulk_create(
        [question_row(questionnaire, n, q) for n, q in enumerate(seed["questions"])]
    )
    report.questionnaire_seeded = True
    return report


def sync_all() -> SyncReport:
    report = sync_frameworks()
    return seed_questionnaire(report)


def sync_after_migrate(sender: object, **kwargs: object) -> None:
    sync_all()
