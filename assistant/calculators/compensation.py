"""经济补偿、违法解除赔偿金、代通知金 (劳动合同法第四十六、四十七、四十条、第八十七条; 实施条例第二十、二十五、二十七条)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import Field

from assistant.calculators.base import (
    MAX_SERVICE_MONTHS,
    CalcInputs,
    optional_wage,
    wage_field,
)
from assistant.calculators.models import (
    CalcResult,
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
LCL_2008 = date(2008, 1, 1)

# reason id → (what happened, does it give a right to 经济补偿, the article that governs the reason)
TERMINATION_REASONS: dict[str, tuple[str, bool | None, str]] = {
    "employer_fault_resignation": ("因用人单位过错（如拖欠工资、未缴社保）劳动者依第三十八条解除", True, f"{LAW}#38"),
    "mutual_agreement_by_employer": ("用人单位提出、双方协商一致解除", True, f"{LAW}#36"),
    "mutual_agreement_by_worker": ("劳动者提出、双方协商一致解除", False, f"{LAW}#36"),
    "no_fault_dismissal": ("用人单位依第四十条解除（医疗期满不能工作、不能胜任、客观情况重大变化）", True, f"{LAW}#40"),
    "layoff": ("经济性裁员（第四十一条）", True, f"{LAW}#41"),
    "contract_expired": ("劳动合同期满，用人单位不续订或降低条件续订", True, f"{LAW}#44"),
    "contract_expired_worker_declined": ("劳动合同期满，用人单位维持或提高条件续订而劳动者不同意", False, f"{LAW}#44"),
    "employer_closed": ("用人单位破产、被吊销营业执照、责令关闭、撤销或提前解散", True, f"{LAW}#44"),
    "worker_resigned": ("劳动者主动辞职（第三十七条）", False, f"{LAW}#37"),
    "employee_fault_dismissal": ("劳动者有严重过错被依第三十九条解除", False, f"{LAW}#39"),
    "unlawful": ("用人单位违法解除或终止", None, f"{LAW}#87"),
}
ReasonId = Literal[
    "employer_fault_resignation", "mutual_agreement_by_employer", "mutual_agreement_by_worker",
    "no_fault_dismissal", "layoff", "contract_expired", "contract_expired_worker_declined", "employer_closed",
    "worker_resigned", "employee_fault_dismissal", "unlawful",
]


class ServiceInputs(CalcInputs):
    start_date: date | None = Field(None, title="入职日期", description="用工之日（第一天上班），如 2020-03-01")
    end_date: date | None = Field(None, title="离职日期", description="劳动合同解除或终止之日（最后一天），如 2024-06-30")
    service_months: int | None = Field(
        None, title="工作月数", description="不知道具体日期时填在本单位工作的总月数，如 3年7个月 填 43",
        ge=0, le=MAX_SERVICE_MONTHS)
    monthly_wage: Decimal = wage_field("月工资", "解除或终止前12个月的平均应得工资（含奖金、津贴、补贴），元")
    local_average_wage: Decimal | None = optional_wage(
        "当地上年度职工月平均工资", "设区的市级政府公布的数字，元/月；填了才能判断是否适用三倍封顶")
    local_minimum_wage: Decimal | None = optional_wage("当地月最低工资标准", "元/月；月工资低于它时按它计算")


class EconomicCompensationInputs(ServiceInputs):
    reason: ReasonId | None = Field(
        None, title="解除或终止的原因",
        description="可选：" + "；".join(f"{k}={v[0]}" for k, v in TERMINATION_REASONS.items()))


class NoticePayInputs(CalcInputs):
    last_month_wage: Decimal = wage_field("上一个月的工资", "解除前一个月的工资标准，元")
    notice_days_given: int | None = Field(
        None, title="提前书面通知的天数", description="用人单位提前几天书面通知；不填视为没有提前通知", ge=0, le=3650)


def _service(inp: ServiceInputs) -> tuple[int, int, list[str]]:
    """Whole months and leftover days of service, with a step describing them."""
    if inp.start_date or inp.end_date:
        require(inp.start_date is not None, "start_date", "填写了离职日期，也请填写入职日期")
        require(inp.end_date is not None, "end_date", "填写了入职日期，也请填写离职日期")
        require(inp.end_date >= inp.start_date, "end_date", "离职日期不能早于入职日期")
        months, days = months_and_days(inp.start_date, inp.end_date)
        return months, days, [f"工作期间 {cn_date(inp.start_date)} 至 {cn_date(inp.end_date)}（首尾两天都算），"
                              f"共 {span_text(months, days)}"]
    require(inp.service_months is not None, "service_months", "请填写入职和离职日期，或者在本单位工作的总月数")
    return inp.service_months, 0, [f"在本单位工作 {span_text(inp.service_months)}"]


def compensation_months(months: int, days: int) -> tuple[Decimal, str]:
    """N of 第四十七条: each full year one month; a remainder of 6 months or more one month; less, half a month."""
    years, rest = divmod(months, 12)
    if rest >= 6:
        return Decimal(years + 1), f"满 {years} 年，余下 {span_text(rest, days)} 满六个月，按一年算，共 {years + 1} 个月"
    if rest or days:
        return Decimal(years) + Decimal("0.5"), (
            f"满 {years} 年，余下 {span_text(rest, days)} 不满六个月，按半个月算，共 {num(Decimal(years) + Decimal('0.5'))} 个月")
    return Decimal(years), f"正好满 {years} 年，共 {years} 个月"


def _old_rule_months(months: int, days: int) -> tuple[Decimal, str]:
    """Service before 2008 under the rules of the time: each full year one month, a part year counted as a year."""
    years, rest = divmod(months, 12)
    n = years + (1 if rest or days else 0)
    if rest or days:
        return Decimal(n), f"满 {years} 年，余下 {span_text(rest, days)} 不满一年按一年算，共 {n} 个月"
    return Decimal(n), f"正好满 {years} 年，共 {n} 个月"


def _split_2008(inp: ServiceInputs) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(service before 2008, service from 2008) as (months, days); None for a part with no days in it."""
    assert inp.start_date is not None and inp.end_date is not None
    if inp.end_date < LCL_2008:
        return months_and_days(inp.start_date, inp.end_date), None
    before = months_and_days(inp.start_date, LCL_2008 - timedelta(days=1))
    return before, months_and_days(LCL_2008, inp.end_date)


