"""加班费 and the daily and hourly wage (劳动法第四十四条; 工资支付暂行规定第十三条; 折算通知第二条).

The wage the worker states decides the base: a monthly wage is turned into a daily wage by 21.75 (月计薪天数) and an
hourly wage by 174 (21.75 × 8); a daily wage gives the hourly wage by 8; an hourly wage is used as it is. Hours are
paid at the hourly wage, whole days at the daily wage, each at 150% (a working day extended), 200% (a rest day
without comp time) or 300% (a statutory holiday). A run of whole days (国庆 10月1日—7日) is sorted by the calendar:
the statutory holidays themselves, the other days off, and working days (a full working day is ordinary work).
With a wage and no hours, the rates per hour and per day are shown, so a worker can count any hours they work.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pydantic import Field

from assistant.calculators import calendar_cn
from assistant.calculators.base import CalcInputs, optional_wage
from assistant.calculators.models import (
    MONTH_PAY_DAYS,
    MONTH_PAY_HOURS,
    CalcResult,
    approx,
    cn_date,
    money,
    num,
    require,
    yuan,
)

NOTICE = "关于职工全年月平均工作时间和工资折算问题的通知"
MAX_HOURS = Decimal("100000")
MAX_DAILY_WAGE = Decimal(500000)
RATES = (("工作日延时加班", Decimal("1.5")), ("休息日加班（不能补休）", Decimal(2)), ("法定节假日加班", Decimal(3)))


def _hours(title: str, description: str) -> Decimal:
    return Field(Decimal(0), title=title, ge=0, le=MAX_HOURS, description=description)


class OvertimeInputs(CalcInputs):
    monthly_wage: Decimal | None = optional_wage("月工资", "加班费计算基数（一般为正常工作时间的月工资），元")
    daily_wage: Decimal | None = Field(None, title="日工资", ge=0, le=MAX_DAILY_WAGE,
                                       description="按天计发工资的，一天多少元（月工资、日工资、小时工资填一个）")
    hourly_wage: Decimal | None = Field(None, title="小时工资", ge=0, le=MAX_DAILY_WAGE, description="元/小时")
    weekday_hours: Decimal = _hours("工作日延时加班小时数", "工作日下班后或上班前加班的小时数合计，按 150% 计算")
    restday_hours: Decimal = _hours("休息日加班小时数", "周六、周日等休息日加班的小时数合计，按 200% 计算")
    restday_comp_hours: Decimal = _hours("休息日加班已补休的小时数", "休息日加班后已经安排补休的小时数，这部分不再付 200%")
    holiday_hours: Decimal = _hours("法定节假日加班小时数", "春节、国庆等法定休假日加班的小时数合计，按 300% 计算，补休不能抵")
    restday_days: Decimal = Field(Decimal(0), title="休息日整天加班天数", ge=0, le=3660, description="按日工资的 200% 计算")
    holiday_days: Decimal = Field(Decimal(0), title="法定节假日整天加班天数", ge=0, le=3660,
                                  description="按日工资的 300% 计算")
    first_day: date | None = Field(None, title="整天加班的第一天", description="如 2024-10-01；与最后一天一起按日历分出节假日和休息日")
    last_day: date | None = Field(None, title="整天加班的最后一天", description="如 2024-10-07")
    months: int | None = Field(None, title="加班期间的月数", ge=1, le=600,
                               description="这些加班发生在几个月里，用来检查每月 36 小时的上限")
    paid_already: Decimal = Field(Decimal(0), title="已经发的加班费", ge=0, le=Decimal("100000000"),
                                  description="单位已经发过的加班费，元，会从应发数中扣除")
    local_minimum_wage: Decimal | None = optional_wage("当地月最低工资标准", "元/月；基数低于它时按它计算")


def _base(inp: OvertimeInputs, res: CalcResult) -> tuple[Decimal, Decimal, str, str]:
    """(hourly wage, daily wage, how the hourly wage is written in a formula, and the daily one)."""
    if inp.monthly_wage is not None:
        base = inp.monthly_wage
        if inp.local_minimum_wage is not None and base < inp.local_minimum_wage:
            base = inp.local_minimum_wage
            res.steps.append(f"月工资低于当地最低工资标准，按最低工资 {num(base)} 元作为基数")
        res.steps.append(f"小时工资 = 月工资 ÷ 21.75 天 ÷ 8 小时 = {num(base)} ÷ 174，{approx(base / MONTH_PAY_HOURS)} 元")
        return base / MONTH_PAY_HOURS, base / MONTH_PAY_DAYS, f"{num(base)} ÷ 174", f"{num(base)} ÷ 21.75"
    if inp.daily_wage is not None:
        res.steps.append(f"按你说的日工资 {num(inp.daily_wage)} 元计算；小时工资 = 日工资 ÷ 8 小时"
                         f"（{approx(inp.daily_wage / 8)} 元）")
        return inp.daily_wage / 8, inp.daily_wage, f"{num(inp.daily_wage)} ÷ 8", num(inp.daily_wage)
    assert inp.hourly_wage is not None
    res.steps.append(f"按你说的小时工资 {num(inp.hourly_wage)} 元计算；日工资 = 小时工资 × 8 小时")
    return inp.hourly_wage, inp.hourly_wage * 8, num(inp.hourly_wage), f"{num(inp.hourly_wage)} × 8"


def _days_by_calendar(inp: OvertimeInputs, res: CalcResult) -> tuple[Decimal, Decimal]:
    """(rest days, statutory holidays) of first_day..last_day, each counted once; working days are left out."""
    if inp.first_day is None and inp.last_day is None:
        return inp.restday_days, inp.holiday_days
    require(inp.first_day is not None and inp.last_day is not None, "first_day", "整天加班请同时填写第一天和最后一天")
    assert inp.first_day is not None and inp.last_day is not None
    require(inp.first_day <= inp.last_day, "last_day", "最后一天不能早于第一天")
    require((inp.last_day - inp.first_day).days <= 366, "last_day", "整天加班的日期跨度不能超过一年")
    holidays: list[date] = []
    rests: list[date] = []
    work: list[date] = []
    d = inp.first_day
    while d <= inp.last_day:
        (holidays if calendar_cn.is_statutory_holiday(d) else rests if calendar_cn.is_rest_day(d) else work).append(d)
        d += timedelta(days=1)
    span = f"{cn_date(inp.first_day)}至{cn_date(inp.last_day)}"
    res.steps.append(f"{span}共 {len(holidays) + len(rests) + len(work)} 天：法定节假日 {len(holidays)} 天、"
                     f"其他休息日 {len(rests)} 天、工作日 {len(work)} 天")
    if work:
        res.assumptions.append("工作日整天上班是正常出勤，不算加班（延时加班的小时数另填）："
                               + "、".join(f"{x.month}月{x.day}日" for x in work))
    note = calendar_cn.calendar_note(inp.first_day, inp.last_day)
    if note:
        res.assumptions.append(note)
    res.articles.append("全国年节及纪念日放假办法#2")
    return inp.restday_days + len(rests), inp.holiday_days + len(holidays)


def overtime(inp: OvertimeInputs) -> CalcResult:
    require(inp.monthly_wage is not None or inp.daily_wage is not None or inp.hourly_wage is not None,
            "monthly_wage", "请填写月工资（或日工资、小时工资）")
    require(inp.restday_comp_hours <= inp.restday_hours, "restday_comp_hours", "已补休的小时数不能多于休息日加班小时数")
    res = CalcResult(kind="overtime", title="加班费", articles=["劳动法#44", "工资支付暂行规定#13", f"{NOTICE}#2"])
    hourly, daily, per_hour, per_day = _base(inp, res)
    restday_days, holiday_days = _days_by_calendar(inp, res)
    paid_restday = inp.restday_hours - inp.restday_comp_hours
    parts, hour_terms, day_terms = [], [], []
    for (label, rate), hours, days in zip(RATES, (inp.weekday_hours, paid_restday, inp.holiday_hours),
                                          (Decimal(0), restday_days, holiday_days), strict=True):
        pct = num(rate * 100)
        if hours > 0:
            part = hourly * hours * rate
            res.amounts[f"{label}（{pct}%）"] = money(part)
            res.steps.append(f"{label}：{per_hour} × {num(hours)} 小时 × {pct}% ≈ {yuan(part)}")
            parts.append(part)
            hour_terms.append(f"{num(hours)} × {num(rate)}")
        if days > 0:
            part = daily * days * rate
            res.amounts[f"{label}整天（{pct}%）"] = money(part)
            res.steps.append(f"{label}整天：{per_day} × {num(days)} 天 × {pct}% ≈ {yuan(part)}")
            parts.append(part)
            day_terms.append(f"{num(days)} × {num(rate)}")
    res.result = {"hourly_wage": str(money(hourly)), "daily_wage": str(money(daily))}
    _assumptions(res)
    if not parts:
        return _rates_only(res, hourly, daily)
    total = sum(parts, Decimal(0))
    if inp.restday_comp_hours:
        res.steps.append(f"休息日加班中已补休的 {num(inp.restday_comp_hours)} 小时不再另付加班费")
    due = total - inp.paid_already
    formula = " + ".join(([f"{per_hour} × ({' + '.join(hour_terms)})"] if hour_terms else [])
                         + ([f"{per_day} × ({' + '.join(day_terms)})"] if day_terms else []))
    if inp.paid_already:
        formula += f" − {num(inp.paid_already)}"
        res.steps.append(f"减去已发加班费 {num(inp.paid_already)} 元")
    res.amount = money(max(due, Decimal(0)))
    res.formula = f"{formula} = {yuan(res.amount)}"
    if due < 0:
        res.warnings.append("已发加班费多于按法定标准算出的数额，按此计算没有差额")
    _over_36(inp, res, restday_days + holiday_days)
    res.steps.append(res.formula)
    return res


def _rates_only(res: CalcResult, hourly: Decimal, daily: Decimal) -> CalcResult:
    """No hours or days given: what one hour (and one whole day) of each kind is paid at least."""
    res.title = "加班费标准（每小时、每天）"
    for label, rate in RATES:
        res.amounts[f"{label}每小时（{num(rate * 100)}%）"] = money(hourly * rate)
    for label, rate in RATES[1:]:
        res.amounts[f"{label}每天（{num(rate * 100)}%）"] = money(daily * rate)
    res.formula = (f"每小时加班工资不低于：小时工资 {approx(hourly)} × 150% / 200% / 300% = "
                   f"{money(hourly * Decimal('1.5'))} / {money(hourly * 2)} / {money(hourly * 3)} 元")
    res.steps.append(res.formula)
    res.steps.append("告诉我工作日、休息日、法定节假日各加班多少小时（或哪几天整天加班），就能算出加班费总数")
    return res


def _assumptions(res: CalcResult) -> None:
    res.assumptions += ["日工资 = 月工资 ÷ 21.75，小时工资 = 月工资 ÷ 174（21.75 × 8）；2024年修订的放假办法把法定节假日"
                        "增至13天，但节假日照发工资，月计薪天数仍是 (365 − 104) ÷ 12 = 21.75 天",
                        "实行标准工时制；综合计算工时制按周期内超出部分算延时加班，不定时工作制一般不适用",
                        "法定节假日本身带薪，节假日加班另付 300%；休息日加班能安排补休的可以不付 200%"]
    res.local_rules.append("加班费基数怎么定（约定工资、实发工资还是是否含奖金）各地规定不同；基数不得低于当地最低工资标准")


def _over_36(inp: OvertimeInputs, res: CalcResult, whole_days: Decimal) -> None:
    hours = inp.weekday_hours + inp.restday_hours + inp.holiday_hours + whole_days * 8
    months = inp.months or 1
    res.result["overtime_hours"] = str(num(hours))
    if hours > 36 * months:
        # 劳动法第四十一条: at most 36 hours of extended work a month; rest-day and holiday work count too
        res.articles.append("劳动法#41")
        per = f"平均每月 {num(hours / months)} 小时" if inp.months else f"共 {num(hours)} 小时"
        scope = "" if inp.months else "（如果这些加班发生在一个月内）"
        res.warnings.append(f"工作日、休息日和节假日加班合计{per}{scope}，超过了劳动法第四十一条每月 36 小时的上限；"
                            "劳动者有权拒绝违法超时加班，也可以向劳动保障监察投诉；超时的加班照样要付加班费")


class WageRatesInputs(CalcInputs):
    monthly_wage: Decimal | None = optional_wage("月工资", "不填只说明折算方法")


def wage_rates(inp: WageRatesInputs) -> CalcResult:
    """日工资和小时工资的折算 (折算通知第二条): 21.75 计薪天数 and 174 hours, and 20.83 days worked."""
    res = CalcResult(kind="wage_rates", title="日工资、小时工资的折算", articles=[f"{NOTICE}#1", f"{NOTICE}#2"])
    res.steps += ["月计薪天数 = (365天 − 104天休息日) ÷ 12月 = 21.75天（法定节假日照发工资，计入计薪天数）",
                  "小时工资 = 月工资 ÷ (21.75 × 8) = 月工资 ÷ 174",
                  "月平均工作天数 = (365 − 104 − 11) ÷ 12 = 20.83天（2008年通知，按当年11天法定节假日；"
                  "2025年起节假日为13天）；它用于计算工作时间，不用于折算工资"]
    res.result = {"pay_days_per_month": "21.75", "pay_hours_per_month": "174", "work_days_per_month": "20.83"}
    if inp.monthly_wage is None:
        res.formula = "日工资 = 月工资 ÷ 21.75；小时工资 = 月工资 ÷ 174"
        return res
    daily, hourly = inp.monthly_wage / MONTH_PAY_DAYS, inp.monthly_wage / MONTH_PAY_HOURS
    res.amounts["日工资"] = money(daily)
    res.amounts["小时工资"] = money(hourly)
    res.formula = (f"日工资 {num(inp.monthly_wage)} ÷ 21.75 ≈ {yuan(daily)}；"
                   f"小时工资 {num(inp.monthly_wage)} ÷ 174 ≈ {yuan(hourly)}")
    res.result.update({"daily_wage": str(money(daily)), "hourly_wage": str(money(hourly))})
    return res
