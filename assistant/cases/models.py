"""The case desk's public shapes: what goes in (intake, actor, filters) and what comes out (views, records, trace).

Every model here is JSON-ready (``model_dump(mode="json")``); the API returns them as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StrictBool

Status = Literal["已受理", "处理中", "已移交", "已办结", "不予受理"]
STATUSES: tuple[str, ...] = ("已受理", "处理中", "已移交", "已办结", "不予受理")
CLOSED: frozenset[str] = frozenset({"已办结", "不予受理"})
# The status flow: a hand-off can come back (已移交 → 处理中); a closed case stays closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    "已受理": frozenset({"处理中", "不予受理"}),
    "处理中": frozenset({"已移交", "已办结", "不予受理"}),
    "已移交": frozenset({"处理中", "已办结"}),
    "已办结": frozenset(),
    "不予受理": frozenset(),
}

Role = Literal["worker", "staff", "reviewer", "admin", "system"]
Source = Literal["chat", "staff", "api"]

ReferralTarget = Literal["mediation", "arbitration", "labor_inspection", "legal_aid", "procuratorate", "employer"]
REFERRAL_TARGETS: dict[str, str] = {
    "mediation": "劳动争议调解（人社部在线调解）",
    "arbitration": "劳动人事争议仲裁委员会",
    "labor_inspection": "劳动保障监察机构",
    "legal_aid": "法律援助机构",
    "procuratorate": "人民检察院",
    "employer": "用人单位",
}
ReferralStatus = Literal["prepared", "sent", "received", "result"]
REFERRAL_STATUSES: dict[str, str] = {"prepared": "已准备", "sent": "已发送", "received": "已接收", "result": "已有结果"}
ReviewStatus = Literal["requested", "confirmed", "corrected"]

_CFG = ConfigDict(extra="forbid")


class Actor(BaseModel):
    """Who acts. Staff and reviewers act for one organisation and see its cases only; an admin sees all.
    A worker is the holder of one case's code and secret (``Actor.worker(code, secret)``)."""

    model_config = _CFG
    role: Role
    name: str = Field("", max_length=100, description="工作人员姓名或密钥名；劳动者留空")
    organisation: str | None = Field(None, max_length=100, description="所属组织；管理员可为空")
    case_code: str | None = Field(None, description="劳动者：自己案件的编号")
    secret: SecretStr | None = Field(None, description="劳动者：案件查询码")

    @classmethod
    def worker(cls, code: str, secret: str) -> Actor:
        return cls(role="worker", case_code=code, secret=SecretStr(secret))

    @classmethod
    def staff(cls, name: str, organisation: str) -> Actor:
        return cls(role="staff", name=name, organisation=organisation)

    @classmethod
    def reviewer(cls, name: str, organisation: str) -> Actor:
        return cls(role="reviewer", name=name, organisation=organisation)

    @classmethod
    def admin(cls, name: str = "admin") -> Actor:
        return cls(role="admin", name=name)

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(role="system", name=name)


class Message(BaseModel):
    model_config = _CFG
    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AnswerShown(BaseModel):
    """An answer the worker was shown: its citations and the corpus build it came from."""

    model_config = _CFG
    question: str = Field(max_length=8000)
    answer: str = Field(max_length=40000)
    citations: list[dict[str, Any]] = Field(default_factory=list, max_length=100)
    corpus_build: str | None = Field(None, max_length=200, description="回答所依据的法规库版本")
    mode: str | None = Field(None, max_length=40)


class EvidenceItem(BaseModel):
    model_config = _CFG
    name: str = Field(min_length=1, max_length=200, description="证据名称，如 劳动合同、工资条、考勤记录")
    source: str = Field("", max_length=200, description="来源，如 本人保存、单位出具")
    purpose: str = Field("", max_length=500, description="证明目的")


class CaseIntake(BaseModel):
    """A case being opened: from a chat (the worker agreed), from the staff desk, or through the API.

    ``facts`` is a :class:`assistant.facts.CaseFacts` as JSON, or corrections ``{"pay.monthly_wage": "8000"}``
    laid over what the conversation states; without it the worker's messages are read by the one case reader."""

    model_config = _CFG
    source: Source
    # strict: "yes", "true" or 1 is not the worker's consent; only a real true is
    consent: StrictBool = Field(False, description="劳动者同意把对话和案情交给工会办理（从对话立案时必须为真，JSON 布尔值）")
    organisation: str | None = Field(None, max_length=100, description="承办组织；为空时用设置里的默认组织")
    case_type: str | None = Field(None, max_length=40, description="案件类型，为空时按案情判断")
    summary: str = Field("", max_length=8000, description="劳动者自己的陈述或工作人员的摘要")
    facts: dict[str, Any] | None = None
    conversation: list[Message] = Field(default_factory=list, max_length=200)
    answers: list[AnswerShown] = Field(default_factory=list, max_length=50)
    evidence: list[EvidenceItem] = Field(default_factory=list, max_length=200)
    external_ref: str | None = Field(None, max_length=200, description="来自其他系统时，对方的编号")


class CaseFilter(BaseModel):
    model_config = _CFG
    status: Status | None = None
    case_type: str | None = None
    organisation: str | None = None
    assignee: str | None = None
    deadline_within_days: int | None = Field(None, ge=0, le=3650)
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


class Deadline(BaseModel):
    """One time limit of the case, computed by the deadline calculator from the case facts."""

    kind: str
    name: str
    deadline: date | None = Field(None, description="最后一天（已按节假日顺延）；不受一年限制的为空")
    days_remaining: int | None = None
    expired: bool = False
    formula: str = ""
    articles: list[str] = Field(default_factory=list)
    facts_used: list[str] = Field(default_factory=list)
    note: str = ""


