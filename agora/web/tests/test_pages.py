"""Every public page renders in each UN language; errors, language switch and headers."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search",
    "/organization",
    "/organization/ministry-of-health",
    "/country",
    "/country/ken",
    "/theme",
    "/theme/soci",
    "/dataset/public-population",
    "/dataset/public-population/history",
]


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_every_language(web, catalogue, path, language):
    web.cookies["django_language"] = language
    response = web.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in body
    assert body.count("<main") == 1
    assert body.count("<h1") == 1


def test_arabic_chrome_is_translated(in_arabic, catalogue):
    body = in_arabic.get("/").content.decode()
    for english in ("Skip to main content", "Search datasets", "Publishers", "Browse by theme"):
        assert english not in body
    assert "الانتقال إلى المحتوى الرئيسي" in body


def test_not_found_page_is_in_the_readers_language(in_arabic, db):
    response = in_arabic.get("/dataset/does-not-exist")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()


def test_server_error_page_renders_without_a_request_context(db):
    from django.test import RequestFactory
    from django.utils import translation

    from agora.web.views.errors import server_error

    with translation.override("fr"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Une erreur s’est produite" in response.content.decode()


def test_language_switch_keeps_the_page_and_sets_the_cookie(web, catalogue):
    response = web.get("/language/fr", {"next": "/search?q=population&country=KEN"})
    assert response.status_code == 302
    assert response["Location"] == "/search?q=population&country=KEN"
    assert response.cookies["django_language"].value == "fr"
    assert 'lang="fr"' in web.get("/search").content.decode()


def test_language_switch_refuses_to_redirect_off_site(web):
    assert web.get("/language/fr", {"next": "https://evil.example/"})["Location"] == "/"
    assert web.get("/language/fr", {"next": "//evil.example/"})["Location"] == "/"
    assert web.get("/language/xx").status_code == 404


def test_pages_are_compressed(web, catalogue):
    response = web.get("/search", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_search_page_ships_less_than_150_kb_of_css_and_js_compressed(web, catalogue):
    import gzip
    import re
    from pathlib import Path

    from django.contrib.staticfiles import finders

    body = web.get("/search").content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', body)
    assert {"web/agora.css", "web/agora.js", "django_htmx/htmx-2.min.js"} <= set(assets)
    total = sum(len(gzip.compress(Path(finders.find(a)).read_bytes())) for a in assets)
    assert total < 150 * 1024
