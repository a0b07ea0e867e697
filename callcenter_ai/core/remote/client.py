"""The HTTP client of a central ``serve``: the same records the local core returns, over the API.

:class:`RemoteClient` knows the server's address and the user's token and
nothing of Qt, so the window and the command line can both use it.  Every
failure is a :class:`~callcenter_ai.core.errors.KnownError` with a clear
message; a server that cannot be reached is a :class:`ServerUnreachableError`
(the window shows it as a lost connection it can retry), a token the server
refuses a :class:`ServerRefusedError`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from callcenter_ai.core.analytics.alerts import Alerts
from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.errors import ConfigError, IndexFileError, InputError, KnownError, NotFoundError, StoreError
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.remote.codec import from_json
from callcenter_ai.core.search import Facets

log = logging.getLogger(__name__)

TIMEOUT_S = 120.0  # one answer (a server's first query loads its model); indexing streams, unlimited
CONNECT_TIMEOUT_S = 5.0


class ServerUnreachableError(KnownError):
    """No answer from the server: network down, server stopped, wrong address, timeout."""


class ServerRefusedError(KnownError):
    """The server refused the token (401) or the user's role (403)."""


@dataclass(frozen=True)
class RemoteUser:
    """Who the token belongs to: ``GET /api/whoami``."""

    user: str
    role: str
    permissions: tuple[str, ...]

    def can(self, action: str) -> bool:
        return action in self.permissions


def server_url(text: str) -> str:
    """``text`` as a server address (``http(s)://host[:port]``, no trailing slash, no ``/api``)."""
    url = text.strip()
    if url and "://" not in url:
        url = "http://" + url
    url = url.rstrip("/").removesuffix("/api")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise ConfigError(msg("remote.bad_url", url=text)) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(msg("remote.bad_url", url=text))
    return url


