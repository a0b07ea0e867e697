"""A real ``serve`` (the FastAPI app under uvicorn) on loopback in a thread, and a keyring kept in memory."""

from __future__ import annotations

import threading
import time

import uvicorn
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from callcenter_ai.api import create_app
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.settings import Settings


class LiveServer:
    """``start()`` binds 127.0.0.1 (a free port the first time, the same port again after ``stop()``)."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        app = create_app(self.settings, embedder=self.embedder)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="live-serve", daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self._server, self._thread = server, thread

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(30)
            assert not self._thread.is_alive(), "the test server did not stop"
        self._server = self._thread = None


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: the tests run where no system keyring exists."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")
