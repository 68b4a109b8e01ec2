"""What the OpenAPI document says a request field is, the API holds it to: switches are JSON booleans (a string
such as "yes" is refused, not read as true) and the path names of calculators and documents are the registries'."""

from __future__ import annotations

import pytest

from assistant.calculators import KINDS
from assistant.drafting import document_types

CHAT = [{"role": "user", "content": "加班费怎么算"}]


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/v1/ask", {"question": "加班费怎么算", "stream": "yes"}, "stream"),
    ("/v1/ask", {"question": "加班费怎么算", "stream": 1}, "stream"),
    ("/v1/ask", {"question": "加班费怎么算", "stream": "false"}, "stream"),
    ("/v1/chat/completions", {"messages": CHAT, "stream": "yes"}, "stream"),
    ("/v1/search", {"query": "加班费", "include_repealed": "no"}, "include_repealed"),
])
def test_a_switch_given_as_a_string_or_number_is_a_422_naming_it(client, path, body, field):
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text[:200]
    error = r.json()["error"]
    assert error["code"] == "invalid_input" and error["field"] == field
    assert "true 或 false" in error["message"]
    assert not r.headers["content-type"].startswith("text/event-stream")


def test_a_real_boolean_still_streams(client):
    r = client.post("/v1/ask", json={"question": "加班费怎么算", "stream": True})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")


def test_the_document_lists_the_calculator_kinds_and_document_types_from_their_registries(client):
    spec = client.get("/openapi.json").json()

    def path_enum(path: str, name: str) -> list[str]:
        params = spec["paths"][path]["post"]["parameters"]
        return next(p["schema"]["enum"] for p in params if p["name"] == name)

    assert path_enum("/v1/calculate/{kind}", "kind") == list(KINDS)
    assert path_enum("/v1/documents/{doc_type}", "doc_type") == [t.id for t in document_types()]
    assert "economic_compensation" in KINDS and len(KINDS) >= 10


def test_a_kind_outside_the_enum_is_still_the_404_that_names_the_kinds(client):
    r = client.post("/v1/documents/lottery_ticket", json={"case": {}})
    assert r.status_code == 404 and "arbitration_application" in r.json()["error"]["message"]
