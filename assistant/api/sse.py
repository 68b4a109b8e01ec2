"""Server-Sent Events on FastAPI's own encoder (``fastapi.sse``); data is JSON that keeps Chinese readable."""

from __future__ import annotations

from typing import Any

from fastapi.sse import EventSourceResponse, format_sse_event

from assistant.serialize import dumps

SSE_MEDIA_TYPE = EventSourceResponse.media_type
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

__all__ = ["SSE_HEADERS", "SSE_MEDIA_TYPE", "EventSourceResponse", "sse", "sse_raw"]


def sse(data: Any, event: str | None = None) -> bytes:
    """One event; ``data`` is JSON-encoded on a single ``data:`` line (compact JSON never holds a raw newline)."""
    return format_sse_event(data_str=dumps(data), event=event)


def sse_raw(text: str) -> bytes:
    return format_sse_event(data_str=text)
