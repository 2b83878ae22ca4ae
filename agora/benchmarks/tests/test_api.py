"""The native API of benchmarks: tables as JSON and CSV, filters, comparisons, imports, and
the readiness workflow with its visibility rules, through the real HTTP stack."""

from __future__ import annotations

import csv
import io

import pytest

from agora.benchmarks import services
from agora.benchmarks.models import Assessment
from agora.core.actor import SYSTEM

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db
BASE = "/api/v1/benchmarks"


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_frameworks_and_editions_are_listed(anon_api):
    frameworks = anon_api.get(f"{BASE}/frameworks").json()
    assert {f["code"] for f in frameworks} >= {"un-egov", "odb", "godi", "agora-readiness"}
    editions = anon_api.get(f"{BASE}/frameworks/un-egov/editions").json()
    assert [e["edition"] for e in editions][-3:] == ["2020", "2022", "2024"]
    rows = _csv(anon_api.get(f"{BASE}/frameworks/un-egov/editions", format="csv"))
    assert rows[0]["edition"] == "2003"
    assert len(rows[0]["sha256"]) == 64
    assert anon_api.get(f"{BASE}/frameworks/nope/editions").status_code == 404


def test_methodology_shows_formulas_weights_and_what_is_unknown(anon_api):
    body = anon_api.get(f"{BASE}/frameworks/un-egov/methodology", edition="2022").json()
    indices = {i["code"]: i for i in body["indices"]}
    assert indices["egdi"]["formula"] == "EGDI = (OSI + TII + HCI) / 3"
    assert [c["weight"] for c in indices["hci"]["components"]] == ["1/3", "2/9", "2/9", "2/9"]
    assert {c["cap"] for c in indices["tii"]["components"]} == {120.0}
    osi_weights = next(c for c in indices["osi"]["claims"] if c["about"] == "weights")
    assert osi_weights["status"] == "unknown"
    assert body["classification"]["groups"][0]["classes"] == ["VH", "V3", "V2", "V1"]
    whole = anon_api.get(f"{BASE}/frameworks/odb/methodology").json()
    assert len(whole["editions"]) == 4


def test_indicators_of_an_edition_as_json_and_csv(anon_api):
    body = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2020/indicators").json()
    assert [i["code"] for i in body] == ["osi", "tii", "hci", "epi", "egdi"]
    rows = _csv(anon_api.get(f"{BASE}/frameworks/un-egov/editions/2020/indicators", format="csv"))
    assert {"index": "hci", "code": "adult_literacy", "weight": "1/3"}.items() <= next(
        r for r in rows if r["code"] == "adult_literacy"
    ).items()


def test_scores_of_an_edition_with_filters(anon_api, small_2022):
    body = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores").json()
    assert [r["country"]["code"] for r in body["rows"]] == [
        "DNK",
        "TUR",
        "CIV",
        "KOR",
        "KEN",
        "GEO",
    ]
    assert body["rows"][0]["values"]["egdi"]["text"] == "0.90000"
    assert body["run"]["definition_sha256"]
    latest = anon_api.get(f"{BASE}/frameworks/un-egov/editions/latest/scores", region="002")
    assert latest.json()["edition"] == "2022"  # the most recent edition that has scores
    assert [r["country"]["code"] for r in latest.json()["rows"]] == ["CIV", "KEN"]
    africa = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", region="Africa").json()
    assert [r["country"]["code"] for r in africa["rows"]] == ["CIV", "KEN"]
    east = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", subregion="Eastern Asia")
    assert [r["country"]["code"] for r in east.json()["rows"]] == ["KOR"]
    middle = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", group="M").json()
    assert len(middle["rows"]) == 3
    by_hci = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", sort="hci").json()
    assert by_hci["rows"][0]["country"]["code"] == "GEO"


def test_country_groups_filter_uses_the_membership_of_the_editions_year(anon_api, small_2022):
    ldc = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", country_group="ldc")
    assert ldc.json()["rows"] == []
    sids = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", country_group="sids")
    assert sids.json()["rows"] == []
    lldc = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", country_group="lldc")
    assert lldc.status_code == 200
    bad = anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", country_group="g7")
    assert bad.status_code == 422


def test_scores_as_csv(anon_api, small_2022):
    rows = _csv(anon_api.get(f"{BASE}/frameworks/un-egov/editions/2022/scores", format="csv"))
    assert rows[0]["country"] == "DNK"
    assert rows[0]["egdi"] == "0.90000"
    assert rows[0]["rank"] == "1"
    assert rows[0]["group"] == "VH"
    assert rows[0]["rating_class"] == "VH"
    assert rows[0]["egdi_source"] == "published"


def test_a_countrys_series_and_a_comparison(anon_api, small_2022):
    series = anon_api.get(f"{BASE}/countries/KEN/series").json()
    assert [(r["edition"], r["rank"]) for r in series] == [("2022", 5)]
    assert anon_api.get(f"{BASE}/countries/ZZZ/series").status_code == 404
    compared = anon_api.get(f"{BASE}/compare", countries="KEN,DNK", edition="2022").json()
    assert [r["country"]["code"] for r in compared["rows"]] == ["KEN", "DNK"]
    assert set(compared["series"]) == {"KEN", "DNK"}
    rows = _csv(anon_api.get(f"{BASE}/compare", countries="KEN,DNK", edition="2022", format="csv"))
    assert [r["country"] for r in rows] == ["KEN", "DNK"]


