"""年休假天数与未休年休假工资、产假天数 (职工带薪年休假条例、企业职工带薪年休假实施办法、女职工劳动保护特别规定)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

from pydantic import Field

from assistant.calculators.base import CalcInputs, optional_wage
from assistant.calculators.models import (
    MONTH_PAY_DAYS,
    CalcResult,
    approx,
    cn_date,
    money,
    num,
    require,
    yuan,
)

REG = "职工带薪年休假条例"
RULES = "企业职工带薪年休假实施办法"
WOMEN = "女职工劳动保护特别规定"


class AnnualLeaveInputs(CalcInputs):
    cumulative_work_years: Decimal = Field(title="累计工作年限", ge=0, le=60,
                                           description="在所有单位累计工作的年数（含以前的单位），如 9.5")
    monthly_wage: Decimal | None = optional_wage("月工资", "支付前12个月剔除加班工资后的月平均工资，元；不填只算天数")
    year: int | None = Field(None, title="年度", ge=1990, le=2100, description="计算哪一年的年休假；不填取离职或入职日期所在年")
    join_date: date | None = Field(None, title="入本单位日期", description="当年新入职的填，用来按剩余天数折算")
    leave_date: date | None = Field(None, title="离职日期", description="当年离职的填最后一天，用来按已工作天数折算")
    days_taken: Decimal = Field(Decimal(0), title="当年已休年休假天数", ge=0, le=366)
    worker_declined_in_writing: bool = Field(False, title="本人书面提出不休",
                                             description="单位安排了休假，劳动者因本人原因书面提出不休")


def entitled_days(years: Decimal) -> int:
    if years >= 20:
        return 15
    if years >= 10:
        return 10
    if years >= 1:
        return 5
    return 0


def annual_leave(inp: AnnualLeaveInputs) -> CalcResult:
    res = CalcResult(kind="annual_leave", title="年休假天数与未休年休假工资",
                     articles=[f"{REG}#3", f"{RULES}#4", f"{REG}#4"])
    year = inp.year or (inp.leave_date or inp.join_date or date.today()).year
    for field, d in (("join_date", inp.join_date), ("leave_date", inp.leave_date)):
        if d is not None and inp.year is not None:
            require(d.year <= year if field == "join_date" else d.year == year, field,
                    f"{'入职' if field == 'join_date' else '离职'}日期与所填年度 {year} 不一致")
    if inp.join_date and inp.leave_date:
        require(inp.leave_date >= inp.join_date, "leave_date", "离职日期不能早于入本单位日期")
    full = entitled_days(inp.cumulative_work_years)
    res.steps.append(f"累计工作 {num(inp.cumulative_work_years)} 年，全年应休年休假 {full} 天"
                     "（满1年不满10年5天，满10年不满20年10天，满20年15天）")
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    unit_start = max(inp.join_date, year_start) if inp.join_date else year_start
    if inp.leave_date is not None:
        days_in_unit = (inp.leave_date - unit_start).days + 1
        raw = Decimal(days_in_unit) / 365 * full - inp.days_taken
        res.articles.append(f"{RULES}#12")
        res.steps.append(f"当年离职，按已工作时间折算：{cn_date(unit_start)} 至 {cn_date(inp.leave_date)} 共 {days_in_unit} 天，"
                         f"{days_in_unit} ÷ 365 × {full} − 已休 {num(inp.days_taken)} = "
                         f"{num(raw.quantize(Decimal('0.01')))} 天")
        this_year = raw
        rule_text = "折算后不足1整天的部分不支付"
    elif inp.join_date is not None and inp.join_date >= year_start:
        remaining = (year_end - inp.join_date).days + 1
        prorated = Decimal(remaining) / 365 * full
        res.articles.append(f"{RULES}#5")
        res.steps.append(f"当年新入职，按剩余日历天数折算：{remaining} ÷ 365 × {full} = "
                         f"{num(prorated.quantize(Decimal('0.01')))} 天，不足1整天的部分不享受")
        this_year = Decimal(math.floor(prorated)) - inp.days_taken
        rule_text = "不足1整天的部分不享受"
    else:
        this_year = Decimal(full) - inp.days_taken
        rule_text = ""
    unused = max(Decimal(math.floor(min(this_year, Decimal(full)))), Decimal(0))
    if this_year < 0:
        res.steps.append("已休天数多于折算应休天数的，多休的不再扣回")
    res.steps.append(f"应休未休年休假 {num(unused)} 天" + (f"（{rule_text}）" if rule_text else ""))
    res.result = {"year": year, "entitled_days_full_year": full, "unused_days": int(unused)}
    if full == 0:
        res.warnings.append("累计工作不满1年，还不能享受年休假")
    if inp.monthly_wage is not None:
        daily = inp.monthly_wage / MONTH_PAY_DAYS
        res.articles += [f"{REG}#5", f"{RULES}#10", f"{RULES}#11"]
        if inp.worker_declined_in_writing:
            res.amount = Decimal("0.00")
            res.formula = "本人书面提出不休：只发正常工资，0 元"
            res.steps.append("单位安排了休假而你因本人原因书面提出不休的，单位可以只支付正常工资")
            res.steps.append(res.formula)
        else:
            extra = daily * unused * 2
            res.amount = money(extra)
            res.amounts["含正常工资在内合计（300%）"] = money(daily * unused * 3)
            res.formula = f"{num(inp.monthly_wage)} ÷ 21.75 × {num(unused)} × 200% = {yuan(extra)}"
            res.steps.append(f"日工资 = {num(inp.monthly_wage)} ÷ 21.75，{approx(daily)} 元")
            res.assumptions.append("日工资 = 月工资 ÷ 21.75（月计薪天数）；2024年修订的放假办法把法定节假日增至13天，"
                                   "但节假日照发工资，月计薪天数仍是 (365 − 104) ÷ 12 = 21.75 天")
            res.steps.append("未休年休假按日工资的300%支付，其中100%是正常工作期间已发的工资，另外应补200%")
            res.steps.append(res.formula)
    res.assumptions.append("累计工作年限包括在其他单位的工作时间；假设没有职工带薪年休假条例第四条规定的不享受年休假的情形"
                           "（如请病假、事假累计超过规定天数）")
    res.assumptions.append("年度中间累计工作年限跨过10年或20年的，按实施办法以实际情况重新折算，本结果按填写的年限计算")
    res.local_rules.append("机关事业单位及个别地方对年休假工资的发放有专门规定，以当地规定为准")
    return res


class MaternityLeaveInputs(CalcInputs):
    babies: int = Field(1, title="婴儿数", ge=1, le=9, description="双胞胎填 2")
    difficult_birth: bool = Field(False, title="难产", description="难产（含剖宫产等按当地认定）增加15天")
    miscarriage: bool = Field(False, title="流产", description="怀孕期间流产")
    pregnancy_months: Decimal | None = Field(None, title="流产时怀孕月数", ge=0, le=10)
    local_extra_days: int = Field(0, title="当地延长的产假天数", ge=0, le=365,
                                  description="省级规定的延长产假或生育奖励假天数，按当地规定填写")
    start_date: date | None = Field(None, title="产假开始日期", description="填了可算出产假最后一天")


def maternity_leave(inp: MaternityLeaveInputs) -> CalcResult:
    res = CalcResult(kind="maternity_leave", title="产假天数", articles=[f"{WOMEN}#7", f"{WOMEN}#8"])
    if inp.miscarriage:
        require(inp.pregnancy_months is not None, "pregnancy_months", "流产的请填写流产时怀孕几个月")
        days = 15 if inp.pregnancy_months < 4 else 42
        res.steps.append(f"怀孕{'未满' if days == 15 else '满'}4个月流产，产假 {days} 天")
        parts = [str(days)]
    else:
        days = 98
        parts = ["98"]
        res.steps.append("生育享受产假 98 天，其中产前可以休 15 天")
        if inp.difficult_birth:
            days += 15
            parts.append("15")
            res.steps.append("难产增加 15 天")
        if inp.babies > 1:
            extra = 15 * (inp.babies - 1)
            days += extra
            parts.append(f"15 × {inp.babies - 1}")
            res.steps.append(f"多胞胎每多生育 1 个婴儿增加 15 天：15 × {inp.babies - 1} = {extra} 天")
    if inp.local_extra_days:
        days += inp.local_extra_days
        parts.append(str(inp.local_extra_days))
        res.steps.append(f"加上当地规定延长的 {inp.local_extra_days} 天")
    else:
        res.local_rules.append("各省对产假有延长规定（天数不同），请查本省人口与计划生育条例后填入 local_extra_days")
    res.formula = f"{' + '.join(parts)} = {days} 天"
    res.result = {"days": days}
    if inp.start_date is not None:
        end = inp.start_date + timedelta(days=days - 1)
        res.result["end_date"] = end.isoformat()
        res.steps.append(f"从 {cn_date(inp.start_date)} 开始，产假到 {cn_date(end)}（按日历天数连续计算）")
    res.assumptions.append("国家规定的产假按日历天数计算；地方延长的假期是否遇节假日顺延按当地规定")
    res.local_rules.append("生育津贴：参加生育保险的按用人单位上年度职工月平均工资由生育保险基金支付，"
                           "按日折算方法以当地规定为准；未参保的由用人单位按产假前工资支付")
    return res
