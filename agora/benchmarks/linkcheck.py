"""Link checkers for the "working links" indicator: a small base class and an explicit
registry (filled in BenchmarksConfig.ready()), the one in use chosen by
AGORA_BENCHMARKS_LINK_CHECKER.

"uploads" (the default) checks uploaded files only: a file works when its content-addressed
blob is in storage with the recorded size; links to other sites are reported as not checked,
never as working or broken. "http" checks uploads the same way and also requests each link
through Agora's safe outbound HTTP client (agora/core/http.py: SSRF guard, timeouts, size
caps), at most AGORA_BENCHMARKS_LINK_CHECK_LIMIT distinct URLs a run; a link works when its
final answer (after redirects) is below 400.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage

from agora.core.models import blob_name


@dataclass(frozen=True)
class DistributionRef:
    id: str
    dataset_id: str
    url: str
    file_sha256: str | None  # uploaded files only
    file_size: int | None


class LinkChecker:
    name: str = ""

    def check(self, distributions: Sequence[DistributionRef]) -> dict[str, bool | None]:
        """distribution id -> works (True/False) or None when this checker cannot tell."""
        raise NotImplementedError


class UploadedFilesChecker(LinkChecker):
    name = "uploads"

    def check(self, distributions: Sequence[DistributionRef]) -> dict[str, bool | None]:
        result: dict[str, bool | None] = {}
        for dist in distributions:
            if dist.file_sha256 is None:
                result[dist.id] = None
                continue
            name = blob_name(dist.file_sha256)
            works = default_storage.exists(name) and default_storage.size(name) == dist.file_size
            result[dist.id] = works
        return result


class HttpLinkChecker(UploadedFilesChecker):
    name = "http"
    timeout = 10.0
    deadline = 30.0

    def _works(self, url: str) -> bool:
        from agora.core.http import FetchError, Policy, fetch

        policy = Policy.from_settings(timeout=self.timeout, deadline=self.deadline)
        try:
            response = fetch(url, headers={"Range": "bytes=0-0"}, policy=policy)
        except FetchError:
            return False
        response.close()
        return response.status < 400

    def check(self, distributions: Sequence[DistributionRef]) -> dict[str, bool | None]:
        result = super().check(distributions)
        verdicts: dict[str, bool | None] = {}
        for dist in distributions:
            if dist.file_sha256 is not None or not dist.url:
                continue
            if dist.url not in verdicts:
                within = len(verdicts) < settings.AGORA_BENCHMARKS_LINK_CHECK_LIMIT
                verdicts[dist.url] = self._works(dist.url) if within else None
            result[dist.id] = verdicts[dist.url]
        return result


_checkers: dict[str, LinkChecker] = {}


def register(checker: LinkChecker) -> None:
    if checker.name in _checkers and type(_checkers[checker.name]) is not type(checker):
        raise RuntimeError(f"A link checker named {checker.name!r} is already registered")
    _checkers[checker.name] = checker


def registered() -> list[str]:
    return sorted(_checkers)


def active() -> LinkChecker:
    name = settings.AGORA_BENCHMARKS_LINK_CHECKER
    if name not in _checkers:
        raise ImproperlyConfigured(
            f"AGORA_BENCHMARKS_LINK_CHECKER={name!r}: registered checkers are {registered()}"
        )
    return _checkers[name]
