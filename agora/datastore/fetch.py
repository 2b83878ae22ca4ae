"""Scheduled fetches of link distributions: new content behind a URL becomes a new version.

Each due link is fetched through core.http (SSRF guard, size cap, timeouts), conditionally
(ETag / Last-Modified), stored content-addressed, and reported to the catalogue, which makes a
version only when the bytes changed. Failures back off (doubling, up to 7 days) and are kept on
the LinkFetch row for publishers to see; one failing link never stops the others.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from agora.catalog.models import DistributionState
from agora.catalog.services import distribution_version_fetched
from agora.core.actor import SYSTEM
from agora.core.errors import AgoraError
from agora.core.files import store_chunks
from agora.core.http import FetchError, Policy, fetch

from .models import FetchStatus, LinkFetch

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(days=7)


def _interval() -> dt.timedelta:
    return dt.timedelta(hours=max(1, settings.AGORA_DATASTORE_FETCH_INTERVAL_HOURS))


def fetch_link(link: LinkFetch, *, policy: Policy | None = None) -> str:
    """Fetch one link now; returns the FetchStatus it ended with."""
    dist = link.distribution
    headers = {}
    if link.etag:
        headers["If-None-Match"] = link.etag
    if link.last_modified:
        headers["If-Modified-Since"] = link.last_modified
    now = timezone.now()
    try:
        response = fetch(link.url, headers=headers, policy=policy)
        if response.status == 304:
            response.close()
            return _done(link, FetchStatus.UNCHANGED, now)
        if not 200 <= response.status < 300:
            response.close()
            raise FetchError(f"The server answered {response.status}.", code="http.status")
        name = link.url.rsplit("/", 1)[-1].split("?", 1)[0]
        stored = store_chunks(response.chunks(), filename=name)
        version = distribution_version_fetched(
            actor=SYSTEM, distribution=dist, stored=stored, url=response.url
        )
        link.etag = response.headers.get("etag", "")[:500]
        link.last_modified = response.headers.get("last-modified", "")[:100]
        status = FetchStatus.CHANGED if version is not None else FetchStatus.UNCHANGED
        return _done(link, status, now)
    except AgoraError as error:
        return _failed(link, f"{error.code}: {error.message}", now)


def _done(link: LinkFetch, status: str, now: dt.datetime) -> str:
    LinkFetch.objects.filter(pk=link.pk).update(
        status=status,
        last_fetched_at=now,
        next_fetch_at=now + _interval(),
        error="",
        failures=0,
        etag=link.etag,
        last_modified=link.last_modified,
    )
    return status


def _failed(link: LinkFetch, message: str, now: dt.datetime) -> str:
    failures = link.failures + 1
    delay = min(MAX_BACKOFF, _interval() * (2 ** min(failures - 1, 10)))
    LinkFetch.objects.filter(pk=link.pk).update(
        status=FetchStatus.FAILED,
        last_fetched_at=now,
        next_fetch_at=now + delay,
        error=message[:2000],
        failures=failures,
    )
    return FetchStatus.FAILED


def fetch_due_links(*, limit: int = 100, policy: Policy | None = None) -> dict[str, int]:
    """Fetch up to `limit` links whose time has come (active link distributions only)."""
    counts: dict[str, int] = {}
    due = (
        LinkFetch.objects.filter(
            next_fetch_at__lte=timezone.now(),
            distribution__state=DistributionState.ACTIVE,
            distribution__file__isnull=True,
        )
        .select_related("distribution", "distribution__dataset")
        .order_by("next_fetch_at")[:limit]
    )
    for link in due:
        if link.url != link.distribution.url:
            link.url = link.distribution.url
            LinkFetch.objects.filter(pk=link.pk).update(url=link.url, etag="", last_modified="")
            link.etag = link.last_modified = ""
        status = fetch_link(link, policy=policy)
        counts[status] = counts.get(status, 0) + 1
    return counts
