"""Safe outbound HTTP: the one way Agora fetches a URL that someone else chose.

Publishers' links, harvest sources and link checks all name hosts we do not control. Fetching
them naively lets anyone who can save a URL make the server read its own admin ports, a cloud
metadata service (169.254.169.254) or the private network behind it (SSRF), or hang a worker on
an endless body. Every fetch here therefore:

- accepts only http and https URLs without credentials;
- resolves the host once, refuses the request if ANY of its addresses is not a public unicast
  address (loopback, private, link-local, multicast, reserved, shared, ...), and then connects
  to the address it checked, sending the name only as Host header and TLS SNI, so a DNS answer
  that changes between the check and the connection (DNS rebinding) cannot redirect it;
- follows redirects itself, re-checking every hop, at most `max_redirects` times;
- times out on connect and read, and gives up after an overall deadline;
- stops reading past `max_bytes` (a size cap enforced while the body streams).

Networks listed in AGORA_HTTP_ALLOWED_NETWORKS (CIDRs) are exempt from the address check, so
tests can fetch from a server on 127.0.0.1; production leaves it empty.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

from .errors import AgoraError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


class FetchError(AgoraError):
    """The URL could not be fetched; `code` says why (stable, shown to publishers)."""

    code = "http.fetch_failed"
    default_message = "The URL could not be fetched."


class BlockedAddress(FetchError):
    code = "http.blocked_address"
    default_message = "The URL points to an address Agora may not fetch from."


class TooLarge(FetchError):
    code = "http.too_large"
    default_message = "The response is larger than the limit."


@dataclass(frozen=True)
class Policy:
    """Limits of one fetch. `from_settings()` gives the configured defaults."""

    timeout: float = 20.0
    deadline: float = 300.0
    max_bytes: int = 512 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "Agora (+https://github.com/agora)"
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls, **overrides: object) -> Policy:
        from django.conf import settings

        values: dict[str, object] = {
            "timeout": float(settings.AGORA_HTTP_TIMEOUT_SECONDS),
            "max_bytes": int(settings.AGORA_HTTP_MAX_BYTES),
            "max_redirects": int(settings.AGORA_HTTP_MAX_REDIRECTS),
            "user_agent": str(settings.AGORA_HTTP_USER_AGENT),
            "allowed_networks": parse_networks(settings.AGORA_HTTP_ALLOWED_NETWORKS),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


def parse_networks(values: object) -> tuple[IPNetwork, ...]:
    items = values.split(",") if isinstance(values, str) else list(values or ())  # type: ignore[call-overload]
    return tuple(
        ipaddress.ip_network(str(v).strip(), strict=False) for v in items if str(v).strip()
    )


@dataclass
class Response:
    """A fetched response whose body has not been read yet: iterate `chunks()` once."""

    url: str
    status: int
    headers: Mapping[str, str]
    _raw: urllib3.BaseHTTPResponse
    _max_bytes: int
    _deadline: float
    received: int = field(default=0)

    def chunks(self) -> Iterator[bytes]:
        try:
            for chunk in self._raw.stream(CHUNK, decode_content=True):
                self.received += len(chunk)
                if self.received > self._max_bytes:
                    raise TooLarge(f"The response is larger than {self._max_bytes} bytes.")
                if time.monotonic() > self._deadline:
                    raise FetchError("The download took too long.", code="http.timeout")
                yield chunk
        except Urllib3Error as error:
            raise FetchError(f"The download failed: {type(error).__name__}") from error
        finally:
            self.close()

    def read(self) -> bytes:
        return b"".join(self.chunks())

    def close(self) -> None:
        self._raw.release_conn()


def default_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"The host {host!r} could not be resolved.", code="http.dns") from error
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address (not loopback, private, link-local, shared, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


def check_address(address: str, policy: Policy) -> IPAddress:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in network for network in policy.allowed_networks):
        return ip
    if not is_public(ip):
        raise BlockedAddress(f"The URL resolves to {ip}, which Agora may not fetch from.")
    return ip


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str


def parse_target(url: str) -> Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError("The URL is not valid.", code="http.bad_url") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("Only http and https URLs can be fetched.", code="http.bad_url")
    if parts.username or parts.password:
        raise FetchError("URLs with credentials are not fetched.", code="http.bad_url")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default_port, path)


def _pool(target: Target, ip: IPAddress, policy: Policy) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(connect=policy.timeout, read=policy.timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(ip),
            target.port,
            timeout=timeout,
            retries=False,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(str(ip), target.port, timeout=timeout, retries=False)


def _host_header(target: Target) -> str:
    default = (target.scheme == "https" and target.port == 443) or (
        target.scheme == "http" and target.port == 80
    )
    host = f"[{target.host}]" if ":" in target.host else target.host
    return host if default else f"{host}:{target.port}"


def _one_request(
    url: str, headers: Mapping[str, str], policy: Policy, resolver: Resolver
) -> urllib3.BaseHTTPResponse:
    target = parse_target(url)
    addresses = resolver(target.host, target.port)
    if not addresses:
        raise FetchError(f"The host {target.host!r} has no address.", code="http.dns")
    checked = [check_address(a, policy) for a in addresses]  # every answer must be allowed
    request_headers = {
        "User-Agent": policy.user_agent,
        "Accept-Encoding": "gzip, deflate",
        **headers,
        "Host": _host_header(target),
    }
    pool = _pool(target, checked[0], policy)
    try:
        return pool.urlopen(
            "GET",
            target.path,
            headers=request_headers,
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
    except Urllib3Error as error:
        raise FetchError(
            f"{target.host} could not be reached ({type(error).__name__}).",
            code="http.unreachable",
        ) from error


def fetch(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    policy: Policy | None = None,
    resolver: Resolver = default_resolver,
) -> Response:
    """GET `url` safely; the caller reads the body with `response.chunks()`.

    Non-2xx answers other than redirects and 304 are returned too: callers decide what a 404
    means for them (a link checker records it, a fetcher gives up).
    """
    policy = policy or Policy.from_settings()
    deadline = time.monotonic() + policy.deadline
    current = url
    for _hop in range(policy.max_redirects + 1):
        raw = _one_request(current, headers or {}, policy, resolver)
        if raw.status in REDIRECT_CODES and raw.headers.get("Location"):
            raw.drain_conn()
            raw.release_conn()
            current = urljoin(current, raw.headers["Location"])
            continue
        found = {k.lower(): v for k, v in raw.headers.items()}
        return Response(current, raw.status, found, raw, policy.max_bytes, deadline)
    raise FetchError(f"More than {policy.max_redirects} redirects.", code="http.too_many_redirects")
