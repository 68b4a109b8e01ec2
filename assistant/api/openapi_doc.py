"""The OpenAPI document says what the routes really return: the errors the shared handlers and middleware give on
every route, and the configured limits where the models only carry a hard ceiling.

The routers document their own answers; what no router writes — a body that is not JSON or no readable form (400), a path naming
nothing (404), a body over the limit (413), a caller or a key guesser over budget (429), answers full (503) — is
added here, once, from where those errors come from.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from assistant.api.middleware import ANSWER_PATHS
from assistant.api.schemas import ErrorResponse
from assistant.api.settings import ApiSettings

ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
_ERRORS_ON = {
    "400": "请求体无法读取：不是有效的 JSON（非 UTF-8 编码、格式错误或嵌套过深），或上传的表单格式有误",
    "404": "路径中的内容不存在",
    "413": "请求内容过大",
    "429": "请求过于频繁，或 API 密钥错误次数过多",
    "503": "同时进行的咨询已满（busy，见 Retry-After），或服务未就绪",
}
# Fields checked against a setting in the routes (check_question); the model's own ceiling is higher.
_QUESTION_FIELDS = {"AskRequest": ("question",), "SearchRequest": ("query",)}


def document_api(app: FastAPI, settings: ApiSettings) -> None:
    """Wrap ``app.openapi`` so the schema it serves is completed once, on first request."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            complete(build(), settings)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def complete(schema: dict[str, Any], settings: ApiSettings) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorResponse", ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}"))
    for name, defs in ErrorResponse.model_json_schema().get("$defs", {}).items():
        components.setdefault(name, defs)
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                _add_errors(path, operation)
    for model, fields in _QUESTION_FIELDS.items():
        for field in fields:
            prop = components.get(model, {}).get("properties", {}).get(field)
            if prop is not None:
                prop["maxLength"] = min(prop.get("maxLength", settings.max_question_chars),
                                        settings.max_question_chars)
    return schema


def _add_errors(path: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    wanted = []
    body = operation.get("requestBody", {}).get("content", {})
    if "application/json" in body or "multipart/form-data" in body:  # a body that cannot be read at all
        wanted.append("400")
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        wanted.append("404")
    if path.startswith("/v1"):
        wanted += ["429"] + (["413"] if body else [])
    if path in ANSWER_PATHS:
        wanted.append("503")
    for status in wanted:
        responses.setdefault(status, {"description": _ERRORS_ON[status],
                                      "content": {"application/json": {"schema": ERROR_REF}}})
