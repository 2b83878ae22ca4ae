"""Edit the readiness questionnaire: only drafts change; activating one retires the previous
version, and assessments keep the version they were started with."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from agora.core.actor import Actor
from agora.core.errors import ValidationFailed

from ..errors import WorkflowConflict
from ..models import Question, Questionnaire, QuestionnaireStatus
from ..questionnaires import question_data
from ..scoring.parse import DefinitionError
from ..scoring.readiness import question_from_data
from ..sync import question_row
from .common import audit, require_admin


def _draft(questionnaire: Questionnaire) -> Questionnaire:
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.status != QuestionnaireStatus.DRAFT:
        raise WorkflowConflict(
            "Only a draft questionnaire can change; start a new version.",
            code="benchmarks.questionnaire_frozen",
        )
    return locked


@transaction.atomic
def questionnaire_new_version(*, actor: Actor, source: Questionnaire) -> Questionnaire:
    """A draft copy of a questionnaire with the next version number."""
    require_admin(actor, "edit the questionnaire")
    latest = Questionnaire.objects.filter(code=source.code).aggregate(Max("version"))
    draft = Questionnaire.objects.create(
        code=source.code,
        version=(latest["version__max"] or 0) + 1,
        title=source.title,
        status=QuestionnaireStatus.DRAFT,
        definition=source.definition,
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=draft,
            **{
                f.name: getattr(q, f.name)
                for f in Question._meta.concrete_fields
                if f.name not in ("id", "questionnaire")
            },
        )
        for q in source.questions.all()
    )
    audit(actor, "questionnaire.new_version", "questionnaire", draft.pk, version=draft.version)
    return draft


@transaction.atomic
def question_put(
    *, actor: Actor, questionnaire: Questionnaire, code: str, data: dict[str, Any]
) -> Question:
    """Add or replace one question of a draft (validated like the questionnaire file)."""
    require_admin(actor, "edit the questionnaire")
    locked = _draft(questionnaire)
    data = {**data, "code": code}
    try:
        question_from_data(
            data, locked.definition.get("choices", {}), locked.definition.get("scales", {})
        )
    except (DefinitionError, KeyError, TypeError, ValueError) as error:
        raise ValidationFailed(str(error), fields={"question": [str(error)]}) from error
    existing = locked.questions.filter(code=code).first()
    position = existing.position if existing else locked.questions.count()
    fresh = question_row(locked, position, data)
    if existing:  # replace it in place (a model with a default pk would INSERT otherwise)
        fresh.id = existing.id
        fresh._state.adding = False
        fresh.save(force_update=True)
    else:
        fresh.save()
    audit(
        actor, "question.put", "questionnaire", locked.pk, question=code, data=question_data(fresh)
    )
    return fresh


@transaction.atomic
def question_remove(*, actor: Actor, questionnaire: Questionnaire, code: str) -> None:
    require_admin(actor, "edit the questionnaire")
    locked = _draft(questionnaire)
    locked.questions.filter(code=code).delete()
    audit(actor, "question.remove", "questionnaire", locked.pk, question=code)


@transaction.atomic
def questionnaire_activate(*, actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    require_admin(actor, "activate a questionnaire")
    locked = _draft(questionnaire)
    Questionnaire.objects.filter(code=locked.code, status=QuestionnaireStatus.ACTIVE).update(
        status=QuestionnaireStatus.RETIRED
    )
    locked.status = QuestionnaireStatus.ACTIVE
    locked.save(update_fields=["status", "updated_at"])
    audit(actor, "questionnaire.activate", "questionnaire", locked.pk, version=locked.version)
    return locked
