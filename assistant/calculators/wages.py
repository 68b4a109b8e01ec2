"""未签书面合同二倍工资、试用期 (劳动合同法第十九至二十一、八十二、八十三条; 折算通知). 加班费: ``overtime``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import Field

from assistant.calculators import calendar_cn
from assistant.calculators.base import CalcInputs, optional_wage, wage_field
from assistant.calculators.models import (
    MONTH_PAY_DAYS,
    CalcResult,
    CalculatorInputError,
    add_years,
    anniversary,
    cn_date,
    money,
    months_and_days,
    num,
    require,
    span_text,
    yuan,
)

LAW = "劳动合同法"
REG = "劳动合同法实施条例"
NOTICE = "关于职工全年月平均工作时间和工资折算问题的通知"
SPC2 = "最高人民法院关于审理劳动争议案件适用法律问题的解释（二）"


class DoubleWageInputs(CalcInputs):
    start_date: date = Field(title="用工之日", description="第一天上班的日期，如 2023-03-01")
    monthly_wage: Decimal = wage_field("月工资", "每月正常工资，元")
    contract_signed_date: date | None = Field(None, title="补签书面合同的日期", description="后来补签了就填，没签不填")
    end_date: date | None = Field(None, title="离职日期", description="已经离职的填最后一天")
    claim_date: date | None = Field(None, title="申请仲裁的日期", description="已申请或打算申请仲裁的日期，用来判断时效")


def _extra_wage(wage: Decimal, first: date, last: date) -> tuple[Decimal, int, int, int]:
    """One extra month's wage per whole month of first..last (解释（二）第六条: 按月计算); the part month left over
    by its actual working days (不满一个月的，按该月实际工作日计算) at the daily wage of the 折算通知, 月工资 ÷ 21.75,
    never more than one month's wage. Returns (extra wage, whole months, leftover calendar days, working days)."""
    months, days = months_and_days(first, last)
    if not days:
        return wage * months, months, 0, 0
    workdays = calendar_cn.workdays_between(anniversary(first, months), last)
    return wage * months + min(wage * workdays / MONTH_PAY_DAYS, wage), months, days, workdays


