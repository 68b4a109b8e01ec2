"""Server-Sent Events written by hand so Chinese stays readable on the wire (``ensure_ascii=False``)."""

from __future__ import annotations

from typing import Any

from assistant.api.serialize import dumps

SSE_MEDIA_TYPE = "text/event-stream"
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse(data: Any, event: str | None = None) -> bytes:
    """One event; ``data`` is JSON-encoded on a single ``data:`` line (JSON never contains a raw newline)."""
    text = dumps(data)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {text}\n\n".encode()


def sse_raw(text: str) -> bytes:
    return f"data: {text}\n\n".encode()
