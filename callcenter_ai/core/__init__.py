"""The core of CallCenter AI: no Qt here (checked by import-linter)."""
