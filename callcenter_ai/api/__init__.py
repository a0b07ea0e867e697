"""HTTP API over the same core as the window: ``create_app(settings)`` (FastAPI).

Imported only by ``python -m callcenter_ai serve`` and tests, so the window
and the CLI never pay for FastAPI.
"""

from __future__ import annotations

from callcenter_ai.api.app import create_app

__all__ = ["create_app"]