def double_wage(inp: DoubleWageInputs) -> CalcResult:
    res = CalcResult(kind="double_wage", title="未签书面劳动合同的二倍工资差额",
                     articles=[f"{LAW}#10", f"{LAW}#82", f"{REG}#6", f"{REG}#7"])
    first = anniversary(inp.start_date, 1)  # 用工满一个月的次日
    one_year = anniversary(inp.start_date, 12)  # 满一年的次日：起视为已订立无固定期限合同
    last, why = one_year - timedelta(days=1), "用工满一年的前一日"
    if inp.contract_signed_date is not None:
        require(inp.contract_signed_date >= inp.start_date, "contract_signed_date", "补签合同日期不能早于用工之日")
        if inp.contract_signed_date - timedelta(days=1) < last:
            last, why = inp.contract_signed_date - timedelta(days=1), "补签书面合同的前一日"
    if inp.end_date is not None:
        require(inp.end_date >= inp.start_date, "end_date", "离职日期不能早于用工之日")
        if inp.end_date < last:
            last, why = inp.end_date, "离职之日"
    res.steps.append(f"用工之日 {cn_date(inp.start_date)}；一个月内签合同不算违法，二倍工资从满一个月的次日 "
                     f"{cn_date(first)} 起算")
    if last < first:
        res.amount = Decimal("0.00")
        res.formula = "未超过一个月：0 元"
        res.steps.append(f"到{why} {cn_date(last)} 为止没有超过一个月，不产生二倍工资")
        res.steps.append(res.formula)
        return res
    extra, months, days, workdays = _extra_wage(inp.monthly_wage, first, last)
    res.amount = money(extra)
    res.steps.append(f"截止到{why} {cn_date(last)}，共 {span_text(months, days)}（最多11个月）")
    res.steps.append("二倍工资中一倍是已发的正常工资，可以另外主张的是多出的一倍")
    if days:
        wage = num(inp.monthly_wage)
        part_first = anniversary(first, months)
        res.articles.append(f"{SPC2}#6")
        res.articles.append(f"{NOTICE}#2")
        part = f"{wage} ÷ 21.75 × {workdays}" if workdays < MONTH_PAY_DAYS else f"{wage}（不超过一个月工资）"
        res.steps.append(f"不满一个月的 {cn_date(part_first)} 至 {cn_date(last)} 共 {days} 天，其中实际工作日 {workdays} 天，"
                         f"按日工资（月工资 ÷ 21.75）计算：{part}")
        res.formula = f"{wage} × {months} + {part} = {yuan(extra)}"
        res.assumptions.append("不满一个月的部分按该月实际工作日计算（最高法劳动争议解释（二）第六条），"
                               "日工资 = 月工资 ÷ 21.75（月计薪天数）")
        note = calendar_cn.calendar_note(part_first, last)
        if note:
            res.assumptions.append(note)
    else:
        res.formula = f"{num(inp.monthly_wage)} × {months} = {yuan(extra)}"
    res.result = {"from": first.isoformat(), "to": last.isoformat(), "months": months, "days": days,
                  "deemed_open_ended_from": None}
    still_unsigned = inp.contract_signed_date is None or inp.contract_signed_date >= one_year
    if still_unsigned and (inp.end_date is None or inp.end_date >= one_year):
        res.articles.append(f"{LAW}#14")
        res.result["deemed_open_ended_from"] = one_year.isoformat()
        res.steps.append(f"满一年仍未签书面合同，视为自 {cn_date(one_year)} 起已订立无固定期限劳动合同，"
                         "此后不再按未签合同计算二倍工资")
    res.articles.append("劳动争议调解仲裁法#27")
    deadline = add_years(last, 1)
    res.result["claim_deadline_whole_period"] = deadline.isoformat()
    res.warnings.append("二倍工资中多出的一倍一般不按“劳动报酬”对待，适用一年仲裁时效；时效从何时起算各地口径不同："
                        f"按整体起算，最迟应在 {cn_date(deadline)} 前申请仲裁；按逐月起算，申请日一年以前的月份可能得不到支持")
    if inp.claim_date is not None:
        require(inp.claim_date >= inp.start_date, "claim_date", "申请仲裁日期不能早于用工之日")
        window_start = add_years(inp.claim_date, -1)
        if inp.claim_date > deadline:
            res.warnings.append(f"申请日 {cn_date(inp.claim_date)} 已超过整体起算的一年时效，二倍工资可能得不到支持")
        if window_start > first:
            kept_from = max(window_start, first)
            if kept_from > last:
                res.amounts["按逐月起算时效仍可主张的部分"] = Decimal("0.00")
            else:
                kept = _extra_wage(inp.monthly_wage, kept_from, last)[0]
                res.amounts["按逐月起算时效仍可主张的部分"] = money(kept)
    res.local_rules.append("二倍工资的仲裁时效起算方式（整体起算或逐月起算）按当地仲裁委和法院的口径")
    res.steps.append(res.formula)
    return res


ContractType = Literal["fixed", "open_ended", "task_based"]


class ProbationInputs(CalcInputs):
    contract_type: ContractType = Field("fixed", title="合同类型",
                                        description="fixed=固定期限；open_ended=无固定期限；task_based=以完成一定工作任务为期限")
    contract_months: int | None = Field(None, title="合同期限（月）", ge=0, le=1200,
                                        description="固定期限合同的总月数，如三年填 36")
    probation_months: Decimal = Field(Decimal(0), title="约定的试用期（月）", ge=0, le=120)
    probation_served_months: Decimal | None = Field(None, title="试用期已经干了几个月", ge=0, le=120,
                                                    description="用来计算违法试用期已履行部分的赔偿金")
    contract_wage: Decimal | None = optional_wage("合同约定的转正工资", "元/月")
    probation_wage: Decimal | None = optional_wage("试用期工资", "元/月")
    lowest_post_wage: Decimal | None = optional_wage("本单位相同岗位最低档工资", "元/月")
    local_minimum_wage: Decimal | None = optional_wage("当地月最低工资标准", "元/月")
    probation_before: bool = Field(False, title="以前已约定过试用期", description="同一单位以前已经和你约定过试用期")


def max_probation_months(contract_type: str, contract_months: int | None) -> tuple[int, str]:
    if contract_type == "task_based":
        return 0, "以完成一定工作任务为期限的合同不得约定试用期"
    if contract_type == "open_ended":
        return 6, "无固定期限合同试用期最长六个月"
    if contract_months is None:
        raise CalculatorInputError("contract_months", "固定期限合同请填写合同期限（月）")
    if contract_months < 3:
        return 0, "合同期限不满三个月，不得约定试用期"
    if contract_months < 12:
        return 1, "合同期限三个月以上不满一年，试用期最长一个月"
    if contract_months < 36:
        return 2, "合同期限一年以上不满三年，试用期最长二个月"
    return 6, "合同期限三年以上，试用期最长六个月"


