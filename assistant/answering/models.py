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
VERIFIED_STATE = "条文已核对"  # the quoted text is the corpus text of an article in force; says nothing of relevance
UNVERIFIED_STATE = "未核实"
REPEALED_STATE = "已失效，未核实"

SectionKey = Literal["notice", "conclusion", "amounts", "next_steps", "note", "why", "calculation", "basis", "evidence",
                     "related"]
# heading of each section, in the order an answer shows them; the folded ones sit behind one tap on a phone
SECTION_TITLES: dict[str, str] = {
    "notice": "提示", "conclusion": "结论", "amounts": "你可能拿到", "next_steps": "下一步", "note": "说明",
    "why": "为什么", "calculation": "怎么算的", "basis": "法律依据", "evidence": "要准备的证据", "related": "还可能涉及",
}
FOLDED_SECTIONS = frozenset({"why", "calculation", "basis", "evidence", "related"})


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
    n: int | None = Field(None, description="the inline marker [n] that leads to this article in the answer text")
    state: str = Field(VERIFIED_STATE, description="「条文已核对」, 「未核实」 or 「已失效，未核实」, as shown to the worker")
    repealed_paragraphs: dict[int, str] = Field(
        default_factory=dict, description="款 of this article a later text repealed: 款 number → the repealing article's "
                                          "id (0: the whole article); the text keeps their words, they are not law")


class AnswerSection(BaseModel):
    """One part of the answer, as a span of ``Answer.answer`` (the text travels once; a page folds by these)."""

    key: SectionKey
    title: str
    start: int = Field(description="offset of the section's heading in the answer text")
    end: int
    folded: bool = False
    refs: list[int] = Field(default_factory=list, description="the citation markers [n] this section uses")


class AmountLine(BaseModel):
    """An amount the case facts support, with its one-line formula and the articles it rests on."""

    kind: str
    title: str
    amount: str | None = Field(None, description="元, exact decimal string; None when only months of pay are known")
    formula: str = ""
    articles: list[str] = Field(default_factory=list)


class Deadline(BaseModel):
    """The deadline that fits the case, computed from a date the worker stated."""

    kind: str
    title: str
    date: str = Field(description="ISO date of the last day")
    text: str = Field(description="as the answer says it: 最晚在2025年10月9日前申请仲裁")
    expired: bool = False


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
    sections: list[AnswerSection] = Field(default_factory=list)
    amounts: list[AmountLine] = Field(default_factory=list)
    deadline: Deadline | None = None
    note: str = Field("", description="said once: the answer was composed without a language model")

    def section_text(self, key: str) -> str:
        """The text of one section (heading included), or "" when the answer has no such section."""
        for s in self.sections:
            if s.key == key:
                return self.answer[s.start:s.end]
        return ""

    @property
    def unfolded_text(self) -> str:
        """What a phone shows before any tap: the sections that are not folded."""
        return "\n\n".join(self.answer[s.start:s.end] for s in self.sections if not s.folded)


class AnswerEvent(BaseModel):
    """``token`` events carry text to append; then exactly one ``final`` event carries the whole answer.

    The final answer's ``answer`` text is authoritative: when the language model failed mid-stream the final
    event carries the offline answer and ``replaces_stream`` is true, so a client shows it instead of the tokens.
    """

    type: Literal["token", "final"]
    text: str = ""
    answer: Answer | None = None
    replaces_stream: bool = False
