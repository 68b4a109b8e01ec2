"""案情 read by a language model, held to the same rules as the rule reader.

The model fills the same schema (structured output: path, value, quote). A value is accepted only when its quote is
in the conversation and, for a date or an amount, the quote itself contains that date or amount; a value the rule
reader read differently keeps the rule reader's reading (it quotes the words exactly). On any fault the rule
reader's case stands alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from assistant.facts.model import CaseFacts, FactSource, fact_paths
from assistant.facts.numbers import find_dates, normalize, parse_amount, parse_number
from assistant.facts.overrides import FactsInputError, parse_value

log = logging.getLogger(__name__)
MAX_FACTS = 60


class FactsModelUnavailable(RuntimeError):
    """The endpoint itself failed (down, timed out, refused): the caller stops asking it for this question."""


class ModelFact(BaseModel):
    path: str = Field(description="事实名，如 pay.monthly_wage")
    value: str = Field(description="值")
    quote: str = Field(description="原话中包含该值的片段，逐字照抄")


class ModelFacts(BaseModel):
    facts: list[ModelFact] = Field(default_factory=list)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _quote_holds(value: Any, quote: str) -> bool:
    """Whether the quoted words contain the value itself (a date or amount is never taken on the model's word)."""
    if isinstance(value, date):
        return any(p.value == value or (not p.day_given and p.value.replace(day=1) == value.replace(day=1))
                   for _, _, p in find_dates(quote))
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        numbers = re.findall(r"\d+(?:\.\d+)?\s*[万千kKwW]?\d?|[零〇一二两三四五六七八九十百千万]+",
                             normalize(quote).replace(",", ""))
        found = {parse_amount(n) for n in numbers} | {parse_number(n) for n in numbers}
        if Decimal(value) in found:
            return True
        return isinstance(value, int) and bool(re.search(r"[年月]", quote))  # 3年7个月 → 43: a span, checked by type
    return True


def accept(reply: ModelFacts, messages: Sequence[str], rules: CaseFacts) -> tuple[CaseFacts, list[str]]:
    """The rule reader's case with the model's supported facts added; notes on what was refused."""
    case = rules.model_copy(deep=True)
    spoken = [_squash(m) for m in messages]
    known = fact_paths()
    notes: list[str] = []
    for item in reply.facts[:MAX_FACTS]:
        if item.path not in known or item.path == "wants":
            continue
        quote = _squash(item.quote)
        turn = next((i for i, m in enumerate(spoken) if quote and quote in m), None)
        try:
            value = parse_value(item.path, item.value)
        except FactsInputError:
            notes.append(f"模型给出的「{known[item.path]}」无法读取，已忽略")
            continue
        if turn is None or not _quote_holds(value, item.quote):
            notes.append(f"模型给出的「{known[item.path]}」在对话中找不到依据，已忽略")
            continue
        if item.path in case.doubtful() or case.get(item.path) not in (None, []):
            continue  # the rule reader quoted these words exactly, or they are in doubt: the worker is asked
        try:
            case.set(item.path, value, FactSource(by="llm", turn=turn, quote=item.quote[:80], confidence=0.7))
        except ValueError:
            notes.append(f"模型给出的「{known[item.path]}」超出合理范围，已忽略")
    return case, notes


def read_with_model(messages: Sequence[str], rules: CaseFacts, chat_model: Any,
                    prompts_dir: Path | None = None) -> CaseFacts:
    """The case with what the model read added to the rule reader's; the rule reader's case on any fault.

    Raises :class:`FactsModelUnavailable` when the endpoint failed (not when its reply was unusable), so a
    caller does not send the answer to an endpoint that is down.
    """
    from langchain_core.messages import HumanMessage, SystemMessage

    from assistant.llm import load_prompt, render_prompt

    if chat_model is None or not messages:
        return rules
    try:
        paths = "\n".join(f"{p}：{label}" for p, label in fact_paths().items() if p != "wants")
        conversation = "\n".join(f"{i + 1}. {m}" for i, m in enumerate(messages))
        prompt = [SystemMessage(load_prompt("facts_system", prompts_dir)),
                  HumanMessage(render_prompt(load_prompt("facts_user", prompts_dir), paths=paths,
                                             conversation=conversation))]
        reply = chat_model.with_structured_output(ModelFacts).invoke(prompt)
        if not isinstance(reply, ModelFacts):
            reply = ModelFacts.model_validate(reply)
        case, notes = accept(reply, messages, rules)
    except (ValueError, NotImplementedError, TypeError) as exc:  # a reply not in the schema (parsers raise these)
        log.warning("facts by model unusable (%s); using the rule reader", type(exc).__name__)
        return rules
    except Exception as exc:  # noqa: BLE001 - the transport failed: the rule reader's case, and the caller is told
        raise FactsModelUnavailable(type(exc).__name__) from exc
    for note in notes:
        log.info("facts by model: %s", note)
    return case
