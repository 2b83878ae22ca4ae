"""The portal in a real browser: Debian's chromium driven by Playwright against a live server.

One browser for the whole session; each test gets a fresh context (cookies, language). axe-core
(shipped by the axe-playwright-python package) audits every main page in English and Arabic,
and each page is saved as a screenshot under test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import re

import pytest

from agora.catalog.tests.factories import DatasetFactory
from agora.testing import REPO, serious_accessibility_violations

from .conftest import upload

pytestmark = [pytest.mark.browser, pytest.mark.live]

SHOTS = REPO / "test-artifacts" / "screenshots"
CSV = "country,year,population\nKenya,2020,53771300\nGhana,2020,31072945\nChad,2020,16425859\n"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def portal(transactional_db, live_server, org, other_org):
    kenya = DatasetFactory(
        name="kenya-population",
        title={"en": "Population of Kenya", "ar": "سكان كينيا"},
        description={"en": "Population **by year**, from the national census."},
        organization=org,
        themes=["SOCI"],
        countries=["KEN"],
        tags=["population"],
        spatial={
            "type": "Polygon",
            "coordinates": [[[34, -4.7], [41.9, -4.7], [41.9, 5], [34, 5], [34, -4.7]]],
        },
    )
    upload(kenya, "population.csv", CSV.encode())
    DatasetFactory(
        name="ghana-population",
        title={"en": "Population of Ghana"},
        organization=other_org,
        themes=["SOCI"],
        countries=["GHA"],
        tags=["population"],
    )
    DatasetFactory(
        name="budget",
        title={"en": "National budget"},
        organization=org,
        themes=["ECON"],
        countries=["KEN"],
    )
    return live_server.url


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_facet_and_back_button(page, portal):
    page.goto(f"{portal}/search")
    page.get_by_label("Search datasets").fill("population")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=population**")
    assert page.locator(".results-count").inner_text() == "2 datasets found"
    page.locator(".facet a", has_text="Kenya").first.click()
    page.wait_for_url("**country=KEN**")
    assert page.locator(".results-count").inner_text() == "1 dataset found"
    assert page.locator(".chip", has_text="Kenya").is_visible()
    shot(page, "search-en")
    page.go_back()
    page.wait_for_url("**/search?q=population")
    assert page.locator(".results-count").inner_text() == "2 datasets found"


def test_search_and_facets_work_without_javascript(browser, portal):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{portal}/search?q=population")
    page.locator(".facet a", has_text="Ghana").first.click()
    page.wait_for_url("**country=GHA**")
    assert page.locator(".results-count").inner_text() == "1 dataset found"
    context.close()


def test_open_a_dataset_and_sort_its_table_preview(page, portal):
    page.goto(f"{portal}/search?q=kenya")
    page.get_by_role("link", name="Population of Kenya").click()
    page.wait_for_url("**/dataset/kenya-population")
    table = page.locator("#preview table")
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "Kenya"
    table.get_by_role("button", name="population", exact=True).click()
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "Chad"
    assert table.locator("th").nth(2).get_attribute("aria-sort") == "ascending"
    assert page.locator("svg .map-shape").count() == 2
    shot(page, "dataset-en")
    page.get_by_role("link", name="Open the full preview").click()
    page.get_by_role("link", name="population", exact=True).click()
    page.wait_for_url("**sort=2**")
    assert page.locator("tbody tr").first.locator("td").first.inner_text() == "Chad"


def test_switching_to_arabic_keeps_the_page_and_turns_it_right_to_left(page, portal):
    page.goto(f"{portal}/dataset/kenya-population")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="العربيّة").click()
    page.wait_for_url("**/dataset/kenya-population")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "سكان كينيا"
    nav = page.get_by_role("navigation", name="القائمة الرئيسية")
    assert nav.get_by_role("link", name="مجموعات البيانات").is_visible()
    shot(page, "dataset-ar")


MAIN_PAGES = {
    "home": "/",
    "search": "/search?q=population",
    "dataset": "/dataset/kenya-population",
    "history": "/dataset/kenya-population/history",
    "publishers": "/organization",
    "publisher": "/organization/ministry-of-health",
    "countries": "/country",
    "country": "/country/ken",
    "themes": "/theme",
    "theme": "/theme/soci",
    "not-found": "/dataset/nothing-here",
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_have_no_serious_accessibility_violations(browser, portal, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
    page = context.new_page()
    found = {}
    for name, path in MAIN_PAGES.items():
        page.goto(f"{portal}{path}")
        shot(page, f"{name}-{language}")
        violations = serious_accessibility_violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_phone_layout_has_no_horizontal_scroll(browser, portal):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    for name, path in (
        ("home", "/"),
        ("search", "/search?q=population"),
        ("dataset", "/dataset/kenya-population"),
    ):
        page.goto(f"{portal}{path}")
        shot(page, f"{name}-phone")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{name} is {width}px wide on a 375px screen"
    context.close()


# The publisher workspace


def sign_in(page, portal: str, username: str = "org-editor") -> None:
    page.goto(f"{portal}/user/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{portal}/workspace")


def test_publisher_creates_a_dataset_with_a_csv_edits_it_and_makes_it_private(
    browser, page, portal, editor, tmp_path
):
    sign_in(page, portal)
    page.get_by_role("link", name="New dataset").first.click()
    page.get_by_label("Title (English)").fill("Water points of Kenya")
    page.get_by_label("Description (English)").fill("Every **public** water point.")
    page.get_by_label("Countries covered").fill("KEN")
    page.get_by_label("Keywords").fill("water, sanitation")
    shot(page, "workspace-new-en")
    page.get_by_role("button", name="Save and publish").click()
    page.wait_for_url("**/workspace/dataset/water-points-of-kenya")
    assert page.locator(".message-success").is_visible()
    assert "up to 512.0" in page.locator("#upload-limit").inner_text()

    csv = tmp_path / "water-points.csv"
    csv.write_text("county,points\nNairobi,120\nMombasa,80\nKisumu,45\n")
    page.get_by_label("Upload a file").set_input_files(str(csv))
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_role("button", name="Add the file").click()
    page.locator(".workspace-file", has_text="water-points.csv").wait_for()
    # Sent by the progress-bar script (XMLHttpRequest), not by a full page load.
    assert page.evaluate("() => window.notReloaded") is True
    assert page.url.endswith("/workspace/dataset/water-points-of-kenya")
    assert page.locator(".message-success").inner_text() == "The file is added."
    shot(page, "workspace-dataset-en")

    page.get_by_role("link", name="Edit the description").click()
    page.get_by_label("Title (English)").fill("Water points of Kenya, 2024")
    page.get_by_label("Contact e-mail").fill("not an address")
    page.get_by_role("button", name="Save changes").click()
    error = page.locator("#id_contact_email_error")
    assert error.inner_text().strip().endswith("Enter a valid e-mail address.")
    assert page.get_by_label("Contact e-mail").get_attribute("aria-invalid") == "true"
    shot(page, "workspace-form-errors-en")
    page.get_by_label("Contact e-mail").fill("water@example.org")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/workspace/dataset/water-points-of-kenya")
    assert page.locator("h1").inner_text() == "Water points of Kenya, 2024"

    anonymous = browser.new_context()
    visitor = anonymous.new_page()
    visitor.goto(f"{portal}/dataset/water-points-of-kenya")
    assert visitor.locator("h1").inner_text() == "Water points of Kenya, 2024"
    assert visitor.locator("#preview table tbody tr").count() == 3

    page.get_by_role("button", name="Make private").click()
    page.wait_for_url("**/workspace/dataset/water-points-of-kenya")
    assert page.locator(".badge-private").first.is_visible()
    response = visitor.goto(f"{portal}/dataset/water-points-of-kenya")
    assert response.status == 404
    visitor.goto(f"{portal}/search?q=water")
    assert visitor.get_by_role("link", name="Water points of Kenya, 2024").count() == 0
    anonymous.close()


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    page, portal, editor, settings, tmp_path
):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 20
    sign_in(page, portal)
    page.goto(f"{portal}/workspace/dataset/kenya-population")
    big = tmp_path / "big.csv"
    big.write_text("a,b\n" + "1,2\n" * 50)
    page.get_by_label("Upload a file").set_input_files(str(big))
    page.get_by_role("button", name="Add the file").click()
    error = page.locator("#id_upload_error")
    assert "larger than the limit of 20" in error.inner_text()
    assert page.locator(".workspace-file").count() == 1  # only the fixture's population.csv


def test_workspace_forms_work_without_javascript(browser, portal, editor):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, portal)
    page.goto(f"{portal}/workspace/dataset/kenya-population")
    page.get_by_label("Or link to a file on the web").fill("https://data.example.org/points.csv")
    page.get_by_role("button", name="Add the file").click()
    page.wait_for_url("**/workspace/dataset/kenya-population")
    assert page.locator(".workspace-file").count() == 2
    page.get_by_role("button", name=re.compile(r"^Move up\W+points\.csv$")).click()
    page.wait_for_url("**/workspace/dataset/kenya-population#file-*")
    assert "points.csv" in page.locator(".workspace-file").first.inner_text()
    context.close()


WORKSPACE_PAGES = {
    "sign-in": "/user/login",
    "password-reset": "/user/reset",
    "workspace": "/workspace",
    "workspace-new": "/workspace/dataset/new",
    "workspace-dataset": "/workspace/dataset/kenya-population",
    "workspace-edit": "/workspace/dataset/kenya-population/edit",
    "workspace-members": "/workspace/organization/ministry-of-health/members",
    "workspace-delete": "/workspace/dataset/budget/delete",
    "workspace-tokens": "/workspace/tokens",
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_workspace_pages_have_no_serious_accessibility_violations(
    browser, portal, org_admin, language
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
    page = context.new_page()
    found = {}
    for name, path in list(WORKSPACE_PAGES.items())[:2]:
        page.goto(f"{portal}{path}")
        shot(page, f"{name}-{language}")
        if violations := serious_accessibility_violations(page):
            found[name] = violations
    page.goto(f"{portal}/user/login")
    page.locator("#id_username").fill("org-admin")
    page.locator("#id_password").fill("correct horse battery")
    page.locator("form.workspace-form [type=submit]").click()
    page.wait_for_url(f"{portal}/workspace")
    for name, path in list(WORKSPACE_PAGES.items())[2:]:
        page.goto(f"{portal}{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        shot(page, f"{name}-{language}")
        if violations := serious_accessibility_violations(page):
            found[name] = violations
    page.goto(f"{portal}/workspace/tokens")
    page.locator("#id_name").fill("harvest script")
    page.locator("form.workspace-form [type=submit]").click()
    assert page.locator(".token-value").input_value().startswith("agora_")
    shot(page, f"workspace-token-created-{language}")
    if violations := serious_accessibility_violations(page):
        found["workspace-token-created"] = violations
    page.goto(f"{portal}/workspace/dataset/new")
    page.locator("form.workspace-form button[value=draft]").click()
    shot(page, f"workspace-new-errors-{language}")
    if violations := serious_accessibility_violations(page):
        found["workspace-new-errors"] = violations
    context.close()
    assert found == {}


def test_workspace_phone_layout_has_no_horizontal_scroll(browser, portal, editor):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    sign_in(page, portal)
    for name, path in (
        ("workspace", "/workspace"),
        ("workspace-new", "/workspace/dataset/new"),
        ("workspace-dataset", "/workspace/dataset/kenya-population"),
    ):
        page.goto(f"{portal}{path}")
        shot(page, f"{name}-phone")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{name} is {width}px wide on a 375px screen"
    context.close()
