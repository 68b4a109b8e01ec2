"""Typed API errors. Every failure leaves the server as ``{"error": {"code", "message"}}`` with a Chinese message."""

from __future__ import annotations

import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from assistant.access import AccessError, KeyRequired, RateExceeded, RoleRefused

log = logging.getLogger(__name__)


class ApiError(Exception):
    status_code = 400
    code = "bad_request"
    message = "请求有误"

    def __init__(self, message: str | None = None, *, field: str | None = None, headers: dict | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.field = field
        self.headers = headers or {}

    def body(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}


class Unauthorized(ApiError):
    status_code, code, message = 401, "unauthorized", "需要有效的 API 密钥（请求头 Authorization: Bearer <密钥> 或 X-API-Key）"


class Forbidden(ApiError):
    status_code, code, message = 403, "forbidden", "该密钥没有权限使用此功能（需要工作人员密钥）"


class NotFound(ApiError):
    status_code, code, message = 404, "not_found", "找不到请求的内容"


class PayloadTooLarge(ApiError):
    status_code, code, message = 413, "payload_too_large", "请求内容过大"


class UnsupportedMediaType(ApiError):
    status_code, code, message = 415, "unsupported_media_type", "不支持的文件类型"


class InvalidJson(ApiError):
    status_code, code, message = 400, "invalid_json", "请求体不是有效的 JSON"


class InvalidForm(ApiError):
    status_code, code, message = 400, "invalid_form", "上传的表单（multipart/form-data）格式有误，无法读取"


class InvalidInput(ApiError):
    status_code, code, message = 422, "invalid_input", "输入内容有误"


class RateLimited(ApiError):
    status_code, code, message = 429, "rate_limited", "请求过于频繁，请稍后再试"


class NotReady(ApiError):
    status_code, code, message = 503, "not_ready", "服务尚未就绪：法规索引还没有建立"


def access_refusal(exc: AccessError) -> ApiError:
    """The API's typed error for a refusal of the shared access check: a missing key is told where a key goes (the
    request headers), a role too low is 403, a used-up limit is 429 with Retry-After; any other refusal is 401."""
    if isinstance(exc, RateExceeded):
        return RateLimited(exc.message, headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, RoleRefused):
        return Forbidden(exc.message)
    if isinstance(exc, KeyRequired) and exc.needed is None:
        return Unauthorized()
    return Unauthorized(exc.message)


_STATUS_MESSAGES = {
    400: ("bad_request", "请求有误"),
    401: ("unauthorized", Unauthorized.message),
    403: ("forbidden", Forbidden.message),
    404: ("not_found", "找不到这个地址"),
    405: ("method_not_allowed", "不支持这种请求方法"),
    406: ("not_acceptable", "无法提供请求的格式"),
    413: ("payload_too_large", "请求内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
}

_FIELD_NAMES = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头"}


def _describe_validation(errors: list[dict]) -> tuple[str, str | None]:
    """A short Chinese sentence for the first few problems of a rejected request, and the first field."""
    parts: list[str] = []
    first_field = None
    for err in errors[:3]:
        loc = [str(p) for p in err.get("loc", ())]
        where = _FIELD_NAMES.get(loc[0], loc[0]) if loc else "请求"
        field = ".".join(loc[1:]) or where
        first_field = first_field or field
        kind = err.get("type", "")
        ctx = err.get("ctx") or {}
        if loc == ["body"] and kind == "missing":
            parts.append("缺少请求体（应为 JSON 对象，Content-Type: application/json）")
        elif loc == ["body"] and kind.startswith(("model", "dict")):
            parts.append("请求体应为 JSON 对象（Content-Type: application/json）")
        elif kind == "missing":
            parts.append(f"缺少字段 {field}")
        elif kind in {"string_too_long", "too_long"}:
            parts.append(f"{field} 过长（最多 {ctx.get('max_length', '?')}）")
        elif kind in {"string_too_short", "too_short"}:
            parts.append(f"{field} 不能为空")
        elif kind in {"bool_type", "bool_parsing"}:
            parts.append(f"{field} 应为 true 或 false（JSON 布尔值，不带引号）")
        elif kind.startswith(("int", "float", "decimal", "bool", "string_type", "dict", "list", "model")):
            parts.append(f"{field} 的类型不对")
        elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
            parts.append(f"{field} 超出允许范围")
        elif kind == "literal_error" or kind == "enum":
            parts.append(f"{field} 的取值不在允许范围内")
        elif kind == "extra_forbidden":
            parts.append(f"不认识的字段 {field}")
        else:
            parts.append(f"{field} 无效")
    return "输入内容有误：" + "；".join(parts), first_field


def allowed_methods(request: Request) -> str:
    """Every method some route serves at this path: Starlette's 405 names only the methods of the first route it
    matched, and one path often has a GET route and a POST route. The routes' own patterns decide (with their
    convertors: ``{doc_id:int}``, a case code that is not ``progress``), so a path means what the document says."""
    def served(method: str) -> bool:
        scope = {**request.scope, "method": method}
        return any(route.matches(scope)[0] == Match.FULL for route in request.app.routes)

    return ", ".join(m for m in _ALLOWED_ORDER if served(m))


_ALLOWED_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def unparsable_body(cause: BaseException | dict) -> InvalidJson:
    """Why a JSON body could not be read, in Chinese: not UTF-8, nested too deep, or not JSON (and where)."""
    if isinstance(cause, UnicodeDecodeError):
        return InvalidJson("请求体不是 UTF-8 编码的文本：JSON 请求体须用 UTF-8 编码", field="请求体")
    if isinstance(cause, RecursionError):
        return InvalidJson("请求体的 JSON 嵌套层数过多", field="请求体")
    if isinstance(cause, dict):  # FastAPI's json_invalid entry: loc ("body", character position)
        loc = cause.get("loc") or ()
        where = f"（第 {loc[-1] + 1} 个字符附近）" if loc and isinstance(loc[-1], int) else ""
        return InvalidJson(f"请求体不是有效的 JSON{where}", field="请求体")
    return InvalidJson("请求体无法解析为 JSON", field="请求体")


INTERNAL_STREAM_ERROR = {"code": "internal_error", "message": "生成回答时出错，请稍后再试"}


def stream_error(exc: Exception) -> dict:
    """The ``{"error": {"code", "message"}}`` a stream sends in place of its end when the answer failed after the
    response started: a typed error keeps its own code and Chinese message (index_not_found, as the JSON route's
    503 says), anything else is internal_error."""
    from assistant.errors import LaborAssistantError

    if isinstance(exc, ApiError):
        return exc.body()
    if isinstance(exc, LaborAssistantError):
        return {"error": {"code": exc.code, "message": exc.message}}
    return {"error": dict(INTERNAL_STREAM_ERROR)}


def _error(exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError):
        return _error(exc)

    @app.exception_handler(AccessError)
    async def _access(_: Request, exc: AccessError):
        return _error(access_refusal(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError):
        errors = list(exc.errors())
        broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
        if broken is not None:
            return _error(unparsable_body(broken))
        message, field = _describe_validation(errors)
        return JSONResponse(InvalidInput(message, field=field).body(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and request.headers.get("content-type", "").lower().startswith("multipart/"):
            return _error(InvalidForm())  # the form parser could not read the upload's body
        if exc.status_code == 400 and exc.__cause__ is not None:  # FastAPI could not read the JSON body
            return _error(unparsable_body(exc.__cause__))
        code, message = _STATUS_MESSAGES.get(exc.status_code, ("http_error", "请求无法完成"))
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=exc.status_code,
                            headers=headers or None)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, __: Exception):
        # Logged once, by ErrorsLoggedOnce around the whole stack (Starlette raises the error on after this).
        return JSONResponse({"error": {"code": "internal_error", "message": "服务器内部错误，请稍后再试"}},
                            status_code=500)

    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: ErrorsLoggedOnce(build())  # type: ignore[method-assign]


class ErrorsLoggedOnce:
    """Outermost layer: an error nothing handled is logged as its type and place, one line, and goes no further.

    Starlette's ServerErrorMiddleware answers 500 and then raises the error again for the server to log, and
    uvicorn logs it with its traceback — and a traceback carries the values in play, which may be a worker's
    personal data. A stream that fails after its first byte ends here too; the server then closes the connection,
    so the client still learns the answer is incomplete. Lifespan errors are raised: a failed start must stop it.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            if scope["type"] == "lifespan":
                raise
            log.error("unhandled error in API: %s at %s", type(exc).__name__, error_place(exc))


def error_place(exc: BaseException) -> str:
    """Where an error was raised — the innermost frame of the project's own code if there is one — as file:line."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if "site-packages" not in f.filename and "/lib/python" not in f.filename]
    frame = (own or frames or [None])[-1]
    return f"{frame.filename}:{frame.lineno}" if frame is not None else "?"


def install_domain_error_handlers(app: FastAPI) -> None:
    """Errors raised by the core (index missing, bad query…) become typed API errors with their Chinese message."""
    from assistant.errors import (
        DocumentRejected,
        IndexBusyError,
        IndexNotFoundError,
        InvalidQueryError,
        LaborAssistantError,
    )

    status_by_type = {IndexNotFoundError: 503, IndexBusyError: 503, InvalidQueryError: 422, DocumentRejected: 422,
                      **_case_desk_statuses()}

    @app.exception_handler(LaborAssistantError)
    async def _domain(_: Request, exc: LaborAssistantError):
        status = next((s for t, s in status_by_type.items() if isinstance(exc, t)), 400)
        error = {"code": exc.code, "message": exc.message}
        field = getattr(exc, "field", None)
        if field:  # the case desk's and the upload flow's input errors name the field, like InvalidInput
            error["field"] = field
        return JSONResponse({"error": error}, status_code=status)


def _case_desk_statuses() -> dict[type, int]:
    """The case desk's refusals: not there for this caller (unknown code, wrong secret, another organisation's
    case: one 404, no hint), a role that may not (403), a step the case's state does not allow (409)."""
    from assistant.cases import errors as case

    return {case.CaseNotFound: 404, case.RecordNotFound: 404, case.AccessDenied: 403, case.InvalidTransition: 409,
            case.CaseClosed: 409, case.CaseInputError: 422, case.StorageBusy: 503}