def probation(inp: ProbationInputs) -> CalcResult:
    res = CalcResult(kind="probation", title="试用期是否合法", articles=[f"{LAW}#19", f"{LAW}#20", f"{REG}#15"])
    limit, why = max_probation_months(inp.contract_type, inp.contract_months)
    allowed = Decimal(0 if inp.probation_before else limit)
    res.steps.append(why)
    if inp.probation_before:
        res.steps.append("同一单位与同一劳动者只能约定一次试用期，再次约定的试用期不合法")
    excess = max(inp.probation_months - allowed, Decimal(0))
    legal_length = excess == 0
    res.steps.append(f"约定试用期 {num(inp.probation_months)} 个月，法定上限 {num(allowed)} 个月："
                     + ("合法" if legal_length else f"超出 {num(excess)} 个月，违法"))
    res.result = {"max_probation_months": int(allowed), "probation_length_legal": legal_length}
    compensation = Decimal(0)
    if not legal_length and inp.probation_served_months is not None:
        require(inp.contract_wage is not None, "contract_wage", "计算违法试用期赔偿金需要填写试用期满后的月工资")
        served_excess = max(inp.probation_served_months - allowed, Decimal(0))
        compensation = inp.contract_wage * served_excess
        res.articles.append(f"{LAW}#83")
        res.amounts["违法试用期赔偿金"] = money(compensation)
        res.steps.append(f"已履行的超出法定上限的试用期 {num(served_excess)} 个月，按试用期满月工资赔偿："
                         f"{num(inp.contract_wage)} × {num(served_excess)} = {yuan(compensation)}")
    shortfall = Decimal(0)
    if inp.probation_wage is not None:
        floors = []
        if inp.contract_wage is not None:
            floors.append((inp.contract_wage * Decimal("0.8"), f"约定工资的80%（{num(inp.contract_wage)} × 0.8）"))
        if inp.lowest_post_wage is not None:
            floors.append((inp.lowest_post_wage * Decimal("0.8"), f"相同岗位最低档工资的80%（{num(inp.lowest_post_wage)} × 0.8）"))
        if inp.local_minimum_wage is not None:
            floors.append((inp.local_minimum_wage, "当地最低工资标准"))
        if not floors:
            raise CalculatorInputError("contract_wage", "判断试用期工资是否合法，请填写约定工资或当地最低工资标准")
        floor_value, floor_text = max(floors, key=lambda f: f[0])
        legal_wage = inp.probation_wage >= floor_value
        res.result["probation_wage_floor"] = str(money(floor_value))
        res.result["probation_wage_legal"] = legal_wage
        res.steps.append(f"试用期工资最低应为 {yuan(floor_value)}（取{floor_text}）；约定 {num(inp.probation_wage)} 元："
                         + ("合法" if legal_wage else "低于法定下限"))
        if not legal_wage:
            months = inp.probation_served_months if inp.probation_served_months is not None else inp.probation_months
            shortfall = (floor_value - inp.probation_wage) * months
            res.amounts["试用期工资差额"] = money(shortfall)
            res.steps.append(f"差额：({num(money(floor_value))} − {num(inp.probation_wage)}) × {num(months)} 个月 = "
                             f"{yuan(shortfall)}")
    res.amount = money(compensation + shortfall)
    terms = [f"{k} {yuan(v)}" for k, v in res.amounts.items()]
    wage_legal = res.result.get("probation_wage_legal", True)
    if terms:
        res.formula = " + ".join(terms) + f" = {yuan(res.amount)}"
    elif legal_length and wage_legal:
        res.formula = "试用期约定合法，无需补偿：0 元"
    else:
        # unlawful, but the figures for an amount were not given: say so rather than 合法 or a bare 0 元
        res.title = "试用期违法"
        res.amount = None
        need = "填写已经履行的试用期月数和转正后的月工资" if not legal_length else "填写已经履行的试用期月数"
        res.formula = f"试用期{'超过法定上限' if not legal_length else '工资低于法定下限'}，违法；{need}可算出赔偿金额"
    res.steps.append(res.formula)
    if inp.local_minimum_wage is None:
        res.local_rules.append("试用期工资不得低于当地最低工资标准，请按当地公布的标准核对")
    res.warnings.append("试用期内用人单位只有在第三十九条或第四十条第一、二项情形下才能解除，并应说明理由")
    res.articles.append(f"{LAW}#21")
    return res
