"""The CKAN Action API endpoint: `/api/3/action/<name>` (and `/api/action/<name>`).

One view parses the request the way CKAN does (query string for GET; JSON, form or multipart
body for POST), resolves the actor, runs the action and wraps the result in CKAN's envelope.
Every domain error becomes CKAN's error envelope in `errors.ckan_error`; there is no other
exception handling here.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt

from agora.core.errors import AgoraError, BadRequest, Forbidden

from ..auth import request_actor, uses_token
from ..request_body import read_form, read_json, refuse_unstorable_text
from .errors import ckan_error
from .params import Params
from .registry import Action, Call, build_registry

ACTIONS: dict[str, Action] = build_registry()


def help_url(name: str) -> str:
    return f"{settings.AGORA_SITE_URL}/api/3/action/help_show?name={name}"


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(
        orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS),
        status=status,
        content_type="application/json;charset=utf-8",
    )


def _query_params(request: HttpRequest) -> dict[str, Any]:
    return {k: (v if len(v) > 1 else v[0]) for k, v in request.GET.lists()}


def _params(request: HttpRequest, action: Action) -> Params:
    params = _read_params(request, action)
    refuse_unstorable_text(params.data)
    return params


def _read_params(request: HttpRequest, action: Action) -> Params:
    if request.method == "GET":
        if action.writes:
            raise BadRequest(
                "JSON Error: Invalid request. Please use POST method for your request",
                code="request.method",
            )
        return Params(_query_params(request))
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        fields, files = read_form(request)
        return Params({**_query_params(request), **fields}, files)
    body = read_json(request)
    if not isinstance(body, dict):
        raise BadRequest("JSON Error: the body must be a JSON object", code="request.json")
    return Params({**_query_params(request), **body})


def _check_csrf(request: HttpRequest) -> None:
    """A browser session may call write actions only with a CSRF token; API tokens need none."""
    if request.method == "POST" and not uses_token(request) and request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(
            request, lambda r: HttpResponse(), (), {}
        )
        if rejected is not None:
            raise Forbidden("CSRF verification failed.", code="request.csrf")


def _language(request: HttpRequest, params: Params) -> str:
    return params.text("lang") or "en"


@csrf_exempt
def action_view(request: HttpRequest, name: str) -> HttpResponse:
    action = ACTIONS.get(name)
    if action is None:
        error = {"__type": "Bad Request", "message": f"Bad request - Action name not known: {name}"}
        return _json({"help": help_url(name), "success": False, "error": error}, 400)
    try:
        if request.method not in ("GET", "POST"):
            raise BadRequest("Only GET and POST are supported", code="request.method")
        params = _params(request, action)
        _check_csrf(request)
        call = Call(
            actor=request_actor(request),
            params=params,
            language=_language(request, params),
            uses_token=uses_token(request),
        )
        result = action.function(call)
    except AgoraError as error:
        status, body = ckan_error(error)
        return _json({"help": help_url(name), "success": False, "error": body}, status)
    return _json({"help": help_url(name), "success": True, "result": result})
