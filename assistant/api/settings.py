"""The front doors' settings: the ``api`` subtree of the one settings tree (``assistant.config``)."""

from __future__ import annotations

from assistant.config import ROLES, ApiSettings, Role

__all__ = ["ROLES", "ApiSettings", "Role"]
