"""The dataset page: safe Markdown, files, preview, map, history, caching, JSON-LD hook."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agora.catalog import services
from agora.catalog.tests.factories import DatasetFactory, DistributionDraftFactory
from agora.core.actor import SYSTEM
from agora.interop.records import DatasetDraft
from agora.web.models import DatasetUsage

pytestmark = pytest.mark.django_db


def test_description_markdown_is_rendered_and_scripts_are_removed(web, catalogue):
    body = web.get("/dataset/public-population").content.decode()
    assert "<strong>people</strong>" in body
    assert "<script>alert(1)</script>" not in body
    assert "<script>" not in body.split('class="description')[1].split("</section>")[0]


def test_page_lists_the_upload_with_format_size_checksum_and_download(web, catalogue):
    response = web.get("/dataset/public-population")
    body = response.content.decode()
    dist = catalogue["public"].distributions.get()
    assert 'data-format="csv"' in body
    assert dist.checksum_sha256 in body
    assert f"/dataset/{dist.dataset_id}/resource/{dist.id}/download/" in body


def test_page_previews_the_first_rows_of_the_csv(web, catalogue):
    response = web.get("/dataset/public-population")
    preview = response.context["preview"][1]
    assert preview.header == ["country", "year", "population"]
    assert preview.rows[0] == ["Kenya", "2020", "53771300"]
    assert "<td>Ghana</td>" in response.content.decode()


def test_page_draws_the_spatial_coverage_as_inline_svg(web, catalogue):
    body = web.get("/dataset/public-population").content.decode()
    assert 'class="map-shape"' in body
    assert "M33.000,5.000" in body  # the polygon's first corner, y = -latitude


def test_page_shows_french_title_on_the_french_page_and_says_when_it_falls_back(web, catalogue):
    web.cookies["django_language"] = "fr"
    french = web.get("/dataset/public-population").content.decode()
    assert "Population de l&#x27;Afrique" in french
    web.cookies["django_language"] = "ru"
    russian = web.get("/dataset/public-population").content.decode()
    assert 'lang="en"' in russian
    assert "показан на языке" in russian


def test_page_answers_a_repeated_request_with_304(web, catalogue):
    first = web.get("/dataset/public-population")
    assert first["ETag"]
    assert first["Last-Modified"]
    again = web.get("/dataset/public-population", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_etag_changes_when_the_dataset_changes(web, catalogue):
    first = web.get("/dataset/public-population")["ETag"]
    services.dataset_update(
        actor=SYSTEM,
        dataset=catalogue["public"],
        draft=DatasetDraft(
            name="public-population",
            title={"en": "Population, revised"},
            organization="ministry-of-health",
        ),
    )
    response = web.get("/dataset/public-population", HTTP_IF_NONE_MATCH=first)
    assert response.status_code == 200
    assert response["ETag"] != first


def test_etag_differs_per_language(web, catalogue):
    english = web.get("/dataset/public-population")["ETag"]
    web.cookies["django_language"] = "ar"
    assert web.get("/dataset/public-population")["ETag"] != english


def test_history_lists_what_changed_between_revisions(web, catalogue):
    services.dataset_update(
        actor=SYSTEM,
        dataset=catalogue["public"],
        draft=DatasetDraft(
            name="public-population",
            title={"en": "Population, revised"},
            organization="ministry-of-health",
        ),
    )
    response = web.get("/dataset/public-population/history")
    newest = response.context["entries"][0]
    fields = {(c.field, c.detail): (c.old, c.new) for c in newest["changes"]}
    assert fields[("title", "en")] == ("Population of Africa", "Population, revised")
    assert ("title", "fr") in fields  # the French title was dropped by this update


def test_editors_names_are_not_shown_to_the_public(web, catalogue, member):
    assert web.get("/dataset/public-population").context["show_editors"] is False
    web.force_login(member)
    assert web.get("/dataset/public-population").context["show_editors"] is True


def test_a_view_is_counted_once_per_page_view_but_not_for_robots_or_304(web, catalogue):
    first = web.get("/dataset/public-population")
    web.get("/dataset/public-population", HTTP_IF_NONE_MATCH=first["ETag"])
    web.get("/dataset/public-population", HTTP_USER_AGENT="Googlebot/2.1")
    assert DatasetUsage.objects.get().views == 1


def test_page_embeds_schema_org_json_ld(web, catalogue):
    body = web.get("/dataset/public-population").content.decode()
    script = body.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(script)
    assert data["@type"] == "Dataset"
    assert data["name"] == "Population of Africa"


def test_a_client_that_prefers_rdf_gets_rdf_from_the_page_url(web, catalogue):
    response = web.get("/dataset/public-population", HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")


def test_rdf_negotiation_does_not_leak_private_datasets(web, catalogue):
    assert web.get("/dataset/secret-budget", HTTP_ACCEPT="text/turtle").status_code == 404


def _queries(web, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert web.get(path, HTTP_USER_AGENT="bot").status_code == 200
    return len(ctx.captured_queries)


def test_dataset_page_queries_do_not_grow_with_distributions(web, org):
    few = DatasetFactory(organization=org, distributions=DistributionDraftFactory.build_batch(1))
    many = DatasetFactory(organization=org, distributions=DistributionDraftFactory.build_batch(12))
    assert _queries(web, f"/dataset/{many.name}") == _queries(web, f"/dataset/{few.name}")


def test_history_lists_every_version_of_every_file_with_its_checksum(web, catalogue):
    import hashlib
    from urllib.parse import urlsplit

    from django.core.files.uploadedfile import SimpleUploadedFile

    from agora.interop.records import DistributionDraft
    from agora.web.tests.conftest import CSV

    first = catalogue["public"].distributions.get()
    revised = b"country,year,population\nKenya,2021,54985698\n"
    services.distribution_update(
        actor=SYSTEM,
        distribution=first,
        draft=DistributionDraft(title=first.title, format="CSV"),
        upload=SimpleUploadedFile("population.csv", revised),
    )
    response = web.get("/dataset/public-population/history")
    files = response.context["files"]
    assert [f["version"].number for f in files] == [2, 1]
    assert files[0]["version"].file.sha256 == hashlib.sha256(revised).hexdigest()
    page = response.content.decode()
    for entry in files:
        assert entry["version"].file.sha256 in page
        assert f"/versions/{entry['version'].number}/download/" in entry["url"]
    old = web.get(urlsplit(files[1]["url"]).path)
    assert old.status_code == 200
    assert b"".join(old.streaming_content) == CSV.encode()  # the first upload, unchanged
