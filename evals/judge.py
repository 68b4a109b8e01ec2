"""Optional LLM judge (DISC-style): accuracy, completeness and clarity scored 1–5 against a reference answer.

Off unless asked for (``labor eval --judge``) and a language model is configured; the prompt is
``prompts/answer_judge.md``. A reply that is not the expected JSON is recorded as unjudged, never guessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

JUDGE_PROMPT = Path(__file__).resolve().parent.parent / "prompts" / "answer_judge.md"
_JSON = re.compile(r"\{.*\}", re.DOTALL)
MAX_CHARS = 4000  # each of question / reference / answer, so one item never exceeds the model's context


class JudgeScores(BaseModel):
    accuracy: int = Field(ge=1, le=5)
    completeness: int = Field(ge=1, le=5)
    clarity: int = Field(ge=1, le=5)
    reason: str = ""


class JudgeError(ValueError):
    """The judge's reply could not be read as scores."""


def judge_prompt(question: str, reference: str, answer: str) -> str:
    template = JUDGE_PROMPT.read_text(encoding="utf-8")
    values = {
        "question": question[:MAX_CHARS],
        "reference": reference[:MAX_CHARS] or "（无参考答案）",
        "answer": answer[:MAX_CHARS],
    }
    # placeholder replacement, not str.format: the answer text may itself contain braces
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def parse_scores(reply: str) -> JudgeScores:
    m = _JSON.search(reply or "")
    if not m:
        raise JudgeError("评审回复中没有 JSON 对象")
    try:
        return JudgeScores.model_validate(json.loads(m.group(0)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise JudgeError(f"评审回复无法解析为 1–5 分：{exc}") from exc


def judge_answer(chat_model, question: str, reference: str, answer: str) -> JudgeScores:
    from langchain_core.messages import HumanMessage

    reply = chat_model.invoke([HumanMessage(content=judge_prompt(question, reference, answer))])
    return parse_scores(getattr(reply, "content", reply))
