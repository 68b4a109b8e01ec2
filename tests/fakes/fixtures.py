"""Pytest fixtures around the fakes. Use from a conftest: ``from tests.fakes.fixtures import openai_server``.

``openai_server``: a loopback OpenAI-compatible server (started in a few ms) for one test, stopped after it.
``fake_chat_model``: a factory for :class:`FakeChatModel`.
"""

from __future__ import annotations

import pytest

from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture
def openai_server():
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_chat_model():
    from tests.fakes.chat_model import FakeChatModel

    return FakeChatModel
