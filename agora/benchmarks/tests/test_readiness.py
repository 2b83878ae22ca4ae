"""The self-assessment workflow: every step permission-checked, audited and in order, with
evidence that never leaks a dataset the reader may not see."""

from __future__ import annotations

import pytest

from agora.benchmarks import selectors, services
from agora.benchmarks.errors import BenchmarkForbidden, BenchmarkNotFound, WorkflowConflict
from agora.benchmarks.models import Assessment, AssessmentStatus
from agora.catalog.tests.factories import DatasetFactory
from agora.core.errors import Conflict, NotFound, ValidationFailed
from agora.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(focal_ken, actor_of) -> Assessment:
    return services.assessment_create(actor=actor_of(focal_ken), country="KEN", period="2025")


def _answer_some(actor, assessment, with_evidence=True):  # type: ignore[no-untyped-def]
    services.answer_set(actor=actor, assessment=assessment, question="POL-1", value=True)
    services.answer_set(actor=actor, assessment=assessment, question="POL-2", value="some")
    services.answer_set(actor=actor, assessment=assessment, question="POL-5", value=False)
    services.answer_set(actor=actor, assessment=assessment, question="LEG-5", value="free")
    if with_evidence:
        for question in ("POL-1", "POL-2"):
            services.evidence_add(
                actor=actor,
                assessment=assessment,
                question=question,
                url="https://gov.example/policy.pdf",
                title="Open data policy",
            )


def _submitted(focal_ken, actor_of, draft):  # type: ignore[no-untyped-def]
    _answer_some(actor_of(focal_ken), draft)
    return services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)


def test_the_whole_workflow_from_draft_to_published(
    focal_ken, reviewer_ken, bench_admin, actor_of, draft
):
    submitted = _submitted(focal_ken, actor_of, draft)
    assert submitted.status == AssessmentStatus.SUBMITTED
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=True, comment="Checked."
    )
    assert reviewed.status == AssessmentStatus.REVIEWED
    published = services.assessment_publish(actor=actor_of(bench_admin), assessment=reviewed)
    assert published.status == AssessmentStatus.PUBLISHED
    political = next(d for d in published.result["dimensions"] if d["dimension"] == "political")
    # POL-1 yes (weight 2), POL-2 some ministries 0.5 (weight 2), POL-5 no (weight 1): 3/5.
    assert political["score"] == pytest.approx(60.0)
    assert political["coverage"] == pytest.approx(5 / 7)
    assert {c["question"] for c in political["contributions"]} == {"POL-1", "POL-2", "POL-5"}
    legal = next(d for d in published.result["dimensions"] if d["dimension"] == "legal")
    assert legal["score"] == 100.0
    assert published.result["overall"] == pytest.approx(80.0)
    actions = list(
        AuditEntry.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)
    )
    assert actions[0] == "benchmarks.assessment.create"
    assert actions[-3:] == [
        "benchmarks.assessment.submit",
        "benchmarks.assessment.review",
        "benchmarks.assessment.publish",
    ]


def test_a_reviewer_sends_an_assessment_back_with_a_comment(
    focal_ken, reviewer_ken, actor_of, draft
):
    submitted = _submitted(focal_ken, actor_of, draft)
    with pytest.raises(ValidationFailed):
        services.assessment_review(actor=actor_of(reviewer_ken), assessment=submitted, accept=False)
    back = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=False, comment="Add the decree."
    )
    assert back.status == AssessmentStatus.DRAFT
    assert back.comments.get().body == "Add the decree."
    services.answer_set(actor=actor_of(focal_ken), assessment=back, question="POL-3", value=False)


def test_submitting_needs_evidence_for_positive_answers(focal_ken, actor_of, draft):
    _answer_some(actor_of(focal_ken), draft, with_evidence=False)
    with pytest.raises(ValidationFailed) as caught:
        services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)
    assert set(caught.value.fields) == {"POL-1", "POL-2"}


def test_submitting_an_empty_assessment_is_refused(focal_ken, actor_of, draft):
    with pytest.raises(ValidationFailed) as caught:
        services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)
    assert "answers" in caught.value.fields


@pytest.mark.parametrize(
    ("question", "value"),
    [("POL-1", "yes"), ("POL-2", "most"), ("POL-4", 5), ("TEC-6", 101), ("TEC-3", 0.5),
     ("POL-4", True), ("NOPE-1", True)],
)  # fmt: skip
def test_invalid_answers_are_refused(focal_ken, actor_of, draft, question, value):
    with pytest.raises((ValidationFailed, NotFound)):
        services.answer_set(
            actor=actor_of(focal_ken), assessment=draft, question=question, value=value
        )


