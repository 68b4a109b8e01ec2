"""The calculator registry: kind id → Chinese name, input model and function; ``calculate`` validates and runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.calculators import agreements, compensation, deadlines, injury, leave, overtime, sick_leave, wages
from assistant.calculators.models import CalcResult, CalculatorInputError


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    description: str
    model: type[BaseModel]
    compute: Callable[[Any], CalcResult]

    def required_fields(self) -> list[str]:
        return [n for n, f in self.model.model_fields.items() if f.is_required()]


KINDS: dict[str, Kind] = {k.id: k for k in (
    Kind("economic_compensation", "经济补偿",
         "劳动合同法第四十六、四十七条：每满一年一个月工资，六个月以上按一年，不满六个月半个月；"
         "月工资为前12个月平均工资；高于当地平均工资三倍的按三倍封顶、年限最多12年。",
         compensation.EconomicCompensationInputs, compensation.economic_compensation),
    Kind("unlawful_termination", "违法解除或终止赔偿金",
         "劳动合同法第八十七条：按经济补偿标准的二倍，年限自用工之日起算，不再另付经济补偿。",
         compensation.ServiceInputs, compensation.unlawful_termination),
    Kind("notice_pay", "代通知金",
         "劳动合同法第四十条、实施条例第二十条：单位依第四十条解除而未提前三十日书面通知的，额外支付上一个月工资。",
         compensation.NoticePayInputs, compensation.notice_pay),
    Kind("double_wage", "未签书面合同二倍工资",
         "劳动合同法第八十二条、实施条例第六、七条：从用工满一个月的次日起，最多11个月，每月另付一倍工资；"
         "满一年视为已订立无固定期限合同；注意一年仲裁时效。",
         wages.DoubleWageInputs, wages.double_wage),
    Kind("overtime", "加班费",
         "劳动法第四十四条：工作日延时150%、休息日不能补休200%、法定节假日300%；小时工资 = 月工资 ÷ 21.75 ÷ 8，"
         "也可按日工资或小时工资计算；整天加班按日历分出法定节假日和休息日。",
         overtime.OvertimeInputs, overtime.overtime),
    Kind("wage_rates", "日工资、小时工资折算",
         "折算通知第二条：月计薪天数 (365 − 104) ÷ 12 = 21.75 天，日工资 = 月工资 ÷ 21.75，小时工资 = 月工资 ÷ 174。",
         overtime.WageRatesInputs, overtime.wage_rates),
    Kind("annual_leave", "年休假",
         "职工带薪年休假条例第三条：累计工作满1年5天、满10年10天、满20年15天；未休的按日工资300%支付（另补200%）；"
         "离职时按当年已工作天数折算，不足1整天不付。",
         leave.AnnualLeaveInputs, leave.annual_leave),
    Kind("maternity_leave", "产假",
         "女职工劳动保护特别规定第七条：98天，难产加15天，多胞胎每多1个加15天；流产15天或42天；地方延长天数另填。",
         leave.MaternityLeaveInputs, leave.maternity_leave),
    Kind("probation", "试用期",
         "劳动合同法第十九至二十一条：试用期长度上限和试用期工资下限（约定工资80%且不低于当地最低工资），违法试用期赔偿金。",
         wages.ProbationInputs, wages.probation),
    Kind("work_injury", "工伤待遇",
         "工伤保险条例：一次性伤残补助金（1—10级，27至7个月本人工资）、伤残津贴、停工留薪期、"
         "工亡补助金（全国城镇居民人均可支配收入20倍）；本人工资按当地平均工资60%—300%封底封顶。",
         injury.WorkInjuryInputs, injury.work_injury),
    Kind("sick_pay", "医疗期和病假工资",
         "企业职工患病或非因工负伤医疗期规定第三、四条：按实际工作年限和本单位年限给3至24个月医疗期；"
         "病假工资不得低于当地最低工资标准的80%（原劳动部意见第59条），按日折算为 ÷ 21.75。",
         sick_leave.SickPayInputs, sick_leave.sick_pay),
    Kind("service_period_penalty", "服务期违约金",
         "劳动合同法第二十二条：违约金不得超过培训费用，也不得超过服务期尚未履行部分所应分摊的培训费用；"
         "因单位过错依第三十八条辞职的不付（实施条例第二十六条）。",
         agreements.ServicePeriodInputs, agreements.service_period_penalty),
    Kind("mass_layoff", "经济性裁员人数",
         "劳动合同法第四十一条：裁减20人以上，或不足20人但占职工总数10%以上的，须提前三十日说明情况、听取意见并报告。",
         agreements.MassLayoffInputs, agreements.mass_layoff),
    Kind("deadline", "时效与期限",
         "仲裁时效一年（拖欠工资在职期间不受限）、工伤认定30日/1年、不服裁决15日起诉、辞职提前30日/试用期3日、"
         "单位答复工会意见；给出截止日和剩余天数。",
         deadlines.DeadlineInputs, deadlines.deadline),
)}

_TYPE_MESSAGES = {
    "missing": "必须填写",
    "decimal_parsing": "应当是数字",
    "decimal_type": "应当是数字",
    "int_parsing": "应当是整数",
    "int_type": "应当是整数",
    "int_from_float": "应当是整数",
    "bool_parsing": "应当是“是”或“否”（true/false）",
    "bool_type": "应当是“是”或“否”（true/false）",
    "date_parsing": "应当是日期，格式如 2024-06-30",
    "date_from_datetime_parsing": "应当是日期，格式如 2024-06-30",
    "date_from_datetime_inexact": "应当是日期，不带时间",
    "date_type": "应当是日期，格式如 2024-06-30",
    "finite_number": "应当是有限的数字",
    "list_type": "应当是多个日期，用逗号分隔",
}


def _chinese_message(model: type[BaseModel], err: dict) -> tuple[str, str]:
    loc = [str(p) for p in err.get("loc", ()) if not isinstance(p, int)]
    field = loc[0] if loc else "inputs"
    info = model.model_fields.get(field)
    label = (info.title if info and info.title else field)
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "extra_forbidden":
        known = "、".join(model.model_fields)
        return field, f"不认识的输入项“{field}”，可以填写：{known}"
    if kind in ("greater_than_equal", "greater_than"):
        return field, f"{label}不能小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return field, f"{label}不能大于 {ctx.get('le', ctx.get('lt'))}，请检查是否多输了位数"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return field, f"{label}只能是：{expected}"
    if kind == "value_error" and ctx.get("error"):
        return field, f"{label}：{ctx['error']}"
    if kind in _TYPE_MESSAGES:
        return field, f"{label}{_TYPE_MESSAGES[kind]}"
    return field, f"{label}填写有误"


def parse_inputs(kind: str, inputs: dict[str, Any]) -> tuple[Kind, BaseModel]:
    if kind not in KINDS:
        raise CalculatorInputError("kind", f"没有“{kind}”这种计算，可用的有：" +
                                   "、".join(f"{k}（{v.name}）" for k, v in KINDS.items()))
    spec = KINDS[kind]
    inputs = {name: value for name, value in inputs.items() if value is not None}  # None = not given
    try:
        return spec, spec.model.model_validate(inputs)
    except ValidationError as exc:
        field, message = _chinese_message(spec.model, dict(exc.errors()[0]))
        raise CalculatorInputError(field, message) from None


def calculate(kind: str, **inputs: Any) -> CalcResult:
    """Run calculator ``kind`` on ``inputs`` (strings, numbers, dates). Raises CalculatorInputError on bad input."""
    spec, model = parse_inputs(kind, inputs)
    result = spec.compute(model)
    result.title = result.title or spec.name
    result.articles = list(dict.fromkeys(result.articles))  # keep order, drop repeats
    return result
