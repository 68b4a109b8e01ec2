"""Pull calculator inputs out of an everyday question: "在公司干了四年，月薪八千，被违法辞退".

``extract_facts(text)`` returns only what the text states (numbers, dates, what happened); ``suggest(text)`` turns
those facts into prefilled calculators, listing the inputs still missing. Nothing here guesses a figure the person
did not give: a date without a day gets the 1st and is listed under ``approximate``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, Field

from assistant.numerals import cn_to_int

MAX_TEXT = 5000  # a question longer than this is cut: facts live in the first few sentences
_CN = "零〇一二两三四五六七八九十百千万"
NUM = rf"(?:\d+(?:\.\d+)?\s*(?:万|千|[kK])?\d?|[{_CN}]+)"
_UNIT = {"万": 10000, "千": 1000, "k": 1000, "K": 1000, "百": 100}


def _plain(value: Decimal) -> Decimal:
    """12000.0 → 12000 so prefilled figures read as people wrote them."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def parse_number(raw: str) -> Decimal | None:
    """8000, 1.2万, 1万2, 八千, 一万二 (=12000), 八千五 (=8500), 两万 → Decimal; None if it is not a number."""
    s = raw.strip().replace(",", "").replace("，", "").replace(" ", "")
    if not s:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(万|千|k|K)?(\d)?", s)
    if m:
        try:
            value = Decimal(m.group(1))
        except InvalidOperation:
            return None
        unit = _UNIT.get(m.group(2) or "", 1)
        tail = Decimal(m.group(3)) * unit / 10 if m.group(3) and unit > 1 else Decimal(0)
        return _plain(value * unit + tail)
    if not all(ch in _CN for ch in s):
        return None
    tail = Decimal(0)
    if len(s) >= 2 and s[-2] in "万千百" and s[-1] not in "万千百十":  # 一万二 = 一万二千
        tail = Decimal(cn_to_int(s[-1])) * _UNIT[s[-2]] / 10
        s = s[:-1]
    try:
        return _plain(Decimal(cn_to_int(s)) + tail)
    except (ValueError, KeyError):
        return None


_WAGE = re.compile(rf"(?:月薪|月工资|工资|薪水|薪资|底薪|月收入|月入|每个?月|一个月)(?:是|为|有|大概|大约|约|才|只有|税前|：|:)*\s*({NUM})\s*(?:元|块|块钱)?")
_WAGE_AFTER = re.compile(rf"({NUM})\s*(?:元|块|块钱)\s*(?:一个月|每月|/月|一月)")
_SERVICE = re.compile(rf"(?:干了|工作了|做了|上班|待了|呆了|干|工作|入职)\s*({NUM}|半)\s*(?:年)(?:零|又)?(?:({NUM})\s*个?月|(半))?")
_SERVICE_MONTHS = re.compile(rf"(?:干了|工作了|做了|待了|呆了|入职)\s*({NUM})\s*个月")
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*(?:月)?(?:\s*[\-/.]?\s*(\d{1,2})\s*[日号]?)?")
_START_WORDS = ("入职", "进公司", "进厂", "开始上班", "上班", "用工", "进入", "到岗", "招聘", "录用")
_END_WORDS = ("辞退", "离职", "解除", "开除", "解雇", "裁员", "被裁", "辞职", "终止", "离开", "炒", "劝退", "走人")

_TERMINATION = [
    ("unlawful", r"违法(?:辞退|解除|开除|解雇|裁员)|无故(?:辞退|开除|解雇)|随意(?:辞退|开除)|非法(?:辞退|开除)|无理由(?:辞退|开除)"),
    ("employer_fault_resignation", r"被迫(?:辞职|离职|解除)"),
    # resigning because the employer does not pay or insure: 劳动合同法第三十八条, compensation is owed
    ("employer_fault_resignation", r"(?s)(?=.*(?:没发|不发|没给|拖欠|欠薪|欠我|克扣|没(?:有)?(?:交|缴|买)社保|不(?:交|缴|买)社保))"
                                   r"(?=.*(?:辞职|离职|不干了|走人|解除))"),
    ("mutual_agreement", r"协商(?:一致)?解除"),
    ("layoff", r"裁员|被裁"),
    ("contract_expired", r"合同(?:到期|期满)"),
    ("dismissed", r"辞退|开除|解雇|炒(?:了|鱿鱼)|劝退|不要我了|让我走人?|叫我走人?|不用来(?:上班)?了|不让我(?:干|做)了|解除(?:了)?(?:我的)?劳动合同"),
    ("worker_resigned", r"(?:主动|自己|我)(?:提出)?辞职|提出辞职"),
]


