"""Harvest fetches on top of the safe outbound HTTP of `agora.core.http`: conditional
requests (ETag / Last-Modified), retries with exponential backoff on transient failures, a
size cap enforced while the body streams (into a spooled temporary file, so a 300 MB
catalogue never sits in memory), and loopback/private addresses refused unless the source is
explicitly allowed and the deployment permits it (AGORA_HARVEST_ALLOW_PRIVATE_SOURCES)."""

from __future__ import annotations

import ipaddress
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings

from agora.core.http import FetchError, Policy, TooLarge, fetch

from .errors import SourceUnreachable

PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128")
)
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
SPOOL_BYTES = 4 * 1024 * 1024


class NotModified(Exception):
    """The document is the one gathered last time (HTTP 304)."""


@dataclass
class Fetched:
    url: str
    status: int
    headers: Mapping[str, str]
    body: IO[bytes]
    size: int

    def read(self) -> bytes:
        self.body.seek(0)
        return self.body.read()

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "")

    def validators(self) -> dict[str, str]:
        found = {
            "etag": self.headers.get("etag", ""),
            "last_modified": self.headers.get("last-modified", ""),
        }
        return {k: v for k, v in found.items() if v}


@dataclass
class HarvestClient:
    """Fetches for one job; counts requests and bytes for the job report."""

    allow_private: bool = False
    max_bytes: int = 0
    timeout: float = 0.0
    retries: int = -1
    backoff: float = -1.0
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    bytes_received: int = 0
    policy: Policy = field(init=False)

    def __post_init__(self) -> None:
        self.max_bytes = self.max_bytes or int(settings.AGORA_HARVEST_MAX_BYTES)
        self.timeout = self.timeout or float(settings.AGORA_HARVEST_TIMEOUT_SECONDS)
        if self.retries < 0:
            self.retries = int(settings.AGORA_HARVEST_RETRIES)
        if self.backoff < 0:
            self.backoff = float(settings.AGORA_HARVEST_BACKOFF_SECONDS)
        overrides: dict[str, object] = {
            "timeout": self.timeout,
            "deadline": max(self.timeout * 10, 60.0),
            "max_bytes": self.max_bytes,
        }
        if self.allow_private and settings.AGORA_HARVEST_ALLOW_PRIVATE_SOURCES:
            base = Policy.from_settings().allowed_networks
            overrides["allowed_networks"] = tuple(base) + PRIVATE_NETWORKS
        self.policy = Policy.from_settings(**overrides)

    def get(
        self,
        url: str,
        *,
        accept: str = "",
        previous: Mapping[str, str] | None = None,
    ) -> Fetched:
        """GET with retries; raises NotModified on 304 (when `previous` validators were
        sent) and SourceUnreachable when the source keeps failing or answers an error."""
        headers = {"Accept": accept} if accept else {}
        if previous:
            if previous.get("etag"):
                headers["If-None-Match"] = previous["etag"]
            if previous.get("last_modified"):
                headers["If-Modified-Since"] = previous["last_modified"]
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * (2 ** (attempt - 1)))
            try:
                result = self._once(url, headers)
            except TooLarge as error:
                raise SourceUnreachable(
                    f"{url}: the response is larger than {self.max_bytes} bytes.",
                    code="harvest.too_large",
                ) from error
            except FetchError as error:
                last_error = f"{url}: {error.message}"
                if error.code in ("http.blocked_address", "http.bad_url"):
                    raise SourceUnreachable(last_error, code=error.code) from error
                continue
            if result.status == 304 and previous:
                raise NotModified(url)
            if result.status in TRANSIENT_STATUSES:
                last_error = f"{url}: HTTP {result.status}"
                continue
            if result.status >= 400:
                raise SourceUnreachable(f"{url}: HTTP {result.status}", code="harvest.http_error")
            return result
        raise SourceUnreachable(
            f"{last_error} (gave up after {self.retries + 1} attempts)",
            code="harvest.source_unreachable",
        )

    def _once(self, url: str, headers: Mapping[str, str]) -> Fetched:
        self.requests += 1
        response = fetch(url, headers=headers, policy=self.policy)
        if response.status >= 300:
            response.close()
            return Fetched(response.url, response.status, response.headers, _empty(), 0)
        body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned
        size = 0
        try:
            for chunk in response.chunks():
                size += len(chunk)
                body.write(chunk)
        except BaseException:
            body.close()
            raise
        finally:
            self.bytes_received += size
        body.seek(0)
        return Fetched(response.url, response.status, response.headers, body, size)


def _empty() -> IO[bytes]:
    return tempfile.SpooledTemporaryFile(max_size=1)
