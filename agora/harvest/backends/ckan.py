"""CKAN Action API: paged `package_search`, sorted by name (unique) so pages are stable, with
`metadata_modified` for incremental runs. Works against any CKAN 2.x and against Agora's own
CKAN-compatible API (Agora-to-Agora federation)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from agora.interop.inbound import map_ckan_package

from ..errors import GatherIncomplete, SourceMalformed
from . import Backend, Batch, Gathered, GatherRequest


def action_base(url: str) -> str:
    """The Action API root of a portal, given its home page or any action URL."""
    if "/api/" in url:
        head = url.split("/api/", 1)[0]
        rest = url.split("/api/", 1)[1]
        version = "3/" if rest.startswith("3/") else ""
        return f"{head}/api/{version}action/"
    return url.rstrip("/") + "/api/3/action/"


def _result(data: bytes, url: str) -> Mapping[str, Any]:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceMalformed(f"{url}: not JSON ({error})") from error
    if not isinstance(document, Mapping) or not document.get("success"):
        message = document.get("error") if isinstance(document, Mapping) else None
        raise SourceMalformed(f"{url}: not a successful CKAN answer ({message or 'no result'})")
    result = document.get("result")
    if not isinstance(result, Mapping) or not isinstance(result.get("results"), list):
        raise SourceMalformed(f"{url}: package_search answered without a result list")
    return result


class CkanBackend(Backend):
    type = "ckan"
    label = "CKAN Action API"

    def gather(self, request: GatherRequest) -> Iterator[Batch]:
        base = action_base(request.url)
        rows = int(request.config.get("page_size") or settings.AGORA_HARVEST_PAGE_SIZE)
        filters = [str(request.config["ckan_fq"])] if request.config.get("ckan_fq") else []
        if request.modified_since and request.config.get("incremental"):
            filters.append(f"metadata_modified:[{request.modified_since} TO *]")
            request.incremental = True
        start = 0
        announced: int | None = None
        seen: set[str] = set()
        while True:
            params = {"rows": rows, "start": start, "sort": "name asc"}
            if filters:
                params["fq"] = " AND ".join(filters)
            url = f"{base}package_search?{urlencode(params)}"
            fetched = request.client.get(url, accept="application/json")
            try:
                result = _result(fetched.read(), url)
            finally:
                fetched.body.close()
            if announced is None and isinstance(result.get("count"), int):
                announced = int(result["count"])
            packages = result["results"]
            records = []
            for package in packages:
                if isinstance(package, Mapping):
                    records.append(
                        Gathered(
                            package,
                            mapper=partial(map_ckan_package, package),
                            key=str(package.get("id") or "")[:500],
                        )
                    )
                    seen.add(str(package.get("id") or package.get("name")))
            yield Batch(records, expected=announced)
            start += len(packages)
            if not packages or (announced is not None and start >= announced):
                break
        if announced is not None and len(seen) < announced:
            raise GatherIncomplete(
                f"The source announced {announced} datasets but listed {len(seen)}."
            )
