"""Calculators the question's own numbers allow (工龄, 月工资 …): suggestions, and results when nothing is missing."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

log = logging.getLogger(__name__)

MAX_CALCULATIONS = 2


_ASKS_AMOUNT = re.compile(r"多少|几个月|怎么算|如何算|怎么计算|如何计算|算一下|算算|金额")


def calculations_for(question: str, guide_kinds: Sequence[str] = ()) -> list[tuple[object, object | None]]:
    """(SuggestedCalculation, CalcResult or None) pairs; empty when the calculators are not available.

    The calculators' own extractor decides first. When it names none but the question asks for an amount and the
    matched guide's calculator has every required input in the question (月薪六千, 干了两年), that one runs.
    """
    try:
        from assistant.calculators import CalculatorInputError, calculate
        from assistant.calculators.extract import suggest
    except ImportError:
        return []
    try:
        suggestions = suggest(question)
        if not suggestions and guide_kinds and _ASKS_AMOUNT.search(question):
            suggestions = _from_guide(question, guide_kinds)
    except Exception:  # extraction must never break an answer
        log.exception("calculator suggestion failed")
        return []
    out = []
    for s in suggestions[:MAX_CALCULATIONS]:
        result = None
        if not s.missing:
            try:
                result = calculate(s.kind, **s.inputs)
            except CalculatorInputError:
                result = None
            except Exception:
                log.exception("calculator %s failed", s.kind)
                result = None
        out.append((s, result))
    return out


def _from_guide(question: str, guide_kinds: Sequence[str]) -> list:
    from assistant.calculators import KINDS
    from assistant.calculators.extract import SuggestedCalculation, extract_facts

    facts = extract_facts(question)
    for kind in guide_kinds:
        spec = KINDS.get(kind)
        if spec is None:
            continue
        fields = spec.model.model_fields
        inputs = {k: v for k, v in facts.items() if k in fields}
        missing = [name for name, f in fields.items() if f.is_required() and name not in inputs]
        if inputs and not missing:
            return [SuggestedCalculation(kind=kind, name=spec.name, inputs=inputs, missing=[])]
    return []


def question_facts(question: str) -> dict:
    try:
        from assistant.calculators.extract import extract_facts
    except ImportError:
        return {}
    try:
        return extract_facts(question)
    except Exception:  # noqa: BLE001 - a fact we cannot read is a fact the answer asks for instead
        return {}
