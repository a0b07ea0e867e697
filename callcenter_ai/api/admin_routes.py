"""An admin's work on the server from a desktop window: import a file, build the indexes.

``POST /api/import?filename=NAME`` takes the file's bytes as the body (up to the
``api_max_body_bytes`` setting) and answers the ``import --json`` report of that
file; ``POST /api/index`` runs the core's refresh (embed, keyword index, vector
index) and streams its progress as JSON Lines, ending with the report.  Both
need the admin role (``api/access.py``).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from callcenter_ai.api.routes import _ERRORS, _state
from callcenter_ai.api.state import ApiState
from callcenter_ai.core.app import IndexProgress, KeywordProgress, refresh, relay, run_to_end
from callcenter_ai.core.engines import engine_over
from callcenter_ai.core.errors import ConfigError, KnownError
from callcenter_ai.core.remote import to_json

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["admin"])

FileName = Annotated[str, Query(min_length=1, max_length=200, description="the file's name (its suffix: the format)")]


def _import(state: ApiState, name: str, content: bytes, skip_invalid: bool) -> dict[str, Any]:
    from callcenter_ai.core.app.analytics import refresh_saved_searches
    from callcenter_ai.core.ingest import import_file
    from callcenter_ai.core.privacy import import_text_filter

    safe_name = Path(name.replace("\\", "/")).name
    if safe_name in ("", ".", "..") or any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in safe_name):
        raise ConfigError(f"{name!r} is not a file name")
    with tempfile.TemporaryDirectory(prefix="callcenter-import-") as folder:
        path = Path(folder) / safe_name
        try:
            path.write_bytes(content)
        except (OSError, ValueError) as exc:  # a name this file system refuses
            raise ConfigError(f"{safe_name!r} cannot be used as a file name here") from exc
        with state.store() as store:
            engine = engine_over(store, state.settings)
            report = run_to_end(
                import_file(
                    engine.calls, path, skip_invalid=skip_invalid, text_filter=import_text_filter(state.settings)
                )
            )
            engine.keyword.sync()
    refresh_saved_searches(state.settings, engine=state.shared_engine)
    out = report.to_dict()
    out["source"] = safe_name
    return out


@router.post("/import", responses=_ERRORS)
async def import_calls(request: Request, filename: FileName, skip_invalid: bool = False) -> dict[str, Any]:
    """Import the body (one JSON Lines or CSV file) in one transaction; the file's ``import --json`` report."""
    content = await request.body()
    return await run_in_threadpool(_import, _state(request), filename, content, skip_invalid)


def _progress_record(progress: Any) -> dict[str, Any]:
    if isinstance(progress, KeywordProgress):
        kind = "keywords"
    else:
        kind = "index" if isinstance(progress, IndexProgress) else "embed"
    return {"kind": kind, "progress": to_json(progress)}


def _refresh_lines(state: ApiState, rebuild: bool) -> Iterator[str]:
    try:
        with state.store() as store:
            report = yield from relay(
                refresh(store, state.settings, state.embedder(), rebuild=rebuild),
                lambda p: json.dumps(_progress_record(p), ensure_ascii=False) + "\n",
            )
        yield json.dumps({"result": to_json(report)}, ensure_ascii=False) + "\n"
    except KnownError as exc:
        from callcenter_ai.api.app import client_text  # the app imports this module

        log.warning("indexing from the API failed: %s", exc.message)
        yield json.dumps({"error": "failed", "message": client_text(exc), "hint": exc.hint}, ensure_ascii=False) + "\n"


@router.post("/index", responses={**_ERRORS, 200: {"content": {"application/x-ndjson": {}}}})
def index(request: Request, rebuild: bool = False) -> StreamingResponse:
    """Embed new calls and update the indexes; progress records as JSON Lines, then ``{"result": report}``."""
    return StreamingResponse(_refresh_lines(_state(request), rebuild), media_type="application/x-ndjson")
