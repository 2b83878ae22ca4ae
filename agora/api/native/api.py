"""The native REST API (/api/v1/), documented by OpenAPI 3.1 at /api/v1/openapi.json.

Routers are added in one visible list; errors are mapped once, to application/problem+json.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from agora import __version__
from agora.core.errors import AgoraError

from ..errors import problem, problem_for
from . import (
    benchmarks,
    data,
    datasets,
    distributions,
    harvest,
    me,
    organizations,
    search,
    vocabularies,
)
from .security import OptionalApiToken

api = NinjaAPI(
    title="Agora API",
    version="1",
    description=(
        "The native REST API of Agora " + __version__ + ". Datasets, distributions, "
        "organizations and vocabularies; errors are application/problem+json. "
        "The CKAN Action API v3 is served at /api/3/action/ for existing CKAN clients."
    ),
    urls_namespace="api-v1",
    auth=OptionalApiToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

for router in (
    datasets.router,
    distributions.router,
    organizations.router,
    vocabularies.router,
    search.router,
    benchmarks.router,
    data.router,
    me.router,
):
    api.add_router("", router)
api.add_router("", harvest.router)


@api.exception_handler(AgoraError)
def agora_error(request: HttpRequest, error: AgoraError) -> HttpResponse:
    return problem_for(error)


@api.exception_handler(ValidationError)
def request_invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    if getattr(request, "_agora_upload_too_large", False):
        return problem(413, "request.too_large", "The uploaded file is over the size limit.")
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        parts = [str(p) for p in item.get("loc", ()) if p not in ("body", "query", "payload")]
        location = ".".join(parts) or "body"
        fields.setdefault(location, []).append(str(item.get("msg", "invalid")))
    return problem(422, "request.invalid", "The request does not match the schema.", fields)


@api.exception_handler(RequestDataTooBig)
def body_too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return problem(413, "request.too_large", "The request body is too large.")


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return problem(403, "auth.invalid_token", "Authentication failed.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return problem(error.status_code, "request.error", str(error))
