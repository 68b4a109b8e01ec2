"""Typed errors of the answer pipeline (each with a message in plain Chinese)."""

from __future__ import annotations

from assistant.errors import InvalidQueryError, LaborAssistantError

MAX_QUESTION_CHARS = 4000


class InvalidQuestionError(InvalidQueryError):
    code = "invalid_question"


class LLMUnavailableError(LaborAssistantError):
    """The endpoint failed, timed out, was cut mid-stream or returned text that is not an answer."""

    code = "llm_unavailable"


def check_question(question: object) -> str:
    """The question stripped, or :class:`InvalidQuestionError` with a message a worker can act on."""
    if not isinstance(question, str):
        raise InvalidQuestionError("问题必须是文字。")
    text = question.replace("\x00", "").strip()
    if not text:
        raise InvalidQuestionError("问题是空的，请写下你遇到的情况，例如：公司拖欠工资三个月，我能要求什么？")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"问题太长了（{len(text)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内，只写关键经过和你想问的事。")
    return text
