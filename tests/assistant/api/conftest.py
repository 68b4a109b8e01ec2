"""API tests: the real Assistant (lexical index of ../shared) behind a TestClient; fakes only at the LLM edge."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api import ApiSettings, create_app
from tests.assistant.api.case_fixtures import database_url, desk_client  # noqa: F401  (the case desk's)
from tests.fakes.fixtures import openai_server  # noqa: F401  (the loopback OpenAI-compatible fake)

STAFF_KEY = "staff-key-for-tests"
PUBLIC_KEY = "public-key-for-tests"


def api_settings(tmp_path, **overrides) -> ApiSettings:
    values = {"api_keys": f"{STAFF_KEY}:staff,{PUBLIC_KEY}:public", "allow_anonymous": True,
              "rate_limit_per_minute": 0, "feedback_db": tmp_path / "feedback.sqlite3"}
    values.update(overrides)
    return ApiSettings(_env_file=None, **values)


def own_database(assistant, tmp_path):
    """The shared Assistant's settings with a case database of this test's own, where its app keeps the feedback."""
    return assistant.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'cases.sqlite3'}"})


@pytest.fixture
def make_client(assistant, tmp_path):
    """``make_client(**api_settings)`` → a TestClient over the shared test Assistant (feedback on its own database)."""

    def make(**overrides) -> TestClient:
        return TestClient(create_app(assistant, own_database(assistant, tmp_path),
                                     api_settings=api_settings(tmp_path, **overrides)))

    return make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.fixture
def staff() -> dict[str, str]:
    return {"Authorization": f"Bearer {STAFF_KEY}"}


@pytest.fixture
def public() -> dict[str, str]:
    return {"X-API-Key": PUBLIC_KEY}


@pytest.fixture
def llm_assistant(assistant, openai_server):  # noqa: F811  (the imported fixture)
    """The same index, answering through a loopback OpenAI-compatible fake (the only fake: the model's endpoint)."""
    from assistant import Assistant

    return Assistant(assistant.settings.model_copy(update=openai_server.settings_update()))


class RunningServer:
    """uvicorn serving an app on a free loopback port in a background thread."""

    def __init__(self, app):
        import socket
        import threading

        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)
