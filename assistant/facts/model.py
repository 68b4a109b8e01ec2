"""案情: the worker's situation as one typed model, shared by the answer, the calculators, the documents and the API.

One vocabulary for the whole project: a fact has one name here (``employment.hire_date``, ``pay.monthly_wage`` …)
and every part that needs it reads it from a :class:`CaseFacts`. A fact the worker did not state stays ``None``:
nothing downstream may fill it by guessing.

Each stated fact keeps where it came from (:class:`FactSource`, keyed by its dotted path in ``CaseFacts.sources``):
the turn and the words quoted from it, or "entered by the user", with a confidence.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_CFG = ConfigDict(extra="forbid", validate_assignment=True)

EmployerType = Literal["company", "individual", "platform", "dispatch_agency", "construction_contractor"]
ContractTerm = Literal["fixed", "open_ended", "task"]

# How the employment ended (or is ending). The reason decides N, 2N or nothing, so the values are the legal
# categories, not the words people use; ``reader.py`` maps everyday words onto them.
Termination = Literal[
    "dismissed",                   # 被辞退/开除/炒了, no reason stated or a reason not yet weighed
    "unlawful_dismissal",          # the worker says it was 违法/无故/没有理由 (第四十八、八十七条 → 2N)
    "no_fault_dismissal",          # 第四十条: 不能胜任 / 医疗期满 / 客观情况重大变化 (N + 代通知金)
    "employee_fault_dismissal",    # 第三十九条: 严重违纪, 试用期不符合录用条件 … (nothing owed if lawful)
    "layoff",                      # 第四十一条 经济性裁员
    "mutual_by_employer",          # 协商解除, proposed by the employer (N)
    "mutual_by_worker",            # 协商解除, proposed by the worker (nothing)
    "mutual",                      # 协商解除, who proposed it not stated
    "contract_expired",            # 合同到期不续签 (第四十四、四十六条第五项)
    "employer_closed",             # 公司倒闭/破产/注销
    "employer_fault_resignation",  # 第三十八条: the worker quits because the employer did not pay, insure … (N)
    "resigned",                    # the worker quit of their own accord (第三十七条, nothing)
    "retired",                     # 达到退休年龄/开始领养老金 (第四十四条第二项)
]

ResignationReason = Literal[
    "unpaid_wages",           # 第三十八条第一款第（二）项
    "no_social_insurance",    # 第（三）项
    "unsafe_conditions",      # 第（一）项 未提供劳动保护或者劳动条件
    "unlawful_rules",         # 第（四）项
    "deceptive_contract",     # 第（五）项
    "forced_labor",           # 第二款: 暴力、威胁、违章指挥
    "personal",               # 个人原因
]

Want = Literal[
    "compensation",        # 补偿/赔偿
    "back_wages",          # 讨回工资
    "reinstatement",       # 恢复劳动关系/继续上班
    "overtime_pay",
    "double_wage",
    "social_insurance",    # 补缴社保
    "injury_benefits",
    "leave",               # 年假、产假等休假
    "resign",              # 想辞职
    "documents",           # 离职证明、档案
    "unemployment_benefits",  # 领失业保险金
]


class Worker(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="姓名")
    sex: Literal["男", "女"] | None = Field(None, title="性别")
    birth_date: date | None = Field(None, title="出生日期")
    id_number: str | None = Field(None, title="公民身份号码")
    phone: str | None = Field(None, title="联系电话")
    address: str | None = Field(None, title="住址")
    job: str | None = Field(None, title="工作岗位")
    age: int | None = Field(None, title="年龄", ge=10, le=100)
    past_retirement_age: bool | None = Field(None, title="已超过法定退休年龄")
    receiving_pension: bool | None = Field(None, title="已领取养老保险待遇")


class Employer(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="用人单位名称")
    legal_representative: str | None = Field(None, title="法定代表人")
    address: str | None = Field(None, title="用人单位地址")
    type: EmployerType | None = Field(None, title="用工主体类型")
    headcount: int | None = Field(None, title="单位职工总数（人）", ge=1, le=10000000,
                                  description="裁员是否达到第四十一条的人数或比例，要与职工总数比较")


class Employment(BaseModel):
    model_config = _CFG
    hire_date: date | None = Field(None, title="入职日期", description="第一天上班（用工之日），不是续签或转正的日子")
    service_months: int | None = Field(None, title="工作月数", ge=0, le=720,
                                       description="只说了“干了3年”而没有日期时，在本单位工作的总月数")
    contract_signed: bool | None = Field(None, title="签了书面劳动合同")
    contract_term: ContractTerm | None = Field(None, title="合同期限类型")
    contract_end_date: date | None = Field(None, title="合同到期日")
    contract_signed_date: date | None = Field(None, title="补签书面合同日期",
                                              description="用工以后才签书面劳动合同的，签订那天（二倍工资算到前一天）")
    renewal_dates: list[date] = Field(default_factory=list, title="续签日期")
    probation: bool | None = Field(None, title="在试用期")
    probation_months: int | None = Field(None, title="试用期（月）", ge=0, le=24)
    probation_served: bool | None = Field(None, title="约定的试用期已经履行完",
                                          description="试用期已经干满（违法试用期已履行的部分按第八十三条赔偿）")
    contract_months: int | None = Field(None, title="合同期限（月）", ge=0, le=240)
    dispatch: bool | None = Field(None, title="劳务派遣")
    part_time: bool | None = Field(None, title="非全日制用工")
    platform_work: bool | None = Field(None, title="平台用工（外卖、骑手、网约车等）")
    training_cost: Decimal | None = Field(None, title="单位出资的专项培训费用（元）", ge=0)
    service_period_months: int | None = Field(None, title="约定的服务期（月）", ge=1, le=600)
    service_period_served_months: int | None = Field(None, title="服务期已经履行（月）", ge=0, le=600)
    agreed_penalty: Decimal | None = Field(None, title="约定的服务期违约金（元）", ge=0)


class Pay(BaseModel):
    model_config = _CFG
    monthly_wage: Decimal | None = Field(None, title="月工资（元）", ge=0)
    daily_wage: Decimal | None = Field(None, title="日工资（元/天）", ge=0,
                                       description="劳动者说的是一天多少钱（不是月工资）")
    hourly_wage: Decimal | None = Field(None, title="小时工资（元/小时）", ge=0)
    post_probation_wage: Decimal | None = Field(None, title="试用期满（转正）后的月工资（元）", ge=0)
    probation_wage: Decimal | None = Field(None, title="试用期内的月工资（元）", ge=0)
    composition: str | None = Field(None, title="工资构成", description="如 底薪+提成、计件")
    all_inclusive: bool | None = Field(None, title="包薪制（加班费包含在工资里）")
    local_average_wage: Decimal | None = Field(None, title="当地上年度职工月平均工资（元）", ge=0)
    local_minimum_wage: Decimal | None = Field(None, title="当地月最低工资标准（元）", ge=0)


class Hours(BaseModel):
    model_config = _CFG
    weekday_overtime: Decimal | None = Field(None, title="工作日延时加班（小时/月）", ge=0)
    restday_overtime: Decimal | None = Field(None, title="休息日加班（小时/月）", ge=0)
    holiday_overtime: Decimal | None = Field(None, title="法定节假日加班（小时/月）", ge=0)
    whole_days_from: date | None = Field(None, title="整天加班的第一天",
                                         description="如 国庆 10月1日—10月7日 都在加班：按日历分出节假日和休息日")
    whole_days_to: date | None = Field(None, title="整天加班的最后一天")


class Event(BaseModel):
    model_config = _CFG
    termination: Termination | None = Field(None, title="劳动关系怎么结束的")
    termination_reason: str | None = Field(None, title="单位给出的理由", description="原话，如 不能胜任工作")
    resignation_reason: ResignationReason | None = Field(None, title="辞职原因")
    last_place_elimination: bool | None = Field(None, title="末位淘汰")
    injury: bool | None = Field(None, title="工伤或在工作中受伤")
    injury_grade: int | None = Field(None, title="伤残等级", ge=1, le=10)
    death: bool | None = Field(None, title="因工死亡")
    dependant_spouse: bool | None = Field(None, title="有靠死者生前供养、没有劳动能力的配偶",
                                          description="工亡时的供养亲属抚恤金（工伤保险条例第三十九条）")
    occupational_disease: bool | None = Field(None, title="职业病")
    illness: bool | None = Field(None, title="患病或非因工负伤")
    sick_leave_days: int | None = Field(None, title="病假天数", ge=1, le=1000)
    pregnant: bool | None = Field(None, title="怀孕")
    maternity: bool | None = Field(None, title="产期（生育、产假）")
    nursing: bool | None = Field(None, title="哺乳期")
    babies: int | None = Field(None, title="胎数", ge=1, le=9)
    difficult_birth: bool | None = Field(None, title="难产")
    unpaid_wages: bool | None = Field(None, title="被拖欠工资")
    unpaid_months: int | None = Field(None, title="拖欠月数", ge=0, le=600)
    unpaid_amount: Decimal | None = Field(None, title="拖欠金额（元）", ge=0)
    wage_iou: bool | None = Field(None, title="单位出具了欠条")
    no_social_insurance: bool | None = Field(None, title="没交社保")
    low_insurance_base: bool | None = Field(None, title="社保缴费基数过低")
    pay_cut: bool | None = Field(None, title="降薪")
    unequal_pay: bool | None = Field(None, title="同工不同酬（同样的活，工资比别人低）")
    relationship_disputed: bool | None = Field(None, title="单位不承认劳动关系")
    layoff_count: int | None = Field(None, title="这次裁减的人数", ge=1, le=10000000)
    transfer: bool | None = Field(None, title="调岗")


class Dates(BaseModel):
    model_config = _CFG
    leave_date: date | None = Field(None, title="离职日期", description="劳动关系解除或终止之日（最后一天）")
    injury_date: date | None = Field(None, title="受伤日期")
    dispute_date: date | None = Field(None, title="争议发生日期", description="知道或应当知道权利被侵害之日")
    injury_diagnosis_date: date | None = Field(None, title="职业病诊断日期")
    award_received_date: date | None = Field(None, title="收到仲裁裁决书日期")


class Place(BaseModel):
    model_config = _CFG
    province: str | None = Field(None, title="省份", description="如 广东省、上海市")
    city: str | None = Field(None, title="城市", description="如 深圳市")


class FactSource(BaseModel):
    """Where one fact came from."""

    model_config = ConfigDict(extra="forbid")
    by: Literal["rules", "llm", "user"] = "rules"
    turn: int | None = Field(None, description="0 = the first user message; None when entered by the user")
    quote: str = Field("", description="the words of that turn the fact was read from")
    confidence: float = Field(1.0, ge=0, le=1)
    approximate: bool = Field(False, description="a date without its day, or a figure given as about (大概)")


class FactChange(BaseModel):
    """A later statement that replaced an earlier one ("不对，是2019年进的厂")."""

    model_config = ConfigDict(extra="forbid")
    path: str
    old: Any
    new: Any
    turn: int | None = None


class FactNote(BaseModel):
    """A fact that needs the worker's word: two statements that disagree, or a figure that cannot be right."""

    model_config = ConfigDict(extra="forbid")
    path: str
    message: str = Field(description="中文说明，直接展示给劳动者")


