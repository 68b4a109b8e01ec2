"""The 「我理解的情况」 card without Gradio: what the page shows back, the form the worker corrects it in, and the
corrections that form yields.

The form holds only the facts the amounts need. Its values are written the way a worker types them ("5000",
"2021年3月15日", "3年") and read back by :func:`assistant.facts.apply_overrides`, so the page never parses a number
or a date itself. A field left as it was shown is no correction; a field emptied clears that fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from assistant.facts import CaseFacts, FactsInputError, apply_overrides
from assistant.facts.questions import card, doubts, enum_labels, show_value
from assistant.ui import render

EMPTY_CARD = "_提问后，这里会列出我从你的话里理解到的情况（工资、工作多久、怎么离职的……），说得不对可以直接更正。_"
NOT_STATED = ""  # the dropdown's value for 「未说明」


@dataclass(frozen=True)
class CardField:
    path: str
    label: str
    placeholder: str = ""
    choice: bool = False


FIELDS: list[CardField] = [
    CardField("pay.monthly_wage", "月工资（元）", "如 5000"),
    CardField("employment.hire_date", "入职日期", "如 2021年3月15日"),
    CardField("dates.leave_date", "离职日期", "如 2024年6月30日"),
    CardField("employment.service_months", "工作时间", "如 3年 或 4年7个月"),
    CardField("pay.local_average_wage", "当地上年度职工月平均工资（元）", "不知道可以不填"),
    CardField("place.city", "城市", "如 深圳市"),
    CardField("event.termination", "劳动关系怎么结束的", choice=True),
]


def termination_choices() -> list[tuple[str, str]]:
    """(Chinese label, value) for the dropdown, 「未说明」 first."""
    return [("未说明", NOT_STATED)] + [(label, value) for value, label in enum_labels("event.termination").items()]


def card_markdown(facts: CaseFacts | None) -> str:
    """The card's rows (label: value, 约 for an approximate value) and any fact still to be confirmed."""
    rows = card(facts) if facts is not None else []
    if not rows:
        return EMPTY_CARD
    lines = [f"- **{render.esc(r['label'])}**：{render.esc(r['value'])}"
             + ("（约）" if r["approximate"] else "") + ("（你更正的）" if r["by"] == "user" else "") for r in rows]
    lines += [f"- ⚠️ 待确认：{render.esc(q)}" for q in doubts(facts)]
    return "\n".join(lines)


def form_value(facts: CaseFacts | None, path: str) -> str:
    """A fact as the form shows it: typed the way the worker would, read back the same way when saved."""
    value = facts.get(path) if facts is not None else None
    if value is None:
        return NOT_STATED
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        source = facts.sources.get(path)
        return f"{value.year}年{value.month}月" if source and source.approximate else show_value(path, value)
    if path == "employment.service_months":
        return show_value(path, value)
    return str(value)


def form_values(facts: CaseFacts | None) -> list[str]:
    return [form_value(facts, f.path) for f in FIELDS]


def corrections(facts: CaseFacts | None, values: list[Any]) -> dict[str, str]:
    """{path: what the worker typed} for each field that differs from what the card showed."""
    shown = form_values(facts)
    out = {}
    for field, before, now in zip(FIELDS, shown, values, strict=True):
        now = (now or "").strip() if isinstance(now, str) else ("" if now is None else str(now))
        if now != before:
            out[field.path] = now
    return out


def corrected(facts: CaseFacts | None, changes: dict[str, str]) -> CaseFacts:
    """A copy of the case with the worker's corrections laid over it; :class:`FactsInputError` (nothing changed)
    when one cannot be read."""
    return apply_overrides((facts or CaseFacts()).model_copy(deep=True), changes)


def _raw(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return [_raw(v) for v in value]
    return value if isinstance(value, str) else str(value)


def entered_by_user(facts: CaseFacts) -> dict[str, Any]:
    """Every fact the worker entered or corrected, as corrections the answer can take again.

    Re-asking the same question re-reads its words, and a kept case would let them override the correction
    ("月薪5000" over the 6000 just entered); sent as corrections they are applied after everything read.
    """
    stated = facts.stated()
    return {path: _raw(stated[path]) for path, source in facts.sources.items()
            if source is not None and source.by == "user" and path in stated}


def error_text(exc: FactsInputError) -> str:
    return f"⚠️ {render.esc(exc.message)}（其余内容没有改动）"
