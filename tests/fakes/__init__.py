"""Fakes at the edges, for any test in the project.

- ``tests.fakes.openai_server.FakeOpenAIServer``: a loopback OpenAI-compatible chat server (SSE streaming and not,
  delay, garbage, cut mid-stream, 500/503) — point ``Settings`` at it with ``server.settings_update()``;
- ``tests.fakes.chat_model.FakeChatModel``: a langchain chat model with canned or computed replies and faults;
- ``tests.fakes.fixtures``: the ``openai_server`` and ``fake_chat_model`` pytest fixtures (import them in a conftest).
"""
