"""The case a document is drafted from: one pydantic model shared by every document type.

Each document type uses a part of it (see ``catalog.py``). Values are kept as the user wrote them (strings) and
checked afterwards (``validation.py``) so that a wrong value becomes a warning, not a refusal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from assistant.drafting.validation import parse_amount

# An unknown key is an error naming it, never silently dropped: a misspelt field would vanish from the document.
_CFG = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)
_SEX = {"男": "男", "男性": "男", "女": "女", "女性": "女", "male": "男", "female": "女", "m": "男", "f": "女"}


def _amount(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    amount = parse_amount(value)
    if amount is None or amount < 0:
        raise ValueError("不是有效金额（如 12000 或 1.2万元）")
    return amount


class Person(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="姓名")
    sex: Literal["男", "女"] | None = Field(None, title="性别", description="男 或 女")
    birth_date: str | None = Field(None, title="出生日期")
    age: int | None = Field(None, title="年龄", ge=0, le=120)
    ethnicity: str | None = Field(None, title="民族")
    id_number: str | None = Field(None, title="公民身份号码")
    phone: str | None = Field(None, title="联系电话")
    address: str | None = Field(None, title="住所")
    occupation: str | None = Field(None, title="职业")

    @field_validator("sex", mode="before")
    @classmethod
    def _read_sex(cls, value):
        if isinstance(value, str):
            return _SEX.get(value.strip().lower(), value.strip()) or None
        return value


class Employer(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="用人单位名称")
    credit_code: str | None = Field(None, title="统一社会信用代码")
    legal_representative: str | None = Field(None, title="法定代表人（主要负责人）")
    representative_title: str | None = Field(None, title="法定代表人职务")
    address: str | None = Field(None, title="用人单位住所")
    phone: str | None = Field(None, title="用人单位联系电话")


class CalcRequest(BaseModel):
    model_config = _CFG
    kind: str = Field(title="计算类型", description="计算器类型，如 economic_compensation")
    inputs: dict[str, Any] = Field(default_factory=dict, title="计算输入")


class Claim(BaseModel):
    model_config = _CFG
    item: str | None = Field(None, title="请求事项", description="如：支付解除劳动合同经济补偿")
    amount: Decimal | None = Field(None, title="金额（元）")
    basis: str | None = Field(None, title="依据", description="如：劳动合同法第四十六条、第四十七条")
    formula: str | None = Field(None, title="计算方式")
    calc: CalcRequest | None = Field(None, title="由计算器计算金额")

    @field_validator("amount", mode="before")
    @classmethod
    def _read_amount(cls, value):
        return _amount(value)


class Evidence(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="证据名称")
    source: str | None = Field(None, title="证据来源")
    purpose: str | None = Field(None, title="证明内容")


class Witness(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="证人姓名")
    address: str | None = Field(None, title="证人住所")
    phone: str | None = Field(None, title="证人联系电话")


class Union(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="工会名称")
    level: str | None = Field(None, title="工会层级", description="如：区总工会（县级以上）")
    contact: str | None = Field(None, title="工会联系人")
    phone: str | None = Field(None, title="工会联系电话")
    address: str | None = Field(None, title="工会地址")
    letter_no: str | None = Field(None, title="文书编号")


class Ground(BaseModel):
    """One 劳动合同法第三十八条 ground: item 1–6 of the first paragraph, or 0 for the second paragraph."""

    model_config = _CFG
    item: int | None = Field(None, title="第三十八条情形", ge=0, le=6)
    detail: str | None = Field(None, title="具体事实")


class AffectedWorker(BaseModel):
    model_config = _CFG
    name: str | None = Field(None, title="姓名")
    id_number: str | None = Field(None, title="公民身份号码")
    phone: str | None = Field(None, title="联系电话")
    amount_owed: Decimal | None = Field(None, title="被拖欠金额（元）")
    period: str | None = Field(None, title="拖欠期间")

    @field_validator("amount_owed", mode="before")
    @classmethod
    def _read_amount(cls, value):
        return _amount(value)


REFERRAL_KINDS = {
    "criminal": "涉嫌拒不支付劳动报酬犯罪线索（刑事检察）",
    "civil_support": "支持劳动者起诉线索（民事检察）",
    "administrative": "行政检察监督线索",
    "public_interest": "公益诉讼线索",
}


class Case(BaseModel):
    model_config = _CFG
    worker: Person = Field(default_factory=Person, title="劳动者（申请人）")
    employer: Employer = Field(default_factory=Employer, title="用人单位")
    union: Union = Field(default_factory=Union, title="工会")
    position: str | None = Field(None, title="工作岗位")
    hire_date: str | None = Field(None, title="入职日期")
    end_date: str | None = Field(None, title="离职日期")
    service_length: str | None = Field(None, title="工作年限")
    monthly_wage: Decimal | None = Field(None, title="月工资（元）")
    unpaid_wages: Decimal | None = Field(None, title="被拖欠工资（元）")
    unpaid_period: str | None = Field(None, title="欠薪期间")
    facts: str | None = Field(None, title="事实经过")
    reasons: str | None = Field(None, title="理由")
    claims: list[Claim] = Field(default_factory=list, title="请求事项")
    evidence: list[Evidence] = Field(default_factory=list, title="证据")
    witnesses: list[Witness] = Field(default_factory=list, title="证人")
    grounds: list[Ground] = Field(default_factory=list, title="解除理由（第三十八条情形）")
    termination_date: str | None = Field(None, title="解除日期")
    violations: list[str] = Field(default_factory=list, title="违法情形")
    requests: list[str] = Field(default_factory=list, title="要求事项")
    investigation: str | None = Field(None, title="调查核实情况")
    opinion_letter_date: str | None = Field(None, title="意见书发出日期")
    employer_response: str | None = Field(None, title="用人单位答复或整改情况")
    referral_kinds: list[str] = Field(default_factory=list, title="线索类别",
                                      description="criminal / civil_support / administrative / public_interest")
    affected_workers: list[AffectedWorker] = Field(default_factory=list, title="涉及劳动者")
    affected_count: int | None = Field(None, title="涉及劳动者人数", ge=0)
    government_order: str | None = Field(None, title="政府有关部门责令支付情况")
    requested_supervision: list[str] = Field(default_factory=list, title="请求检察机关开展的监督")
    aid_matter: int | None = Field(None, title="法律援助事项（法律援助法第三十一条第几项）", ge=1, le=9)
    hardship: str | None = Field(None, title="经济困难情况")
    migrant_worker: bool | None = Field(None, title="是否进城务工人员")
    receiving_body: str | None = Field(None, title="接收机关")
    date: str | None = Field(None, title="文书日期")
    copies: int | None = Field(None, title="副本份数", ge=0, le=99)

    @field_validator("monthly_wage", "unpaid_wages", mode="before")
    @classmethod
    def _read_amount(cls, value):
        return _amount(value)

    @field_validator("claims", "evidence", "witnesses", "affected_workers", "grounds", mode="before")
    @classmethod
    def _list_of_objects(cls, value, info: ValidationInfo):
        """A single object is accepted where a list is expected; a plain string (or a ground's number) becomes the
        object's main field: ``"evidence": ["工资欠条"]`` is the evidence named 工资欠条."""
        if value is None:
            return []
        if isinstance(value, (dict, str, int)) and not isinstance(value, bool):
            value = [value]
        if isinstance(value, list):
            value = [_main_field(info.field_name, v) for v in value]
        return value

    @field_validator("migrant_worker", mode="before")
    @classmethod
    def _yes_no(cls, value):
        return {"是": True, "否": False}.get(value.strip(), value) if isinstance(value, str) else value

    @field_validator("violations", "requests", "requested_supervision", "referral_kinds", mode="before")
    @classmethod
    def _list_of_strings(cls, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [line.strip(" 　-•·") for line in value.splitlines() if line.strip(" 　-•·")]
        return value


# the field a bare value in a list of objects fills: 「工资欠条」 in evidence is its name, 2 in grounds its item
MAIN_FIELD = {"claims": "item", "evidence": "name", "witnesses": "name", "affected_workers": "name",
              "grounds": "detail"}


def _main_field(list_name: str | None, value: Any) -> Any:
    if list_name == "grounds" and isinstance(value, int) and not isinstance(value, bool):
        return {"item": value}
    if list_name == "grounds" and isinstance(value, str) and value.strip().isdigit():
        return {"item": int(value.strip())}
    if isinstance(value, str) and list_name in MAIN_FIELD:
        return {MAIN_FIELD[list_name]: value}
    return value


def label_of(loc: tuple) -> str:
    """A field location in Chinese, read as one name: ('employer', 'phone') → 用人单位联系电话 (not
    用人单位·用人单位联系电话), ('worker', 'age') → 劳动者年龄; list items are numbered (请求事项第1项·金额（元））."""
    model: type[BaseModel] | None = Case
    label = ""
    for key in loc:
        if isinstance(key, int):
            label = f"{label}第{key + 1}项"
            continue
        field = model.model_fields.get(key) if model else None
        title = (field.title or str(key)) if field is not None else str(key)
        label = _join(label, title)
        if field is None:
            model = None
            continue
        ann = field.annotation
        args = getattr(ann, "__args__", ()) or (ann,)
        inner = [a for arg in args for a in (getattr(arg, "__args__", ()) or (arg,))]  # list[Claim] → Claim
        model = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return label


def _join(parent: str, child: str) -> str:
    """劳动者（申请人） + 姓名 → 劳动者姓名; 用人单位 + 用人单位联系电话 → 用人单位联系电话; a list item keeps a ·."""
    if not parent:
        return child
    if parent.endswith("项"):
        return f"{parent}·{child}"
    short = parent.split("（")[0]
    if child.startswith(short) or child.startswith(short[:2]):
        return child
    return short + child
