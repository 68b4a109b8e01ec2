"""医疗期 and 病假工资 (企业职工患病或非因工负伤医疗期规定第三、四条; 原劳动部《关于贯彻执行〈中华人民共和国劳动法〉
若干问题的意见》第59条).

The 医疗期 runs from 3 to 24 months by the worker's total years of work and years with this employer, counted
within a longer window (三个月的按六个月内累计病休时间计算 …). Sick pay within it may be below the local minimum wage
but not below 80% of it: the floor is a local figure, so the worker supplies the minimum wage; days are converted
at the pay days of the 折算通知 (月工资 ÷ 21.75). Provinces set the sick-pay scale above that floor.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from assistant.calculators.base import CalcInputs, optional_wage
from assistant.calculators.models import MONTH_PAY_DAYS, CalcResult, money, num, span_text, yuan

REG = "企业职工患病或非因工负伤医疗期规定"
OPINION = "关于贯彻执行《中华人民共和国劳动法》若干问题的意见"
NOTICE = "关于职工全年月平均工作时间和工资折算问题的通知"
FLOOR_SHARE = Decimal("0.8")
WINDOW = {3: 6, 6: 12, 9: 15, 12: 18, 18: 24, 24: 30}  # 第四条: months of 医疗期 → months it is counted within


class SickPayInputs(CalcInputs):
    local_minimum_wage: Decimal | None = optional_wage("当地月最低工资标准", "元/月；病假工资不得低于它的80%")
    monthly_wage: Decimal | None = optional_wage("月工资", "正常出勤时的月工资，元")
    sick_days: int | None = Field(None, title="病假天数", ge=1, le=1000, description="请病假的工作日天数")
    service_months: int | None = Field(None, title="在本单位工作（月）", ge=0, le=720, description="用来确定医疗期")
    work_years: Decimal | None = Field(None, title="累计实际工作年限（年）", ge=0, le=60,
                                       description="在所有单位工作的年数合计；不填按在本单位的年限")


def medical_period_months(work_years: Decimal, unit_years: Decimal) -> int:
    """第三条: 实际工作年限十年以下 → 本单位五年以下 3 个月、五年以上 6 个月; 十年以上 → 6/9/12/18/24 个月."""
    if work_years < 10:
        return 3 if unit_years < 5 else 6
    for limit, months in ((5, 6), (10, 9), (15, 12), (20, 18)):
        if unit_years < limit:
            return months
    return 24


def sick_pay(inp: SickPayInputs) -> CalcResult:
    res = CalcResult(kind="sick_pay", title="医疗期和病假工资", articles=[f"{REG}#3", f"{REG}#4", f"{OPINION}#59"])
    formulas: list[str] = []
    if inp.service_months is not None:
        unit_years = Decimal(inp.service_months) / 12
        work_years = inp.work_years if inp.work_years is not None else unit_years
        if inp.work_years is None:
            res.assumptions.append("累计实际工作年限按在本单位的年限计算；以前在别的单位工作过、合计满十年的，医疗期更长")
        months = medical_period_months(max(work_years, unit_years), unit_years)
        res.result.update({"medical_period_months": months, "counted_within_months": WINDOW[months]})
        formulas.append(f"医疗期 {months} 个月")
        total = f"{num(work_years)} 年" if inp.work_years is not None else span_text(inp.service_months)
        res.steps.append(f"实际工作年限 {total}、在本单位 {span_text(inp.service_months)}：医疗期 {months} 个月，"
                         f"按 {WINDOW[months]} 个月内累计病休时间计算")
        res.warnings.append("医疗期内单位不得依第四十条、第四十一条解除劳动合同，合同到期的要顺延到医疗期满"
                            "（劳动合同法第四十二条、第四十五条）")
        res.articles += ["劳动合同法#42", "劳动合同法#45"]
    if inp.local_minimum_wage is None:
        res.local_rules.append("病假工资不得低于当地最低工资标准的80%：请告诉当地的月最低工资标准，才能算出最低数额")
    else:
        floor = inp.local_minimum_wage * FLOOR_SHARE
        res.amounts["病假工资每月最低"] = money(floor)
        res.steps.append(f"病假工资可以低于最低工资，但不得低于它的80%：{num(inp.local_minimum_wage)} × 80% = {yuan(floor)}/月")
        formulas.append(f"每月最低 {num(inp.local_minimum_wage)} × 80% = {yuan(floor)}")
        if inp.sick_days is not None:
            days = floor * inp.sick_days / MONTH_PAY_DAYS
            res.articles.append(f"{NOTICE}#2")
            res.amount = money(days)
            res.amounts[f"{inp.sick_days}天病假工资最低"] = res.amount
            formulas.append(f"{inp.sick_days}天最低 {num(inp.local_minimum_wage)} × 80% ÷ 21.75 × {inp.sick_days}"
                            f" = {yuan(days)}")
            res.steps.append(f"按日折算（月计薪天数 21.75）：{num(inp.local_minimum_wage)} × 80% ÷ 21.75 × {inp.sick_days}"
                             f" 天 = {yuan(days)}")
            res.assumptions.append("日工资按折算通知 月工资 ÷ 21.75 计算；单位规章另有对劳动者更有利的算法的，按更有利的")
        else:
            res.amount = money(floor)
        if inp.monthly_wage is not None and inp.monthly_wage < floor:
            res.warnings.append(f"你说的月工资 {num(inp.monthly_wage)} 元本身低于病假工资的下限，请核对")
    res.formula = "；".join(formulas) or "请告诉当地月最低工资标准和病假天数"
    res.local_rules.append("病假工资按工龄发放原工资的多少比例由各省规定（如 60%—100%），只是不得低于最低工资的80%")
    res.steps.append(res.formula)
    return res

