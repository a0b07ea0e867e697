"""CallCenter AI: search and analytics over call-center transcripts."""

from __future__ import annotations

__version__ = "0.1.0"
