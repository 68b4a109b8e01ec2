"""An unexpected error is logged as one line — its type and where — never as a traceback: a traceback carries the
values in play, and those may be a worker's personal data."""

from __future__ import annotations

import logging

import httpx
import pytest

from assistant.api import create_app
from tests.assistant.api.conftest import RunningServer, api_settings

pytestmark = pytest.mark.server
PERSONAL = "张三 身份证 110101199003074514"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(logging.Formatter("%(name)s %(message)s").format(record))


@pytest.fixture
def logged():
    """Call it once the server is built: uvicorn's logging setup replaces its loggers' handlers."""
    records = _Records()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn")]  # uvicorn's loggers do not reach the root

    def watch() -> list[str]:
        for logger in loggers:
            logger.addHandler(records)
        return records.lines

    yield watch
    for logger in loggers:
        logger.removeHandler(records)


def test_an_unexpected_error_is_one_line_with_type_and_place_behind_a_real_server(assistant, tmp_path, logged):
    app = create_app(assistant, api_settings=api_settings(tmp_path))

    @app.post("/v1/broken")
    def broken(body: dict) -> dict:
        raise ValueError(f"cannot handle {body['name']}")

    @app.get("/v1/broken-stream")
    def broken_stream():
        from fastapi.responses import StreamingResponse

        def chunks():
            yield "data: 1\n\n"
            raise RuntimeError(PERSONAL)

        return StreamingResponse(chunks(), media_type="text/event-stream")

    running = RunningServer(app)
    lines = logged()
    with running as server:
        r = httpx.post(server.url + "/v1/broken", json={"name": PERSONAL}, timeout=10)
        assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
        with pytest.raises(httpx.HTTPError):  # the stream is cut: the client learns it is incomplete
            httpx.get(server.url + "/v1/broken-stream", timeout=10).read()
        assert httpx.get(server.url + "/healthz", timeout=10).status_code == 200

    text = "\n".join(lines)
    assert "Traceback" not in text and PERSONAL not in text and "110101" not in text, text
    errors = [line for line in lines if "ValueError" in line or "RuntimeError" in line]
    assert len(errors) == 2, lines
    assert "test_api_error_log.py:" in errors[0]
