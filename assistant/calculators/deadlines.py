"""时效与期限: how long is left (劳动争议调解仲裁法第二十七、四十八至五十条; 工伤保险条例第十七条; 劳动合同法第三十七条)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import Field, field_validator

from assistant.calculators import calendar_cn
from assistant.calculators.base import CalcInputs
from assistant.calculators.models import CalcResult, add_years, cn_date, require

ARB = "劳动争议调解仲裁法"
DeadlineType = Literal["arbitration", "wage_arrears", "injury_recognition_employer", "injury_recognition_worker",
                       "sue_after_award", "revoke_final_award", "resignation_notice", "union_reply"]

# type → (Chinese name, what start_date means, period, unit, articles)
DEADLINES: dict[str, tuple[str, str, int, str, list[str]]] = {
    "arbitration": ("劳动争议仲裁时效", "知道或者应当知道权利被侵害之日", 1, "year", [f"{ARB}#27"]),
    "wage_arrears": ("拖欠劳动报酬的仲裁时效", "劳动关系终止之日（仍在职可不填）", 1, "year", [f"{ARB}#27"]),
    "injury_recognition_employer": ("用人单位申请工伤认定的期限", "事故伤害发生之日或被诊断、鉴定为职业病之日",
                                    30, "day", ["工伤保险条例#17"]),
    "injury_recognition_worker": ("本人、近亲属或工会申请工伤认定的期限", "事故伤害发生之日或被诊断、鉴定为职业病之日",
                                  1, "year", ["工伤保险条例#17"]),
    "sue_after_award": ("不服仲裁裁决向法院起诉的期限", "收到仲裁裁决书之日", 15, "day",
                        [f"{ARB}#48", f"{ARB}#50", "民事诉讼法#85"]),
    "revoke_final_award": ("用人单位申请撤销终局裁决的期限", "收到仲裁裁决书之日", 30, "day", [f"{ARB}#49", "民事诉讼法#85"]),
    "resignation_notice": ("辞职提前通知期", "书面辞职通知送达单位之日", 30, "day", ["劳动合同法#37"]),
    "union_reply": ("用人单位书面答复工会意见的期限", "工会劳动法律监督意见书送达之日", 15, "workday",
                    ["工会法#22", "工会法#23", "劳动合同法#43"]),
}


class DeadlineInputs(CalcInputs):
    deadline_type: DeadlineType = Field(
        title="期限类型", description="；".join(f"{k}={v[0]}（起算日：{v[1]}）" for k, v in DEADLINES.items()))
    start_date: date | None = Field(None, title="起算日", description="见期限类型的说明，如 2024-06-30")
    today: date | None = Field(None, title="今天", description="按哪一天计算剩余天数；不填取今天")
    in_probation: bool = Field(False, title="试用期内", description="辞职时是否还在试用期（提前3天通知即可）")
    employment_ended: bool = Field(True, title="劳动关系已经结束", description="拖欠工资争议：仍在职的选否，不受一年时效限制")
    holidays: list[date] = Field(default_factory=list, title="法定节假日",
                                 description="期间内的放假日期，逗号分隔；用于顺延和计算工作日")
    workdays: list[date] = Field(default_factory=list, title="调休上班日", description="周末调休上班的日期，逗号分隔")

    @field_validator("holidays", "workdays", mode="before")
    @classmethod
    def _split(cls, value):
        if isinstance(value, str):
            return [part for part in value.replace("，", ",").split(",") if part.strip()]
        return value


def _is_workday(d: date, inp: DeadlineInputs) -> bool:
    return calendar_cn.is_workday(d, set(inp.holidays), set(inp.workdays))


def deadline(inp: DeadlineInputs) -> CalcResult:
    name, start_meaning, period, unit, articles = DEADLINES[inp.deadline_type]
    today = inp.today or date.today()
    res = CalcResult(kind="deadline", title=name, articles=list(articles))
    res.result = {"deadline_type": inp.deadline_type, "today": today.isoformat()}
    if inp.deadline_type == "wage_arrears" and not inp.employment_ended:
        res.steps.append("劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受一年时效限制")
        res.steps.append("劳动关系一旦终止，应当自终止之日起一年内申请仲裁")
        res.formula = "在职期间：不受一年时效限制"
        res.result.update(deadline=None, days_remaining=None, expired=False)
        res.warnings.append("加班费、工资属于劳动报酬；经济补偿、赔偿金等不属于劳动报酬，仍适用一年时效")
        return res
    require(inp.start_date is not None, "start_date", f"请填写起算日：{start_meaning}")
    start = inp.start_date
    if inp.deadline_type != "resignation_notice":
        require(start <= today, "start_date", "起算日不能晚于今天")
    if inp.deadline_type == "resignation_notice" and inp.in_probation:
        period = 3
        res.steps.append("试用期内辞职，提前3日通知用人单位即可")
    if unit == "year":
        end = add_years(start, period)
        span = f"{period}年"
    elif unit == "day":
        end = start + timedelta(days=period)
        span = f"{period}日"
    else:
        end, counted = start, 0
        while counted < period:
            end += timedelta(days=1)
            counted += _is_workday(end, inp)
        span = f"{period}个工作日"
    res.steps.insert(0, f"起算日（{start_meaning}）：{cn_date(start)}，当天不计入，从次日起算 {span}")
    if inp.deadline_type == "resignation_notice":
        res.steps.append(f"通知期满的 {cn_date(end)} 起可以离职，单位应当办理离职手续")
        res.warnings.append("用人单位有拖欠工资、未缴社保等第三十八条情形的，劳动者可以随时通知解除，不受提前通知期限制，"
                            "并可要求经济补偿")
        if not inp.in_probation:
            res.assumptions.append("辞职通知应当是书面形式，并保留单位收到的证据")
    else:
        res.steps.append(f"期限的最后一天：{cn_date(end)}")
    extended = end
    if unit != "workday" and inp.deadline_type != "resignation_notice":
        # 民事诉讼法第八十五条: a period whose last day is a 法定休假日 ends on the first working day after it
        extended = calendar_cn.next_workday(end, set(inp.holidays), set(inp.workdays))
        if extended != end:
            res.steps.append(f"{cn_date(end)} 是休息日或法定节假日，期限顺延到其后的第一个工作日 {cn_date(extended)}")
            res.articles.append("民事诉讼法#85")
    if inp.deadline_type != "resignation_notice":
        note = calendar_cn.calendar_note(start, extended)
        res.assumptions.append(note or "节假日和调休上班日按国务院办公厅公布的当年放假安排"
                                       "（依2024年修订的《全国年节及纪念日放假办法》）判断")
    days_left = (extended - today).days
    if unit == "workday":
        res.assumptions.append("15个工作日的答复期限来自《工会劳动法律监督办法》（本库未收录原文，未核实）")
    if days_left >= 0:
        res.steps.append(f"从 {cn_date(today)} 算起，还剩 {days_left} 天" + ("（今天是最后一天）" if days_left == 0 else ""))
    else:
        res.steps.append(f"从 {cn_date(today)} 算起，已经过期 {-days_left} 天")
    rolled = f"，顺延至 {cn_date(extended)}" if extended != end else ""
    res.formula = f"{cn_date(start)} + {span} = {cn_date(end)}{rolled}；剩余 {days_left} 天"
    res.result.update(start_date=start.isoformat(), deadline=extended.isoformat(), nominal_deadline=end.isoformat(),
                      extended_deadline=extended.isoformat(), days_remaining=days_left, expired=days_left < 0)
    res.assumptions.append("期间开始的当天不计入；按年计算的，到期年份的对应日为最后一天，没有对应日的（2月29日）取月末")
    if inp.deadline_type in ("arbitration", "wage_arrears"):
        res.warnings.append("向对方主张权利、向有关部门请求救济或对方同意履行的，时效中断并重新计算一年；"
                            "因不可抗力等正当理由不能申请的，时效中止")
        if days_left < 0:
            res.warnings.append("已超过一年：若期间有过中断（如书面催讨、投诉），从中断时重新起算，仍可能在时效内，请带上证据咨询")
    if inp.deadline_type == "sue_after_award":
        res.warnings.append("终局裁决（小额、劳动标准争议）只有劳动者可以起诉，用人单位只能申请撤销；期满不起诉的，裁决书发生法律效力")
    if inp.deadline_type == "union_reply":
        res.warnings.append("用人单位逾期不答复或拒不改正的，工会可以提请当地人民政府依法处理，或向劳动行政部门发出监督建议书")
    return res
