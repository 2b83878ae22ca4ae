"""Reading request bodies safely: size limits, malformed JSON and uploads, as clear errors."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError

from agora.core.errors import BadRequest, PayloadTooLarge


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def is_multipart(request: HttpRequest) -> bool:
    return request.content_type in ("multipart/form-data",)


def check_body_size(request: HttpRequest) -> None:
    """Refuse before reading: the declared size is over the limit for this kind of body."""
    limit = settings.AGORA_API_MAX_BODY_BYTES
    if is_multipart(request):
        limit += settings.AGORA_CATALOG_UPLOAD_MAX_BYTES
    if _declared_length(request) > limit:
        raise PayloadTooLarge(f"The request body is larger than the limit of {limit} bytes.")


def read_json(request: HttpRequest) -> Any:
    check_body_size(request)
    try:
        raw = request.body
    except RequestDataTooBig as error:
        raise PayloadTooLarge(
            f"The request body is larger than {settings.AGORA_API_MAX_BODY_BYTES} bytes."
        ) from error
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except UnicodeDecodeError as error:
        raise BadRequest("JSON Error: the body is not UTF-8", code="request.json") from error
    except RecursionError as error:
        raise BadRequest("JSON Error: nested too deeply", code="request.json") from error
    except ValueError as error:
        raise BadRequest(f"JSON Error: {error}", code="request.json") from error


def read_form(request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    """Form fields and uploaded files of a urlencoded or multipart POST."""
    check_body_size(request)
    try:
        fields = {k: (v if len(v) > 1 else v[0]) for k, v in request.POST.lists()}
        files = {k: request.FILES[k] for k in request.FILES}
    except RequestDataTooBig as error:
        raise PayloadTooLarge("The form data is too large.") from error
    except MultiPartParserError as error:
        raise BadRequest(f"Malformed multipart body: {error}", code="request.multipart") from error
    if getattr(request, "_agora_upload_too_large", False):
        raise PayloadTooLarge(
            f"The file is larger than the limit of {settings.AGORA_CATALOG_UPLOAD_MAX_BYTES} bytes."
        )
    return fields, files


def refuse_unstorable_text(data: Mapping[str, Any]) -> None:
    """Refuse keys and values that no database stores: NUL characters and lone surrogates.

    PostgreSQL rejects both (even in a lookup), SQLite and orjson reject surrogates; refusing
    them here turns what would be a server error deep in a query into a clear 400.
    """
    pending: list[Any] = [data]
    while pending:  # iterative: bodies may nest as deep as the JSON parser allowed
        item = pending.pop()
        if isinstance(item, Mapping):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and not _storable(item):
            raise BadRequest(
                "Text must not contain NUL characters or unpaired surrogates",
                code="request.text",
            )


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def refuse_unstorable_request(request: HttpRequest) -> None:
    """The same check for a whole request: path, query string and a JSON body."""
    refuse_unstorable_text({"path": request.path, **dict(request.GET.lists())})
    if request.method not in ("GET", "HEAD") and request.content_type == "application/json":
        body = read_json(request)
        if isinstance(body, dict | list):
            refuse_unstorable_text({"body": body})
