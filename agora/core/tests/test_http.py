"""Safe outbound HTTP: private addresses refused (also after redirects and DNS tricks),
size caps enforced while streaming, allow-listed networks reachable for tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agora.core.http import BlockedAddress, FetchError, Policy, TooLarge, fetch, parse_networks

LOCAL = parse_networks("127.0.0.1/32")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/big":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 5000)
        elif self.path == "/to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            self.wfile.write(b"hello " + self.headers.get("Host", "").encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_private_and_local_addresses_are_refused(url):
    with pytest.raises(BlockedAddress):
        fetch(url, policy=Policy())


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/x", "file:///etc/passwd", "http://user:pw@example.org/", "gopher://x"],
)
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchError):
        fetch(url, policy=Policy())


def test_a_name_resolving_to_a_private_address_is_refused_even_among_public_ones():
    def rebinding(host, port):
        return ["93.184.215.14", "127.0.0.1"]

    with pytest.raises(BlockedAddress):
        fetch("http://rebind.example/", policy=Policy(), resolver=rebinding)


def test_allowed_network_is_fetched_with_the_original_host_header(server):
    port = server.rsplit(":", 1)[1]
    response = fetch(
        f"http://files.test:{port}/x",
        policy=Policy(allowed_networks=LOCAL),
        resolver=lambda host, p: ["127.0.0.1"],
    )
    assert response.status == 200
    assert response.read() == f"hello files.test:{port}".encode()
    assert response.headers["etag"] == '"v1"'


def test_size_cap_stops_the_download(server):
    response = fetch(f"{server}/big", policy=Policy(allowed_networks=LOCAL, max_bytes=1000))
    with pytest.raises(TooLarge):
        response.read()


def test_redirect_to_a_private_address_is_refused(server):
    with pytest.raises(BlockedAddress):
        fetch(f"{server}/to-metadata", policy=Policy(allowed_networks=LOCAL))


def test_redirect_loops_end(server):
    with pytest.raises(FetchError) as raised:
        fetch(f"{server}/loop", policy=Policy(allowed_networks=LOCAL, max_redirects=3))
    assert raised.value.code == "http.too_many_redirects"
