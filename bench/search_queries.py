"""The fixed query mix of bench/search.py, as URLs for each peer, and the latency measurement.

The mix (the classes of shared/research/engine-measurements.md): common and rare single words,
multi-word queries, queries in the other five languages, text filtered by organization,
country and format, filter-only browsing, and the unfiltered home page ("browse all"). Words
come from the generator's own vocabularies (same seed), so both peers get the same words and
every query can match. Each query asks for ten results and five facets (organization, tags,
format, licence, country) on both peers.

Latency is measured one request at a time on a kept-alive connection (a search page is one
request; concurrency would measure queueing), alternating the peers query by query and
swapping who goes first every pass; each query's latency is the median of its passes, and
p50/p95/p99 are taken over the queries.
"""

from __future__ import annotations

import http.client
import json
import statistics
import time
import urllib.parse
from dataclasses import dataclass, field

import numpy as np

AGORA_FACETS = '["organization","tags","res_format","license_id","country"]'


@dataclass
class Query:
    kind: str
    q: str = ""
    organization: str = ""
    country: str = ""
    fmt: str = ""
    latency: dict[str, list[float]] = field(default_factory=dict)
    count: dict[str, int] = field(default_factory=dict)
    timed_out: bool = False  # Datasette gave up on a facet: its latency is a lower bound

    def agora_path(self) -> str:
        params = {"rows": "10", "facet.field": AGORA_FACETS, "facet.limit": "10"}
        if self.q:
            params["q"] = self.q
        fq = []
        if self.organization:
            fq.append(f"organization:{self.organization}")
        if self.country:
            fq.append(f"country:{self.country}")
        if self.fmt:
            fq.append(f"res_format:{self.fmt}")
        if fq:
            params["fq"] = " AND ".join(fq)
        return "/api/3/action/package_search?" + urllib.parse.urlencode(params)

    def datasette_path(self) -> str:
        from peers.datasette import FACETS

        params = [("_size", "10")]
        if self.q:
            params.append(("_search", self.q))
        if self.organization:
            params.append(("organization", self.organization))
        if self.country:
            params.append(("country", self.country))
        if self.fmt:
            params.append(("res_format__arraycontains", self.fmt))
        return f"/peer/datasets.json?_facet={FACETS}&" + urllib.parse.urlencode(params)


def query_mix(words: dict[str, np.ndarray], countries: list[str], seed: int = 7) -> list[Query]:
    rng = np.random.default_rng(seed)
    english = words["en"]

    def pick(low: int, high: int, count: int) -> list[str]:
        return [str(english[i]) for i in rng.choice(np.arange(low, high), count, replace=False)]

    common, rare = pick(5, 300, 14), pick(3000, 40000, 12)
    mix = [Query("1 word, common", w) for w in common[:10]]
    mix += [Query("1 word, rare", w) for w in rare[:10]]
    mix += [
        Query("2 words, common", f"{a} {b}")
        for a, b in zip(common[10:14], pick(5, 300, 4), strict=True)
    ]
    mix += [
        Query("2 words, mixed", f"{a} {b}")
        for a, b in zip(pick(5, 300, 4), rare[10:12] * 2, strict=True)
    ]
    mix += [Query("3 words", " ".join(pick(5, 2000, 3))) for _ in range(4)]
    for language in ("fr", "es", "ru", "ar", "zh"):
        mix += [Query(f"language: {language}", str(words[language][i])) for i in (12, 40)]
    orgs = [f"org-{i:04d}" for i in rng.choice(50, 5, replace=False)]
    mix += [
        Query("text + organization", w, organization=o)
        for w, o in zip(pick(5, 300, 5), orgs, strict=True)
    ]
    mix += [
        Query("text + country + CSV", w, country=countries[int(c)], fmt="CSV")
        for w, c in zip(pick(5, 300, 5), rng.choice(30, 5, replace=False), strict=True)
    ]
    mix += [
        Query("browse country + CSV", country=countries[int(c)], fmt="CSV")
        for c in rng.choice(30, 4, replace=False)
    ]
    mix += [Query("browse all") for _ in range(2)]
    return mix


class Client:
    """One kept-alive HTTP connection to a peer."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str) -> tuple[float, int, bytes]:
        started = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            raise
        return (time.perf_counter() - started) * 1000, response.status, body


def _count(peer: str, body: bytes) -> int:
    data = json.loads(body)
    if peer == "agora":
        return int(data["result"]["count"])
    return int(data.get("filtered_table_rows_count") or data.get("count") or 0)


def measure(mix: list[Query], clients: dict[str, Client], passes: int) -> None:
    """A warm-up pass, then `passes` timed passes, peers alternating query by query."""
    peers = list(clients)
    for number in range(passes + 1):
        order = peers if number % 2 == 0 else peers[::-1]
        for query in mix:
            for peer in order:
                path = query.agora_path() if peer == "agora" else query.datasette_path()
                elapsed, status, body = clients[peer].get(path)
                if peer == "agora" and status != 200:
                    raise RuntimeError(f"{peer} answered {status} to {path}: {body[:300]!r}")
                if peer != "agora" and (status != 200 or json.loads(body).get("facets_timed_out")):
                    query.timed_out = True  # Datasette gave up: the time is a lower bound
                query.count[peer] = _count(peer, body) if status == 200 else -1
                if number:
                    query.latency.setdefault(peer, []).append(elapsed)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[rank]


def summary(mix: list[Query], peer: str, kind: str | None = None) -> tuple[float, float, float]:
    medians = [statistics.median(q.latency[peer]) for q in mix if kind in (None, q.kind)]
    return percentile(medians, 0.5), percentile(medians, 0.95), percentile(medians, 0.99)