class ReviewCitation(BaseModel):
    id: str | None
    raw: str
    status: str
    verified: bool


class ReviewRecord(BaseModel):
    """人工复核 of one answer: requested, then confirmed as it is or corrected (text and citations re-verified)."""

    id: int
    answer_id: int
    status: ReviewStatus
    comment: str = ""
    requested_at: datetime
    reviewed_at: datetime | None = None
    reviewer: str | None = None
    text: str | None = Field(None, description="复核后的回答（确认时为原回答）")
    citations: list[ReviewCitation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class AnswerRecord(BaseModel):
    id: int
    question: str
    answer: str
    citations: list[dict[str, Any]] = Field(default_factory=list)
    corpus_build: str | None = None
    shown_at: datetime
    review: ReviewRecord | None = None

    @property
    def reviewed_text(self) -> str:
        """What the worker should read now: the reviewed answer when there is one."""
        if self.review and self.review.text is not None and self.review.status != "requested":
            return self.review.text
        return self.answer


class Note(BaseModel):
    id: int
    text: str
    author: str
    at: datetime


class DocumentVersion(BaseModel):
    id: int
    doc_type: str
    name: str
    version: int
    sha256: str = Field(description="docx 内容的 SHA-256")
    created_at: datetime
    created_by: str
    missing: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    markdown: str = ""
    docx: bytes = Field(b"", exclude=True, repr=False)


class AttachmentInfo(BaseModel):
    """An evidence file of the case: its safe name, the type read from its bytes, size and SHA-256."""

    id: int
    name: str = Field(description="显示给工作人员的文件名（已去掉路径和不安全字符）")
    media_type: str = Field(description="按文件内容判断的类型，不采信上传方声明的类型")
    size: int = Field(description="字节数")
    sha256: str = Field(description="文件内容的 SHA-256")
    created_at: datetime
    created_by: str
    created_by_role: str
    erased: bool = Field(False, description="已按劳动者的要求删除（文件名和内容都已清除，哈希保留）")


class AttachmentFile(AttachmentInfo):
    """One attachment with its bytes, for a download or the bundle."""

    data: bytes = Field(b"", exclude=True, repr=False)


class Referral(BaseModel):
    """A hand-off (多端联动) to a body outside the desk, with its documents and where it stands."""

    id: int
    target: ReferralTarget
    target_name: str
    status: ReferralStatus
    documents: list[int] = Field(default_factory=list, description="随附文书的版本 id")
    details: dict[str, Any] = Field(default_factory=dict,
                                    description="调解申请字段、份数、援助条件预审、需带材料、支持起诉等")
    prepared_at: datetime
    sent_at: datetime | None = None
    received_at: datetime | None = None
    result_at: datetime | None = None
    result: str | None = None


class CaseSummary(BaseModel):
    """A row of the desk's list: no personal data, so listing is not a read of personal data."""

    code: str
    status: Status
    case_type: str
    organisation: str
    assignee: str | None = None
    source: Source
    created_at: datetime
    updated_at: datetime
    next_deadline: date | None = None
    next_deadline_name: str | None = None
    close_reason: str | None = None
    erased: bool = False
    events: int = 0


class CaseView(CaseSummary):
    """The whole case, for staff (reading it is logged as a read of personal data)."""

    summary: str = ""
    facts: dict[str, Any] = Field(default_factory=dict)
    conversation: list[Message] = Field(default_factory=list)
    answers: list[AnswerRecord] = Field(default_factory=list)
    reviews: list[ReviewRecord] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    documents: list[DocumentVersion] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    attachments: list[AttachmentInfo] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    external_ref: str | None = None


class WorkerAnswer(BaseModel):
    id: int
    question: str
    answer: str = Field(description="复核过的以复核后的为准")
    citations: list[dict[str, Any]] = Field(default_factory=list)
    review_status: ReviewStatus | None = None
    reviewed_at: datetime | None = None


class WorkerReferral(BaseModel):
    target_name: str
    status: str
    prepared_at: datetime
    sent_at: datetime | None = None
    received_at: datetime | None = None
    result_at: datetime | None = None
    result: str | None = None


class WorkerFile(BaseModel):
    """An evidence file the worker submitted (the worker sees their own files by name, never staff's)."""

    name: str
    size: int
    submitted_at: datetime


class WorkerView(BaseModel):
    """What a worker sees with the case code and secret: where the case stands and what staff decided."""

    code: str
    status: Status
    status_note: str | None = Field(None, description="不予受理的理由")
    updated_at: datetime
    answers: list[WorkerAnswer] = Field(default_factory=list)
    referrals: list[WorkerReferral] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    files: list[WorkerFile] = Field(default_factory=list, description="劳动者自己提交的证据文件")
    erased: bool = False


class CaseOpened(BaseModel):
    """The case code and the secret: the secret is shown this once and stored only as a hash."""

    code: str
    secret: str
    case: CaseView


class CaseEvent(BaseModel):
    """One entry of the trace. ``data`` is None once the worker's personal data was erased; the hashes remain."""

    seq: int
    kind: str
    at: str
    actor_role: str
    actor_name: str
    data: dict[str, Any] | None
    payload_hash: str
    prev_hash: str
    hash: str


class TraceProblem(BaseModel):
    code: str
    seq: int | None
    kind: str | None
    reason: str


class VerifyReport(BaseModel):
    ok: bool
    cases: int
    events: int
    problems: list[TraceProblem] = Field(default_factory=list)


class ReviewStats(BaseModel):
    requested: int = 0
    open: int = 0
    confirmed: int = 0
    corrected: int = 0
    median_turnaround_hours: float | None = None
    mean_turnaround_hours: float | None = None
