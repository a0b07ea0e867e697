"""CallCenter AI: search and analytics over call-center transcripts."""

__version__ = "0.1.0"
