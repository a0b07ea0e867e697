"""The desktop window (PySide6, Russian by default): see docs/GUI.md."""
