"""A loopback OpenAI-compatible chat server for tests: streaming (SSE) and not, with every fault on demand.

    server = FakeOpenAIServer().start()
    server.reply = "根据《劳动合同法》第三十八条……"     # or a callable(messages) -> str
    server.fault = "cut"                                 # None | "down" | "slow" | "garbage_body" | "garbage_text"
                                                         # | "cut" | "error500" | "empty"
    settings = base_settings.model_copy(update=server.settings_update())
    ...
    server.stop()

Faults:
- ``down``: every request answers HTTP 503 (the client retries, then gives up); ``error500`` answers 500.
- ``slow``: waits ``delay`` seconds before the first byte (set it above the client's timeout).
- ``garbage_body``: HTTP 200 whose body is not JSON / not SSE.
- ``garbage_text``: a well-formed reply whose text is noise.
- ``cut``: a stream that sends ``cut_after`` chunks then drops the connection mid-body (no [DONE]).
- ``empty``: a well-formed reply with empty content.
Every request body is recorded in ``requests``, and when each was served (``served``: start and end, monotonic
seconds; a stream whose client hangs up ends within milliseconds, not at its next chunk).
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = str | Callable[[list[dict]], str]

GARBAGE_TEXT = "\x00\x01##@@!!~~ %%% zzqx ^^&& ###### 0x7f 0x7f 0x7f ]]]]"


class FakeOpenAIServer:
    def __init__(self, reply: Reply = "好的。", *, model: str = "fake-model") -> None:
        self.reply: Reply = reply
        self.model = model
        self.fault: str | None = None
        self.delay = 0.0  # seconds before the first byte (any fault or none)
        self.chunk_chars = 4
        self.chunk_delay = 0.0
        self.cut_after = 3
        self.requests: list[dict] = []
        self.served: list[tuple[float, float]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeOpenAIServer:
        server = self

        class Handler(_Handler):
            fake = server

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def reset(self) -> None:
        self.reply, self.fault, self.delay = "好的。", None, 0.0
        self.chunk_chars, self.chunk_delay, self.cut_after = 4, 0.0, 3
        self.requests.clear()
        self.served.clear()

    def __enter__(self) -> FakeOpenAIServer:  # noqa: PYI034 - start() returns the server itself
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def settings_update(self, *, timeout: float = 5.0, max_retries: int = 0) -> dict:
        """Fields for ``Settings.model_copy(update=...)`` pointing the assistant at this server."""
        from pydantic import SecretStr

        return {"llm_base_url": self.base_url, "llm_model": self.model, "llm_api_key": SecretStr("test-key"),
                "llm_timeout": timeout, "llm_max_retries": max_retries}

    def reply_for(self, messages: list[dict]) -> str:
        return self.reply(messages) if callable(self.reply) else self.reply


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # clients dropping connections is expected here
        pass


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": self.fake.model, "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        start = time.monotonic()
        try:
            self._post()
        finally:
            self.fake.served.append((start, time.monotonic()))

    def _post(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            body = {}
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": "not found"}})
            return
        fake = self.fake
        fake.requests.append(body)
        if fake.delay:
            time.sleep(fake.delay)
        fault = fake.fault
        if fault == "down":
            self._json(503, {"error": {"message": "service unavailable", "type": "server_error"}})
            return
        if fault == "error500":
            self._json(500, {"error": {"message": "internal error", "type": "server_error"}})
            return
        if fault == "garbage_body":
            self._raw(200, b"<html>\xff\xfe not json at all", "application/json")
            return
        text = fake.reply_for(body.get("messages") or [])
        if fault == "garbage_text":
            text = GARBAGE_TEXT
        elif fault == "empty":
            text = ""
        if body.get("stream"):
            self._stream(text, body, cut=fault == "cut")
        else:
            self._json(200, _completion(fake.model, text))

    # ------------------------------------------------------------------ responses
    def _json(self, status: int, payload: dict) -> None:
        self._raw(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, text: str, body: dict, *, cut: bool) -> None:
        fake = self.fake
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = [text[i:i + fake.chunk_chars] for i in range(0, len(text), fake.chunk_chars)] or [""]
        try:
            self._chunk(_sse(_delta(fake.model, {"role": "assistant", "content": ""})))
            for n, piece in enumerate(pieces):
                if cut and n >= fake.cut_after:
                    # drop the connection in the middle of the body: no terminating chunk, no [DONE]
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if fake.chunk_delay and self._hung_up_within(fake.chunk_delay):
                    self.close_connection = True
                    return
                self._chunk(_sse(_delta(fake.model, {"content": piece})))
            self._chunk(_sse(_delta(fake.model, {}, finish="stop")))
            if (body.get("stream_options") or {}).get("include_usage"):
                usage = {"prompt_tokens": 10, "completion_tokens": len(text), "total_tokens": 10 + len(text)}
                self._chunk(_sse({**_delta(fake.model, {}), "choices": [], "usage": usage}))
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    def _hung_up_within(self, seconds: float) -> bool:
        """Wait ``seconds`` between chunks, or less if the client closes the connection (it sends nothing else
        while it reads a stream, so the socket turns readable only at its end)."""
        readable, _, _ = select.select([self.connection], [], [], seconds)
        return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _sse(payload: dict) -> bytes:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()


def _delta(model: str, delta: dict, finish: str | None = None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _completion(model: str, text: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": len(text), "total_tokens": 10 + len(text)}}
