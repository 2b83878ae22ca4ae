"""Dataset services: the one write path (validation, permissions, revisions, audit)."""

from __future__ import annotations

import pytest

from agora.catalog import services
from agora.catalog.models import Dataset, DatasetRevision
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import ANONYMOUS, SYSTEM
from agora.core.audit import audit_verify
from agora.core.errors import Conflict, Forbidden, ValidationFailed
from agora.core.models import AuditEntry
from agora.interop.records import DatasetDraft


def draft(**overrides) -> DatasetDraft:
    values = {
        "name": "population-2024",
        "title": {"en": "Population 2024", "fr": "Population 2024 (fr)"},
        "description": {"en": "Mid-year population."},
        "organization": "ministry-of-health",
        "tags": ["population", "census"],
        "themes": ["SOCI"],
        "licence": "cc-by",
        "countries": ["KE", "UGA"],
        "languages": ["en", "fra"],
    }
    values.update(overrides)
    return DatasetDraft(**values)


@pytest.mark.django_db
class TestDatasetCreate:
    def test_creates_dataset_with_relations_revision_and_audit(self, org, editor, actor_of):
        dataset = services.dataset_create(actor=actor_of(editor), draft=draft())
        assert dataset.licence_id == "CC-BY-4.0"
        assert sorted(dataset.countries.values_list("code", flat=True)) == ["KEN", "UGA"]
        assert sorted(dataset.languages.values_list("code", flat=True)) == ["en", "fr"]
        assert sorted(dataset.tags.values_list("name", flat=True)) == ["census", "population"]
        revision = DatasetRevision.objects.get(dataset=dataset)
        assert revision.number == 1
        assert revision.data["title"]["fr"] == "Population 2024 (fr)"
        entry = AuditEntry.objects.get(action="dataset.create")
        assert entry.object_id == str(dataset.id)
        assert entry.actor_name == "org-editor"
        assert audit_verify().ok

    def test_refuses_members_who_are_not_editors(self, org, member, actor_of):
        with pytest.raises(Forbidden):
            services.dataset_create(actor=actor_of(member), draft=draft())
        assert not Dataset.objects.exists()

    def test_refuses_anonymous(self, org):
        with pytest.raises(Forbidden):
            services.dataset_create(actor=ANONYMOUS, draft=draft())

    def test_refuses_editor_of_another_organization(self, org, other_admin, actor_of):
        with pytest.raises(Forbidden):
            services.dataset_create(actor=actor_of(other_admin), draft=draft())

    def test_names_every_invalid_field(self, org):
        bad = draft(
            name="Not A Slug!",
            title={},
            themes=["NOPE"],
            licence="no-such-licence",
            countries=["XXX"],
            contact_email="not-an-email",
            landing_page="ftp://example.org",
        )
        with pytest.raises(ValidationFailed) as caught:
            services.dataset_create(actor=SYSTEM, draft=bad)
        assert set(caught.value.fields) >= {
            "name",
            "title",
            "themes",
            "license_id",
            "countries",
            "contact_email",
            "url",
        }
        assert not Dataset.objects.exists()

    def test_duplicate_name_is_a_conflict(self, org):
        services.dataset_create(actor=SYSTEM, draft=draft())
        with pytest.raises(Conflict) as caught:
            services.dataset_create(actor=SYSTEM, draft=draft())
        assert caught.value.fields == {"name": ["That URL is already in use."]}


@pytest.mark.django_db
class TestDatasetUpdate:
    def test_update_replaces_fields_and_adds_a_revision(self, org, editor, actor_of):
        dataset = DatasetFactory(organization=org)
        services.dataset_update(
            actor=actor_of(editor),
            dataset=dataset,
            draft=draft(name=dataset.name, tags=["health"]),
        )
        dataset.refresh_from_db()
        assert list(dataset.tags.values_list("name", flat=True)) == ["health"]
        assert dataset.revision_number == 2
        assert DatasetRevision.objects.filter(dataset=dataset).count() == 2

    def test_failed_update_changes_nothing(self, org, editor, actor_of):
        dataset = DatasetFactory(organization=org, tags=["kept"])
        with pytest.raises(ValidationFailed):
            services.dataset_update(
                actor=actor_of(editor),
                dataset=dataset,
                draft=draft(name=dataset.name, tags=["new"], countries=["XXX"]),
            )
        dataset.refresh_from_db()
        assert list(dataset.tags.values_list("name", flat=True)) == ["kept"]
        assert dataset.revision_number == 1

    def test_stale_revision_is_a_conflict(self, org):
        dataset = DatasetFactory(organization=org)
        with pytest.raises(Conflict):
            services.dataset_update(
                actor=SYSTEM, dataset=dataset, draft=draft(name=dataset.name), expected_revision=7
            )

    def test_members_cannot_update(self, org, member, actor_of):
        dataset = DatasetFactory(organization=org)
        with pytest.raises(Forbidden):
            services.dataset_update(
                actor=actor_of(member), dataset=dataset, draft=draft(name=dataset.name)
            )

    def test_published_dataset_does_not_return_to_draft(self, org):
        dataset = DatasetFactory(organization=org)
        services.dataset_update(
            actor=SYSTEM, dataset=dataset, draft=draft(name=dataset.name, state="draft")
        )
        dataset.refresh_from_db()
        assert dataset.state == "active"


@pytest.mark.django_db
def test_delete_marks_deleted_and_keeps_history(org, editor, actor_of):
    dataset = DatasetFactory(organization=org)
    services.dataset_delete(actor=actor_of(editor), dataset=dataset)
    dataset.refresh_from_db()
    assert dataset.state == "deleted"
    assert DatasetRevision.objects.filter(dataset=dataset).count() == 2
