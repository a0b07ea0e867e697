"""The server client's own rules: addresses, and what a proxy, a hung or a foreign server turns into."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from callcenter_ai.core.errors import ConfigError, KnownError, NotFoundError
from callcenter_ai.core.remote import RemoteClient, ServerRefusedError, ServerUnreachableError, server_url

Answer = tuple[int, str, bytes, float]  # status, content type, body, delay in seconds


@pytest.fixture
def fake_server() -> Iterator[Callable[[Answer], str]]:
    """An HTTP server that gives every request the same answer; returns its address."""
    servers: list[ThreadingHTTPServer] = []

    def serve(answer: Answer) -> str:
        status, kind, body, delay = answer

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://cc.example.ru/", "https://cc.example.ru"),
        ("https://cc.example.ru/api", "https://cc.example.ru"),
        ("  10.0.0.5:8765 ", "http://10.0.0.5:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
    ],
)
def test_server_addresses_are_normalised(given: str, expected: str) -> None:
    assert server_url(given) == expected


@pytest.mark.parametrize(
    "given", ["", "ftp://host", "http://", "https://host/?x=1", "http://host/#top", "http://host:99999"]
)
def test_what_is_not_a_server_address_is_refused_clearly(given: str) -> None:
    with pytest.raises(ConfigError, match="is not a server address"):
        server_url(given)


def test_a_proxy_error_page_is_a_clear_failure_not_a_crash(fake_server: Callable[[Answer], str]) -> None:
    url = fake_server((502, "text/html", b"<html><body>Bad Gateway</body></html>", 0.0))
    with pytest.raises(KnownError, match=r"failed \(502\): Bad Gateway") as caught:
        RemoteClient(url, "t").whoami()
    assert not isinstance(caught.value, ServerUnreachableError)


def test_an_answer_that_is_not_json_is_named(fake_server: Callable[[Answer], str]) -> None:
    url = fake_server((200, "text/html", b"<html>a login page</html>", 0.0))
    with pytest.raises(KnownError, match="not what this app expects"):
        RemoteClient(url, "t").stats()


def test_the_servers_own_errors_keep_their_kind(fake_server: Callable[[Answer], str]) -> None:
    missing = fake_server((404, "application/json", b'{"error": "not_found", "message": "no call \'x\'"}', 0.0))
    with pytest.raises(NotFoundError, match="no call 'x'"):
        RemoteClient(missing, "t").call("x")
    refused = fake_server((401, "application/json", b'{"error": "unauthorized", "message": "token"}', 0.0))
    with pytest.raises(ServerRefusedError, match="does not accept this token"):
        RemoteClient(refused, "t").whoami()


def test_a_server_that_does_not_answer_in_time_is_unreachable(fake_server: Callable[[Answer], str]) -> None:
    url = fake_server((200, "application/json", b"{}", 2.0))
    with pytest.raises(ServerUnreachableError, match=r"did not answer within 0\.3 s"):
        RemoteClient(url, "t", timeout_s=0.3).health()


def test_nobody_listening_is_unreachable() -> None:
    with pytest.raises(ServerUnreachableError, match=r"no connection to the server http://127\.0\.0\.1:9"):
        RemoteClient("http://127.0.0.1:9", "t").health()
