"""工伤待遇 (工伤保险条例第三十三、三十五至三十七、三十九、六十二、六十四条)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from assistant.calculators.base import CalcInputs, optional_wage, wage_field
from assistant.calculators.models import CalcResult, money, num, require, yuan

REG = "工伤保险条例"
# grade → (months of 本人工资 for 一次性伤残补助金, 伤残津贴 as a share of 本人工资 or None, article)
GRADES: dict[int, tuple[int, Decimal | None, str]] = {
    1: (27, Decimal("0.90"), "35"), 2: (25, Decimal("0.85"), "35"), 3: (23, Decimal("0.80"), "35"),
    4: (21, Decimal("0.75"), "35"), 5: (18, Decimal("0.70"), "36"), 6: (16, Decimal("0.60"), "36"),
    7: (13, None, "37"), 8: (11, None, "37"), 9: (9, None, "37"), 10: (7, None, "37"),
}


class WorkInjuryInputs(CalcInputs):
    own_wage: Decimal = wage_field("本人工资", "受伤或患职业病前12个月平均月缴费工资，元")
    grade: int | None = Field(None, title="伤残等级", ge=1, le=10, description="劳动能力鉴定的伤残等级，一级最重，填 1 到 10")
    death: bool = Field(False, title="因工死亡", description="职工因工死亡时计算工亡待遇")
    local_average_wage: Decimal | None = optional_wage(
        "统筹地区上年度职工月平均工资", "元/月；用来套用本人工资60%—300%的上下限和计算丧葬补助金")
    national_disposable_income: Decimal | None = Field(
        None, title="上一年度全国城镇居民人均可支配收入", ge=0, le=Decimal("10000000"),
        description="国家统计局公布的年度数字，元/年；计算一次性工亡补助金需要")
    leave_months: Decimal | None = Field(None, title="停工留薪期（月）", ge=0, le=24,
                                         description="停工治疗的月数，一般不超过12个月，经确认最多延长12个月")
    original_monthly_pay: Decimal | None = optional_wage("受伤前原月工资福利", "停工留薪期内照发，元/月；不填按本人工资")
    local_minimum_wage: Decimal | None = optional_wage("当地月最低工资标准", "伤残津贴低于它时补足")
    dependant_spouse: bool = Field(False, title="有需供养的配偶", description="工亡时由死者供养、无劳动能力的配偶")
    dependant_others: int = Field(0, title="其他供养亲属人数", ge=0, le=20)
    dependant_orphans_or_elders: int = Field(0, title="其中孤儿或孤寡老人人数", ge=0, le=20,
                                             description="供养亲属中的孤儿、孤寡老人，每人每月再加10%")


def _wage_base(inp: WorkInjuryInputs, res: CalcResult) -> Decimal:
    base = inp.own_wage
    res.articles.append(f"{REG}#64")
    if inp.local_average_wage is None:
        res.local_rules.append("本人工资高于统筹地区职工平均工资300%的按300%计算，低于60%的按60%计算；"
                               "请填入当地公布的统筹地区职工月平均工资以套用上下限")
        res.steps.append(f"本人工资按 {num(base)} 元计算")
        return base
    high, low = inp.local_average_wage * 3, inp.local_average_wage * Decimal("0.6")
    if base > high:
        base = high
        res.steps.append(f"本人工资 {num(inp.own_wage)} 元高于当地平均工资的300%（{num(high)} 元），按 {num(base)} 元计算")
    elif base < low:
        base = low
        res.steps.append(f"本人工资 {num(inp.own_wage)} 元低于当地平均工资的60%（{num(low)} 元），按 {num(base)} 元计算")
    else:
        res.steps.append(f"本人工资 {num(base)} 元在当地平均工资的60%—300%之间，照此计算")
    return base


def work_injury(inp: WorkInjuryInputs) -> CalcResult:
    require(inp.grade is not None or inp.death or inp.leave_months is not None, "grade",
            "请填写伤残等级（1—10），或停工留薪期月数，或选择因工死亡")
    require(inp.dependant_orphans_or_elders <= inp.dependant_others + (1 if inp.dependant_spouse else 0),
            "dependant_orphans_or_elders", "孤儿或孤寡老人人数不能多于供养亲属人数")
    res = CalcResult(kind="work_injury", title="工伤保险待遇")
    base = _wage_base(inp, res)
    res.result["wage_base"] = str(money(base))
    formulas: list[str] = []
    if inp.leave_months is not None:
        res.articles.append(f"{REG}#33")
        pay = inp.original_monthly_pay if inp.original_monthly_pay is not None else inp.own_wage
        total = pay * inp.leave_months
        res.amounts["停工留薪期工资福利"] = money(total)
        formulas.append(f"停工留薪期 {num(pay)} × {num(inp.leave_months)} = {yuan(total)}")
        res.steps.append(f"停工留薪期内原工资福利待遇不变，由单位按月支付：{num(pay)} × {num(inp.leave_months)} 个月 = {yuan(total)}")
        if inp.leave_months > 12:
            res.warnings.append("停工留薪期超过12个月须经设区的市级劳动能力鉴定委员会确认延长，延长不得超过12个月")
    if inp.grade is not None and not inp.death:
        months, share, article = GRADES[inp.grade]
        res.articles.append(f"{REG}#{article}")
        lump = base * months
        res.amounts["一次性伤残补助金"] = money(lump)
        formulas.append(f"一次性伤残补助金 {num(base)} × {months} = {yuan(lump)}")
        res.steps.append(f"{inp.grade}级伤残，一次性伤残补助金为 {months} 个月本人工资：{num(base)} × {months} = {yuan(lump)}")
        if share is not None:
            allowance = base * share
            note = ""
            if inp.local_minimum_wage is not None and allowance < inp.local_minimum_wage:
                allowance, note = inp.local_minimum_wage, "（低于当地最低工资，补足到最低工资）"
            res.amounts["伤残津贴（每月）"] = money(allowance)
            who = "工伤保险基金" if inp.grade <= 4 else "用人单位（难以安排工作时）"
            res.steps.append(f"伤残津贴每月为本人工资的 {num(share * 100)}%：{num(base)} × {num(share * 100)}% = "
                             f"{yuan(allowance)}{note}，由{who}按月支付")
            if inp.local_minimum_wage is None:
                res.local_rules.append("伤残津贴低于当地最低工资标准的补足差额，请按当地最低工资核对")
        if inp.grade >= 5:
            res.local_rules.append("解除或终止劳动关系时的一次性工伤医疗补助金和一次性伤残就业补助金，"
                                   "标准由省、自治区、直辖市人民政府规定")
    if inp.death:
        res.articles.append(f"{REG}#39")
        _death_benefits(inp, res, formulas)
    res.amount = money(sum((v for k, v in res.amounts.items() if "每月" not in k), Decimal(0)))
    res.formula = "；".join(formulas) + f"；一次性项目合计 {yuan(res.amount)}"
    res.steps.append(f"一次性发放的项目合计 {yuan(res.amount)}（按月发放的待遇单列，不计入合计）")
    res.assumptions.append("按已认定工伤、已作出劳动能力鉴定计算；合计只加一次性发放的项目，按月发放的待遇单列")
    res.warnings.append("用人单位应参加工伤保险而未参加的，工伤待遇全部由用人单位按同样的项目和标准支付")
    res.articles.append(f"{REG}#62")
    return res


def _death_benefits(inp: WorkInjuryInputs, res: CalcResult, formulas: list[str]) -> None:
    if inp.local_average_wage is not None:
        funeral = inp.local_average_wage * 6
        res.amounts["丧葬补助金"] = money(funeral)
        formulas.append(f"丧葬补助金 {num(inp.local_average_wage)} × 6 = {yuan(funeral)}")
        res.steps.append(f"丧葬补助金为6个月的统筹地区上年度职工月平均工资：{num(inp.local_average_wage)} × 6 = {yuan(funeral)}")
    else:
        res.local_rules.append("丧葬补助金为6个月的统筹地区上年度职工月平均工资，请填入当地公布的数字")
    if inp.national_disposable_income is not None:
        lump = inp.national_disposable_income * 20
        res.amounts["一次性工亡补助金"] = money(lump)
        formulas.append(f"一次性工亡补助金 {num(inp.national_disposable_income)} × 20 = {yuan(lump)}")
        res.steps.append(f"一次性工亡补助金为上一年度全国城镇居民人均可支配收入的20倍："
                         f"{num(inp.national_disposable_income)} × 20 = {yuan(lump)}")
    else:
        res.local_rules.append("一次性工亡补助金 = 上一年度全国城镇居民人均可支配收入 × 20，"
                               "请按国家统计局公布的数字填入 national_disposable_income")
    share = Decimal(0)
    if inp.dependant_spouse:
        share += Decimal("0.4")
    share += Decimal("0.3") * inp.dependant_others + Decimal("0.1") * inp.dependant_orphans_or_elders
    if share:
        monthly = min(inp.own_wage * share, inp.own_wage)
        res.amounts["供养亲属抚恤金（每月合计）"] = money(monthly)
        res.steps.append(f"供养亲属抚恤金：配偶每月40%、其他亲属每人30%、孤儿或孤寡老人再加10%，合计本人工资的 "
                         f"{num(share * 100)}%（不超过生前工资）：{yuan(monthly)}/月")
        res.assumptions.append("供养亲属抚恤金按职工生前本人工资计算；供养亲属的具体范围以国务院社会保险行政部门规定为准")
