"""The publisher workspace over HTTP: every action through the services, errors on fields."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agora.accounts.models import ApiToken, Membership
from agora.catalog.models import Dataset, Distribution, DistributionState
from agora.catalog.tests.factories import DatasetFactory, DistributionDraftFactory

from .conftest import CSV, upload


def _client(user=None, language: str | None = None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 (test browser)")
    if user is not None:
        client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def _form(org, **changes) -> dict[str, object]:
    data = {
        "title_en": "Water points of Kenya",
        "description_en": "Every **public** water point.",
        "name": "",
        "organization": str(org.id),
        "tags": "water, sanitation",
        "themes": ["ENVI"],
        "licence": "CC-BY-4.0",
        "countries": "KEN",
        "languages": "en, sw",
        "temporal_start": "2020-01-01",
        "temporal_end": "2020-12-31",
        "frequency": "ANNUAL",
        "access_rights": "PUBLIC",
        "version": "1.0",
        "contact_name": "Water desk",
        "contact_email": "water@example.org",
        "contact_url": "",
        "landing_page": "https://water.example.org/",
        "spatial": "",
        "visibility": "public",
        "action": "draft",
    }
    data.update(changes)
    return data


def _errors_of(html: str, field_id: str) -> str:
    found = re.search(rf'<ul class="field-errors" id="{field_id}_error">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


# Signing in and out, password reset


def test_the_workspace_asks_visitors_to_sign_in_and_comes_back(web):
    response = web.get("/workspace/dataset/new")
    assert response.status_code == 302
    assert response["Location"] == "/user/login?next=%2Fworkspace%2Fdataset%2Fnew"


def test_sign_in_with_the_password_then_sign_out(web, editor):
    page = web.get("/user/login")
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = web.post(
        "/user/login",
        {"username": "org-editor", "password": "correct horse battery", "next": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/workspace"
    home = web.get("/workspace").content.decode()
    assert "org-editor" in home
    assert "Sign out" in home
    assert web.post("/user/logout").status_code == 302
    assert web.get("/workspace").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(web, editor):
    response = web.post("/user/login", {"username": "org-editor", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    assert "_auth_user_id" not in web.session


def test_password_reset_mails_a_link_that_sets_a_new_password(web, editor):
    response = web.post("/user/reset", {"email": editor.email})
    assert response.status_code == 302
    assert response["Location"] == "/user/reset/sent"
    assert len(mail.outbox) == 1
    link = re.search(r"http://127\.0\.0\.1(/user/reset/\S+)", mail.outbox[0].body).group(1)
    assert "org-editor" in mail.outbox[0].body
    form_page = web.get(link, follow=True)
    assert "new_password1" in form_page.content.decode()
    done = web.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a much longer secret 42", "new_password2": "a much longer secret 42"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/user/reset/done"
    editor.refresh_from_db()
    assert editor.check_password("a much longer secret 42")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(web, editor):
    response = web.post("/user/reset", {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_every_form_is_csrf_protected(editor, org):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    dataset = DatasetFactory(organization=org)
    posts = [
        "/workspace/dataset/new",
        f"/workspace/dataset/{dataset.name}/edit",
        f"/workspace/dataset/{dataset.name}/state",
        f"/workspace/dataset/{dataset.name}/files",
        "/workspace/tokens",
        f"/workspace/organization/{org.name}/members",
        "/user/logout",
    ]
    for path in posts:
        assert client.post(path, {}).status_code == 403, path
    assert Dataset.objects.count() == 1
    client.cookies["django_language"] = "fr"
    refusal = client.post("/workspace/tokens", {"name": "x"}).content.decode()
    assert 'lang="fr"' in refusal
    assert "Ce formulaire a expiré" in refusal
    assert not ApiToken.objects.exists()


# Datasets


def test_an_editor_creates_a_draft_that_the_public_cannot_see(web, editor, org):
    client = _client(editor)
    response = client.post("/workspace/dataset/new", _form(org))
    assert response.status_code == 302
    dataset = Dataset.objects.get(name="water-points-of-kenya")
    assert response["Location"] == f"/workspace/dataset/{dataset.name}"
    assert dataset.state == "draft"
    assert dataset.created_by_id == editor.id
    assert sorted(t.name for t in dataset.tags.all()) == ["sanitation", "water"]
    assert dataset.revisions.count() == 1
    assert web.get(f"/dataset/{dataset.name}").status_code == 404
    page = client.get(response["Location"]).content.decode()
    assert "Saved as a draft" in page


def test_save_and_publish_makes_it_public_at_once(web, editor, org):
    _client(editor).post("/workspace/dataset/new", _form(org, action="publish", name="water"))
    assert Dataset.objects.get(name="water").state == "active"
    assert web.get("/dataset/water").status_code == 200


def test_validation_errors_appear_next_to_their_fields_and_nothing_is_saved(editor, org):
    data = _form(
        org,
        title_en="",
        name="Bad Name!",
        countries="KEN, Atlantis",
        contact_email="not-an-address",
        landing_page="ftp://files",
        temporal_end="2019-01-01",
    )
    response = _client(editor).post("/workspace/dataset/new", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Use only lowercase letters" in _errors_of(html, "id_name")
    data["name"] = "good-name"
    html = _client(editor).post("/workspace/dataset/new", data).content.decode()
    assert "Give a title." in _errors_of(html, "id_title_en")
    assert "Unknown country: Atlantis" in _errors_of(html, "id_countries")
    assert "Enter a valid e-mail address." in _errors_of(html, "id_contact_email")
    assert "http:// or https://" in _errors_of(html, "id_landing_page")
    assert "before its start" in _errors_of(html, "id_temporal_end")
    assert 'aria-invalid="true"' in html
    assert 'class="error-summary"' in html
    assert 'value="KEN, Atlantis"' in html  # what was typed is kept
    assert Dataset.objects.count() == 0


def test_errors_are_in_the_readers_language(editor, org):
    data = _form(org, name="x", contact_email="nope")
    html = _client(editor, "fr").post("/workspace/dataset/new", data).content.decode()
    assert "Utilisez au moins 2 caractères." in _errors_of(html, "id_name")
    assert "Saisissez une adresse électronique valide." in _errors_of(html, "id_contact_email")


def test_a_name_already_in_use_is_reported_on_the_name_field(editor, org):
    DatasetFactory(organization=org, name="water")
    response = _client(editor).post("/workspace/dataset/new", _form(org, name="water"))
    assert response.status_code == 422
    assert "Another dataset already uses this name." in _errors_of(
        response.content.decode(), "id_name"
    )


def test_bad_geojson_is_a_field_error(editor, org):
    response = _client(editor).post("/workspace/dataset/new", _form(org, spatial="{not json"))
    assert "not valid JSON" in _errors_of(response.content.decode(), "id_spatial")


def test_only_editors_publishers_are_offered_and_others_are_refused(editor, org, other_org):
    client = _client(editor)
    page = client.get("/workspace/dataset/new").content.decode()
    assert str(org.id) in page
    assert str(other_org.id) not in page
    response = client.post("/workspace/dataset/new", _form(other_org))
    assert response.status_code == 422
    assert Dataset.objects.count() == 0


def test_a_member_without_the_editor_role_cannot_edit(member, org):
    dataset = DatasetFactory(organization=org)
    client = _client(member)
    assert client.get(f"/workspace/dataset/{dataset.name}/edit").status_code == 403
    assert (
        client.post(f"/workspace/dataset/{dataset.name}/state", {"change": "private"}).status_code
        == 403
    )
    assert Dataset.objects.get(pk=dataset.pk).private is False


def test_a_stranger_gets_404_for_a_private_dataset_in_the_workspace(stranger, org):
    dataset = DatasetFactory(organization=org, private=True)
    assert _client(stranger).get(f"/workspace/dataset/{dataset.name}").status_code == 404


def test_editing_keeps_what_the_form_does_not_show(editor, org):
    dataset = DatasetFactory(
        organization=org,
        name="budget",
        title={"en": "Budget", "de": "Haushalt"},
        identifier="urn:budget",
        extras={"source": "treasury"},
    )
    client = _client(editor)
    form = client.get("/workspace/dataset/budget/edit").content.decode()
    assert 'value="Budget"' in form
    revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
    data = _form(org, name="budget", title_en="Budget 2024", title_fr="Budget 2024 (fr)")
    data.update(revision=revision, action="save")
    response = client.post("/workspace/dataset/budget/edit", data)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.title == {"de": "Haushalt", "en": "Budget 2024", "fr": "Budget 2024 (fr)"}
    assert dataset.identifier == "urn:budget"
    assert dataset.extras == {"source": "treasury"}
    assert dataset.state == "active"


def test_an_edit_based_on_an_old_revision_does_not_overwrite_a_newer_one(editor, org):
    DatasetFactory(organization=org, name="budget")
    data = _form(org, name="budget", revision="0", action="save")
    response = _client(editor).post("/workspace/dataset/budget/edit", data)
    assert response.status_code == 422
    assert "Someone else changed this dataset" in response.content.decode()


def test_publish_make_private_and_public_again(web, editor, org):
    dataset = DatasetFactory(organization=org, name="census", state="draft")
    client = _client(editor)
    assert client.post("/workspace/dataset/census/state", {"change": "publish"}).status_code == 302
    assert web.get("/dataset/census").status_code == 200
    client.post("/workspace/dataset/census/state", {"change": "private"})
    assert Dataset.objects.get(pk=dataset.pk).private is True
    assert web.get("/dataset/census").status_code == 404
    assert 'href="/dataset/census"' not in web.get("/search?q=census").content.decode()
    client.post("/workspace/dataset/census/state", {"change": "public"})
    assert web.get("/dataset/census").status_code == 200
    assert client.post("/workspace/dataset/census/state", {"change": "explode"}).status_code == 400


# Files


def test_upload_a_csv_with_the_limit_stated_up_front(editor, org, settings):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    DatasetFactory(organization=org, name="population")
    client = _client(editor)
    page = client.get("/workspace/dataset/population").content.decode()
    assert "Uploads can be up to 5.0\xa0MB" in page
    assert 'data-max-bytes="5242880"' in page
    assert 'enctype="multipart/form-data"' in page
    response = client.post(
        "/workspace/dataset/population/files",
        {"upload": SimpleUploadedFile("population.csv", CSV.encode()), "title": "", "url": ""},
    )
    assert response.status_code == 302
    dist = Distribution.objects.get(dataset__name="population")
    assert (dist.title, dist.format, dist.byte_size) == ("population.csv", "CSV", len(CSV))
    assert len(dist.checksum_sha256) == 64


def test_add_a_file_by_link(editor, org):
    DatasetFactory(organization=org, name="population")
    response = _client(editor).post(
        "/workspace/dataset/population/files",
        {"url": "https://data.example.org/counts.csv", "title": "Counts"},
    )
    assert response.status_code == 302
    dist = Distribution.objects.get(dataset__name="population")
    assert (dist.url, dist.format, dist.file_id) == (
        "https://data.example.org/counts.csv",
        "CSV",
        None,
    )


def test_a_file_over_the_limit_is_refused_next_to_the_field(editor, org, settings):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 10
    DatasetFactory(organization=org, name="population")
    response = _client(editor).post(
        "/workspace/dataset/population/files",
        {"upload": SimpleUploadedFile("population.csv", CSV.encode())},
    )
    assert response.status_code == 413
    assert "larger than the limit of 10\xa0bytes" in _errors_of(
        response.content.decode(), "id_upload"
    )
    assert not Distribution.objects.filter(dataset__name="population").exists()


def test_a_file_and_a_link_at_once_or_neither_is_an_error(editor, org):
    DatasetFactory(organization=org, name="population")
    client = _client(editor)
    both = client.post(
        "/workspace/dataset/population/files",
        {"upload": SimpleUploadedFile("a.csv", b"a\n1\n"), "url": "https://example.org/a.csv"},
    )
    assert "not both" in _errors_of(both.content.decode(), "id_url")
    neither = client.post("/workspace/dataset/population/files", {"title": "x"})
    assert "Choose a file" in _errors_of(neither.content.decode(), "id_upload")
    bad_link = client.post("/workspace/dataset/population/files", {"url": "javascript:alert(1)"})
    assert "http:// or https://" in _errors_of(bad_link.content.decode(), "id_url")
    assert not Distribution.objects.filter(dataset__name="population").exists()


def _titles(name: str) -> list[str]:
    return list(
        Distribution.objects.filter(dataset__name=name, state=DistributionState.ACTIVE)
        .order_by("position")
        .values_list("title", flat=True)
    )


def test_move_files_up_and_down(editor, org):
    drafts = [DistributionDraftFactory.build(title=t) for t in ("A", "B", "C")]
    DatasetFactory(organization=org, name="files", distributions=drafts)
    client = _client(editor)
    c = Distribution.objects.get(title="C")
    client.post(f"/workspace/dataset/files/files/{c.id}/move", {"direction": "up"})
    assert _titles("files") == ["A", "C", "B"]
    a = Distribution.objects.get(title="A")
    client.post(f"/workspace/dataset/files/files/{a.id}/move", {"direction": "down"})
    assert _titles("files") == ["C", "A", "B"]
    client.post(f"/workspace/dataset/files/files/{c.id}/move", {"direction": "up"})  # no-op
    assert _titles("files") == ["C", "A", "B"]


def test_delete_a_file_after_confirming(editor, org):
    drafts = [DistributionDraftFactory.build(title=t) for t in ("A", "B")]
    DatasetFactory(organization=org, name="files", distributions=drafts)
    client = _client(editor)
    a = Distribution.objects.get(title="A")
    confirm = client.get(f"/workspace/dataset/files/files/{a.id}/delete")
    assert "Delete “A”" in confirm.content.decode()
    assert _titles("files") == ["A", "B"]
    client.post(f"/workspace/dataset/files/files/{a.id}/delete")
    assert _titles("files") == ["B"]


def test_a_file_of_another_dataset_cannot_be_deleted_through_this_one(editor, org):
    DatasetFactory(organization=org, name="mine")
    other = DatasetFactory(
        organization=org, name="other", distributions=[DistributionDraftFactory.build()]
    )
    dist = other.distributions.get()
    response = _client(editor).post(f"/workspace/dataset/mine/files/{dist.id}/delete")
    assert response.status_code == 404
    assert Distribution.objects.get(pk=dist.pk).state == DistributionState.ACTIVE


# Members


def test_an_admin_adds_changes_and_removes_a_member(org_admin, org, stranger):
    client = _client(org_admin)
    page = client.get(f"/workspace/organization/{org.name}/members")
    assert page.status_code == 200
    assert "org-admin" in page.content.decode()
    client.post(
        f"/workspace/organization/{org.name}/members", {"username": "stranger", "role": "member"}
    )
    assert Membership.objects.get(user=stranger, organization=org).role == "member"
    client.post(
        f"/workspace/organization/{org.name}/members/stranger", {f"{stranger.id}-role": "editor"}
    )
    assert Membership.objects.get(user=stranger, organization=org).role == "editor"
    client.post(f"/workspace/organization/{org.name}/members/stranger", {"remove": "1"})
    assert not Membership.objects.filter(user=stranger, organization=org).exists()


def test_an_unknown_user_name_is_a_field_error(org_admin, org):
    response = _client(org_admin).post(
        f"/workspace/organization/{org.name}/members", {"username": "ghost", "role": "member"}
    )
    assert response.status_code == 422
    assert "no user with this name" in _errors_of(response.content.decode(), "id_username")


def test_the_last_admin_can_neither_leave_nor_be_demoted(org_admin, org):
    client = _client(org_admin)
    url = f"/workspace/organization/{org.name}/members/org-admin"
    client.post(url, {f"{org_admin.id}-role": "member"})
    client.post(url, {"remove": "1"})
    assert Membership.objects.get(user=org_admin, organization=org).role == "admin"


def test_editors_cannot_manage_members(editor, org, stranger):
    client = _client(editor)
    assert client.get(f"/workspace/organization/{org.name}/members").status_code == 403
    response = client.post(
        f"/workspace/organization/{org.name}/members", {"username": "stranger", "role": "admin"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()


# API tokens


def test_a_token_is_shown_once_works_and_can_be_revoked(editor):
    client = _client(editor)
    response = client.post("/workspace/tokens", {"name": "nightly script", "expires_in_days": "30"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    secret = re.search(r'value="(agora_[^"]+)"', response.content.decode()).group(1)
    api = Client(HTTP_HOST="127.0.0.1")
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    listing = client.get("/workspace/tokens").content.decode()
    assert "nightly script" in listing
    assert secret not in listing
    token = ApiToken.objects.get(user=editor)
    client.post(f"/workspace/tokens/{token.id}/revoke")
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code in (401, 403)
    assert "revoked" in client.get("/workspace/tokens").content.decode()


def test_nobody_revokes_someone_elses_token(editor, stranger, token_for):
    token_for(stranger)
    token = ApiToken.objects.get(user=stranger)
    assert _client(editor).post(f"/workspace/tokens/{token.id}/revoke").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_token_needs_a_name(editor):
    response = _client(editor).post("/workspace/tokens", {"name": "", "expires_in_days": "0"})
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


# Lists, languages, queries


def test_my_datasets_lists_drafts_and_private_ones_with_filters(editor, org, other_org):
    DatasetFactory(organization=org, name="draft-one", state="draft")
    DatasetFactory(organization=org, name="private-one", private=True)
    DatasetFactory(organization=other_org, name="not-mine")
    client = _client(editor)
    page = client.get("/workspace").content.decode()
    assert "Draft One" in page
    assert "Private One" in page
    assert "Not Mine" not in page
    drafts = client.get("/workspace?status=draft").content.decode()
    assert "Draft One" in drafts
    assert "Private One" not in drafts


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_my_datasets_queries_do_not_grow_with_datasets_or_files(editor, org):
    client = _client(editor)
    DatasetFactory(organization=org, distributions=DistributionDraftFactory.build_batch(1))
    few = _queries(client, "/workspace")
    for _ in range(8):
        DatasetFactory(organization=org, distributions=DistributionDraftFactory.build_batch(3))
    assert _queries(client, "/workspace") == few


def test_the_workspace_dataset_page_queries_do_not_grow_with_files(editor, org):
    client = _client(editor)
    DatasetFactory(
        organization=org, name="few", distributions=DistributionDraftFactory.build_batch(1)
    )
    DatasetFactory(
        organization=org, name="many", distributions=DistributionDraftFactory.build_batch(12)
    )
    assert _queries(client, "/workspace/dataset/many") == _queries(client, "/workspace/dataset/few")


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_workspace_pages_are_translated(editor, org, language):
    dataset = DatasetFactory(organization=org, name="population")
    upload(dataset, "population.csv", CSV.encode())
    client = _client(editor, language)
    english = ["My datasets", "Add a file", "Uploads can be up to", "Save as draft", "API tokens"]
    for path in (
        "/workspace",
        "/workspace/dataset/population",
        "/workspace/dataset/new",
        "/workspace/tokens",
    ):
        html = client.get(path).content.decode()
        assert f'lang="{language}"' in html
        left = [text for text in english if text in html]
        assert left == [], (path, left)
    if language == "ar":
        assert 'dir="rtl"' in client.get("/workspace").content.decode()


def test_the_header_offers_sign_in_to_visitors_and_the_workspace_to_users(web, editor):
    assert 'href="/user/login?next=/search"' in web.get("/search").content.decode()
    page = _client(editor).get("/search").content.decode()
    assert 'href="/workspace"' in page
    assert 'action="/user/logout"' in page


def test_delete_a_dataset_after_confirming(web, editor, member, org):
    DatasetFactory(organization=org, name="old-census")
    assert _client(member).post("/workspace/dataset/old-census/delete").status_code == 403
    client = _client(editor)
    confirm = client.get("/workspace/dataset/old-census/delete").content.decode()
    assert "Delete “Old Census”?" in confirm
    assert Dataset.objects.get(name="old-census").state == "active"
    assert client.post("/workspace/dataset/old-census/delete").status_code == 302
    assert Dataset.objects.get(name="old-census").state == "deleted"
    assert web.get("/dataset/old-census").status_code == 404