def _wage_base(inp: ServiceInputs, steps: list[str]) -> Decimal:
    base = inp.monthly_wage
    text = f"月工资按解除前12个月平均工资 {num(base)} 元"
    if inp.local_minimum_wage is not None and base < inp.local_minimum_wage:
        base = inp.local_minimum_wage
        text = f"月工资 {num(inp.monthly_wage)} 元低于当地最低工资 {num(base)} 元，按 {num(base)} 元计算"
    steps.append(text)
    return base


def _capped(inp: ServiceInputs, base: Decimal, n: Decimal, steps: list[str]) -> tuple[Decimal, Decimal, bool]:
    """第四十七条第二款: above three times the local average wage, three times it for at most 12 years."""
    if inp.local_average_wage is None or base <= 3 * inp.local_average_wage:
        return base, n, False
    cap = 3 * inp.local_average_wage
    steps.append(f"月工资 {num(base)} 元高于当地上年度职工月平均工资的三倍 {num(inp.local_average_wage)} × 3 = "
                 f"{num(cap)} 元，按 {num(cap)} 元计算")
    if n > 12:
        steps.append(f"月工资超过三倍封顶时年限最多算 12 年，{num(n)} 个月改按 12 个月")
        n = Decimal(12)
    return cap, n, True


def _standard(inp: ServiceInputs, kind: str, multiplier: int, before_2008: str = "whole") -> CalcResult:
    """The 第四十七条 standard (N × monthly wage, with the floor and the caps), times ``multiplier``.

    ``before_2008`` says how service before 2008-01-01 counts (劳动合同法第九十七条第三款): "whole" (with the rest,
    as 实施条例第二十五条 does for 赔偿金), "old_rules" (apart, under the rules of the time, without the caps) or
    "excluded" (not at all: 合同期满终止 gave no compensation before 2008).
    """
    months, days, steps = _service(inp)
    res = CalcResult(kind=kind, title="")
    split = before_2008 != "whole" and inp.start_date is not None and inp.start_date < LCL_2008
    pre, post = _split_2008(inp) if split else (None, (months, days))
    base = _wage_base(inp, steps)
    n, base_post, capped, pre_n = Decimal(0), base, False, Decimal(0)
    if post is not None:
        n, n_text = compensation_months(*post)
        steps.append(("2008年1月1日以后的年限：" if split else "") + n_text)
        base_post, n, capped = _capped(inp, base, n, steps)
    terms = [f"{num(base_post)} × {num(n)}" + (f" × {multiplier}" if multiplier != 1 else "")] if post else []
    amount = base_post * n * multiplier
    if pre is not None and before_2008 == "excluded":
        steps.append(f"2008年1月1日以前的 {span_text(*pre)} 不计算经济补偿（劳动合同法第九十七条第三款："
                     "合同期满终止的经济补偿年限自2008年1月1日起算）")
    elif pre is not None:
        pre_n, pre_text = _old_rule_months(*pre)
        pre_amount = money(base * pre_n)
        steps.append(f"2008年1月1日以前的年限（2008年前按当时规定，仅供参考）：{pre_text}，按实际月工资、不封顶："
                     f"{num(base)} × {num(pre_n)} = {yuan(pre_amount)}")
        res.amounts["2008年以后的部分"] = money(amount)
        res.amounts["2008年以前的部分（2008年前按当时规定，仅供参考）"] = pre_amount
        terms.append(f"{num(base)} × {num(pre_n)}")
        amount += base * pre_n
        res.assumptions.append("2008年以前的年限按当时的规定（劳动部《违反和解除劳动合同的经济补偿办法》，劳部发〔1994〕481号，"
                               "本库未收录原文）：每满一年发给一个月工资，不满一年按一年；其中协商解除、不能胜任工作解除的"
                               "最多12个月，本结果未套用这一上限；当时是否属于应付经济补偿的情形，以当时规定为准")
    amount = money(amount)
    res.formula = " + ".join(terms or ["0"]) + f" = {yuan(amount)}"
    steps.append(res.formula)
    res.amount, res.steps = amount, steps
    res.result = {"service_months": months, "service_extra_days": days, "compensation_months": str(n),
                  "wage_base": str(base_post), "capped": capped}
    if pre is not None:
        res.result.update(months_before_2008=pre[0], compensation_months_before_2008=str(pre_n))
    res.assumptions.append("月工资指应得工资，包括计时或计件工资以及奖金、津贴和补贴等货币性收入；"
                           "工作不满12个月的，按实际工作月数的平均工资计算")
    res.assumptions.append("“六个月以上”包括正好六个月")
    if inp.local_average_wage is None:
        res.local_rules.append("月工资高于本市上年度职工月平均工资三倍的，按三倍封顶且年限最多12年；"
                               "请查当地人社部门公布的上年度职工月平均工资，填入计算器的“当地上年度职工月平均工资”一项")
    if inp.local_minimum_wage is None:
        res.local_rules.append("月平均工资低于当地最低工资标准的，按最低工资标准计算；最低工资标准以当地公布为准")
    if split:
        res.articles.append(f"{LAW}#97")
    elif multiplier == 1 and inp.start_date is None and months > _months_since_2008():
        res.warnings.append("按所填月数，入职可能在2008年以前：2008年以前的年限要分开按当时的规定计算，"
                            "三倍封顶和十二年上限只适用于2008年以后的年限；请填写入职和离职日期")
    res.articles += [f"{LAW}#47", f"{REG}#27"]
    return res