class RemoteClient:
    """One user's connection to one server; thread-safe (httpx's client is)."""

    def __init__(self, url: str, token: str, *, timeout_s: float = TIMEOUT_S) -> None:
        self.url = server_url(url)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.timeout_s = timeout_s
        self._http = httpx.Client(
            base_url=self.url + "/api",
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=min(CONNECT_TIMEOUT_S, timeout_s)),
        )

    def close(self) -> None:
        self._http.close()

    # -- the wire ---------------------------------------------------------------------

    def _send(self, method: str, path: str, *, stream: bool = False, **options: Any) -> httpx.Response:
        request = self._http.build_request(method, path, **options)
        try:
            response = self._http.send(request, stream=stream)
        except httpx.TimeoutException as exc:
            raise ServerUnreachableError(
                msg("remote.timeout", url=self.url, seconds=self.timeout_s), hint=HINTS["remote.unreachable"]
            ) from exc
        except httpx.TransportError as exc:
            raise ServerUnreachableError(
                msg("remote.unreachable", url=self.url, error=str(exc) or type(exc).__name__),
                hint=HINTS["remote.unreachable"],
            ) from exc
        if response.status_code >= 400:
            if stream:
                response.read()
                response.close()
            raise self._failure(response)
        return response

    def _json(self, method: str, path: str, **options: Any) -> Any:
        response = self._send(method, path, **options)
        try:
            return response.json()
        except ValueError as exc:
            raise KnownError(msg("remote.bad_answer", what=path, error="not JSON")) from exc

    def _failure(self, response: httpx.Response) -> KnownError:
        try:
            body = response.json()
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
        reason = str(body.get("message") or response.reason_phrase or response.status_code)
        hint = str(body.get("hint") or "")
        status = response.status_code
        log.info("%s %s -> %d: %s", response.request.method, response.request.url.path, status, reason)
        if status == 401:
            return ServerRefusedError(msg("remote.unauthorized", url=self.url), hint=HINTS["remote.token"])
        if status == 403:
            return ServerRefusedError(msg("remote.forbidden", url=self.url, reason=reason))
        if status == 404:
            return NotFoundError(reason, hint=hint)
        if status == 409:
            return IndexFileError(reason, hint=hint)
        if status in (413, 422):
            return (
                InputError(reason, hint=hint)
                if "problems" in body or body.get("key", "").startswith(("input.", "csv.", "field.", "json."))
                else ConfigError(reason, hint=hint)
            )
        if status == 503 and body.get("error") == "unavailable":
            return StoreError(reason, hint=hint)
        return KnownError(msg("remote.failed", url=self.url, status=status, reason=reason), hint=hint)

    # -- who and what ---------------------------------------------------------------------

    def whoami(self) -> RemoteUser:
        data = self._json("GET", "/whoami")
        return RemoteUser(str(data.get("user", "")), str(data.get("role", "")), tuple(data.get("permissions", ())))

    def health(self) -> dict[str, Any]:
        data: dict[str, Any] = self._json("GET", "/health")
        return data

    def stats(self) -> dict[str, Any]:
        """The ``stats --json`` object of the server's store (paths by name only)."""
        data: dict[str, Any] = self._json("GET", "/stats")
        return data

    def facets(self) -> Facets:
        return from_json(Facets, self._json("GET", "/facets"), what="facets")

    def call(self, dialog_id: str) -> StoredCall:
        return from_json(StoredCall, self._json("GET", "/calls/" + quote(dialog_id, safe="")), what="call")

    # -- search and ratings ---------------------------------------------------------------

    def search(self, query: str, k: int, mode: str, filters: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /api/search``: the ``search --json`` object (``results``, ``warnings``, ``mode``, ...)."""
        body = {"query": query, "k": k, "mode": mode, "filters": dict(filters)}
        data: dict[str, Any] = self._json("POST", "/search", json=body)
        return data

    def similar(self, dialog_id: str, k: int, filters: Mapping[str, Any], mode: str | None = None) -> dict[str, Any]:
        body = {"dialog_id": dialog_id, "k": k, "mode": mode, "filters": dict(filters)}
        data: dict[str, Any] = self._json("POST", "/similar", json=body)
        return data

    def rate(self, rating: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /api/feedback``; the server records the token's user as the rater."""
        data: dict[str, Any] = self._json("POST", "/feedback", json=dict(rating))
        return data

    def learning_stats(self) -> dict[str, Any]:
        data: dict[str, Any] = self._json("GET", "/learning/stats")
        return data

    # -- analytics ---------------------------------------------------------------------

    def dashboard(self, *, rebuild: bool = False) -> Dashboard:
        data = self._json("GET", "/analytics/dashboard", params={"rebuild": rebuild}, timeout=None)
        return from_json(Dashboard, data, what="dashboard")

    def alerts(self) -> Alerts | None:
        """``GET /api/alerts``: the latest week's emerging topics; None where the server has no topics."""
        found = self._json("GET", "/alerts").get("alerts")
        return None if found is None else from_json(Alerts, found, what="alerts")

    def drill(self, version: int, what: Drill) -> list[StoredCall]:
        data = self._json("POST", "/analytics/drill", json={"version": version, "drill": asdict(what)})
        return from_json(list[StoredCall], data.get("calls"), what="drill")

    # -- admin: import and indexing ------------------------------------------------------

    def import_file(self, path: Path, *, skip_invalid: bool = False) -> dict[str, Any]:
        """Send one file to the server's import; the ``import --json`` report of that file."""
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise InputError(msg("input.cannot_read", source=path, error=exc.strerror or exc)) from exc
        params = {"filename": path.name, "skip_invalid": skip_invalid}
        data: dict[str, Any] = self._json("POST", "/import", params=params, content=content, timeout=None)
        return data

    def refresh(self, *, rebuild: bool = False) -> Iterator[dict[str, Any]]:
        """The server's indexing (embed, keyword index, vector index), one progress record a line.

        Yields ``{"kind": ..., "progress": {...}}`` records and ends with ``{"result": {...}}``;
        a failure on the server arrives as an ``{"error": ...}`` line and is raised here.
        """
        response = self._send("POST", "/index", params={"rebuild": rebuild}, stream=True, timeout=httpx.Timeout(None))
        try:
            for line in response.iter_lines():
                if not line.strip():
                    continue
                record = json.loads(line)
                if "error" in record:
                    raise KnownError(str(record.get("message", record["error"])), hint=str(record.get("hint", "")))
                yield record
        except httpx.TransportError as exc:
            raise ServerUnreachableError(
                msg("remote.unreachable", url=self.url, error=str(exc) or type(exc).__name__),
                hint=HINTS["remote.unreachable"],
            ) from exc
        finally:
            response.close()