class SuggestedCalculation(BaseModel):
    kind: str
    name: str
    inputs: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.missing


def _to_date(y: str, m: str, d: str | None) -> date | None:
    try:
        return date(int(y), int(m), int(d) if d else 1)
    except ValueError:
        return None


def _monthly_wage(text: str) -> Decimal | None:
    """The first figure that reads as a monthly wage: not "拖欠工资两个月", not "二倍工资3倍"; at least 100 元."""
    for pattern in (_WAGE, _WAGE_AFTER):
        for m in pattern.finditer(text):
            value = parse_number(m.group(1))
            follows = text[m.end(1):m.end(1) + 2]
            if value is None or value < 100 or follows.startswith(("个", "年", "天", "小时", "月", "倍", "%", "号", "日")):
                continue
            return value
    return None


def _service_months(text: str) -> int | None:
    m = _SERVICE.search(text)
    if m:
        years = Decimal("0.5") if m.group(1) == "半" else parse_number(m.group(1))
        if years is None:
            return None
        months = parse_number(m.group(2)) if m.group(2) else Decimal(0)
        if m.group(3) or text[m.end():m.end() + 1] == "半":
            months += 6
        return int(years * 12 + (months or 0))
    m = _SERVICE_MONTHS.search(text)
    if m and (value := parse_number(m.group(1))) is not None:
        return int(value)
    return None


