"""The desktop program (PySide6). Calls services only; never opens a session itself."""
