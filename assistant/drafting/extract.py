"""Narrative → fields, by rules (offline) or by a language model; every value comes back for confirmation.

Rules take only what is unambiguous: a date next to 入职 is the hire date, but two different hire dates in one story
fill nothing. A model's answer is accepted only when it quotes the narrative and the quote contains the value, so a
value the story does not contain can never reach a document.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from pydantic import BaseModel

from assistant.drafting.validation import (
    check_id_number,
    find_amounts,
    find_dates,
    parse_amount,
    parse_date,
)
from assistant.numerals import cn_to_int

# field path → (label, kind)
EXTRACTABLE: dict[str, tuple[str, str]] = {
    "worker.name": ("劳动者姓名", "text"),
    "worker.phone": ("劳动者联系电话", "text"),
    "worker.id_number": ("劳动者公民身份号码", "text"),
    "employer.name": ("用人单位名称", "text"),
    "position": ("工作岗位", "text"),
    "hire_date": ("入职日期", "date"),
    "end_date": ("离职日期", "date"),
    "service_length": ("工作年限", "text"),
    "monthly_wage": ("月工资（元）", "amount"),
    "unpaid_wages": ("被拖欠工资（元）", "amount"),
    "unpaid_period": ("欠薪期间", "text"),
    "affected_count": ("涉及劳动者人数", "int"),
}


class Extracted(BaseModel):
    field: str
    label: str
    value: str
    source_span: str
    start: int | None = None
    end: int | None = None
    by: str = "rules"
    applied: bool = False  # filled a blank field (a value the case already had is never overwritten)
    confirmed: bool = False


_NUM = r"[0-9一二三四五六七八九十两百]+"
_HIRE = re.compile(r"入职|进入|进厂|入厂|上岗|录用|招进|开始上班|开始工作|来到|到.{0,12}?(?:上班|工作|打工)|签订|签了")
_END = re.compile(r"离职|辞退|开除|解除|解雇|被辞|不用来|不让来|让我走|不让.{0,3}上班|最后.{0,2}(?:一天|工作日)"
                  r"|终止|辞职|离开|裁员|停工")
_WAGE = re.compile(r"月薪|(?<!个)月工资|每月|每个月|工资是|工资为|底薪|(?<![0-9一二三四五六七八九十两])一个月"
                   r"|月收入|月均|工资标准")
_UNPAID = re.compile(r"拖欠|欠了|欠薪|欠|未发|没发|未支付|没有支付|没给|克扣|未结|没结")
_TOTAL = re.compile(r"共|合计|总共|一共|累计|总计")
_NAME = re.compile(r"(?:我叫|我的名字(?:是|叫)|本人叫|本人姓名(?:是|为|叫)?[：:]?\s*|姓名[：:]\s*)"
                   r"([\u4e00-\u9fff·]{2,5}?)"
                   r"(?=[，,。；;、\s（(]|$|男|女|今年|身份|现年|，)")
_NOT_NAME = re.compile(r"[在于是的了我你他她公司工厂一个这那里]")
_ORG = re.compile(r"(?:在|入职|进入|到|于|受雇于|被|给|为|是|与|和|跟|向|告|就职于|任职于|^|[，。；、\s：:“\"(（])"
                  r"([\u4e00-\u9fffA-Za-z0-9（）()·]{2,30}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|"
                  r"工厂|厂|酒店|餐厅|饭店|超市|工作室|医院|学校|物业|商行|门店))")
_ORG_INNER_VERB = re.compile(r"进入|入职|就职于|任职于|受雇于|进了|去了|[0-9年月日号]+(?:在|于|到)|[0-9]+[年月日号]")
_ORG_LEAD = re.compile(r"^(?:在|入职|进入|到|于|受雇于|被|给|为|是|与|和|跟|向|就职于|任职于|我|我们|曾|原来|之前)+")
_GENERIC_ORG = re.compile(r"^(?:该|这|那|贵|本|我们|我|原|其|他们|一家|一个|这家|那家|某|公司|工厂|厂|对方)")
_POSITION = re.compile(r"(?:担任|岗位是|岗位为|职位是|职位为|工种是|工种为|职务是|职务为)([\u4e00-\u9fffA-Za-z]{2,10}?)"
                       r"(?=一职|职务|岗位|工作|[，,。；;、\s]|$)")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
_PERIOD = re.compile(rf"(?:拖欠|欠了?|扣了?|没发|未发)(?:我|我们|大家|工人)?(?:的)?({_NUM}个多?月)"
                     rf"(?:的)?(?:工资|薪水|报酬)"
                     rf"|({_NUM}个多?月)(?:的)?(?:工资|薪水|报酬)(?:都|一直|还|均)?(?:没|未|拖)")
_SERVICE = re.compile(rf"(?:干了|工作了|做了|上了|干活)(?:将近|快|近|差不多|整整|大概)?"
                      rf"({_NUM}年半?(?:{_NUM}个月)?|{_NUM}个多?月)")
_COUNT = re.compile(rf"({_NUM})(?:名|个|位|多名|多个)(?:工人|农民工|劳动者|职工|员工|工友|骑手|司机|外卖员)")


def _nearest(text: str, start: int, end: int, patterns: dict[str, re.Pattern], before: int, after: int) -> str | None:
    """The label of the keyword pattern closest to text[start:end] within the windows, or None."""
    best: tuple[int, str] | None = None
    left = text[max(0, start - before):start]
    right = text[end:end + after]
    for label, pattern in patterns.items():
        for m in pattern.finditer(right):
            best = min(best or (m.start() + 1, label), (m.start(), label))
        for m in pattern.finditer(left):
            d = len(left) - m.end()
            best = min(best or (d + 1, label), (d, label))
    return best[1] if best else None


def date_label(text: str, start: int, end: int) -> str:
    """入职日期 / 离职日期 when the words around a date say so, else 日期."""
    kind = _nearest(text, start, end, {"入职日期": _HIRE, "离职日期": _END}, 14, 16)
    return kind or "日期"


def extract_by_rules(narrative: str) -> tuple[list[Extracted], list[str]]:
    """Unambiguous values from the narrative; a field with two different candidates is left blank with a note."""
    text = narrative
    found: dict[str, list[tuple[str, int, int]]] = {}

    def add(field: str, value: str, start: int, end: int) -> None:
        found.setdefault(field, []).append((value, start, end))

    for s, e, iso in find_dates(text):
        kind = _nearest(text, s, e, {"hire_date": _HIRE, "end_date": _END}, 14, 16)
        if kind:
            add(kind, iso, s, e)
    unpaid_totals = []
    for s, e, amount in find_amounts(text):
        kind = _nearest(text, s, e, {"monthly_wage": _WAGE, "unpaid_wages": _UNPAID}, 10, 6)
        if _TOTAL.search(text[max(0, s - 3):s]) and _UNPAID.search(text[max(0, s - 16):s]):
            kind = "unpaid_wages"  # 拖欠3个月工资共24000元: a total after 拖欠 is the arrears, not the wage
        if kind:
            add(kind, _plain(amount), s, e)
            if kind == "unpaid_wages" and _TOTAL.search(text[max(0, s - 6):s]):
                unpaid_totals.append((_plain(amount), s, e))
    if len({v for v, _, _ in found.get("unpaid_wages", [])}) > 1 and len({v for v, _, _ in unpaid_totals}) == 1:
        found["unpaid_wages"] = unpaid_totals
    for field, pattern in (("worker.name", _NAME), ("position", _POSITION), ("unpaid_period", _PERIOD),
                           ("service_length", _SERVICE), ("affected_count", _COUNT)):
        for m in pattern.finditer(text):
            group = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            value = m.group(group)
            if field == "worker.name" and _NOT_NAME.search(value):
                continue
            if field == "affected_count":
                try:
                    value = str(cn_to_int(value))
                except ValueError:
                    continue
            add(field, value, m.start(group), m.end(group))
    for m in _ORG.finditer(text):
        inner = list(_ORG_INNER_VERB.finditer(m.group(1)))
        cut = inner[-1].end() if inner else 0
        lead = _ORG_LEAD.match(m.group(1)[cut:])
        cut += lead.end() if lead else 0
        name = m.group(1)[cut:]
        if len(name) > 2 and not _GENERIC_ORG.match(name):
            add("employer.name", name, m.start(1) + cut, m.end(1))
    for m in _PHONE.finditer(text):
        add("worker.phone", m.group(0), m.start(), m.end())
    for m in _ID.finditer(text):
        add("worker.id_number", m.group(0).upper(), m.start(), m.end())

    out: list[Extracted] = []
    notes: list[str] = []
    for field, (label, _) in EXTRACTABLE.items():
        candidates = found.get(field, [])
        values = list(dict.fromkeys(v for v, _, _ in candidates))
        if field == "employer.name":
            values = [v for v in values if not any(v != o and o.endswith(v) for o in values)]  # 某某有限公司 ⊃ 有限公司
        if len(values) == 1:
            value = values[0]
            s, e = next((s, e) for v, s, e in candidates if v == value)
            out.append(Extracted(field=field, label=label, value=value, source_span=text[s:e], start=s, end=e))
        elif len(values) > 1:
            notes.append(f"叙述中出现多个可能的「{label}」，未自动填写，请人工确认")
    if (idn := next((x for x in out if x.field == "worker.id_number"), None)) and check_id_number(idn.value):
        notes.append("叙述中的公民身份号码校验不通过，请核对")
    return out, notes


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


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


def _supported(kind: str, value: str, quote: str) -> bool:
    """Whether the quote (already found in the narrative) really contains the value."""
    if kind == "date":
        iso = parse_date(value)
        return bool(iso) and any(d == iso or d.startswith(iso) for _, _, d in find_dates(quote))
    if kind == "amount":
        amount = parse_amount(value)
        if amount is None:
            return False
        in_quote = {a.normalize() for _, _, a in find_amounts(quote)}
        in_quote |= {Decimal(n).normalize() for n in re.findall(r"\d+(?:\.\d+)?", quote.replace(",", ""))}
        return amount.normalize() in in_quote
    if kind == "int":
        try:
            n = int(str(value))
        except ValueError:
            return False
        numerals = re.findall(_NUM, quote)
        return any(_safe_int(x) == n for x in numerals)
    return bool(_squash(value)) and _squash(value) in _squash(quote)


def _safe_int(text: str) -> int | None:
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def accept_model_fields(data: dict, narrative: str) -> tuple[list[Extracted], list[str]]:
    """Keep the model's values that quote the narrative and whose quote contains them; say which were dropped."""
    out: list[Extracted] = []
    notes: list[str] = []
    flat = _squash(narrative)
    fields = data.get("fields", data) if isinstance(data, dict) else {}
    for field, item in (fields or {}).items():
        if field not in EXTRACTABLE or not isinstance(item, dict):
            continue
        label, kind = EXTRACTABLE[field]
        value, quote = item.get("value"), item.get("quote")
        if value in (None, "", [], {}):
            continue
        value, quote = str(value).strip(), str(quote or "").strip()
        if not quote or _squash(quote) not in flat or not _supported(kind, value, quote):
            notes.append(f"模型给出的「{label}」在叙述中找不到依据，已留空")
            continue
        start = narrative.find(quote)
        if kind == "date":
            value = parse_date(value) or value
        elif kind == "amount":
            value = _plain(parse_amount(value))
        out.append(Extracted(field=field, label=label, value=value, source_span=quote,
                             start=start if start >= 0 else None,
                             end=start + len(quote) if start >= 0 else None, by="llm"))
    return out, notes
