"""The CKAN envelope and status codes, and hostile input that must never cause a server error.

Client mistakes are 400 (malformed request, unknown action, GET on a write action, search
syntax), 403 (credentials, permissions), 404, 409 (validation, naming each field) or 413 (too
large); never 500.
"""

from __future__ import annotations

import json
import time

import pytest

from agora.api.ckan.search_params import CKAN_FIELDS, TEXT_FIELDS
from agora.api.ckan.views import ACTIONS
from agora.catalog.models import Dataset, Organization
from agora.interop.ckan import ORGANIZATION_FIELDS, PACKAGE_FIELDS, RESOURCE_FIELDS

from .shared import call, ckan_response, envelope, error, ok

pytestmark = pytest.mark.django_db

URL = "/api/3/action/"


def post_raw(api, action: str, body: bytes | str, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    return api.client.post(URL + action, body, content_type=content_type, **api._headers())


# ------------------------------------------------------------------ the envelope


def test_a_success_has_help_success_and_result(anon_api):
    body = envelope(call(anon_api, "site_read"), 200)
    assert body == {
        "help": "http://127.0.0.1:8000/api/3/action/help_show?name=site_read",
        "success": True,
        "result": True,
    }


def test_an_error_has_the_same_shape_as_real_ckan_errors(anon_api):
    real = ckan_response("dados-gov-br/error404.package_show.no-dataset.json")
    body = envelope(call(anon_api, "package_show", {"id": "nothing-here"}), 404)
    assert set(body) == set(real)
    assert set(body["error"]) == set(real["error"])
    assert body["error"]["__type"] == real["error"]["__type"] == "Not Found Error"
    assert body["help"].endswith("/api/3/action/help_show?name=package_show")


def test_validation_errors_list_messages_per_field_next_to_the_type(api_as, editor, org):
    err = error(
        call(api_as(editor), "package_create", {"name": "X!", "owner_org": org.name, "url": "x"}),
        409,
        "Validation Error",
    )
    assert set(err) == {"__type", "message", "name", "url"}
    assert all(isinstance(m, str) for m in err["name"] + err["url"])


# ------------------------------------------------------------------ 400: malformed requests


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_action_is_a_bad_request(anon_api, method):
    err = error(call(anon_api, "package_revise_everything", {}, method), 400, "Bad Request")
    assert err["message"] == "Bad request - Action name not known: package_revise_everything"


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_only_get_and_post_are_answered(anon_api, method):
    response = anon_api.client.generic(method, URL + "status_show")
    assert "Only GET and POST" in error(response, 400, "Bad Request")["message"]


def test_a_write_action_refuses_get(api_as, sysadmin):
    response = call(api_as(sysadmin), "organization_create", {"name": "via-get"}, "GET")
    assert "Please use POST" in error(response, 400, "Bad Request")["message"]
    assert not Organization.objects.filter(name="via-get").exists()


@pytest.mark.parametrize(
    "body",
    [
        b'{"name": ',
        b"{'single': 'quotes'}",
        b'{"a": 1,}',
        b"\xff\xfe\x00garbage",
        b"\x80\x81\x82",
        b'{"name": "caf\xe9"}',
        b"[" * 100_000,
        b'{"q": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"{" * 50_000,
    ],
)
def test_malformed_json_is_a_bad_request(api_as, editor, body):
    err = error(post_raw(api_as(editor), "package_create", body), 400, "Bad Request")
    assert "JSON Error" in err["message"]
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("body", ["[]", '["name"]', "5", '"text"', "null", "true"])
def test_a_json_body_must_be_an_object(anon_api, body):
    err = error(post_raw(anon_api, "status_show", body), 400, "Bad Request")
    assert "must be a JSON object" in err["message"]


def test_an_empty_body_means_no_parameters(anon_api):
    assert ok(post_raw(anon_api, "status_show", b""))["ckan_version"] == "2.10.0"


def test_a_malformed_multipart_body_is_a_bad_request(api_as, editor, public_dataset):
    response = post_raw(
        api_as(editor),
        "resource_create",
        b"--nope\r\nnot multipart at all",
        "multipart/form-data; boundary=",
    )
    assert envelope(response, 400)["error"]["__type"] == "Bad Request"


@pytest.mark.parametrize(
    "data",
    [
        {"name": "nul\x00name", "owner_org": "ministry-of-health"},
        {"title": "a\x00b", "name": "n", "owner_org": "ministry-of-health"},
        {"na\x00me": "x"},
        {"tags": ["ok", "bad\x00"], "name": "n", "owner_org": "ministry-of-health"},
        {"extras": [{"key": "k", "value": "\x00"}], "name": "n", "owner_org": "x"},
        {"title": "\ud800", "name": "n", "owner_org": "ministry-of-health"},
        {"nested": [[[["\udfff"]]]]},
    ],
)
def test_text_no_database_can_store_is_a_bad_request(api_as, editor, org, data):
    err = error(call(api_as(editor), "package_create", data), 400, "Bad Request")
    assert "NUL characters or unpaired surrogates" in err["message"]
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("package_show", {"id": "a\x00b"}),
        ("organization_show", {"id": "\x00"}),
        ("user_show", {"id": "x\x00"}),
        ("tag_list", {"query": "\x00"}),
        ("package_search", {"q": "water\x00"}),
    ],
)
def test_nul_characters_in_the_query_string_are_a_bad_request(anon_api, action, params):
    error(call(anon_api, action, params, "GET"), 400, "Bad Request")


