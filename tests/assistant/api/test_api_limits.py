"""Auth by API key and role, anonymous access by setting, size/length/rate limits, CORS, unknown routes."""

from __future__ import annotations

from tests.assistant.api.conftest import PUBLIC_KEY


def test_anonymous_may_search_when_allowed(client):
    assert client.post("/v1/search", json={"query": "工资"}).status_code == 200


def test_anonymous_is_refused_when_not_allowed(make_client, public):
    c = make_client(allow_anonymous=False)
    r = c.post("/v1/search", json={"query": "工资"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert c.post("/v1/search", json={"query": "工资"}, headers=public).status_code == 200


def test_a_wrong_key_is_refused_even_on_public_routes(client):
    r = client.post("/v1/search", json={"query": "工资"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert "密钥" in r.json()["error"]["message"]


def test_staff_routes_need_a_staff_key(client, public, staff):
    assert client.get("/v1/admin/stats").status_code == 401
    r = client.get("/v1/admin/stats", headers=public)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    ok = client.get("/v1/admin/stats", headers=staff)
    assert ok.status_code == 200
    assert ok.json()["corpus"]


def test_body_over_the_limit_is_413_before_reading_it(make_client):
    c = make_client(max_body_bytes=4096)
    r = c.post("/v1/search", json={"query": "工" * 5000})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
    assert "上限" in r.json()["error"]["message"]


def test_chunked_body_over_the_limit_is_413(make_client):
    c = make_client(max_body_bytes=4096)

    def chunks():
        for _ in range(10):
            yield b'{"query": "' + "工".encode() * 300

    r = c.post("/v1/search", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_question_over_the_configured_length_is_422(make_client):
    c = make_client(max_question_chars=50)
    r = c.post("/v1/search", json={"query": "加" * 51})
    assert r.status_code == 422
    assert "最多 50 字" in r.json()["error"]["message"]
    assert c.post("/v1/search", json={"query": "加" * 50}).status_code == 200


def test_rate_limit_per_key_gives_429_with_retry_after(make_client, public):
    c = make_client(rate_limit_per_minute=3)
    codes = [c.post("/v1/search", json={"query": "工资"}, headers=public).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = c.post("/v1/search", json={"query": "工资"}, headers=public)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert "每分钟最多 3 次" in r.json()["error"]["message"]
    # another key has its own budget
    assert c.post("/v1/search", json={"query": "工资"}).status_code == 200


def test_cors_allows_only_configured_origins(make_client):
    c = make_client(cors_origins="https://app.example.org")
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = c.options("/v1/search", headers={"Origin": "https://app.example.org", **pre})
    assert ok.headers.get("access-control-allow-origin") == "https://app.example.org"
    bad = c.options("/v1/search", headers={"Origin": "https://evil.example.com", **pre})
    assert bad.headers.get("access-control-allow-origin") is None


def test_unknown_route_and_wrong_method_are_typed_errors(client):
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.get("/v1/search")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_settings_parse_keys_and_lists():
    from assistant.api import ApiSettings

    s = ApiSettings(_env_file=None, api_keys=f"{PUBLIC_KEY}:public, k2:staff", cors_origins="a, b",
                    upload_types="md,PDF")
    assert s.api_keys == {PUBLIC_KEY: "public", "k2": "staff"}
    assert s.cors_origins == ["a", "b"] and s.upload_types == [".md", ".pdf"]


def test_settings_refuse_an_unknown_role():
    import pytest
    from pydantic import ValidationError

    from assistant.api import ApiSettings

    with pytest.raises(ValidationError):
        ApiSettings(_env_file=None, api_keys="k:root")
    with pytest.raises(ValidationError):
        ApiSettings(_env_file=None, api_keys="no-role-here")