def _months_since_2008() -> int:
    today = date.today()
    return (today.year - 2008) * 12 + today.month - 1


# reasons whose right to compensation begins with the 2008 law: 终止 (合同期满, 单位破产、关闭) gave none before
_FROM_2008_ONLY = {"contract_expired", "employer_closed"}


def economic_compensation(inp: EconomicCompensationInputs) -> CalcResult:
    res = _standard(inp, "economic_compensation", 1,
                    "excluded" if inp.reason in _FROM_2008_ONLY else "old_rules")
    res.title = "经济补偿"
    res.articles.insert(0, f"{LAW}#46")
    if inp.reason is None:
        res.assumptions.append("假设解除或终止的原因属于第四十六条规定应当支付经济补偿的情形"
                               "（如协商解除由单位提出、第四十条解除、裁员、合同期满单位不续签、劳动者依第三十八条解除等）")
        return res
    what, entitled, article = TERMINATION_REASONS[inp.reason]
    res.articles.append(article)
    if entitled is None:
        res.warnings.append("用人单位违法解除的，可以要求继续履行合同，或者按二倍标准要求赔偿金（见“违法解除赔偿金”），"
                            "赔偿金和经济补偿不能同时拿")
        res.articles.append(f"{REG}#25")
    elif entitled:
        res.steps.insert(0, f"解除原因：{what}，依第四十六条应当支付经济补偿")
    else:
        # the headline, the formula and the last step all say 0; the standard figure is kept apart, labelled
        res.amounts = {"如实际属于应付经济补偿的情形（如因单位过错被迫辞职），按标准应为": res.amount}
        res.steps = [f"解除原因：{what}，法律没有规定这种情形要支付经济补偿", "本情形无经济补偿：0 元"]
        res.amount = Decimal("0.00")
        res.formula = "本情形无经济补偿：0 元"
    res.result["reason"] = inp.reason
    res.result["entitled"] = entitled
    return res


