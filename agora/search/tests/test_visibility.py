"""Who finds what: the visibility rule is part of every query, on every engine, for every role;
facets, suggestions and autocomplete never reveal what the reader may not see."""

from __future__ import annotations

import pytest

from agora.accounts.models import Membership
from agora.catalog import services
from agora.catalog.models import Dataset
from agora.catalog.permissions import visible_datasets_q
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import ANONYMOUS
from agora.interop.records import DatasetDraft
from agora.search import registry
from agora.search.selectors import autocomplete

from .conftest import found, run

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "stranger", "member", "editor", "org_admin", "other_admin", "sysadmin")
EVERYTHING = {"include_private": True, "include_drafts": True}
# What each role finds when it asks for private datasets and drafts too.
EXPECTED = {
    "anonymous": ["public-zebra"],
    "stranger": ["public-zebra"],
    "member": ["private-zebra", "public-zebra"],
    "editor": ["creators-zebra", "draft-zebra", "private-zebra", "public-zebra"],
    "org_admin": ["creators-zebra", "draft-zebra", "private-zebra", "public-zebra"],
    "other_admin": ["public-zebra"],
    "sysadmin": ["creators-zebra", "draft-zebra", "private-zebra", "public-zebra"],
    "creator": ["creators-zebra", "public-zebra"],
}


@pytest.fixture
def kinds(engine, org, editor, django_user_model):
    """A public, a private, a draft and a deleted dataset of `org`, each with a tag of its own,
    and a draft whose creator has since left the organization."""
    made = {}
    for kind in ("public", "private", "draft", "deleted"):
        made[kind] = DatasetFactory(
            name=f"{kind}-zebra",
            title={"en": f"Zebra {kind} crossings"},
            organization=org,
            tags=[f"{kind}-tag"],
            private=kind == "private",
            state="draft" if kind == "draft" else "active",
        )
    services.dataset_delete(actor=_actor(editor), dataset=made.pop("deleted"))
    creator = django_user_model.objects.create(username="creator")
    Membership.objects.create(user=creator, organization=org, role="editor")
    draft = DatasetDraft(
        name="creators-zebra", title={"en": "Zebra drafts"}, organization=org.name, state="draft"
    )
    services.dataset_create(actor=_actor(creator), draft=draft)
    Membership.objects.filter(user=creator).delete()
    return made


def _actor(user):  # type: ignore[no-untyped-def]
    from agora.accounts.selectors import actor_for_user

    return actor_for_user(user)


def _reader(request, role: str):  # type: ignore[no-untyped-def]
    if role == "anonymous":
        return ANONYMOUS
    if role == "creator":
        from agora.accounts.models import User

        return _actor(User.objects.get(username="creator"))
    return _actor(request.getfixturevalue(role))


@pytest.mark.parametrize("role", [*ROLES, "creator"])
def test_each_role_finds_exactly_what_it_may_see(request, kinds, role):
    reader = _reader(request, role)
    assert found("zebra", reader, **EVERYTHING) == EXPECTED[role]
    assert found("zebra", reader) == ["public-zebra"]  # without asking: public datasets only


@pytest.mark.parametrize("role", [*ROLES, "creator"])
def test_the_rule_as_data_equals_the_permission_rule(request, kinds, role):
    """The adapter's Visibility, evaluated on documents, picks the very datasets that
    permissions.visible_datasets_q picks in SQL, for every combination of the flags."""
    reader = _reader(request, role)
    adapter = registry.get("dataset")
    documents = adapter.documents([str(i) for i in Dataset.objects.values_list("id", flat=True)])
    for private in (False, True):
        for drafts in (False, True):
            rule = adapter.visibility(reader, include_private=private, include_drafts=drafts)
            by_rule = {d.id for d in documents.values() if d and rule.allows(d.keywords)}
            sql = Dataset.objects.filter(visible_datasets_q(reader, include_drafts=drafts))
            if not private:
                sql = sql.filter(private=False)
            assert by_rule == {str(i) for i in sql.values_list("id", flat=True)}


def test_counts_and_facets_never_include_hidden_datasets(kinds):
    result = run(q="zebra", facets=("tags", "state", "private"), facet_limit=-1)
    assert result.total == 1
    assert [c.value for c in result.facets["tags"]] == ["public-tag"]
    assert [c.value for c in result.facets["state"]] == ["active"]
    asked = run(q="zebra", facets=("tags",), facet_mincount=0, **EVERYTHING)
    assert [c.value for c in asked.facets["tags"]] == ["public-tag"]  # mincount 0 lists no more


def test_suggestions_never_come_from_hidden_titles(engine, org):
    DatasetFactory(name="hidden", title={"en": "Quokka sightings"}, organization=org, private=True)
    DatasetFactory(name="shown", title={"en": "Quoll sightings"}, organization=org)
    result = run(q="quokkas", suggest=True)
    assert result.total == 0
    assert "quokka" not in " ".join(result.suggestions)


def test_autocomplete_offers_only_visible_titles(request, kinds):
    titles = {c.title for c in autocomplete(actor=ANONYMOUS, text="zeb")}
    assert titles == {"Zebra public crossings"}
    editor = _reader(request, "editor")
    mine = {c.title for c in autocomplete(actor=editor, text="zebra", include_private=True)}
    assert mine == {"Zebra public crossings", "Zebra private crossings"}
