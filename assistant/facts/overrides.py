"""Facts entered or corrected by the user (the 「我理解的情况」 card, the API's ``facts``), checked one by one.

Values are accepted as a worker types them ("8,000元", "4年7个月", "2020年1月1日", "是"); a value that cannot be read
is refused with :class:`FactsInputError` naming the fact, and nothing else changes. An empty value clears a fact.
"""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from assistant.facts.model import GROUPS, CaseFacts, FactChange, FactSource, fact_paths
from assistant.facts.numbers import parse_amount, parse_date, parse_number, parse_span_months

MAX_OVERRIDES = 100


class FactsInputError(ValueError):
    """A fact the user entered cannot be used. ``path`` names it; ``message`` is Chinese, for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


_YES = {"是", "有", "对", "true", "yes", "1", "签了", "已签"}
_NO = {"否", "没有", "无", "不是", "false", "no", "0", "没签", "未签"}


def _annotation(path: str) -> Any:
    group, _, name = path.partition(".")
    return CaseFacts.model_fields[group].annotation.model_fields[name].annotation  # type: ignore[union-attr]


def _base_types(annotation: Any) -> list[Any]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def parse_value(path: str, raw: Any) -> Any:
    """``raw`` read as the type of fact ``path``; raises FactsInputError with a Chinese reason."""
    label = fact_paths()[path]
    if path == "wants":
        return raw if isinstance(raw, list) else [raw]
    kinds = _base_types(_annotation(path))
    kind = kinds[0]
    if typing.get_origin(kind) is list:
        items = raw if isinstance(raw, list) else [raw]
        out = [parse_date(x) for x in items]
        if any(x is None for x in out):
            raise FactsInputError(path, f"「{label}」应为日期，如 2020年1月1日")
        return [x.value for x in out if x]
    if kind is date:
        parsed = parse_date(raw, date.today())
        if parsed is None:
            raise FactsInputError(path, f"「{label}」应为日期，如 2020年1月1日 或 2020-01-01")
        return parsed.value
    if kind is Decimal:
        amount = parse_amount(raw)
        if amount is None:
            raise FactsInputError(path, f"「{label}」应为金额，如 8000 或 8,000元")
        return amount
    if kind is int:
        n = parse_span_months(raw) if path == "employment.service_months" else parse_number(raw)
        if n is None or (isinstance(n, Decimal) and n != n.to_integral_value()):
            hint = "，如 4年7个月 或 55" if path == "employment.service_months" else ""
            raise FactsInputError(path, f"「{label}」应为整数{hint}")
        return int(n)
    if kind is bool:
        text = str(raw).strip().lower()
        if isinstance(raw, bool):
            return raw
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise FactsInputError(path, f"「{label}」应为“是”或“否”")
    if typing.get_origin(kind) is Literal:
        allowed = typing.get_args(kind)
        if raw not in allowed:
            raise FactsInputError(path, f"「{label}」只能是：{'、'.join(map(str, allowed))}")
        return raw
    if not isinstance(raw, str):
        raise FactsInputError(path, f"「{label}」应为文字")
    text = raw.strip()
    if len(text) > 200:
        raise FactsInputError(path, f"「{label}」太长（最多200字）")
    return text


def apply_overrides(facts: CaseFacts, overrides: dict[str, Any]) -> CaseFacts:
    """Lay the user's own entries over ``facts`` (in place). All are checked before any is applied."""
    if not isinstance(overrides, dict):
        raise FactsInputError("facts", "案情应为“事实名: 值”的对象，如 {\"pay.monthly_wage\": \"8000\"}")
    if len(overrides) > MAX_OVERRIDES:
        raise FactsInputError("facts", f"一次最多更正 {MAX_OVERRIDES} 项")
    known = fact_paths()
    parsed: dict[str, Any] = {}
    for path, raw in _flatten(overrides).items():
        if path not in known or path in ("sources", "changes"):
            raise FactsInputError(path, f"不认识的事实「{path}」")
        parsed[path] = None if raw is None or raw == "" or raw == [] else parse_value(path, raw)
    trial = facts.model_copy(deep=True)
    for path, value in parsed.items():
        try:
            trial.set(path, [] if value is None and path in ("wants", "employment.renewal_dates") else value)
        except ValidationError:
            raise FactsInputError(path, f"「{known[path]}」的值超出合理范围") from None
    for path, value in parsed.items():
        old = facts.get(path)
        if old not in (None, []) and old != value:
            facts.changes.append(FactChange(path=path, old=old, new=value, turn=None))
        facts.set(path, trial.get(path), FactSource(by="user", confidence=1.0) if value is not None else None)
        if value is None:
            facts.sources.pop(path, None)
        facts.conflicts = [n for n in facts.conflicts if n.path != path]
        facts.implausible = [n for n in facts.implausible if n.path != path]
    return facts


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """Accepts {"pay.monthly_wage": …} and {"pay": {"monthly_wage": …}} alike."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key in GROUPS and isinstance(value, dict):
            for name, inner in value.items():
                out[f"{key}.{name}"] = inner
        else:
            out[key] = value
    return out
