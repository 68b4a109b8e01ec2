"""The HTTP API (FastAPI). ``create_app(assistant=None, settings=None)`` builds it; ``assistant.api.server`` serves it.

Names are imported on first use so that ``labor`` can mount ``serve`` without loading FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ApiSettings", "Services", "build_services", "create_app"]


def __getattr__(name: str) -> Any:
    if name in ("Services", "build_services", "create_app"):
        from assistant.api import app

        return getattr(app, name)
    if name == "ApiSettings":
        from assistant.api.settings import ApiSettings

        return ApiSettings
    raise AttributeError(name)
