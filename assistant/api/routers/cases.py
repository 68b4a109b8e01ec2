"""The case desk (一端受理、多端联动、全程留痕): open a case from a chat, the desk or another app; the staff desk's
list, assignment, status, notes, facts, evidence files, documents, reviews, referrals and bundle; the worker's
progress check.

Each route hands the request to :class:`assistant.cases.CaseDesk` and returns what it answers. Refusals are the
desk's typed errors (``install_domain_error_handlers``): an unknown code, a wrong secret and another
organisation's case are one and the same 404.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.convertors import StringConvertor, register_url_convertor

from assistant.api.case_deps import CaseDeskDep, DeskActor, IntakeActor, ReviewerActor, intake_organisation
from assistant.api.case_schemas import (
    CASE_CODE,
    CASE_RESPONSES,
    Assign,
    DraftIn,
    EvidenceIn,
    FactsEdit,
    NoteIn,
    OpenCase,
    ReferralIn,
    ReferralUpdate,
    ReviewDecision,
    ReviewRequestIn,
    StatusChange,
    WorkerCheck,
    WorkerReviewRequest,
)
from assistant.api.deps import MetricsDep, PublicCaller
from assistant.api.errors import InvalidInput, PayloadTooLarge
from assistant.api.schemas import ErrorResponse
from assistant.cases import Actor, CaseDesk, CaseFilter, CaseOpened, CaseSummary, CaseView, WorkerView
from assistant.cases.errors import AttachmentTooLarge
from assistant.cases.models import (
    AnswerRecord,
    AnswerShown,
    AttachmentInfo,
    CaseEvent,
    Deadline,
    DocumentVersion,
    EvidenceItem,
    Note,
    Referral,
    ReviewRecord,
    ReviewStats,
    Status,
)

# The worker's door and the desk's lists sit beside the case codes (/v1/cases/progress, /due, /reviews/stats): a code
# in a path is any segment but those words, so /v1/cases/progress is one resource, not also a case named PROGRESS.
FIXED_SEGMENTS = ("progress", "due", "reviews")
DOC_TYPE_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


class CaseCodeConvertor(StringConvertor):
    regex = rf"(?!(?:{'|'.join(FIXED_SEGMENTS)})(?:/|$))[^/]+"


class DocTypeConvertor(StringConvertor):
    """A document type is a word (arbitration_application), never a number: …/documents/3 is version 3."""
    regex = DOC_TYPE_PATTERN.strip("^$")


register_url_convertor("case", CaseCodeConvertor())
register_url_convertor("doc_type", DocTypeConvertor())

router = APIRouter(prefix="/v1/cases", tags=["案件"], responses=CASE_RESPONSES)

ZIP_TYPE = "application/zip"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EVIDENCE_TYPES = ("application/pdf", "image/png", "image/jpeg", DOCX_TYPE, "text/plain")
CHUNK = 1024 * 1024
Code = Path(description="案件编号", **CASE_CODE)


def record_id():
    """A fresh Path parameter each time: FastAPI binds one instance to one parameter name."""
    return Path(ge=1, le=2**62)


# ---- intake and the worker's door
@router.post("", status_code=201, response_model=CaseOpened, summary="立案（对话中劳动者同意、工作人员或其他系统）",
             description="返回案件编号和查询码（secret 只在此时给出一次，劳动者凭它查询进度）。从对话立案须 consent=true；"
                         "工作人员密钥立的案来源记为 staff，归本机构。")
async def open_case(body: OpenCase, request: Request, desk: CaseDeskDep, actor: IntakeActor, caller: PublicCaller,
                    metrics: MetricsDep):
    if caller.role == "anonymous" and body.source != "chat":
        raise InvalidInput("不带密钥只能从对话立案（source=chat）", field="source")
    source = "staff" if caller.can("staff") else body.source
    organisation = intake_organisation(request, caller, body.organisation)
    intake = body.model_copy(update={"source": source, "organisation": organisation})
    opened = await run_in_threadpool(desk.open_case, intake, actor)
    metrics.count("case_opened", source)
    return opened


@router.post("/progress", response_model=WorkerView, summary="劳动者查询进度（案件编号 + 查询码）",
             description="编号不存在与查询码不对得到同样的 404，不透露编号是否存在。复核过的回答以复核后的为准。")
async def check_progress(body: WorkerCheck, desk: CaseDeskDep, _: PublicCaller):
    return await run_in_threadpool(desk.check_progress, body.code, body.secret)


@router.post("/progress/reviews", status_code=201, response_model=ReviewRecord, summary="劳动者请人工复核一条回答")
async def worker_requests_review(body: WorkerReviewRequest, desk: CaseDeskDep, metrics: MetricsDep, _: PublicCaller):
    record = await run_in_threadpool(desk.request_review, body.code, Actor.worker(body.code, body.secret),
                                     body.answer_id, body.comment)
    metrics.count("review", "requested")
    return record


@router.post("/progress/attachments", status_code=201, response_model=AttachmentInfo,
             summary="劳动者提交证据文件（案件编号 + 查询码）",
             description="multipart/form-data：code、secret 和 file（一次一个文件）。检查与工作人员上传相同（类型按内容判断，"
                         "超过 LABOR_MAX_UPLOAD_BYTES 得到 413）；编号不存在与查询码不对得到同样的 404；已办结或已删除个人信息"
                         "的案件得到 409。添加会留痕，记为劳动者提交。")
async def worker_adds_attachment(request: Request, desk: CaseDeskDep, _: PublicCaller,
                                 code: str = Form(min_length=1, max_length=40, description="案件编号"),
                                 secret: str = Form(min_length=1, max_length=40, description="查询码"),
                                 file: UploadFile = File(description="证据文件")):
    return await _add_attachment(request, desk, code, file, Actor.worker(code, secret))


@router.post("/progress/erase", status_code=204, summary="劳动者要求删除个人信息（留匿名记录）")
async def worker_erases(body: WorkerCheck, desk: CaseDeskDep, _: PublicCaller):
    await run_in_threadpool(desk.erase_personal_data, body.code, Actor.worker(body.code, body.secret))
    return Response(status_code=204)


# ---- the desk
@router.get("", response_model=list[CaseSummary], summary="案件列表（本机构；管理员可按机构筛选）")
async def list_cases(desk: CaseDeskDep, actor: DeskActor,
                     status: Status | None = Query(None), case_type: str | None = Query(None, max_length=40),
                     organisation: str | None = Query(None, max_length=100, description="仅管理员有效"),
                     assignee: str | None = Query(None, max_length=100),
                     deadline_within_days: int | None = Query(None, ge=0, le=3650, description="期限在这么多天内到期"),
                     limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10**9)):
    filters = CaseFilter(status=status, case_type=case_type, organisation=organisation, assignee=assignee,
                         deadline_within_days=deadline_within_days, limit=limit, offset=offset)
    return await run_in_threadpool(desk.list_cases, actor, filters)


@router.get("/due", response_model=list[CaseSummary], summary="期限临近的案件")
async def due_soon(desk: CaseDeskDep, actor: DeskActor,
                   within_days: int | None = Query(None, ge=0, le=3650, description="默认按设置 LABOR_CASE_DEADLINE_DAYS")):
    return await run_in_threadpool(desk.due_soon, actor, within_days)


@router.get("/reviews/stats", response_model=ReviewStats, summary="人工复核的数量与用时（本机构）")
async def review_stats(desk: CaseDeskDep, actor: DeskActor):
    return await run_in_threadpool(desk.review_stats, actor)


@router.get("/{code:case}", response_model=CaseView, summary="案件全貌（读取个人信息会留痕）")
async def get_case(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.get_case, code, actor)


@router.get("/{code:case}/events", response_model=list[CaseEvent], summary="全程留痕：案件的事件链")
async def events(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.events, code, actor)


@router.get("/{code:case}/deadlines", response_model=list[Deadline], summary="案件的各项期限及依据")
async def deadlines(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.deadlines, code, actor)


@router.post("/{code:case}/assign", response_model=CaseSummary, summary="指派承办人")
async def assign(body: Assign, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.assign, code, actor, body.assignee)


@router.post("/{code:case}/status", response_model=CaseSummary, summary="改变案件状态",
             description="已受理 → 处理中 → 已移交 → 已办结；不予受理须写明理由。不允许的改变得到 409。")
async def change_status(body: StatusChange, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.change_status, code, actor, body.status, body.reason)


@router.post("/{code:case}/notes", status_code=201, response_model=Note, summary="添加备注")
async def add_note(body: NoteIn, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.add_note, code, actor, body.text)


@router.patch("/{code:case}/facts", response_model=CaseView, summary="更正案情（逐条核对，旧值新值留痕）")
async def edit_facts(body: FactsEdit, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.edit_facts, code, actor, body.changes)


@router.post("/{code:case}/evidence", status_code=201, response_model=list[EvidenceItem], summary="补充证据清单")
async def add_evidence(body: EvidenceIn, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.add_evidence, code, actor, list(body.items))


@router.post("/{code:case}/answers", status_code=201, response_model=AnswerRecord, summary="记录向劳动者展示的回答")
async def record_answer(body: AnswerShown, desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.record_answer, code, actor, body)


# ---- evidence files
@router.post("/{code:case}/attachments", status_code=201, response_model=AttachmentInfo,
             summary="上传证据文件（欠条照片、工资条 PDF、聊天截图）",
             description="multipart/form-data，字段名 file，一次一个文件。类型按文件内容判断（PDF、PNG、JPEG、Word .docx、"
                         "UTF-8 纯文本），不采信上传方声明的类型；其他类型、损坏或设有密码的 PDF 得到 422（field=file）；"
                         "超过 LABOR_MAX_UPLOAD_BYTES 得到 413；已办结、不予受理或已删除个人信息的案件得到 409。"
                         "文件名只用于显示（去掉路径和不安全字符），文件存在案件库里，添加会留痕（文件名、大小、SHA-256）。")
async def add_attachment(request: Request, desk: CaseDeskDep, actor: DeskActor, code: str = Code,
                         file: UploadFile = File(description="证据文件")):
    return await _add_attachment(request, desk, code, file, actor)


async def _add_attachment(request: Request, desk: CaseDesk, code: str, file: UploadFile, actor: Actor) -> AttachmentInfo:
    limit = request.app.state.services.api_settings.max_upload_bytes
    data = await _read_upload(file, limit)
    try:
        return await run_in_threadpool(desk.add_attachment, code, file.filename, data, file.content_type, actor)
    except AttachmentTooLarge as exc:
        raise PayloadTooLarge(exc.message, field="file") from None


@router.get("/{code:case}/attachments", response_model=list[AttachmentInfo], summary="案件的证据文件（不含内容）")
async def attachments(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.attachments, code, actor)


@router.get("/{code:case}/attachments/{attachment_id}", summary="下载一个证据文件（读取个人信息会留痕）",
            responses={200: {"content": {t: {} for t in EVIDENCE_TYPES}}})
async def attachment(desk: CaseDeskDep, actor: DeskActor, code: str = Code, attachment_id: int = record_id()):
    found = await run_in_threadpool(desk.attachment, code, actor, attachment_id)
    response = _attachment(found.data, found.media_type, f"evidence-{found.id}{PurePath(found.name).suffix}",
                           found.name)
    response.headers["X-Content-Type-Options"] = "nosniff"  # a text file is shown as text, never run as a page
    return response


async def _read_upload(file: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refused with 413 as soon as they pass ``limit`` (the rest is never read)."""
    parts: list[bytes] = []
    total = 0
    while chunk := await file.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise PayloadTooLarge(AttachmentTooLarge(limit).message, field="file")
        parts.append(chunk)
    return b"".join(parts)


