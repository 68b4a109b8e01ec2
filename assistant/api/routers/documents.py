"""Documents: the types staff can draft, and a draft from a case as JSON, Markdown or a .docx download."""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse, Response

from assistant.api.deps import ApiSettingsDep, AssistantDep, MetricsDep, PublicCaller, check_facts
from assistant.api.errors import InvalidInput, NotFound
from assistant.api.schemas import ERROR_RESPONSES, DocumentRequest
from assistant.serialize import to_jsonable

router = APIRouter(prefix="/v1", tags=["文书起草"], responses=ERROR_RESPONSES)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN_TYPE = "text/markdown; charset=utf-8"


def _document_type_enum(schema: dict) -> None:
    """The drafting catalog's ids as the path parameter's enum, read when the document is built (the catalog is
    not imported with the API)."""
    from assistant.drafting import document_types as catalog

    schema["enum"] = [t.id for t in catalog()]


def _types(assistant) -> list[dict]:
    listing = to_jsonable(assistant.document_types())
    if isinstance(listing, dict):
        listing = [{"id": k, **(v if isinstance(v, dict) else {"name": v})} for k, v in listing.items()]
    return listing


def _type_ids(types: list[dict]) -> list[str]:
    return [t.get("id") or t.get("doc_type") or t.get("type") for t in types]


@router.get("/documents", summary="可起草的文书类型及字段")
def document_types(assistant: AssistantDep, _: PublicCaller) -> list[dict]:
    return _types(assistant)


def _wanted_format(fmt: str | None, accept: str) -> str:
    if fmt:
        return fmt
    accept = accept.lower()
    if "wordprocessingml" in accept:
        return "docx"
    if "text/markdown" in accept:
        return "markdown"
    return "json"


@router.post("/documents/{doc_type}", summary="起草一份文书",
             description="格式由 format 参数或 Accept 头决定：json（默认，含 fields、missing、markdown、citations、"
                         f"warnings）、markdown（text/markdown）或 docx（{DOCX_TYPE}，作为附件下载）。"
                         "必填字段缺失时仍返回草稿，缺失项在 missing 中列出并在正文中留空。",
             responses={200: {"content": {"application/json": {}, "text/markdown": {}, DOCX_TYPE: {}}}})
async def draft(body: DocumentRequest, request: Request, assistant: AssistantDep, settings: ApiSettingsDep,
                metrics: MetricsDep, _: PublicCaller,
                doc_type: str = Path(max_length=64, examples=["arbitration_application"],
                                     json_schema_extra=_document_type_enum),
                format: Literal["json", "markdown", "docx"] | None = Query(None, description="输出格式")):
    types = await run_in_threadpool(_types, assistant)
    if doc_type not in _type_ids(types):
        raise NotFound(f"没有这种文书：{doc_type}。可用：{'、'.join(filter(None, _type_ids(types)))}")
    if body.narrative and len(body.narrative) > settings.max_question_chars * 5:
        raise InvalidInput(f"自述太长：最多 {settings.max_question_chars * 5} 字", field="narrative")
    corrections = check_facts(body.facts)
    try:
        # With corrections, the narrative is read once here and the corrected case drafts the document.
        facts = (await run_in_threadpool(assistant.read_facts, [body.narrative or ""], corrections)
                 if corrections else None)
        result = await run_in_threadpool(assistant.draft, doc_type, body.case, narrative=body.narrative, facts=facts)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(str(getattr(exc, "message", None) or "案件字段有误，请检查后重试"),
                           field=getattr(exc, "field", None)) from None
    metrics.count("draft", doc_type)
    wanted = _wanted_format(format, request.headers.get("accept", ""))
    if wanted == "docx":
        data = _field(result, "docx")
        if not data:
            raise InvalidInput("这份文书暂时无法生成 .docx")
        title = _field(result, "title") or _field(result, "name") or doc_type
        filename = quote(f"{title}.docx")
        return Response(bytes(data), media_type=DOCX_TYPE,
                        headers={"Content-Disposition": f"attachment; filename=\"{doc_type}.docx\"; "
                                                        f"filename*=UTF-8''{filename}"})
    if wanted == "markdown":
        return PlainTextResponse(_field(result, "markdown") or "", media_type=MARKDOWN_TYPE)
    data = to_jsonable(result)
    return data if isinstance(data, dict) else {"draft": data}


def _field(obj, name: str):
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return value() if callable(value) else value