def unlawful_termination(inp: ServiceInputs) -> CalcResult:
    res = _standard(inp, "unlawful_termination", 2)
    res.title = "违法解除或终止劳动合同赔偿金"
    res.steps.insert(0, "赔偿金按经济补偿标准的二倍计算，工作年限从用工之日起算（包括2008年以前的年限）")
    res.assumptions.append("第八十七条的“经济补偿标准”即第四十七条的标准：月工资超过当地平均工资三倍的，"
                           "按三倍封顶、年限最多12年，对从用工之日起的全部年限一并适用")
    res.articles = [f"{LAW}#87", f"{LAW}#48"] + res.articles + [f"{REG}#25"]
    res.warnings.append("拿了赔偿金就不再另拿经济补偿；也可以不要赔偿金而要求继续履行劳动合同")
    return res


def notice_pay(inp: NoticePayInputs) -> CalcResult:
    res = CalcResult(kind="notice_pay", title="代通知金（额外支付的一个月工资）",
                     articles=[f"{LAW}#40", f"{REG}#20", f"{LAW}#46"])
    if inp.notice_days_given is not None and inp.notice_days_given >= 30:
        res.amount = Decimal("0.00")
        res.formula = "已提前三十日书面通知：0 元"
        res.steps = [f"用人单位已提前 {inp.notice_days_given} 天书面通知，不需要再额外支付一个月工资", res.formula]
    else:
        res.amount = money(inp.last_month_wage)
        res.formula = f"{num(inp.last_month_wage)} × 1 = {yuan(res.amount)}"
        given = "没有提前三十日书面通知" if not inp.notice_days_given else f"只提前了 {inp.notice_days_given} 天"
        res.steps = [f"用人单位依第四十条解除，{given}，应额外支付一个月工资",
                     f"按上一个月的工资标准：{num(inp.last_month_wage)} 元 × 1 = {yuan(res.amount)}"]
    res.assumptions.append("只适用于用人单位依第四十条（医疗期满不能工作、不能胜任、客观情况重大变化）解除的情形")
    res.warnings.append("依第四十条解除的，除代通知金外还应支付经济补偿（见“经济补偿”）")
    return res


def months_of_pay(kind: str, start_date: date | None = None, end_date: date | None = None,
                  service_months: int | None = None) -> CalcResult | None:
    """How many months' wages N (or 2N) comes to, when the service is known but the wage is not yet.

    The worker then reads "3 个月工资" before being asked for the wage. Service reaching before 2008 is left to the
    full calculation (the old rules count it differently), so None then.
    """
    if kind not in ("economic_compensation", "unlawful_termination"):
        return None
    if start_date and end_date and end_date >= start_date:
        if start_date < LCL_2008:
            return None
        months, days = months_and_days(start_date, end_date)
        span = f"{cn_date(start_date)} 至 {cn_date(end_date)}，共 {span_text(months, days)}"
    elif service_months is not None and start_date is None and end_date is None:
        months, days = service_months, 0
        span = f"在本单位工作 {span_text(months)}"
    else:
        return None
    n, n_text = compensation_months(months, days)
    factor = 2 if kind == "unlawful_termination" else 1
    total = n * factor
    title = "违法解除赔偿金（按月数）" if factor == 2 else "经济补偿（按月数）"
    formula = f"{num(n)} × 2 = {num(total)} 个月工资" if factor == 2 else f"{num(n)} 个月工资"
    res = CalcResult(kind=kind, title=title, formula=formula,
                     steps=[span, n_text] + ([f"赔偿金为经济补偿标准的二倍：{num(n)} × 2 = {num(total)} 个月工资"]
                                             if factor == 2 else []),
                     articles=[f"{LAW}#47"] + ([f"{LAW}#87"] if factor == 2 else []))
    res.result = {"compensation_months": str(n), "months_of_pay": str(total)}
    res.assumptions.append("还不知道月工资：金额 = 离职前12个月平均月工资 × 上面的月数（月工资高于当地平均工资三倍的另有封顶）")
    return res
