"""Requests drawn from the OpenAPI schema (examples, coverage and fuzzing; valid and invalid data; the staff and the
public key): no input produces a 5xx, and every response is what the document says — its status code, content
type, headers and body schema. A bounded run; the unbounded one is a documented benchmark command (evals/README)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.meta import TestPhase

from assistant import Assistant
from assistant.api import create_app
from tests.assistant.api.conftest import PUBLIC_KEY, STAFF_KEY, api_settings

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 6
KEYS = {"staff": {"Authorization": f"Bearer {STAFF_KEY}"}, "public": {"X-API-Key": PUBLIC_KEY}}

# positive_data_acceptance is off: some rules span fields the schema cannot express (the last chat message is the
# user's, a correction names a known fact, feedback carries at least one of rating, comment or review), so data
# valid by the schema may rightly get 422. 413 rejects an invalid body as surely as 422 does.
CONFIG = SchemathesisConfig.from_dict({"checks": {
    "positive_data_acceptance": {"enabled": False},
    "negative_data_rejection": {"expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415",
                                                      "422", "428", "429"]},
}})


@pytest.fixture
def api_schema(assistant, tmp_path):
    app = create_app(assistant, api_settings=api_settings(tmp_path, max_body_bytes=64 * 1024))
    # Ingest writes to the index: it gets its own run below, over its own index.
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG).exclude(path="/v1/ingest")


@pytest.fixture
def ingest_schema(fresh_settings, tmp_path):
    app = create_app(Assistant(fresh_settings), api_settings=api_settings(tmp_path, max_upload_bytes=64 * 1024))
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG).include(path="/v1/ingest")


SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _check(case, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    case.validate_response(response, headers=headers)  # status code, content type, headers, body schema
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error


def _has_inputs(operation) -> bool:
    return bool(list(operation.iter_parameters())) or operation.body is not None and len(operation.body) > 0


def _run_all(schema, headers: dict[str, str]) -> list[str]:
    """Every operation, in each phase and mode that can draw a case for it; the operations tried."""
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for phase in (TestPhase.EXAMPLES, TestPhase.FUZZING):  # coverage and stateful: the engine run (evals)
            for mode in GenerationMode:
                if mode is GenerationMode.NEGATIVE and not _has_inputs(operation):
                    continue  # nothing to make invalid

                @given(case=operation.as_strategy(generation_mode=mode, phase=phase))
                @SETTINGS
                def run(case):
                    _check(case, headers)

                run()
        tried.append(f"{operation.method.upper()} {operation.path}")
    return tried


@pytest.mark.parametrize("role", ["staff", "public"])
def test_every_response_is_as_documented(api_schema, role):
    tried = _run_all(api_schema, KEYS[role])
    assert "POST /v1/ask" in tried and "POST /v1/chat/completions" in tried and len(tried) >= 15


def test_every_upload_response_is_as_documented(ingest_schema):
    assert _run_all(ingest_schema, KEYS["staff"]) == ["POST /v1/ingest"]


def test_the_document_names_the_errors_every_route_can_give(client):
    spec = client.get("/openapi.json").json()
    search = spec["paths"]["/v1/search"]["post"]["responses"]
    assert {"400", "413", "422", "429"} <= set(search)
    assert "404" in spec["paths"]["/v1/provisions/{law}/{article}"]["get"]["responses"]
    asked = spec["components"]["schemas"]["AskRequest"]["properties"]["question"]
    assert asked["maxLength"] == 2000, "the configured limit, not the model's ceiling"


def test_a_method_a_path_does_not_serve_is_405_naming_every_method_it_does(client):
    r = client.request("OPTIONS", "/v1/cases", headers=KEYS["staff"])  # GET lists cases, POST opens one
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert {m.strip() for m in r.headers["allow"].split(",")} >= {"GET", "POST"}


def test_an_unreadable_upload_form_is_a_documented_400_in_chinese(client):
    broken = b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.md"\rX\r\n\r\n# a\r\n--x--\r\n'
    r = client.post("/v1/ingest", content=broken,
                    headers={**KEYS["staff"], "Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "invalid_form" and "表单" in r.json()["error"]["message"]
    assert "400" in client.get("/openapi.json").json()["paths"]["/v1/ingest"]["post"]["responses"]


def _sample(parameter: dict) -> str:
    schema = parameter.get("schema") or {}
    examples = parameter.get("examples") or schema.get("examples") or []
    example = parameter.get("example", examples[0] if examples else None)
    return str(example if example is not None else 1 if schema.get("type") == "integer" else "x")


def test_each_documented_path_is_one_resource_whose_405_names_exactly_its_methods(client):
    """/v1/cases/progress is not also the case PROGRESS, …/documents/3 not also a document type "3": a method the
    document does not give a path is a 405 whose Allow lists the methods it does, no more."""
    spec = client.get("/openapi.json").json()
    checked = 0
    for template, operations in spec["paths"].items():
        documented = {m.upper() for m in operations if m in {"get", "post", "put", "patch", "delete"}}
        values = {p["name"]: _sample(p) for op in operations.values() for p in op.get("parameters", [])
                  if p.get("in") == "path"}
        path = template.format(**values)
        method = next(m for m in ("DELETE", "PUT", "PATCH") if m not in documented)
        r = client.request(method, path, headers=KEYS["staff"])
        assert r.status_code == 405, (method, path, r.status_code, r.text[:200])
        assert {m.strip() for m in r.headers["allow"].split(",")} == documented, (path, r.headers["allow"])
        checked += 1
    assert checked >= 30


def test_the_fixed_words_under_cases_are_never_read_as_a_case_code(client):
    from assistant.api.routers.cases import FIXED_SEGMENTS

    spec = client.get("/openapi.json").json()
    fixed = {p.split("/")[3] for p in spec["paths"] if p.startswith("/v1/cases/") and not p.startswith("/v1/cases/{")}
    assert fixed == set(FIXED_SEGMENTS)
    r = client.get("/v1/cases/progress", headers=KEYS["staff"])  # the worker's check is a POST, not a case lookup
    assert r.status_code == 405 and r.headers["allow"] == "POST"


def test_a_number_where_a_document_type_belongs_is_the_documented_405_of_the_version_path(client):
    r = client.post("/v1/cases/7K2M-9QXP/documents/3", json={}, headers=KEYS["staff"])
    assert r.status_code == 405 and r.headers["allow"] == "GET" and "请求方法" in r.json()["error"]["message"]
    documents = client.get("/openapi.json").json()["paths"]["/v1/cases/{code}/documents/{doc_type}"]["post"]
    assert "405" in documents["responses"]
