"""The readiness self-assessment in the browser (plain HTML forms, no JavaScript): each role
does its step through the pages; the pages never show or allow more than the services do."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from agora.benchmarks.models import Assessment, AssessmentStatus, Questionnaire
from agora.catalog.tests.factories import DatasetFactory

pytestmark = pytest.mark.django_db
LIST = "/benchmarks/readiness"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _start(focal) -> tuple[Client, str]:  # type: ignore[no-untyped-def]
    client = _as(focal)
    response = client.post(LIST, {"country": "KEN", "period": "2025"})
    assert response.status_code == 302
    return client, response["Location"]


def test_only_focal_points_see_the_start_form_and_anonymous_posts_are_refused(focal_ken, db):
    assert 'name="period"' not in Client().get(LIST).content.decode()
    html = _as(focal_ken).get(LIST).content.decode()
    assert re.findall(r'<option value="([A-Z]{3})">', html) == ["KEN"]
    assert Client().post(LIST, {"country": "KEN", "period": "2025"}).status_code == 403
    assert _as(focal_ken).post(LIST, {"country": "DNK", "period": "2025"}).status_code == 403
    assert not Assessment.objects.exists()


def test_the_whole_workflow_through_the_pages(focal_ken, reviewer_ken, bench_admin):
    focal, url = _start(focal_ken)
    page = focal.get(url).content.decode()
    assert 'name="q-POL-1"' in page
    assert "Save answers" in page
    answers = {"action": "answers", "q-POL-1": "yes", "q-POL-2": "some", "q-LEG-5": "free"}
    assert focal.post(url, answers).status_code == 302
    response = focal.post(url, {"action": "submit"})
    assert response.status_code == 400  # positive answers need evidence
    assert "needs evidence" in response.content.decode()
    for question in ("POL-1", "POL-2"):
        focal.post(
            url,
            {
                "action": "evidence_add",
                "question": question,
                "url": "https://gov.example/policy.pdf",
                "title": "Policy",
            },
        )
    assert focal.post(url, {"action": "submit"}).status_code == 302
    assert Assessment.objects.get().status == AssessmentStatus.SUBMITTED
    assert 'name="q-POL-1"' not in focal.get(url).content.decode()  # frozen once submitted

    reviewer = _as(reviewer_ken)
    assert reviewer.post(url, {"action": "send_back", "body": ""}).status_code == 400
    assert reviewer.post(url, {"action": "send_back", "body": "Add the decree."}).status_code == 302
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT
    assert "Add the decree." in focal.get(url).content.decode()
    focal.post(url, {"action": "submit"})
    reviewer.post(url, {"action": "accept", "body": ""})
    assert Assessment.objects.get().status == AssessmentStatus.REVIEWED
    assert _as(focal_ken).post(url, {"action": "publish"}).status_code == 403
    assert _as(bench_admin).post(url, {"action": "publish"}).status_code == 302
    assert Assessment.objects.get().status == AssessmentStatus.PUBLISHED

    public = Client().get(url).content.decode()
    assert "Add the decree." not in public  # reviewer comments are never public
    assert "Policy" in public
    assert '<svg class="bm-radar"' in public
    country = Client().get("/benchmarks/country/KEN").content.decode()
    assert "bm-radar-shape" in country
    assert "Self-assessment for 2025" in country


def test_a_bad_answer_saves_nothing_and_keeps_what_was_typed(focal_ken):
    focal, url = _start(focal_ken)
    response = focal.post(url, {"action": "answers", "q-POL-1": "yes", "q-TEC-6": "250"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Nothing was saved" in html
    assert 'value="250"' in html
    assert not Assessment.objects.get().answers.exists()


def test_unpublished_assessments_are_hidden_and_private_evidence_never_leaks(
    focal_ken, focal_dnk, org
):
    _focal, url = _start(focal_ken)
    assert Client().get(url).status_code == 404
    assert _as(focal_dnk).get(url).status_code == 404
    assert "Kenya" not in Client().get(LIST).content.decode()
    secret = DatasetFactory(name="secret-register", organization=org, private=True)
    assessment = Assessment.objects.get()
    assessment.evidence.create(dataset=secret, title="Secret register")
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.save()
    public = Client().get(url).content.decode()
    assert "secret-register" not in public
    assert "Secret register" not in public


def test_unknown_actions_and_assessments_get_clear_errors(focal_ken):
    focal, url = _start(focal_ken)
    assert focal.post(url, {"action": "explode"}).status_code == 400
    assert focal.get(f"{LIST}/not-a-uuid").status_code == 404
    assert focal.post(url, {"action": "evidence_remove", "evidence": "nope"}).status_code == 404


# --- The questionnaire ----------------------------------------------------------------------

QUESTIONNAIRE = "/benchmarks/readiness/questionnaire"


def test_everyone_reads_the_questionnaire_and_only_admins_may_change_it(focal_ken, db):
    html = Client().get(QUESTIONNAIRE).content.decode()
    assert "POL-1" in html
    assert "Start a new version" not in html
    active = Questionnaire.objects.get(status="active")
    refused = _as(focal_ken).post(
        QUESTIONNAIRE, {"questionnaire": active.pk, "action": "new_version"}
    )
    assert refused.status_code == 403
    assert Questionnaire.objects.count() == 1
    assert Client().get(QUESTIONNAIRE, {"version": "99"}).status_code == 404


def test_an_admin_edits_a_new_version_and_activates_it(bench_admin):
    admin = _as(bench_admin)
    active = Questionnaire.objects.get(status="active")
    frozen = {"questionnaire": active.pk, "action": "question_save", "code": "POL-1",
              "text": "Changed?", "weight": "3"}  # fmt: skip
    assert admin.post(QUESTIONNAIRE, frozen).status_code == 400  # only drafts change
    response = admin.post(QUESTIONNAIRE, {"questionnaire": active.pk, "action": "new_version"})
    assert response.status_code == 302
    draft = Questionnaire.objects.get(status="draft")
    edit = {**frozen, "questionnaire": draft.pk, "evidence_required": "on"}
    assert admin.post(QUESTIONNAIRE, edit).status_code == 302
    question = draft.questions.get(code="POL-1")
    assert (question.weight, question.text["en"], question.answer_type) == (
        3.0,
        "Changed?",
        "yes_no",
    )
    bad = {**edit, "weight": "heavy"}
    response = admin.post(QUESTIONNAIRE, bad)
    assert response.status_code == 400
    assert "Give the weight as a number." in response.content.decode()
    new = {"questionnaire": draft.pk, "action": "question_save", "code": "POL-9",
           "dimension": "political", "type": "choice", "choices": "coverage",
           "weight": "1", "text": "Is there an open data unit?"}  # fmt: skip
    assert admin.post(QUESTIONNAIRE, new).status_code == 302
    assert draft.questions.get(code="POL-9").choices == "coverage"
    unknown_type = {**new, "code": "POL-10", "type": "essay"}
    assert admin.post(QUESTIONNAIRE, unknown_type).status_code == 400
    remove = {"questionnaire": draft.pk, "action": "question_remove", "code": "POL-5"}
    assert admin.post(QUESTIONNAIRE, remove).status_code == 302
    assert not draft.questions.filter(code="POL-5").exists()
    assert (
        admin.post(QUESTIONNAIRE, {"questionnaire": draft.pk, "action": "activate"}).status_code
        == 302
    )
    draft.refresh_from_db()
    active.refresh_from_db()
    assert (draft.status, active.status) == ("active", "retired")
    html = Client().get(QUESTIONNAIRE).content.decode()
    assert "Is there an open data unit?" in html
