"""Memory, CPU and GPU diagnostics for administrators (``memory_diagnostics.py``)."""

from __future__ import annotations

from callcenter_ai.core.diagnostics.report import EXIT_ERRORS, EXIT_OK, EXIT_WARNINGS, collect_report, render_text

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_WARNINGS", "collect_report", "render_text"]
