"""What to ask next, one short question at a time, and the 「我理解的情况」 card that shows the case back.

An amount that needs a fact the worker has not given gets a question instead of a figure; a conflict or an
implausible figure is asked about before anything is computed from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from assistant.facts.model import CaseFacts, fact_paths

QUESTIONS: dict[str, str] = {
    "pay.monthly_wage": "你每个月工资大概多少（离职前12个月的平均，含奖金补贴，税前）？",
    "employment.hire_date": "你是哪年哪月开始在这家单位上班的？",
    "dates.leave_date": "劳动关系是哪天结束的（最后上班的日子）？",
    "employment.service_months": "你在这家单位一共干了多久（工龄，比如 3年7个月）？",
    "event.termination": "劳动关系是怎么结束的：单位辞退、你自己辞职，还是合同到期？",
    "hours.weekday_overtime": "每个月大概加班多少小时？工作日、周末、法定节假日分别多少？",
    "event.injury_grade": "劳动能力鉴定评了几级伤残？",
    "dates.injury_date": "哪天受的伤？",
    "place.city": "你在哪个城市工作？（各地标准不同）",
    "pay.local_average_wage": "当地上年度职工月平均工资是多少？（月工资很高时决定是否封顶）",
    "employment.probation_months": "合同约定的试用期是几个月？",
    "employment.contract_months": "劳动合同期限是几年？",
    "dates.dispute_date": "你是哪天知道自己的权利受到侵害的（比如被辞退或应发工资没发的那天）？",
    "pay.local_minimum_wage": "当地月最低工资标准是多少？（病假工资不得低于它的80%，各地标准不同）",
    "employer.headcount": "单位一共有多少名职工？",
    "employment.training_cost": "单位为培训实际花了多少钱（有凭证的培训费用）？",
    "employment.service_period_months": "约定的服务期是几年？",
    "employment.service_period_served_months": "服务期开始后你已经干了多久？",
    "pay.post_probation_wage": "试用期满（转正）后的月工资是多少？",
    "pay.probation_wage": "试用期内每月发多少工资？",
}

_ENUM_LABELS: dict[str, dict[str, str]] = {
    "event.termination": {
        "dismissed": "被单位辞退", "unlawful_dismissal": "被单位无理由（违法）辞退",
        "no_fault_dismissal": "单位依第四十条解除", "employee_fault_dismissal": "单位以劳动者过错解除",
        "layoff": "经济性裁员", "mutual_by_employer": "单位提出协商解除",
        "mutual_by_worker": "本人提出协商解除", "mutual": "协商解除", "contract_expired": "合同到期不续签",
        "employer_closed": "单位倒闭或注销", "employer_fault_resignation": "因单位过错（欠薪、不交社保等）辞职",
        "resigned": "本人辞职", "retired": "退休"},
    "event.resignation_reason": {
        "unpaid_wages": "拖欠工资", "no_social_insurance": "不交社保", "unsafe_conditions": "不提供劳动保护",
        "unlawful_rules": "规章制度违法", "deceptive_contract": "欺诈订立合同", "forced_labor": "强迫劳动",
        "personal": "个人原因"},
    "employer.type": {"company": "公司", "individual": "个体工商户", "platform": "平台企业",
                      "dispatch_agency": "劳务派遣单位", "construction_contractor": "建筑工地承包人"},
    "employment.contract_term": {"fixed": "固定期限", "open_ended": "无固定期限", "task": "以完成一定工作任务为期限"},
    "wants": {"compensation": "经济补偿或赔偿", "back_wages": "讨回工资", "reinstatement": "恢复工作",
              "overtime_pay": "加班费", "double_wage": "二倍工资", "social_insurance": "补缴社保",
              "injury_benefits": "工伤待遇", "leave": "休假", "resign": "想辞职", "documents": "离职证明或档案",
              "unemployment_benefits": "领失业保险金"},
}
# the card shows these first, in this order; the rest follow in the model's order
_CARD_ORDER = ["event.termination", "employment.hire_date", "dates.leave_date", "employment.service_months",
               "pay.monthly_wage", "pay.local_average_wage", "place.city", "place.province"]
_HIDDEN = {"worker.id_number"}  # personal data is kept but not repeated back on a chat screen


def enum_labels(path: str) -> dict[str, str]:
    """The Chinese label of each value a choice fact can take (empty for a fact that is not a choice)."""
    return dict(_ENUM_LABELS.get(path, {}))


def show_value(path: str, value: Any) -> str:
    """A fact's value as a worker reads it."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        unit = "小时/月" if path.startswith("hours.") else "元"
        return f"{value}{unit}"
    if path == "employment.service_months" and isinstance(value, int):
        years, months = divmod(value, 12)
        return (f"{years}年" if years else "") + (f"{months}个月" if months else "") or "0个月"
    if isinstance(value, list):
        labels = _ENUM_LABELS.get(path, {})
        return "、".join(labels.get(x, show_value(path, x)) if isinstance(x, str) else show_value(path, x)
                        for x in value)
    labels = _ENUM_LABELS.get(path)
    return labels.get(value, str(value)) if labels else str(value)


def card(facts: CaseFacts) -> list[dict[str, Any]]:
    """The 「我理解的情况」 rows: {path, label, value (as shown), approximate, by}."""
    stated = facts.stated()
    paths = [p for p in _CARD_ORDER if p in stated] + [p for p in stated if p not in _CARD_ORDER]
    if facts.place.city and facts.place.city == facts.place.province and "place.province" in paths:
        paths.remove("place.province")  # 上海市 · 上海市 once is enough
    labels = fact_paths()
    rows = []
    for path in paths:
        if path in _HIDDEN:
            continue
        source = facts.sources.get(path)
        rows.append({"path": path, "label": labels[path], "value": show_value(path, stated[path]),
                     "approximate": bool(source and source.approximate), "by": source.by if source else "rules"})
    return rows


def card_text(facts: CaseFacts) -> str:
    """The card as short lines (for text answers and the command line)."""
    rows = card(facts)
    if not rows:
        return ""
    return "\n".join(f"- {r['label']}：{r['value']}{'（约）' if r['approximate'] else ''}" for r in rows)


def doubts(facts: CaseFacts) -> list[str]:
    """The questions about conflicting or implausible facts, in the order they were noted."""
    return [n.message for n in facts.conflicts + facts.implausible]


def next_question(facts: CaseFacts, needed: list[str]) -> str | None:
    """One short question: first about a doubtful fact, then the first needed fact that is missing."""
    pending = doubts(facts)
    if pending:
        return pending[0]
    for path in needed:
        if path == "employment.service_months" and facts.employment.hire_date:
            continue
        if facts.get(path) is None:
            return QUESTIONS.get(path, f"请补充：{fact_paths().get(path, path)}")
    return None


def changes_text(facts: CaseFacts) -> list[str]:
    """"已按你后来说的更新：月工资 5000元 → 6000元" lines, one per corrected fact."""
    labels = fact_paths()
    out = []
    for change in facts.changes:
        out.append(f"已按你后来说的更新：{labels.get(change.path, change.path)} "
                   f"{show_value(change.path, change.old)} → {show_value(change.path, change.new)}")
    return list(dict.fromkeys(out))