# ------------------------------------------------------------------ 413: too large


def test_a_json_body_over_the_limit_is_refused_before_it_is_read(api_as, editor, org, settings):
    settings.AGORA_API_MAX_BODY_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    data = {"name": "big", "owner_org": org.name, "notes": "n" * 2000}
    err = error(call(api_as(editor), "package_create", data), 413, "Request Entity Too Large")
    assert "1000 bytes" in err["message"]
    assert not Dataset.objects.exists()
    data["notes"] = "small"
    assert ok(call(api_as(editor), "package_create", data))["notes"] == "small"


def test_a_form_body_over_the_limit_is_refused(api_as, editor, settings):
    settings.AGORA_API_MAX_BODY_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_raw(
        api_as(editor),
        "package_create",
        "name=big&notes=" + "n" * 2000,
        "application/x-www-form-urlencoded",
    )
    error(response, 413, "Request Entity Too Large")


def test_a_json_body_larger_than_django_allows_is_refused_too(api_as, editor, settings):
    """Django's own limit, if set lower than Agora's, gives the same answer."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    data = {"name": "big", "notes": "n" * 1000}
    error(call(api_as(editor), "package_create", data), 413, "Request Entity Too Large")


# ------------------------------------------------------------------ 409: wrong types, named

# A value of the wrong type for every field a package may have (the test below checks that
# every field of the mapping is here, so a new field must say how it refuses a wrong type).
WRONG_PACKAGE_VALUES = {
    "name": [],
    "title": {"en": "x"},
    "title_translated": "not an object",
    "notes": ["x"],
    "notes_translated": ["x"],
    "owner_org": {},
    "private": "maybe",
    "state": [],
    "url": {"href": "x"},
    "version": [1],
    "license_id": {},
    "tags": 5,
    "tag_string": ["a"],
    "extras": 5,
    "resources": "all of them",
    "author": [],
    "author_email": {},
    "maintainer": {},
    "maintainer_email": [],
    "issued": [],
    "modified": {"date": "x"},
    "identifier": [],
    "frequency": [],
    "theme": 5,
    "language": {"en": True},
    "countries": 840,
    "conforms_to": 5,
    "access_rights": [],
    "contact": "someone",
    "temporal_coverage": 2024,
    "spatial_coverage": "everywhere",
    "spatial": 5,
    "groups": True,
    "in_series": 5,
}


def test_every_package_field_has_a_wrong_value_to_try():
    assert set(WRONG_PACKAGE_VALUES) == set(PACKAGE_FIELDS)


@pytest.mark.parametrize(("field", "value"), sorted(WRONG_PACKAGE_VALUES.items()))
def test_a_wrong_type_for_a_package_field_is_named(api_as, editor, org, field, value):
    data = {"name": "typed", "owner_org": org.name, field: value}
    if field == "name":
        data.pop("owner_org")
    err = error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    assert field in err, err
    assert not Dataset.objects.exists()


# `url_type` is computed (upload or link) and ignored on input; `download_url` and
# `access_url` are read only when `url` is missing (DCAT spellings of the same link).
WRONG_RESOURCE_VALUES = {
    "id": [],
    "name": {},
    "description": [],
    "url": 5.5,
    "format": [],
    "mimetype": {},
    "size": "big",
    "hash": [],
    "hash_algorithm": {},
    "download_url": [],
    "access_url": {},
}


def test_every_resource_field_has_a_wrong_value_to_try():
    assert set(WRONG_RESOURCE_VALUES) | {"url_type"} == set(RESOURCE_FIELDS)


@pytest.mark.parametrize(("field", "value"), sorted(WRONG_RESOURCE_VALUES.items()))
def test_a_wrong_type_for_a_resource_field_is_named(api_as, editor, org, field, value):
    resource = (
        {field: value}
        if field in ("download_url", "access_url")
        else {"url": "https://x.org/a", field: value}
    )
    data = {"name": "typed", "owner_org": org.name, "resources": [resource]}
    err = error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    assert f"resources.0.{field}" in err, err


# `extras` of organizations are accepted and ignored (CKAN clients send them back empty).
WRONG_ORGANIZATION_VALUES = {
    "name": [],
    "title": {},
    "title_translated": [],
    "description": {},
    "description_translated": "x",
    "image_url": [],
    "country": ["KEN"],
    "publisher_type": [],
    "homepage": {},
    "email": [],
    "parent_id": {},
    "users": "everyone",
    "groups": 5,
}


def test_every_organization_field_has_a_wrong_value_to_try():
    assert set(WRONG_ORGANIZATION_VALUES) | {"extras"} == set(ORGANIZATION_FIELDS)


@pytest.mark.parametrize(("field", "value"), sorted(WRONG_ORGANIZATION_VALUES.items()))
def test_a_wrong_type_for_an_organization_field_is_named(api_as, sysadmin, field, value):
    data = {"name": "typed-org", "title": "Typed", field: value}
    err = error(call(api_as(sysadmin), "organization_create", data), 409, "Validation Error")
    assert field in err, err
    assert not Organization.objects.filter(name="typed-org").exists()


# ------------------------------------------------------------------ huge and odd values


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "n" * 100_000}, "name"),
        ({"title": "t" * 1_000_000}, "title"),
        ({"notes": "n" * 200_000}, "notes"),
        ({"tags": [f"t{i}" for i in range(10_000)]}, "tags"),
        ({"tags": ["x" * 5000]}, "tags"),
        ({"extras": [{"key": f"k{i}", "value": "v"} for i in range(2000)]}, "extras"),
        ({"extras": [{"key": "k", "value": "v" * 20_000}]}, "extras"),
        ({"version": "v" * 10_000}, "version"),
        ({"identifier": "i" * 10_000}, "identifier"),
        ({"url": "https://example.org/" + "u" * 3000}, "url"),
        ({"maintainer_email": "a" * 300 + "@example.org"}, "maintainer_email"),
        ({"contact": [{"url": "https://example.org/" + "c" * 600}]}, "contact"),
        ({"resources": [{"url": "https://x.org", "size": 10**30}]}, "resources.0.size"),
        ({"resources": [{"url": "https://x.org", "mimetype": "m" * 500}]}, "resources.0.mimetype"),
        ({"issued": "9999-12-31T23:59:59-12:00"}, "issued"),
        ({"modified": "0001-01-01T00:00:00+05:00"}, "modified"),
        ({"temporal_coverage": [{"start": "99999-01-01"}]}, "temporal_coverage"),
        ({"spatial": {"type": "Point", "coordinates": [10**400, 1]}}, "spatial"),
        ({"spatial": {"type": "Point", "coordinates": [1, 2, [[[[[[0]]]]]]]}}, "spatial"),
        ({"spatial": {"type": "Point", "coordinates": [1, 2], "x": [[[[[[[[1]]]]]]]]}}, "spatial"),
        ({"spatial": {"type": "Point", "coordinates": [1, 2], "bbox": [[1]]}}, "spatial"),
    ],
)
def test_huge_and_out_of_range_values_are_validation_errors(api_as, editor, org, data, field):
    payload = {"name": "huge", "owner_org": org.name, **data}
    err = error(call(api_as(editor), "package_create", payload), 409, "Validation Error")
    assert field in err, err
    assert not Dataset.objects.exists()


def test_a_deeply_nested_geometry_cannot_break_later_reads(api_as, editor, org):
    deep: object = 1
    for _ in range(300):
        deep = [deep]
    data = {
        "name": "deep",
        "owner_org": org.name,
        "spatial": {"type": "Point", "coordinates": [1, 2], "foreign": deep},
    }
    error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    data["spatial"] = {"type": "Point", "coordinates": [1, 2, deep]}
    error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    assert not Dataset.objects.exists()


def test_control_characters_in_text_are_kept_as_sent(api_as, editor, org):
    title = "Tab\tbell\x07escape\x1b del\x7f"
    result = ok(
        call(
            api_as(editor),
            "package_create",
            {"name": "ctl", "owner_org": org.name, "title": title, "notes": "a\x01b"},
        )
    )
    assert result["title"] == title.strip()
    assert ok(call(api_as(editor), "package_show", {"id": "ctl"}))["notes"] == "a\x01b"
    err = error(
        call(api_as(editor), "package_create", {"name": "ctl\x07", "owner_org": org.name}),
        409,
        "Validation Error",
    )
    assert "name" in err


@pytest.mark.parametrize(
    ("action", "param"),
    [
        ("package_search", "start"),
        ("package_search", "rows"),
        ("package_search", "facet.limit"),
        ("package_list", "limit"),
        ("package_list", "offset"),
        ("current_package_list_with_resources", "offset"),
        ("current_package_list_with_resources", "page"),
        ("organization_list", "limit"),
        ("organization_list", "offset"),
    ],
)
def test_absurdly_large_numbers_are_validation_errors(anon_api, action, param):
    err = error(call(anon_api, action, {param: "9" * 30}, "GET"), 409, "Validation Error")
    assert param in err
    err = error(call(anon_api, action, {param: "9" * 5000}, "GET"), 409, "Validation Error")
    assert param in err


# ------------------------------------------------------------------ hostile search input


def test_a_q_of_ten_thousand_terms_is_a_search_query_error(anon_api):
    q = " ".join(f"term{i}" for i in range(10_000))
    err = error(call(anon_api, "package_search", {"q": q}), 400, "Search Query Error")
    assert "more than" in err["message"]


@pytest.mark.parametrize("joiner", [" OR ", " AND ", " "])
def test_a_q_of_a_thousand_terms_is_a_search_query_error(anon_api, joiner):
    q = joiner.join(f"tags:t{i}" for i in range(1000))
    error(call(anon_api, "package_search", {"q": q}), 400, "Search Query Error")


ODD_Q = ['"unbalanced', 'water "quality', "((water", "water))", "(a OR (b AND c)", ")(", '"',
         "\\", "a\\", "tags:", "tags:(", ":", "*", "?", "AND", "OR OR OR", "NOT", "-", "+", "!",
         "&&", "||", "[a TO b]", "{a TO b}", "a^2", "a~0.8", "title:'single'", "\x01\x02",
         "\ufeffwater", "مياه", "水质", "💧"]  # fmt: skip
ODD_FQ = ['tags:"unbalanced', "tags:(a OR b", "tags:a)", "(((", ")))", "tags:", "tags:(", ":",
          "metadata_modified:[", "metadata_modified:[NOW TO", "metadata_modified:[a TO b TO c]",
          "-", "+", "-+-tags:a", "NOT NOT NOT", "tags:a AND", "OR tags:a", "\\", "*:*", "*",
          "capacity:", "groups:nope", "tags:" + "x" * 10_000]  # fmt: skip


def _answers(anon_api, param: str, values: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The status of each search; a 400 must be a Search Query Error."""
    statuses = {}
    for value in values:
        response = call(anon_api, "package_search", {param: value}, "GET")
        statuses[value] = response.status_code
        if response.status_code == 400:
            error(response, 400, "Search Query Error")
    return statuses