GROUPS = ("worker", "employer", "employment", "pay", "hours", "event", "dates", "place")


class CaseFacts(BaseModel):
    """What the worker said about their case, read once and kept across the conversation."""

    model_config = _CFG
    worker: Worker = Field(default_factory=Worker, title="劳动者")
    employer: Employer = Field(default_factory=Employer, title="用人单位")
    employment: Employment = Field(default_factory=Employment, title="用工情况")
    pay: Pay = Field(default_factory=Pay, title="工资")
    hours: Hours = Field(default_factory=Hours, title="加班")
    event: Event = Field(default_factory=Event, title="发生了什么")
    dates: Dates = Field(default_factory=Dates, title="日期")
    place: Place = Field(default_factory=Place, title="地点")
    wants: list[Want] = Field(default_factory=list, title="想要什么")
    sources: dict[str, FactSource] = Field(default_factory=dict, title="来源",
                                           description="dotted path → where that fact came from")
    changes: list[FactChange] = Field(default_factory=list, title="更正")
    conflicts: list[FactNote] = Field(default_factory=list, title="矛盾",
                                      description="两处说法对不上、无法自动判断的事实")
    implausible: list[FactNote] = Field(default_factory=list, title="不合理",
                                        description="不合常理、需要确认的数字或日期")

    # ---- dotted access, so every part names a fact the same way
    def get(self, path: str) -> Any:
        group, _, name = path.partition(".")
        if not name:
            return getattr(self, group)
        return getattr(getattr(self, group), name)

    def set(self, path: str, value: Any, source: FactSource | None = None) -> None:
        group, _, name = path.partition(".")
        if not name:
            setattr(self, group, value)
        else:
            setattr(getattr(self, group), name, value)
        if source is not None:
            self.sources[path] = source

    def stated(self) -> dict[str, Any]:
        """Every fact that has a value, by dotted path (``{"pay.monthly_wage": Decimal("8000"), …}``)."""
        out: dict[str, Any] = {}
        for group in GROUPS:
            for name, value in getattr(self, group):
                if value is not None and value != []:
                    out[f"{group}.{name}"] = value
        if self.wants:
            out["wants"] = list(self.wants)
        return out

    def doubtful(self) -> frozenset[str]:
        """Paths that are in conflict or implausible: nothing may be computed from them."""
        return frozenset(n.path for n in self.conflicts + self.implausible)

    def is_empty(self) -> bool:
        return not self.stated()


def fact_paths() -> dict[str, str]:
    """Every fact's dotted path → its Chinese label (for cards, questions and error messages)."""
    out: dict[str, str] = {}
    for group in GROUPS:
        model = CaseFacts.model_fields[group].annotation
        for name, info in model.model_fields.items():  # type: ignore[union-attr]
            out[f"{group}.{name}"] = info.title or name
    out["wants"] = CaseFacts.model_fields["wants"].title or "wants"
    return out
