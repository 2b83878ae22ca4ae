"""The "http" link checker, against a real HTTP server on loopback (allowed for this test
only; the SSRF guard refuses private addresses otherwise)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agora.benchmarks import linkcheck
from agora.benchmarks.linkcheck import DistributionRef


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
        else:
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Length", "1")
        self.end_headers()
        if self.path != "/moved":
            self.wfile.write(b"x")

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server(settings) -> Iterator[str]:
    settings.AGORA_HTTP_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _links(base: str, *paths: str) -> list[DistributionRef]:
    return [DistributionRef(f"d{n}", "ds", base + p, None, None) for n, p in enumerate(paths)]


def test_links_work_when_their_final_answer_is_below_400(server):
    checker = linkcheck.HttpLinkChecker()
    verdicts = checker.check(_links(server, "/ok", "/moved", "/gone"))
    assert verdicts == {"d0": True, "d1": True, "d2": False}


def test_private_addresses_are_refused_as_broken(settings):
    settings.AGORA_HTTP_ALLOWED_NETWORKS = []
    verdicts = linkcheck.HttpLinkChecker().check(_links("http://10.0.0.1", "/x"))
    assert verdicts == {"d0": False}


def test_each_url_is_requested_once_and_at_most_the_limit(server, settings):
    settings.AGORA_BENCHMARKS_LINK_CHECK_LIMIT = 1
    refs = _links(server, "/ok", "/gone")
    refs.append(DistributionRef("again", "ds", server + "/ok", None, None))
    verdicts = linkcheck.HttpLinkChecker().check(refs)
    assert verdicts == {"d0": True, "d1": None, "again": True}
