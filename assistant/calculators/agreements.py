"""服务期违约金 (劳动合同法第二十二条; 实施条例第十六、二十六条) and the threshold of a mass layoff (第四十一条).

The penalty for leaving before a service period ends is what was agreed, but never more than the training cost
and never more than the part of that cost that falls on the service still to be worked:
    违约金上限 = 培训费用 × 尚未履行的服务期 ÷ 约定的服务期.

A layoff of 20 or more, or of fewer than 20 that is 10% or more of the workforce, needs the procedure of
第四十一条 (explain to the union or all staff 30 days ahead, hear them, report the plan to the labour authority).
"以上" counts the number itself (民法典第一千二百五十九条, not in the corpus, so not cited), so 10% of 150 = 15 people already needs it.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from pydantic import Field

from assistant.calculators.base import CalcInputs
from assistant.calculators.models import CalcResult, money, num, require, span_text, yuan

LAW = "劳动合同法"
REG = "劳动合同法实施条例"
MAX_MONEY = Decimal("100000000")


class ServicePeriodInputs(CalcInputs):
    training_cost: Decimal = Field(title="培训费用", ge=0, le=MAX_MONEY,
                                   description="单位为专业技术培训支付的、有凭证的费用，元（实施条例第十六条）")
    service_period_months: int = Field(title="约定的服务期（月）", ge=1, le=600, description="如 5年填 60")
    served_months: int = Field(title="服务期已经履行（月）", ge=0, le=600, description="服务期开始后已经工作的月数")
    agreed_penalty: Decimal | None = Field(None, title="约定的违约金", ge=0, le=MAX_MONEY, description="协议写的违约金，元")
    employer_fault: bool = Field(False, title="因单位过错辞职",
                                 description="因欠薪、不交社保等依第三十八条解除的，不属于违反服务期约定")


def service_period_penalty(inp: ServicePeriodInputs) -> CalcResult:
    require(inp.served_months <= inp.service_period_months, "served_months", "已履行的服务期不能长于约定的服务期")
    res = CalcResult(kind="service_period_penalty", title="违反服务期的违约金上限",
                     articles=[f"{LAW}#22", f"{REG}#16", f"{REG}#26"])
    left = inp.service_period_months - inp.served_months
    cap = inp.training_cost * left / inp.service_period_months
    res.steps.append(f"约定服务期 {span_text(inp.service_period_months)}，已履行 {span_text(inp.served_months)}，"
                     f"尚未履行 {span_text(left) if left else '0个月'}")
    res.steps.append(f"尚未履行部分应分摊的培训费用：{num(inp.training_cost)} × {left} ÷ {inp.service_period_months}"
                     f" = {yuan(cap)}")
    res.result = {"cap": str(money(cap)), "remaining_months": left}
    if inp.employer_fault:
        res.amount = Decimal("0.00")
        res.formula = "因单位过错依第三十八条解除劳动合同，不属于违反服务期约定：0 元"
        res.steps.append(res.formula)
        return res
    due = cap
    formula = f"{num(inp.training_cost)} × {left} ÷ {inp.service_period_months}"
    if inp.agreed_penalty is not None:
        res.steps.append(f"约定违约金 {num(inp.agreed_penalty)} 元；违约金不得超过培训费用，也不得超过尚未履行部分"
                         "应分摊的培训费用，取较低者")
        if inp.agreed_penalty < cap:
            due, formula = inp.agreed_penalty, f"约定的 {num(inp.agreed_penalty)}（低于上限 {yuan(cap)}）"
    else:
        res.assumptions.append("没有说约定的违约金是多少；结果是法律允许的最高数额，约定更低的按约定")
    res.amount = money(due)
    res.formula = f"{formula} = {yuan(res.amount)}"
    res.steps.append(res.formula)
    res.assumptions.append("培训费用指单位为专项技术培训支付的有凭证的费用、培训期间的差旅费及其他直接费用；"
                           "上岗前的一般培训、安全培训不能约定服务期")
    res.warnings.append("单位未及时足额支付劳动报酬、未缴社保等，劳动者依第三十八条解除的，不用支付违约金；"
                        "除服务期和竞业限制外，单位不得约定由劳动者承担违约金（第二十五条）")
    return res


class MassLayoffInputs(CalcInputs):
    headcount: int = Field(title="企业职工总数", ge=1, le=10000000)
    layoff_count: int | None = Field(None, title="这次裁减的人数", ge=1, le=10000000)


def mass_layoff(inp: MassLayoffInputs) -> CalcResult:
    res = CalcResult(kind="mass_layoff", title="经济性裁员是否要走第四十一条程序",
                     articles=[f"{LAW}#41", f"{LAW}#42", f"{LAW}#46"])
    tenth = (Decimal(inp.headcount) / 10).to_integral_value(rounding=ROUND_CEILING)
    threshold = min(20, int(tenth))
    most_without = threshold - 1
    res.steps.append(f"职工总数 {inp.headcount} 人的 10% 是 {num(Decimal(inp.headcount) / 10)} 人；"
                     f"裁减 20 人以上，或不足 20 人但达到 {int(tenth)} 人（10%以上，含本数），都要走法定程序")
    res.steps.append(f"达到程序要求的最少人数：min(20, {int(tenth)}) = {threshold} 人；"
                     f"不走这一程序最多只能裁减 {most_without} 人")
    res.result = {"threshold": threshold, "most_without_procedure": most_without}
    res.formula = f"不走程序最多可裁 min(20, ⌈{inp.headcount} × 10%⌉) − 1 = {most_without} 人"
    if inp.layoff_count is not None:
        require(inp.layoff_count <= inp.headcount, "layoff_count", "裁减人数不能多于职工总数")
        needs = inp.layoff_count >= threshold
        res.result["procedure_required"] = needs
        res.steps.append(f"这次裁减 {inp.layoff_count} 人：" + ("达到人数或比例，必须提前三十日向工会或全体职工说明情况、"
                         "听取意见，并向劳动行政部门报告裁减方案" if needs else f"不足 {threshold} 人，不属于第四十一条的经济性裁员"))
    res.steps.append(res.formula)
    res.warnings.append("被裁减的劳动者都应得到经济补偿（第四十六条第四项）；医疗期内、孕期产期哺乳期、"
                        "在本单位连续工作满十五年且距退休不足五年等情形不得裁减（第四十二条）")
    res.warnings.append("裁减人数不足的，不能按经济性裁员处理；单位要解除须有第四十条等法定理由并支付经济补偿，"
                        "否则属于违法解除")
    return res
