"""Hostile or careless requests get the API's typed Chinese error, never FastAPI's English default; guessing API keys
costs the guesser, not the server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.assistant.api.conftest import STAFF_KEY, api_settings

JSON = {"content-type": "application/json"}


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize(("body", "says"), [
    (b'\xff\xfe{"query": "\xbc\xd3\xb0\xe0"}', "UTF-8"),             # GBK / UTF-16 bytes
    (b'{"query": "\xe5\x8a"}', "UTF-8"),                              # a character cut in half
    ('{"query": "加班费怎么算", '.encode(), "第 21 个字符附近"),        # JSON that stops short (where, in characters)
    (b"[" * 5000, "嵌套层数过多"),
])
def test_a_body_that_is_not_utf8_json_is_a_typed_400_in_chinese(client, body, says):
    r = client.post("/v1/search", content=body, headers=JSON)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_json" and says in error["message"] and error["field"] == "请求体"


@pytest.mark.parametrize(("body", "headers"), [(b"[1, 2]", JSON), ('"加班费"'.encode(), JSON), (b"", JSON),
                                               ('{"query": "加班费"}'.encode(), {"content-type": "text/plain"})])
def test_a_body_that_is_not_a_json_object_says_what_is_expected(client, body, headers):
    r = client.post("/v1/search", content=body, headers=headers)
    assert r.status_code == 422
    assert "JSON 对象" in r.json()["error"]["message"]


def test_deep_nesting_inside_a_valid_body_is_a_clear_error_not_a_500(client):
    nested: object = "x"
    for _ in range(400):
        nested = {"a": nested}
    r = client.post("/v1/ask", json={"question": "加班费怎么算", "facts": {"pay.monthly_wage": nested}})
    assert 400 <= r.status_code < 500 and _has_chinese(r.json()["error"]["message"])


def _limited_app(tmp_path, assistant, per_minute: int = 3):
    return create_app(assistant, api_settings=api_settings(tmp_path, rate_limit_per_minute=per_minute))


def test_wrong_keys_are_rate_limited_per_address_and_the_block_tells_nothing_about_keys(assistant, tmp_path):
    app = _limited_app(tmp_path, assistant)
    guesser = TestClient(app, client=("203.0.113.7", 40000))
    statuses = [guesser.post("/v1/search", json={"query": "加班费"}, headers={"X-API-Key": f"guess-{n}"}).status_code
                for n in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    blocked = guesser.post("/v1/search", json={"query": "加班费"}, headers={"Authorization": f"Bearer {STAFF_KEY}"})
    assert blocked.status_code == 429, "a right key during the block must look like a wrong one"
    assert blocked.headers["retry-after"].isdigit() and "密钥错误次数过多" in blocked.json()["error"]["message"]
    other = TestClient(app, client=("198.51.100.9", 40000))
    assert other.post("/v1/search", json={"query": "加班费"}, headers={"X-API-Key": STAFF_KEY}).status_code == 200
    assert guesser.get("/healthz").status_code == 200, "liveness is never blocked"


def test_right_keys_and_anonymous_calls_do_not_count_as_wrong_keys(assistant, tmp_path):
    app = _limited_app(tmp_path, assistant, per_minute=2)
    caller = TestClient(app, client=("203.0.113.8", 40000))
    caller.post("/v1/search", json={"query": "加班费"}, headers={"X-API-Key": "typo"})
    assert caller.post("/v1/ingest", headers={"X-API-Key": "public-key-for-tests"}).status_code == 403
    assert caller.post("/v1/ingest").status_code == 401  # anonymous: no key presented, not a guess
    assert caller.post("/v1/search", json={"query": "加班费"}, headers={"X-API-Key": STAFF_KEY}).status_code == 200


def test_with_the_rate_limit_off_wrong_keys_are_not_limited_either(client):
    statuses = {client.post("/v1/search", json={"query": "加班费"}, headers={"X-API-Key": f"g{n}"}).status_code
                for n in range(70)}
    assert statuses == {401}
