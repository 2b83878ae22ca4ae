"""The portal in a real browser: Debian's chromium driven by Playwright against a live server.

One browser for the whole session; each test gets a fresh context (cookies, language). axe-core
(shipped by the axe-playwright-python package) audits every main page in English and Arabic,
and each page is saved as a screenshot under test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agora.catalog.tests.factories import DatasetFactory
from agora.testing import REPO

from .conftest import upload

pytestmark = [pytest.mark.browser, pytest.mark.live]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = REPO / "test-artifacts" / "screenshots"
CSV = "country,year,population\nKenya,2020,53771300\nGhana,2020,31072945\nChad,2020,16425859\n"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's async guard must not mistake them for async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


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


def _serious_violations(page) -> list[str]:
    from axe_playwright_python import sync_playwright as axe_module

    axe_js = Path(axe_module.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_have_no_serious_accessibility_violations(browser, portal, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
    page = context.new_page()
    found = {}
    for name, path in MAIN_PAGES.items():
        page.goto(f"{portal}{path}")
        shot(page, f"{name}-{language}")
        violations = _serious_violations(page)
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