def test_one_assessment_per_country_and_period(focal_ken, actor_of, draft):
    with pytest.raises(Conflict):
        services.assessment_create(actor=actor_of(focal_ken), country="KEN", period="2025")


@pytest.mark.parametrize("who", ["anonymous", "stranger", "focal_dnk", "reviewer_ken", "org_admin"])
def test_only_the_countrys_focal_points_start_its_assessment(request, actor_of, who):
    from agora.core.actor import ANONYMOUS

    actor = ANONYMOUS if who == "anonymous" else actor_of(request.getfixturevalue(who))
    with pytest.raises(BenchmarkForbidden):
        services.assessment_create(actor=actor, country="KEN", period="2025")


@pytest.mark.parametrize("who", ["stranger", "focal_dnk", "reviewer_ken", "reviewer_all"])
def test_only_the_countrys_focal_points_answer(request, actor_of, draft, who):
    actor = actor_of(request.getfixturevalue(who))
    with pytest.raises(BenchmarkForbidden):
        services.answer_set(actor=actor, assessment=draft, question="POL-1", value=True)
    with pytest.raises(BenchmarkForbidden):
        services.evidence_add(actor=actor, assessment=draft, url="https://x.example/doc")
    with pytest.raises(BenchmarkForbidden):
        services.assessment_submit(actor=actor, assessment=draft)


def test_a_submitted_assessment_is_frozen_for_the_focal_point(focal_ken, actor_of, draft):
    submitted = _submitted(focal_ken, actor_of, draft)
    with pytest.raises(BenchmarkForbidden):
        services.answer_set(
            actor=actor_of(focal_ken), assessment=submitted, question="POL-3", value=True
        )


@pytest.mark.parametrize("who", ["focal_ken", "reviewer_dnk", "stranger", "bench_admin_submitter"])
def test_review_needs_a_reviewer_of_the_country_who_did_not_submit(
    request, focal_ken, bench_admin, actor_of, who
):
    if who == "bench_admin_submitter":
        draft = services.assessment_create(
            actor=actor_of(bench_admin), country="KEN", period="2024"
        )
        _answer_some(actor_of(bench_admin), draft)
        submitted = services.assessment_submit(actor=actor_of(bench_admin), assessment=draft)
        reviewer = bench_admin
    else:
        draft = services.assessment_create(actor=actor_of(focal_ken), country="KEN", period="2024")
        submitted = _submitted(focal_ken, actor_of, draft)
        reviewer = request.getfixturevalue(who)
    with pytest.raises(BenchmarkForbidden):
        services.assessment_review(actor=actor_of(reviewer), assessment=submitted, accept=True)


def test_a_reviewer_of_all_countries_may_review(focal_ken, reviewer_all, actor_of, draft):
    submitted = _submitted(focal_ken, actor_of, draft)
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_all), assessment=submitted, accept=True
    )
    assert reviewed.status == AssessmentStatus.REVIEWED


@pytest.mark.parametrize("who", ["focal_ken", "reviewer_ken", "reviewer_all"])
def test_only_benchmarks_admins_publish(request, focal_ken, reviewer_ken, actor_of, draft, who):
    submitted = _submitted(focal_ken, actor_of, draft)
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=True
    )
    with pytest.raises(BenchmarkForbidden):
        services.assessment_publish(
            actor=actor_of(request.getfixturevalue(who)), assessment=reviewed
        )


def test_steps_out_of_order_are_conflicts(focal_ken, bench_admin, reviewer_ken, actor_of, draft):
    with pytest.raises(WorkflowConflict):
        services.assessment_publish(actor=actor_of(bench_admin), assessment=draft)
    with pytest.raises(WorkflowConflict):
        services.assessment_review(actor=actor_of(reviewer_ken), assessment=draft, accept=True)


def test_evidence_may_only_point_at_datasets_the_focal_point_may_see(
    focal_ken, actor_of, draft, other_org
):
    hidden = DatasetFactory(name="secret-budget", organization=other_org, private=True)
    with pytest.raises(NotFound):
        services.evidence_add(actor=actor_of(focal_ken), assessment=draft, dataset=hidden.name)
    public = DatasetFactory(name="open-budget", organization=other_org)
    evidence = services.evidence_add(
        actor=actor_of(focal_ken), assessment=draft, question="POL-1", dataset=public.name
    )
    assert evidence.dataset_id == public.id
    assert evidence.title == "open-budget"