def test_odd_q_is_answered_without_a_server_error(anon_api, public_dataset):
    statuses = _answers(anon_api, "q", ODD_Q)
    assert {q: s for q, s in statuses.items() if s not in (200, 400)} == {}
    assert statuses['"unbalanced'] == statuses["((water"] == statuses["💧"] == 200


def test_odd_fq_is_answered_without_a_server_error(anon_api, public_dataset):
    statuses = _answers(anon_api, "fq", ODD_FQ)
    assert {fq: s for fq, s in statuses.items() if s not in (200, 400)} == {}
    assert statuses["*:*"] == 200


def test_a_long_fq_word_is_answered_in_linear_time(anon_api):
    """A range pattern that backtracked at every position took minutes on 200 KB."""
    started = time.monotonic()
    response = call(anon_api, "package_search", {"fq": "a" * 200_000})
    error(response, 400, "Search Query Error")
    response = call(anon_api, "package_search", {"fq": "x:[" + "b" * 200_000})
    assert response.status_code in (200, 400)
    assert time.monotonic() - started < 10


FIELDS_IN_QUERIES = sorted(set(CKAN_FIELDS) | TEXT_FIELDS)


def test_any_field_with_any_value_in_q_fq_and_facets_never_fails_the_server(
    anon_api, public_dataset
):
    failures = []
    for field in FIELDS_IN_QUERIES:
        for value in ("abc", "00000000-0000-0000-0000-000000000000", "2024-01-01Z", "x*"):
            for where in ("q", "fq"):
                params = {where: f"{field}:{value}", "facet.field": [field]}
                response = call(anon_api, "package_search", params, "GET")
                if response.status_code not in (200, 400):
                    failures.append((where, field, value, response.status_code))
    assert failures == []


# ------------------------------------------------------------------ every action, hostile input

HOSTILE_PAYLOADS = [
    {},
    {"id": []},
    {"id": {"$ne": None}},
    {"id": 12345678901234567890},
    {"id": True, "name": False},
    {"id": "x" * 20_000, "name": "y" * 20_000},
    {"id": "../../../etc/passwd", "package_id": "' OR 1=1 --"},
    {"limit": None, "offset": [], "rows": {}, "q": None, "sort": []},
    {"users": [1, None, "x", {"name": []}], "capacity": [], "object": {}, "permission": 7},
    {"resources": [None, 1, "x", []], "tags": [None, 1, {}], "extras": [None, {"key": []}]},
]


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_no_action_answers_hostile_input_with_a_server_error(api_as, sysadmin, org, action):
    api = api_as(sysadmin)
    for payload in HOSTILE_PAYLOADS:
        response = call(api, action, payload)
        assert response.status_code < 500, (payload, response.content[:500])
        body = json.loads(response.content)
        assert set(body) in ({"help", "success", "result"}, {"help", "success", "error"})
