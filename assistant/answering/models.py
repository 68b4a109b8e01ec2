"""What crosses the boundary of the answer pipeline: the question's history, the answer, the streamed events."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.facts import CaseFacts

DISCLAIMER = (
    "以上内容是依据法律条文整理的一般性信息，不构成正式法律意见。具体案件请以当地仲裁委、法院的认定为准，"
    "必要时可拨打 12348 法律援助热线或到当地法律援助中心咨询。"
)
OFFLINE_LABEL = "本回答由规则与法条检索生成，未使用大语言模型。"


class Turn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str


class CitedProvision(BaseModel):
    """An article the answer relies on. ``verified``: it exists in the corpus and is in force."""

    id: str
    law: str
    article: str | None = None
    text: str = ""
    verified: bool = False
    status: Literal["verified", "not_found", "repealed", "law_not_in_corpus", "no_law"] = "verified"
    label: str = ""


class SuggestedAction(BaseModel):
    type: Literal["calculator", "document"]
    id: str
    title: str
    prefilled: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)


class Answer(BaseModel):
    answer: str
    citations: list[CitedProvision] = Field(default_factory=list)
    guides: list[str] = Field(default_factory=list)
    suggested_actions: list[SuggestedAction] = Field(default_factory=list)
    mode: Literal["llm", "offline"] = "offline"
    warnings: list[str] = Field(default_factory=list)
    disclaimer: str = DISCLAIMER
    clarifying_question: str | None = None
    question: str = ""  # the standalone question actually answered (after condensing a follow-up)
    facts: CaseFacts | None = Field(None, description="案情: the facts of the case this answer used, to show back and correct")


class AnswerEvent(BaseModel):
    """``token`` events carry text to append; then exactly one ``final`` event carries the whole answer.

    The final answer's ``answer`` text is authoritative: when the language model failed mid-stream the final
    event carries the offline answer and ``replaces_stream`` is true, so a client shows it instead of the tokens.
    """

    type: Literal["token", "final"]
    text: str = ""
    answer: Answer | None = None
    replaces_stream: bool = False