def extract_facts(text: str) -> dict[str, Any]:
    """Facts stated in ``text`` (only those found): monthly_wage, service_months, start_date, end_date, termination,
    no_written_contract, in_probation, weekday/restday/holiday_hours, grade, death, babies, difficult_birth,
    approximate (fields whose day of month was not given)."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    text = text[:MAX_TEXT]
    facts: dict[str, Any] = {}
    approximate: list[str] = []
    wage = _monthly_wage(text)
    if wage is not None:
        facts["monthly_wage"] = wage
    for m in _DATE.finditer(text):
        when = _to_date(m.group(1), m.group(2), m.group(3))
        if when is None:
            continue
        before, after = text[max(0, m.start() - 6):m.start()], text[m.end():m.end() + 8]
        field = None
        if any(w in before or w in after[:4] for w in _START_WORDS):
            field = "start_date"
        elif any(w in after or w in before for w in _END_WORDS):
            field = "end_date"
        if field and field not in facts:
            facts[field] = when
            if not m.group(3):
                approximate.append(field)
    if "start_date" not in facts and (months := _service_months(text)) is not None:
        facts["service_months"] = months
    for name, pattern in _TERMINATION:
        if re.search(pattern, text):
            facts["termination"] = name
            break
    if re.search(r"没(?:有)?签(?:订)?(?:书面)?(?:劳动)?合同|未(?:签|订立|签订)(?:书面)?(?:劳动)?合同|不签(?:劳动)?合同", text):
        facts["no_written_contract"] = True
    if "试用期" in text:
        facts["in_probation"] = True
    hours = re.search(rf"(?:加班|加了)了?\s*({NUM})\s*(?:个)?(?:小时|钟头)", text)
    if hours and (value := parse_number(hours.group(1))) is not None:
        window = text[max(0, hours.start() - 8):hours.end()]
        field = ("holiday_hours" if re.search(r"节假日|春节|国庆|过年|法定假", window)
                 else "restday_hours" if re.search(r"周末|周六|周日|休息日|礼拜", window) else "weekday_hours")
        facts[field] = value
    grade = re.search(rf"({NUM})\s*级伤残|伤残\s*({NUM})\s*级|评(?:为|了|定)?\s*({NUM})\s*级", text)
    if grade and (value := parse_number(next(g for g in grade.groups() if g))) is not None and 1 <= value <= 10:
        facts["grade"] = int(value)
    if re.search(r"工亡|因工死亡|工伤死亡|工作中(?:去世|死亡)", text):
        facts["death"] = True
    babies = re.search(r"(双|三|四)胞胎", text)
    if babies:
        facts["babies"] = {"双": 2, "三": 3, "四": 4}[babies.group(1)]
    if "难产" in text:
        facts["difficult_birth"] = True
    if approximate:
        facts["approximate"] = approximate
    return facts


def _service_inputs(facts: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    inputs = {k: facts[k] for k in ("start_date", "end_date", "service_months", "monthly_wage") if k in facts}
    missing = [] if "monthly_wage" in facts else ["monthly_wage"]
    if "service_months" not in inputs:
        missing += [k for k in ("start_date", "end_date") if k not in inputs]
    return inputs, missing


def suggest(text: str) -> list[SuggestedCalculation]:
    """Calculators the question asks for, best first, prefilled from ``extract_facts``."""
    from assistant.calculators.registry import KINDS

    facts = extract_facts(text)
    text = text[:MAX_TEXT]
    out: list[tuple[str, dict[str, Any], list[str]]] = []
    termination = facts.get("termination")
    if termination == "unlawful":
        out.append(("unlawful_termination", *_service_inputs(facts)))
    elif termination or re.search(r"经济补偿|补偿金|N\+1|n\+1", text) or (
            "补偿" in text and not re.search(r"工伤|伤残|工亡|职业病|因工", text)):
        inputs, missing = _service_inputs(facts)
        reasons = {"employer_fault_resignation": "employer_fault_resignation", "layoff": "layoff",
                   "contract_expired": "contract_expired", "worker_resigned": "worker_resigned"}
        if termination in reasons:
            inputs["reason"] = reasons[termination]
        out.append(("economic_compensation", inputs, missing))
        if termination == "dismissed":
            out.append(("unlawful_termination", *_service_inputs(facts)))
    if re.search(r"代通知金|没(?:有)?提前(?:一个月|三十天|30天)?通知|N\+1|n\+1", text):
        wage = {"last_month_wage": facts["monthly_wage"]} if "monthly_wage" in facts else {}
        out.append(("notice_pay", wage, [] if wage else ["last_month_wage"]))
    if facts.get("no_written_contract") or "二倍工资" in text or "双倍工资" in text:
        inputs = {k: facts[k] for k in ("start_date", "end_date", "monthly_wage") if k in facts}
        out.append(("double_wage", inputs, [k for k in ("start_date", "monthly_wage") if k not in inputs]))
    if "加班" in text:
        wanted = ("monthly_wage", "weekday_hours", "restday_hours", "holiday_hours")
        inputs = {k: facts[k] for k in wanted if k in facts}
        missing = [] if "monthly_wage" in inputs else ["monthly_wage"]
        if not any(k.endswith("_hours") for k in inputs):
            missing.append("weekday_hours")
        out.append(("overtime", inputs, missing))
    if re.search(r"年假|年休假", text):
        inputs = {"monthly_wage": facts["monthly_wage"]} if "monthly_wage" in facts else {}
        if "service_months" in facts:
            inputs["cumulative_work_years"] = Decimal(facts["service_months"]) / 12
        if "end_date" in facts:
            inputs["leave_date"] = facts["end_date"]
        out.append(("annual_leave", inputs, [] if "cumulative_work_years" in inputs else ["cumulative_work_years"]))
    if re.search(r"产假|生孩子|生育|分娩|怀孕|流产", text):
        inputs = {k: facts[k] for k in ("babies", "difficult_birth") if k in facts}
        out.append(("maternity_leave", inputs, []))
    if facts.get("in_probation") and not termination:
        out.append(("probation", {}, ["contract_months", "probation_months"]))
    if re.search(r"工伤|伤残|因工|职业病|工亡", text):
        inputs = {k: facts[k] for k in ("grade", "death") if k in facts}
        if "monthly_wage" in facts:
            inputs["own_wage"] = facts["monthly_wage"]
        missing = [] if "own_wage" in inputs else ["own_wage"]
        if "grade" not in inputs and not inputs.get("death"):
            missing.append("grade")
        out.append(("work_injury", inputs, missing))
    if re.search(r"来得及|时效|过期|期限|截止|多久之内|多长时间内|还能(?:告|申请|起诉|仲裁)", text):
        kind = ("injury_recognition_worker" if re.search(r"工伤认定|工伤", text)
                else "sue_after_award" if re.search(r"裁决|起诉", text) else "arbitration")
        inputs: dict[str, Any] = {"deadline_type": kind}
        start = facts.get("end_date")
        if start is not None and kind == "arbitration":
            inputs["start_date"] = start
        out.append(("deadline", inputs, [] if "start_date" in inputs else ["start_date"]))
    seen, result = set(), []
    for kind, inputs, missing in out:
        if kind not in seen:
            seen.add(kind)
            result.append(SuggestedCalculation(kind=kind, name=KINDS[kind].name, inputs=inputs, missing=missing))
    return result
