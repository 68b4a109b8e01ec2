"""Liveness, readiness over the real index and an empty one, Prometheus text format, OpenAPI completeness."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.api import ApiSettings, create_app

PROM_LINE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+Inf]+$')


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["provisions"] > 1000


def test_readyz_is_503_without_an_index(fresh_settings, tmp_path):
    app = create_app(Assistant(fresh_settings), api_settings=ApiSettings(_env_file=None,
                                                                         feedback_db=tmp_path / "f.sqlite3"))
    r = TestClient(app).get("/readyz")
    assert r.status_code == 503
    assert r.json()["status"] == "not_ready" and r.json()["error"]["message"]


def test_search_without_an_index_is_a_typed_503_not_a_crash(fresh_settings, tmp_path):
    app = create_app(Assistant(fresh_settings), api_settings=ApiSettings(_env_file=None,
                                                                         feedback_db=tmp_path / "f.sqlite3"))
    r = TestClient(app).post("/v1/search", json={"query": "加班"})
    assert r.status_code == 503
    assert "法规" in r.json()["error"]["message"]


def test_metrics_are_valid_prometheus_text_and_count_requests(client):
    client.post("/v1/search", json={"query": "工资"})
    client.get("/v1/provisions/劳动合同法/999")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = [ln for ln in r.text.splitlines() if ln and not ln.startswith("#")]
    bad = [ln for ln in lines if not PROM_LINE.match(ln)]
    assert not bad, bad
    assert 'labor_http_requests_total{method="POST",route="/v1/search",status="200"} 1' in r.text
    assert 'route="/v1/provisions/{law}/{article}",status="404"' in r.text, "labelled by template, not raw path"
    assert "labor_http_request_duration_seconds_bucket" in r.text


def test_openapi_documents_every_route_and_the_citation_extension(client):
    spec = client.get("/openapi.json").json()
    for path in ("/v1/search", "/v1/provisions/{law}/{article}", "/v1/ask", "/v1/chat/completions",
                 "/v1/calculate/{kind}", "/v1/documents", "/v1/documents/{doc_type}", "/v1/ingest", "/healthz",
                 "/readyz", "/metrics"):
        assert path in spec["paths"], path
    completion = spec["components"]["schemas"]["ChatCompletion"]["properties"]
    assert "citations" in completion and "扩展字段" in completion["citations"]["description"]
    assert "verified" in spec["components"]["schemas"]["CitationOut"]["properties"]


def test_ready_means_warm_the_first_question_finds_search_loaded(assistant, tmp_path):
    cold = Assistant(assistant.settings)
    client = TestClient(create_app(cold, api_settings=ApiSettings(_env_file=None, feedback_db=tmp_path / "f.sqlite3")))
    assert client.get("/readyz").status_code == 200
    assert cold._retriever is not None, "the warm-up search ran before /readyz said ready"


def test_docs_and_redoc_load_their_scripts_from_this_server(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        scripts = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
        assert scripts, page
        for url in scripts:
            assert url.startswith("/"), f"{page} loads {url} from elsewhere (blank offline)"
            asset = client.get(url)
            assert asset.status_code == 200 and len(asset.content) > 10_000, url


def test_the_readme_openai_key_is_accepted_on_default_settings(assistant, tmp_path):
    app = create_app(assistant, api_settings=ApiSettings(_env_file=None, feedback_db=tmp_path / "f.sqlite3"))
    r = TestClient(app).get("/v1/models", headers={"Authorization": "Bearer change-me-app"})
    assert r.status_code == 200
