"""The benchmark pages in a real browser (Debian's chromium driven by Playwright, live server):
axe-core finds no serious or critical violation in English and Arabic, sorting and filtering
work without JavaScript, and each page is saved as a screenshot under test-artifacts/.

The browser fixture repeats the portal's (agora/web/tests/test_browser.py): benchmarks may not
import the web package, an import-linter contract says so.
"""

from __future__ import annotations

import pytest

from agora.accounts.tests.factories import UserFactory
from agora.benchmarks import services
from agora.benchmarks.models import BenchmarkRole
from agora.core.actor import Actor
from agora.testing import REPO, serious_accessibility_violations

from .conftest import import_fixture

pytestmark = [pytest.mark.browser, pytest.mark.live]

SHOTS = REPO / "test-artifacts" / "screenshots"


def _role(username: str, role: str, country: str | None = None):  # type: ignore[no-untyped-def]
    user = UserFactory(username=username)
    BenchmarkRole.objects.create(user=user, role=role, country_id=country)
    return Actor(user_id=user.id, username=username)


@pytest.fixture
def portal(transactional_db, live_server) -> str:  # type: ignore[no-untyped-def]
    import_fixture("un_small_2022.csv")
    focal = _role("focal", "focal_point", "KEN")
    reviewer = _role("reviewer", "reviewer", "KEN")
    assessment = services.assessment_create(actor=focal, country="KEN", period="2025")
    services.answer_set(actor=focal, assessment=assessment, question="POL-1", value=True)
    services.answer_set(actor=focal, assessment=assessment, question="LEG-5", value="free")
    services.evidence_add(
        actor=focal,
        assessment=assessment,
        question="POL-1",
        url="https://gov.example/policy.pdf",
        title="Open data policy",
    )
    services.assessment_submit(actor=focal, assessment=assessment)
    services.assessment_review(actor=reviewer, assessment=assessment, accept=True)
    services.assessment_publish(actor=_role("admin", "admin"), assessment=assessment)
    return f"{live_server.url}|{assessment.id}"


PAGES = {
    "bench-map": "/benchmarks/",
    "bench-rankings": "/benchmarks/rankings?sort=-egdi",
    "bench-country": "/benchmarks/country/KEN",
    "bench-compare": "/benchmarks/compare?countries=KEN&countries=DNK&countries=TUR",
    "bench-methodology": "/benchmarks/methodology/un-egov?edition=2022",
    "bench-readiness": "/benchmarks/readiness",
    "bench-questionnaire": "/benchmarks/readiness/questionnaire",
    "bench-assessment": "/benchmarks/readiness/{assessment}",
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_benchmark_pages_have_no_serious_accessibility_violations(browser, portal, language):
    url, assessment = portal.split("|")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page = context.new_page()
    found = {}
    for name, path in PAGES.items():
        page.goto(url + path.format(assessment=assessment))
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{language}.png"), full_page=True)
        violations = serious_accessibility_violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_rankings_sort_and_filter_without_javascript(browser, portal):
    url, _ = portal.split("|")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/benchmarks/rankings")
    page.get_by_role("link", name="TII").click()
    page.wait_for_url("**sort=-tii**")
    first = page.locator("table.bm-table tbody tr").first.locator("th")
    assert first.inner_text().startswith("Denmark")
    page.get_by_label("Region", exact=True).select_option(label="Asia")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**region=142**")
    names = page.locator("table.bm-table tbody th").all_inner_texts()
    assert [n.split()[0] for n in names] == ["Türkiye", "South", "Georgia"]
    context.close()


def test_the_map_links_each_country_to_its_page(browser, portal):
    url, _ = portal.split("|")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/benchmarks/")
    assert page.locator("svg path.bm-shape[class*='bm-band-']").count() == 6
    page.locator("a[href='/benchmarks/country/KEN'] path").click()
    page.wait_for_url("**/benchmarks/country/KEN")
    assert page.locator("h1").inner_text() == "Kenya"
    assert page.locator("svg.bm-radar polygon.bm-radar-shape").count() == 1
    context.close()


def _signed_in(browser, url: str, username: str, language: str):  # type: ignore[no-untyped-def]
    """A browser context with the session of a user signed in through Django's test client."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url},
        {"name": "django_language", "value": language, "url": url},
    ])  # fmt: skip
    return context


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_workflow_forms_have_no_serious_accessibility_violations(browser, portal, language):
    url, _ = portal.split("|")
    focal = Actor(
        user_id=UserFactory._meta.model.objects.get(username="focal").id, username="focal"
    )
    draft = services.assessment_create(actor=focal, country="KEN", period="2026")
    found = {}
    context = _signed_in(browser, url, "focal", language)
    page = context.new_page()
    page.goto(f"{url}/benchmarks/readiness/{draft.id}")
    assert page.locator("select[name='q-POL-2']").count() == 1
    page.screenshot(path=str(SHOTS / f"bench-assessment-draft-{language}.png"), full_page=True)
    found["assessment-draft"] = serious_accessibility_violations(page)
    context.close()
    context = _signed_in(browser, url, "admin", language)
    page = context.new_page()
    page.goto(f"{url}/benchmarks/readiness/questionnaire")
    page.locator("form:has(input[value='new_version']) button").click()
    page.wait_for_url("**version=2**")
    assert page.locator("textarea[name='text']").count() > 40
    page.screenshot(path=str(SHOTS / f"bench-questionnaire-draft-{language}.png"), full_page=True)
    found["questionnaire-draft"] = serious_accessibility_violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}
