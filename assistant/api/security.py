"""The API's side of the one access check (:mod:`assistant.access`): who is calling, read from a FastAPI request.

The rules (roles, keys, the per-caller rate limit) live below both front doors so the web page shares them; a
refusal raised there is an :class:`assistant.access.AccessError`, which ``assistant.api.errors`` answers as the
API's typed 401/403/429 JSON.
"""

from __future__ import annotations

from fastapi import Request

from assistant.access import (
    ROLE_NAMES,
    ROLE_RANK,
    Caller,
    MemoryCounts,
    RateCounts,
    RateLimiter,
    authorize,
    key_fingerprint,
    presented_key,
    shared_counts_wanted,
)
from assistant.access import identify as identify_key
from assistant.api.settings import ApiSettings

__all__ = ["ROLE_NAMES", "ROLE_RANK", "Caller", "MemoryCounts", "RateCounts", "RateLimiter", "authorize",
           "identify", "key_fingerprint", "presented_key", "shared_counts_wanted"]


def identify(request: Request, settings: ApiSettings) -> Caller:
    """The caller behind a request's key; without a key, the anonymous caller at the request's client address."""
    return identify_key(presented_key(request.headers), settings,
                        address=request.client.host if request.client else None)
