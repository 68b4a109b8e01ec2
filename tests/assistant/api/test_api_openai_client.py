"""The official ``openai`` client pointed at the assistant served by uvicorn on loopback, stream and not."""

from __future__ import annotations

import pytest

from assistant.api import create_app
from tests.assistant.api.conftest import PUBLIC_KEY, RunningServer, api_settings

pytestmark = pytest.mark.server

QUESTION = "公司一直不跟我签书面劳动合同，我能要求什么？"


@pytest.fixture
def server(assistant, tmp_path):
    app = create_app(assistant, api_settings=api_settings(tmp_path, allow_anonymous=False))
    with RunningServer(app) as running:
        yield running


def _client(server, key=PUBLIC_KEY):
    from openai import OpenAI

    return OpenAI(base_url=server.url + "/v1", api_key=key, max_retries=0, timeout=60)


def test_openai_client_plain_completion_keeps_citations(server, assistant):
    completion = _client(server).chat.completions.create(
        model="labor-assistant", messages=[{"role": "user", "content": QUESTION}])
    assert completion.choices[0].message.content
    citations = completion.model_extra["citations"]
    assert citations and all({"id", "text", "verified"} <= set(c) for c in citations)
    verified = [c for c in citations if c["verified"]]
    assert verified and all(assistant.provision_by_id(c["id"]) is not None for c in verified)
    assert completion.model_extra["labor_assistant"]["mode"] == "offline"


def test_openai_client_streaming_gets_text_then_citations_in_the_last_chunk(server):
    stream = _client(server).chat.completions.create(
        model="labor-assistant", messages=[{"role": "user", "content": QUESTION}], stream=True)
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    last = chunks[-1]
    assert text and last.choices[0].finish_reason == "stop"
    assert last.model_extra["citations"] and any(c["verified"] for c in last.model_extra["citations"])


def test_openai_client_sees_auth_errors_as_typed_errors(server):
    import openai

    with pytest.raises(openai.AuthenticationError) as err:
        _client(server, key="wrong").chat.completions.create(
            model="x", messages=[{"role": "user", "content": "加班"}])
    assert "密钥" in str(err.value)
    models = _client(server).models.list()
    assert [m.id for m in models.data] == ["labor-assistant"]
