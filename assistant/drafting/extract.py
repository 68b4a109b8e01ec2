"""Narrative → 案情 (CaseFacts) by a language model, checked: what a model may fill and what of its answer is kept.

There is one reader of how workers talk (:func:`assistant.facts.reader.read_text`); drafting does not parse dates
or amounts on its own (``narrative.read_narrative`` chooses the model or the rules). A model's answer names the same
CaseFacts paths and is accepted only when it quotes the narrative and the quote contains the value, so a value the
story does not contain can never reach a document.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.facts.model import CaseFacts, FactSource
from assistant.facts.numbers import find_dates, parse_amount, parse_date
from assistant.numerals import cn_to_int

# CaseFacts path → (label, kind): what a model may fill for a document (the same names the rule reader uses)
EXTRACTABLE: dict[str, tuple[str, str]] = {
    "worker.name": ("劳动者姓名", "text"),
    "worker.sex": ("劳动者性别", "sex"),
    "worker.birth_date": ("劳动者出生日期", "date"),
    "worker.phone": ("劳动者联系电话", "text"),
    "worker.id_number": ("劳动者公民身份号码", "text"),
    "worker.address": ("劳动者住所", "text"),
    "worker.job": ("工作岗位", "text"),
    "employer.name": ("用人单位名称", "text"),
    "employer.legal_representative": ("用人单位法定代表人", "text"),
    "employer.address": ("用人单位住所", "text"),
    "employment.hire_date": ("入职日期（第一天上班，不是续签日期）", "date"),
    "dates.leave_date": ("离职日期", "date"),
    "pay.monthly_wage": ("月工资（元）", "amount"),
    "event.unpaid_amount": ("被拖欠工资（元）", "amount"),
    "event.unpaid_months": ("拖欠月数", "int"),
    "event.termination_reason": ("单位解除劳动合同时给出的理由（原话）", "text"),
}


class Extracted(BaseModel):
    field: str  # where the value went in the drafting case (hire_date, worker.name …)
    label: str
    value: str
    source_span: str
    start: int | None = None
    end: int | None = None
    by: str = "rules"
    fact: str = ""  # the CaseFacts path it was read as (employment.hire_date …)
    applied: bool = False  # filled a blank field (a value the case already had is never overwritten)
    confirmed: bool = False


# ---- by a language model
def parse_model_json(content: str) -> dict:
    """The first JSON object in a model reply (it may be wrapped in prose or a ``` fence)."""
    start = content.find("{")
    while start != -1:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(content)):
            ch = content[i]
            if in_str:
                esc = ch == "\\" and not esc
                if ch == '"' and not esc:
                    in_str = False
                continue
            if ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    try:
                        data = json.loads(content[start:i + 1])
                        return data if isinstance(data, dict) else {}
                    except json.JSONDecodeError:
                        break
        start = content.find("{", start + 1)
    return {}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _read(kind: str, value: str, quote: str) -> Any:
    """The value as the fact's type when the quote (already found in the narrative) really contains it, else None."""
    if kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            return None
        dates_quoted = {d.value for _, _, d in find_dates(quote)}
        return parsed.value if parsed.value in dates_quoted else None
    if kind == "amount":
        amount = parse_amount(value)
        if amount is None:
            return None
        amounts_quoted = {a.normalize() for a in (parse_amount(m.group(0)) for m in _AMOUNTISH.finditer(quote)) if a}
        return amount if amount.normalize() in amounts_quoted else None
    if kind == "int":
        try:
            n = int(str(value))
        except ValueError:
            return None
        return n if any(_safe_int(x) == n for x in re.findall(r"[0-9一二三四五六七八九十两百]+", quote)) else None
    if kind == "sex":
        return value if value in ("男", "女") and value in quote else None
    return value if _squash(value) and _squash(value) in _squash(quote) else None


_AMOUNTISH = re.compile(r"[0-9][0-9,，.]*\s*万?|[一二三四五六七八九十两百千万零〇点]+")


def _safe_int(text: str) -> int | None:
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def accept_model_fields(data: dict, narrative: str) -> tuple[CaseFacts, list[str]]:
    """The model's values that quote the narrative and whose quote contains them, as CaseFacts; say which were
    dropped."""
    facts = CaseFacts()
    notes: list[str] = []
    flat = _squash(narrative)
    fields = data.get("fields", data) if isinstance(data, dict) else {}
    for path, item in (fields or {}).items():
        if path not in EXTRACTABLE or not isinstance(item, dict):
            continue
        label, kind = EXTRACTABLE[path]
        value, quote = item.get("value"), item.get("quote")
        if value in (None, "", [], {}):
            continue
        value, quote = str(value).strip(), str(quote or "").strip()
        typed = _read(kind, value, quote) if quote and _squash(quote) in flat else None
        if typed is None:
            notes.append(f"模型给出的「{label}」在叙述中找不到依据，已留空")
            continue
        day_missing = kind == "date" and not parse_date(value).day_given  # type: ignore[union-attr]
        try:
            facts.set(path, typed, FactSource(by="llm", quote=quote, confidence=0.8, approximate=day_missing))
        except ValidationError:
            notes.append(f"模型给出的「{label}」不合理，已留空")
    return facts, notes
