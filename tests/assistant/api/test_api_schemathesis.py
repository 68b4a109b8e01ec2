"""Property-based requests drawn from the OpenAPI schema: no input may produce a 5xx (bounded run)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from assistant import Assistant
from assistant.api import create_app
from tests.assistant.api.conftest import STAFF_KEY, api_settings

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 6
AUTH = {"Authorization": f"Bearer {STAFF_KEY}"}


@pytest.fixture
def api_schema(assistant, tmp_path):
    app = create_app(assistant, api_settings=api_settings(tmp_path, max_body_bytes=64 * 1024))
    # Ingest writes to the index: it gets its own run below, over its own index.
    return schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path="/v1/ingest")


@pytest.fixture
def ingest_schema(fresh_settings, tmp_path):
    app = create_app(Assistant(fresh_settings), api_settings=api_settings(tmp_path, max_upload_bytes=64 * 1024))
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(path="/v1/ingest")


SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _check(case):
    response = case.call(headers=AUTH)
    if response.status_code == 503:  # documented: a feature whose module is not installed yet
        assert response.json()["error"]["code"] in ("feature_unavailable", "not_ready"), response.text[:300]
        return
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    if response.status_code >= 400 and response.headers.get("content-type", [""])[0].startswith("application/json"):
        error = response.json()["error"]
        assert error["code"] and any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error


def _run_all(schema) -> list[str]:
    """Every operation of the schema, each with a bounded number of requests drawn from it; the operations tried."""
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @SETTINGS
        def run(case):
            _check(case)

        run()
        tried.append(f"{operation.method.upper()} {operation.path}")
    return tried


def test_no_server_errors(api_schema):
    tried = _run_all(api_schema)
    assert "POST /v1/ask" in tried and "POST /v1/chat/completions" in tried and len(tried) >= 15


def test_no_server_errors_on_upload(ingest_schema):
    assert _run_all(ingest_schema) == ["POST /v1/ingest"]