# ---- documents
# …/documents/3 is version 3 (GET), …/documents/arbitration_application drafts one (POST): a number where a type
# belongs, or a word where an id belongs, reaches the other route's path, and that path answers 405.
OTHER_DOCUMENT_ROUTE: dict[int | str, dict[str, Any]] = {405: {
    "model": ErrorResponse,
    "description": "这个地址是另一种操作：documents/数字 是某一版文书（GET），documents/文书类型 是起草（POST）"}}


@router.post("/{code:case}/documents/{doc_type:doc_type}", status_code=201, response_model=DocumentVersion,
             summary="按案情起草文书（每次存为新版本，附 SHA-256）", responses=OTHER_DOCUMENT_ROUTE)
async def draft_document(body: DraftIn, desk: CaseDeskDep, actor: DeskActor, metrics: MetricsDep, code: str = Code,
                         doc_type: str = Path(max_length=64, pattern=DOC_TYPE_PATTERN,
                                                               examples=["arbitration_application"])):
    version = await run_in_threadpool(desk.draft_document, code, actor, doc_type, body.fields)
    metrics.count("draft", doc_type)
    return version


@router.get("/{code:case}/documents", response_model=list[DocumentVersion], summary="案件的文书（各版本）")
async def documents(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    return await run_in_threadpool(desk.documents, code, actor)


@router.get("/{code:case}/documents/{doc_id:int}", summary="一份文书：JSON，或 format=docx 下载",
            responses={200: {"content": {"application/json": {}, DOCX_TYPE: {}}}, **OTHER_DOCUMENT_ROUTE})
async def document(desk: CaseDeskDep, actor: DeskActor, code: str = Code, doc_id: int = record_id(),
                   format: Literal["json", "docx"] = Query("json")):
    doc = await run_in_threadpool(desk.document, code, actor, doc_id)
    if format == "docx":
        return _attachment(doc.docx, DOCX_TYPE, f"{doc.doc_type}-v{doc.version}.docx", f"{doc.name}（第{doc.version}版）.docx")
    return doc


# ---- human review
@router.post("/{code:case}/reviews", status_code=201, response_model=ReviewRecord, summary="为案件中的一条回答请人工复核")
async def request_review(body: ReviewRequestIn, desk: CaseDeskDep, actor: DeskActor, metrics: MetricsDep,
                         code: str = Code):
    record = await run_in_threadpool(desk.request_review, code, actor, body.answer_id, body.comment)
    metrics.count("review", "requested")
    return record


@router.post("/{code:case}/reviews/{review_id}", response_model=ReviewRecord, summary="复核：确认或更正回答（复核员）",
             description="不给 text 即确认原回答；给出 text 即更正。正文和 citations 中的每条引用都在法规库中核对，"
                         "核对不到的标为「未核实」。")
async def review_answer(body: ReviewDecision, desk: CaseDeskDep, actor: ReviewerActor, metrics: MetricsDep,
                        code: str = Code, review_id: int = record_id()):
    record = await run_in_threadpool(desk.review_answer, code, actor, review_id, body.text, body.citations)
    metrics.count("review", record.status)
    return record


# ---- hand-offs and the bundle
@router.post("/{code:case}/referrals", status_code=201, response_model=Referral, summary="移交（调解、仲裁、监察、法律援助、检察机关、用人单位）",
             description="已办结或不予受理的案件不能再移交（409）。")
async def refer(body: ReferralIn, desk: CaseDeskDep, actor: DeskActor, metrics: MetricsDep, code: str = Code):
    referral = await run_in_threadpool(desk.refer, code, actor, body.target, body.details)
    metrics.count("referral", body.target)
    return referral


@router.patch("/{code:case}/referrals/{referral_id}", response_model=Referral, summary="更新移交进度（已发送、已接收、已有结果）")
async def update_referral(body: ReferralUpdate, desk: CaseDeskDep, actor: DeskActor, code: str = Code,
                          referral_id: int = record_id()):
    return await run_in_threadpool(desk.update_referral, code, actor, referral_id, body.status, body.result)


@router.get("/{code:case}/bundle", summary="导出案件材料包（.zip：文书、证据清单、案件 JSON、时间线）",
            responses={200: {"content": {ZIP_TYPE: {}}}})
async def export_bundle(desk: CaseDeskDep, actor: DeskActor, code: str = Code):
    data = await run_in_threadpool(desk.export_bundle, code, actor)
    name = code.strip().upper()
    return _attachment(data, ZIP_TYPE, f"case-{quote(name)}.zip", f"案件材料-{name}-{date.today():%Y%m%d}.zip")


def _attachment(data: bytes, media_type: str, ascii_name: str, name: str) -> Response:
    return Response(bytes(data), media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                                                    f"filename*=UTF-8''{quote(name)}"})
