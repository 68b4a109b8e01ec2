"""Condense a follow-up ("那如果我已经离职了呢？") into a question that stands alone, using the history.

With a language model the ``condense`` prompt rewrites a short follow-up or one that leans on the earlier turn
(那/这个/呢/如果…). Without one (or when the model fails) a rule puts the worker's earlier turns of the same matter
before such a follow-up, as ``<earlier turns>（追问）<this turn>``: retrieval reads this turn as what is asked and the
earlier turns, at a lower weight, as the matter it is about. A turn that changes the subject (``starts_new_case``,
the rule the case facts follow) stands alone, and turns before the last change of subject are left out.

A follow-up that stands on its own words is left as it is for the guides and the calculators, which read the
condensed text: the earlier turns' topic words would choose for them (measured on the conversations set: carrying
the history on every follow-up changes the top guide of 39 of 91 follow-ups, 13 of them only so, some for the
worse, and adds unasked calculations, such as economic compensation beside a non-compete question). Retrieval alone
reads every follow-up with its matter's earlier turns (``retrieval_query``): per-turn hit@10 0.895 → 0.927.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assistant.answering.errors import LLMUnavailableError
from assistant.answering.models import Turn
from assistant.llm import as_data, load_prompt, render_prompt, take_within
from assistant.retrieval.intent import FOLLOW_UP

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

_FOLLOW_UP = re.compile(r"^(那|那么|这|这个|这种|这样|如果|要是|假如|还有|另外|然后|所以|还能|还可以|他们|它)")
_SHORT = 16  # "那我离职了还能要吗？" is too short to stand alone
_SHORT_WITH_NE = 30  # "…呢？" leans on the earlier turn
HISTORY_CHARS_FOR_CONDENSE = 2000
CONTEXT_CHARS = 300  # the earlier turns a rule-condensed follow-up carries
MAX_CONDENSED_CHARS = 600


def normalize_history(history: Iterable[Any] | None) -> list[Turn]:
    """Accepts Turn objects, {"role", "content"} dicts or (role, content) pairs; drops empty and unknown turns."""
    turns: list[Turn] = []
    for item in history or []:
        if isinstance(item, Turn):
            turn = item
        elif isinstance(item, dict):
            role, content = item.get("role"), item.get("content")
            turn = Turn(role=role, content=content) if role in ("user", "assistant") and isinstance(content, str) \
                else None
        elif isinstance(item, (tuple, list)) and len(item) == 2 and item[0] in ("user", "assistant"):
            turn = Turn(role=item[0], content=str(item[1]))
        else:
            turn = None
        if turn and turn.content.strip():
            turns.append(turn)
    return turns


def history_text(history: Sequence[Turn], max_chars: int) -> str:
    """The most recent turns that fit in ``max_chars``, oldest first, as 用户：…/助手：… lines."""
    lines = [("用户：" if t.role == "user" else "助手：") + t.content.strip() for t in reversed(history)]
    kept = take_within(lines, max_chars)
    return "\n".join(reversed(kept))


def needs_condensing(question: str, history: Sequence[Turn]) -> bool:
    q = question.strip()
    leaning = bool(_FOLLOW_UP.search(q)) or (len(q) <= _SHORT_WITH_NE and re.search(r"呢[？?]?$", q) is not None)
    return bool(history) and (len(q) <= _SHORT or leaning)


def same_matter(question: str, history: Sequence[Turn]) -> list[str]:
    """The worker's earlier turns about the matter this turn is about, oldest first: none when this turn changes
    the subject ("另外一个问题，我朋友…"), and none from before the last change of subject (the case facts follow
    the same rule, ``starts_new_case``)."""
    from assistant.facts.conversation import starts_new_case

    if starts_new_case(question):
        return []
    said = [t.content.strip() for t in history if t.role == "user" and t.content.strip()]
    start = max((n for n, text in enumerate(said) if n > 0 and starts_new_case(text)), default=0)
    return said[start:]


def condense_by_rule(question: str, history: Sequence[Turn]) -> str:
    """A follow-up that needs it with the earlier turns of its matter before it, most recent first, as
    ``<earlier turns>（追问）<this turn>``; a follow-up that stands alone, or changes the subject, as it is."""
    return retrieval_query(question, history) if needs_condensing(question, history) else question


def retrieval_query(question: str, history: Sequence[Turn]) -> str:
    """What retrieval searches for a turn: the worker's earlier turns of the same matter before it, as
    ``<earlier turns>（追问）<this turn>``, for every follow-up, even one that stands on its own words.

    Only retrieval reads it: the earlier turns, at retrieval's lower weight for what stands before 追问, keep the
    matter's articles in reach, while the guides and calculators read the condensed question, so the history does
    not choose the guide or add unasked calculations (see the module's note for the figures)."""
    if FOLLOW_UP in question:  # already carries its earlier turns (condensed by rule)
        return question
    earlier = same_matter(question, history)
    if not earlier:
        return question
    context = take_within(list(reversed(earlier)), CONTEXT_CHARS) or [earlier[-1][:CONTEXT_CHARS]]
    return "；".join(context) + FOLLOW_UP + question


def condense_question(question: str, history: Sequence[Turn], chat_model: BaseChatModel | None = None,
                      prompts_dir=None) -> str:
    """A standalone question; the model is asked only for a follow-up that needs it.

    Raises :class:`LLMUnavailableError` when the model fails, so the caller can skip it for the answer as well.
    """
    if chat_model is None:
        return condense_by_rule(question, history)
    if not needs_condensing(question, history):
        return question
    from langchain_core.messages import HumanMessage

    prompt = render_prompt(load_prompt("condense", prompts_dir),
                           history=as_data(history_text(history, HISTORY_CHARS_FOR_CONDENSE)),
                           question=as_data(question))
    try:
        reply = chat_model.invoke([HumanMessage(content=prompt)])
        text = str(reply.content).strip()
    except Exception as exc:
        raise LLMUnavailableError("语言模型服务暂时无法使用。", detail=type(exc).__name__) from exc
    if not text or len(text) > MAX_CONDENSED_CHARS or not re.search(r"[\u4e00-\u9fff]", text):
        return condense_by_rule(question, history)
    return text
