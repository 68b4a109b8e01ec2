"""Pure ASGI middleware: request-body size limits (413 before the body is read), a budget for wrong API keys, a
bound on answers in progress, and request metrics."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.access import KeysGuessed, MemoryCounts, RateCounts, WrongKeyBudget, presented_key
from assistant.api.metrics import Metrics

UPLOAD_PATHS = ("/v1/ingest",)
CASES = "/v1/cases/"
ATTACHMENTS = "/attachments"  # a case's evidence files: POST /v1/cases/{code}/attachments
MULTIPART_OVERHEAD = 64 * 1024


class _BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(status_code=413, detail=_too_large_message(limit))


def _too_large_message(limit: int) -> str:
    if limit >= 1024 * 1024:
        size = f"{limit / 1024 / 1024:.0f} MB"
    else:
        size = f"{limit / 1024:.0f} KB"
    return f"请求内容过大：上限 {size}"


async def _send_413(send: Send, limit: int) -> None:
    await _send_json(send, 413, {"error": {"code": "payload_too_large", "message": _too_large_message(limit)}})


class BodySizeLimit:
    """Caps request bodies under ``/v1``: uploads to ``max_upload`` (plus multipart framing), the rest to ``max_body``.

    A declared Content-Length over the cap is refused before reading; a chunked body is counted as it arrives.
    The web UI under ``/ui`` has its own upload handling and is left alone.
    """

    def __init__(self, app: ASGIApp, max_body: int, max_upload: int):
        self.app, self.max_body, self.max_upload = app, max_body, max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1"):
            await self.app(scope, receive, send)
            return
        limit = self.max_upload + MULTIPART_OVERHEAD if _is_upload(scope["path"]) else self.max_body
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await _send_413(send, limit)


def _is_upload(path: str) -> bool:
    return path.startswith(UPLOAD_PATHS) or (path.startswith(CASES) and path.rstrip("/").endswith(ATTACHMENTS))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class WrongKeyLimit:
    """No free key guessing: an address whose requests under ``/v1`` presented a key that got 401 ``per_minute``
    times in the last minute gets 429 for any request presenting a key, before the key is looked at (so the
    answer tells nothing about the key), until its oldest failure is a minute old. Requests without a key are
    left to the per-caller limit. ``per_minute`` is the caller rate limit (0: off, as for the callers); the failures
    are counted where the callers are (``counts``: this process, or the case database several processes share).
    """

    def __init__(self, app: ASGIApp, per_minute: int, window: float = 60.0, counts: RateCounts | None = None):
        self.app, self.per_minute = app, per_minute
        # the page's door spends the same budget (assistant.access.admit), in the same counts
        self.budget = WrongKeyBudget(per_minute, counts if counts is not None else MemoryCounts(), window)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.per_minute <= 0 or scope["type"] != "http" or not scope["path"].startswith("/v1")
                or presented_key(Headers(scope=scope)) is None):
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        # the shared counts are a database round trip: off the event loop
        retry = await run_in_threadpool(self.budget.wait, address)
        if retry:
            await _send_json(send, 429, {"error": {"code": "rate_limited", "message": KeysGuessed(retry).message}},
                             [(b"retry-after", str(retry).encode())])
            return

        async def watching_send(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                # counted before the client hears the 401, so its next request already meets the count
                await run_in_threadpool(self.budget.failed, address)
            await send(message)

        await self.app(scope, receive, watching_send)


async def _send_json(send: Send, status: int, payload: dict, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


ANSWER_PATHS = ("/v1/ask", "/v1/chat/completions")


class AnswerSlots:
    """At most ``limit`` answers in progress (a stream holds its slot to its last byte); one more gets 503 with
    Retry-After at once. Answers run in the thread pool that search and the other routes share: unbounded, a storm
    of questions to a slow model takes every thread and search waits seconds behind them."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit, self.busy = app, limit, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope["path"].rstrip("/") not in ANSWER_PATHS:
            await self.app(scope, receive, send)
            return
        if self.busy >= self.limit:  # one event loop: the check and the count cannot interleave
            await _send_json(send, 503, {"error": {"code": "busy", "message":
                             "咨询的人太多，请稍后再试（几秒后重新提问即可）"}}, [(b"retry-after", b"2")])
            return
        self.busy += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.busy -= 1


class RequestMetrics:
    """Counts requests by route template and status, and observes their duration (streams: until the last byte)."""

    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        self.metrics.in_flight(+1)

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.in_flight(-1)
            self.metrics.observe_request(scope.get("method", "GET"), _route_label(scope), status,
                                         time.perf_counter() - start)


def _route_label(scope: Scope) -> str:
    """The route template (``/v1/provisions/{law}/{article}``), never the raw path: labels must stay few."""
    route = scope.get("route")
    if route is not None and getattr(route, "path", None):
        return route.path
    path = scope.get("path", "")
    if path.startswith("/ui"):
        return "/ui"
    return "unmatched"
