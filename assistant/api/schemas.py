"""Request and response models of the HTTP API (they are the OpenAPI schema other apps code against)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

# Hard ceilings in the schema; the configurable, usually lower, limits are enforced in the routes.
MAX_TEXT = 20_000
# Request switches are StrictBool: lax parsing turns "yes", "off", "1" or 0 into booleans, so a client sending a
# string never learns its request is not what the document says (and another server would read it otherwise).


class ErrorBody(BaseModel):
    code: str = Field(description="机器可读的错误代码，如 invalid_input、rate_limited")
    message: str = Field(description="给用户看的中文说明")
    field: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in {401: "缺少或无效的 API 密钥", 403: "权限不足", 413: "请求内容过大", 422: "输入内容有误",
                       429: "请求过于频繁", 503: "服务未就绪（法规索引尚未建立或正在使用中）"}.items()
}


# ---- search and provisions
class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=MAX_TEXT, description="用日常语言写的问题或条文引用",
                       examples=["加班费怎么算"])
    k: int = Field(10, ge=1, le=50, description="返回条数")
    law: str | None = Field(None, max_length=200, description="只在这部法律中检索（简称，如 劳动合同法）")
    category: str | None = Field(None, max_length=100, description="只检索这一类（law、judicial_interpretation…）")
    include_repealed: StrictBool = True


class Hit(BaseModel):
    id: str = Field(description='条文编号，格式 "法律简称#条号"，如 劳动合同法#38')
    law: str
    article: str | None
    title: str
    chapter: list[str]
    text: str
    score: float
    source: str
    category: str
    status: str
    matched_by: list[str] = []
    repealed_paragraphs: dict[int, str] = Field(
        default_factory=dict, description="本条中已被后来的文件废止的款：款号 → 废止它的条文 id（0 表示整条）；原文照录，这些款不再是现行规定")


class SearchResponse(BaseModel):
    query: str
    hits: list[Hit]


class ProvisionOut(BaseModel):
    id: str
    law: str
    article: str | None
    title: str = Field(description="引用时的写法，如 劳动合同法第三十八条")
    text: str
    chapter: list[str]
    category: str
    issuer: str
    version_date: str
    status: str = Field(description="in_force（现行有效）或 repealed（已废止）")
    source: str
    doc_title: str
    cited_by: list[str] = Field(default_factory=list, description="库中引用本条的条文或案例段落的 id")
    repealed_paragraphs: dict[int, str] = Field(
        default_factory=dict, description="本条中已被后来的文件废止的款：款号 → 废止它的条文 id（0 表示整条）；原文照录，这些款不再是现行规定")


# ---- answers
class ChatTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TEXT)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=MAX_TEXT, examples=["老板三个月没发工资，我想辞职，还能要到补偿吗？"])
    history: list[ChatTurn] = Field(default_factory=list, max_length=40, description="此前的对话（可选）")
    stream: StrictBool = Field(False, description="为 true 时以 Server-Sent Events 返回：若干 token 事件，最后一个 final 事件")
    facts: dict[str, Any] | None = Field(
        None, description="案情更正（可选）：事实名 → 值，覆盖从对话中读出的事实，如 {\"pay.monthly_wage\": \"6000\", "
                          "\"employment.hire_date\": \"2021-03-15\"}；值为空字符串表示删除该事实",
        examples=[{"pay.monthly_wage": "6000"}])


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    law: str | None = None
    article: str | None = None
    text: str | None = None
    verified: bool = Field(description="true：已在法规库中核对；false：未核实")


class AnswerOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    answer: str = Field(description="回答正文（Markdown）")
    citations: list[CitationOut] = []
    guides: list[Any] = []
    suggested_actions: list[dict[str, Any]] = []
    mode: str = Field("offline", description='"llm" 或 "offline"（未配置语言模型时由指南和条文组成）')
    warnings: list[str] = []
    disclaimer: str = ""
    facts: dict[str, Any] | None = Field(None, description="回答所依据的案情（CaseFacts）：可展示给劳动者核对并通过 facts 更正")


# ---- OpenAI-compatible chat
class OpenAIMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    model: str | None = Field(None, max_length=200, description="任意值；回答总是由本助手给出")
    messages: list[OpenAIMessage] = Field(min_length=1, max_length=100)
    stream: StrictBool = False
    facts: dict[str, Any] | None = Field(None, description="扩展字段：案情更正，含义同 /v1/ask 的 facts")


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatChoiceMessage
    finish_reason: str = "stop"


class ChatCompletion(BaseModel):
    """OpenAI ``chat.completion`` plus two extension fields (unknown fields are ignored by OpenAI clients)."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: dict[str, int] | None = None
    citations: list[CitationOut] = Field(
        default_factory=list,
        description="扩展字段：回答引用的条文（含原文与 verified 核实状态）。流式时在最后一个 chunk 中给出。")
    labor_assistant: dict[str, Any] = Field(
        default_factory=dict,
        description="扩展字段：mode、guides、warnings、disclaimer、suggested_actions。流式时在最后一个 chunk 中给出。")


# ---- calculators and documents
class CalculatorInfo(BaseModel):
    kind: str
    name: str
    input_schema: dict[str, Any]


class DocumentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case: dict[str, Any] = Field(default_factory=dict, description="案件字段（见 GET /v1/documents 中各类型的字段）")
    narrative: str | None = Field(None, max_length=MAX_TEXT, description="劳动者自述（可选），用于提取字段和起草事实与理由")
    facts: dict[str, Any] | None = Field(
        None, description="案情更正（可选），含义同 /v1/ask 的 facts：覆盖从自述中读出的事实，如 {\"employment.hire_date\": "
                          "\"2021-03-15\"}；案件字段 case 中填写的值仍然优先",
        examples=[{"employment.hire_date": "2021-03-15"}])


# ---- feedback and human review
class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=MAX_TEXT)
    answer: str = Field("", max_length=100_000)
    citations: list[dict[str, Any]] = Field(default_factory=list, max_length=100)
    rating: Literal["helpful", "unhelpful"] | None = Field(None, description="有帮助 / 没帮助")
    comment: str = Field("", max_length=5000)
    review_requested: StrictBool = Field(False, description="请人工复核这条回答")


class FeedbackOut(BaseModel):
    id: int
    created_at: str
    question: str
    answer: str
    citations: list[dict[str, Any]]
    rating: str | None
    comment: str
    review_requested: bool
    review_status: str


class ReviewUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["open", "done"]
    note: str = Field("", max_length=5000)