def test_evidence_on_a_dataset_that_became_private_is_hidden_from_readers_who_cannot_see_it(
    focal_ken, reviewer_ken, bench_admin, actor_of, draft, org, member
):
    from agora.catalog import services as catalog_services
    from agora.core.actor import ANONYMOUS, SYSTEM
    from agora.interop.records import DatasetDraft

    dataset = DatasetFactory(name="health-budget", organization=org)
    _answer_some(actor_of(focal_ken), draft)
    services.evidence_add(
        actor=actor_of(focal_ken), assessment=draft, question="POL-1", dataset=dataset.name
    )
    submitted = services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=True
    )
    services.assessment_publish(actor=actor_of(bench_admin), assessment=reviewed)
    catalog_services.dataset_update(
        actor=SYSTEM,
        dataset=dataset,
        draft=DatasetDraft(name=dataset.name, title={"en": "Health budget"}, organization=org.name,
                           private=True),
    )  # fmt: skip
    public_view = selectors.assessment_detail(ANONYMOUS, str(draft.id))
    assert [e.dataset for e in public_view.evidence if e.dataset] == []
    member_view = selectors.assessment_detail(actor_of(member), str(draft.id))
    assert [e.dataset for e in member_view.evidence if e.dataset] == ["health-budget"]


def test_unpublished_assessments_are_invisible_outside_the_countrys_roles(
    focal_ken,
    focal_dnk,
    reviewer_ken,
    reviewer_dnk,
    reviewer_all,
    bench_admin,
    stranger,
    actor_of,
    draft,
):
    from agora.core.actor import ANONYMOUS

    for outsider in (ANONYMOUS, actor_of(stranger), actor_of(focal_dnk), actor_of(reviewer_dnk)):
        with pytest.raises(BenchmarkNotFound):
            selectors.assessment_get(outsider, str(draft.id))
        assert draft not in selectors.assessments_visible_to(outsider)
    for insider in (focal_ken, reviewer_ken, reviewer_all, bench_admin):
        assert selectors.assessment_get(actor_of(insider), str(draft.id)) == draft


def test_comments_are_shown_to_the_countrys_roles_only(
    focal_ken, reviewer_ken, bench_admin, actor_of, draft
):
    from agora.core.actor import ANONYMOUS

    services.comment_add(actor=actor_of(reviewer_ken), assessment=draft, body="Which decree?")
    _answer_some(actor_of(focal_ken), draft)
    submitted = services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=True
    )
    services.assessment_publish(actor=actor_of(bench_admin), assessment=reviewed)
    assert selectors.assessment_detail(ANONYMOUS, str(draft.id)).comments == []
    assert len(selectors.assessment_detail(actor_of(focal_ken), str(draft.id)).comments) == 1
    with pytest.raises(BenchmarkForbidden):
        services.comment_add(actor=actor_of(reviewer_ken), assessment=draft, body="Too late")


def test_measured_questions_use_the_countrys_latest_portal_measurements(
    focal_ken, reviewer_ken, bench_admin, actor_of, draft
):
    from agora.catalog.tests.factories import OrganizationFactory
    from agora.core.actor import SYSTEM

    kenya = OrganizationFactory(name="kenya-open-data", country="KEN")
    DatasetFactory(name="ke-roads", organization=kenya, licence="CC-BY-4.0")
    DatasetFactory(name="ke-schools", organization=kenya, licence="other-closed")
    services.portal_measure(actor=SYSTEM)
    _answer_some(actor_of(focal_ken), draft)
    submitted = services.assessment_submit(actor=actor_of(focal_ken), assessment=draft)
    reviewed = services.assessment_review(
        actor=actor_of(reviewer_ken), assessment=submitted, accept=True
    )
    published = services.assessment_publish(actor=actor_of(bench_admin), assessment=reviewed)
    data = next(d for d in published.result["dimensions"] if d["dimension"] == "data")
    licence = next(c for c in data["contributions"] if c["question"] == "DAT-1")
    assert licence["fraction"] == 0.5
    assert licence["source"] == "measured:open_licence"
    assert published.result["measurements"]["measured_on"]
    impact = next(d for d in published.result["dimensions"] if d["dimension"] == "impact")
    assert "IMP-6" not in {c["question"] for c in impact["contributions"]}