@pytest.mark.parametrize("countries", ["", "KEN,DNK,TUR,KOR,GEO,CIV", "KEN,XXX"])
def test_comparisons_take_one_to_five_known_countries(anon_api, small_2022, countries):
    response = anon_api.get(f"{BASE}/compare", countries=countries, edition="2022")
    assert response.status_code == 400
    assert response.json()["code"] == "benchmarks.bad_filter"


def test_portal_measurements_and_their_definitions(anon_api):
    services.portal_measure(actor=SYSTEM)
    latest = anon_api.get(f"{BASE}/portal/measurements").json()
    harvest = next(m for m in latest if m["indicator"] == "harvest_health")
    assert harvest["status"] == "no_data"  # no harvest source yet
    assert harvest["value"] is None
    assert harvest["method"].endswith("#harvest_health")
    rows = _csv(anon_api.get(f"{BASE}/portal/measurements", format="csv", series="true"))
    assert {r["indicator"] for r in rows} >= {"open_licence", "working_links"}
    definitions = anon_api.get(f"{BASE}/portal/indicators").json()
    assert "required" in next(
        i for i in definitions["indicators"] if i["code"] == "complete_metadata"
    )
    assert (
        anon_api.get(f"{BASE}/portal/measurements", scope="country", series="true").status_code
        == 400
    )


def test_imports_over_the_api_are_for_benchmarks_admins_and_all_or_nothing(
    api_as, bench_admin, focal_ken
):
    def post(client, name, **fields):  # type: ignore[no-untyped-def]
        with (FIXTURES / name).open("rb") as handle:
            return client.client.post(
                f"{BASE}/imports",
                {"kind": "un-egov-export", "file": handle, **fields},
                HTTP_AUTHORIZATION=client.token,
            )

    assert post(api_as(focal_ken), "un_small_2022.csv").status_code == 403
    refused = post(api_as(bench_admin), "broken_duplicate_country.csv")
    assert refused.status_code == 422
    assert refused.json()["code"] == "benchmarks.import_rejected"
    assert "line 4 country" in refused.json()["errors"]
    dry = post(api_as(bench_admin), "un_small_2022.csv", dry_run="true")
    assert dry.status_code == 200
    assert dry.json()["imported"] is False
    done = post(api_as(bench_admin), "un_small_2022.csv")
    assert done.status_code == 201
    assert done.json()["report"]["rows_ok"] == 6


def test_the_readiness_workflow_over_the_api(
    api_as, anon_api, focal_ken, reviewer_ken, bench_admin
):
    focal, reviewer, admin = api_as(focal_ken), api_as(reviewer_ken), api_as(bench_admin)
    questionnaire = anon_api.get(f"{BASE}/readiness/questionnaire").json()
    assert questionnaire["version"] == 1
    assert len(questionnaire["questions"]) == 42
    created = focal.send(
        "POST", f"{BASE}/readiness/assessments", {"country": "KEN", "period": "2025"}
    )
    assert created.status_code == 201
    url = f"{BASE}/readiness/assessments/{created.json()['id']}"
    assert anon_api.get(url).status_code == 404
    assert focal.send("PUT", f"{url}/answers/POL-1", {"value": True}).status_code == 200
    bad = focal.send("PUT", f"{url}/answers/POL-2", {"value": "most"})
    assert bad.status_code == 422
    evidence = focal.send(
        "POST", f"{url}/evidence", {"question": "POL-1", "url": "https://gov.example/p.pdf"}
    )
    assert evidence.status_code == 201
    assert focal.send("POST", f"{url}/submit").status_code == 200
    assert focal.send("POST", f"{url}/review", {"accept": True}).status_code == 403
    assert reviewer.send("POST", f"{url}/review", {"accept": True}).status_code == 200
    assert reviewer.send("POST", f"{url}/publish").status_code == 403
    published = admin.send("POST", f"{url}/publish")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    public = anon_api.get(url).json()
    assert public["comments"] == []
    assert public["result"]["overall"] == 100.0
    rows = _csv(anon_api.get(url, format="csv"))
    assert next(r for r in rows if r["question"] == "POL-1")["value"] == "true"
    listed = anon_api.get(f"{BASE}/readiness/assessments").json()
    assert [a["status"] for a in listed] == ["published"]


def test_drafts_are_listed_only_for_the_countrys_roles(
    api_as, anon_api, focal_ken, focal_dnk, actor_of
):
    services.assessment_create(actor=actor_of(focal_ken), country="KEN", period="2025")
    assert anon_api.get(f"{BASE}/readiness/assessments").json() == []
    assert api_as(focal_dnk).get(f"{BASE}/readiness/assessments").json() == []
    assert len(api_as(focal_ken).get(f"{BASE}/readiness/assessments").json()) == 1
    assert Assessment.objects.count() == 1
