"""The eight document types: what each is for, who receives it, its legal basis and the fields it needs."""

from __future__ import annotations

import functools
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, Field

from assistant.drafting.case import Case, label_of


class FieldSpec(BaseModel):
    path: str = Field(description="case 中的字段路径，如 worker.name、claims")
    label: str
    required: bool = False
    choices: list[str] = Field(default_factory=list, description="只能从中选择的取值，如 性别：男、女")


class DocumentType(BaseModel):
    id: str
    name: str
    description: str
    receiving_body: str = Field(description="文书递交或送达的机关/单位")
    legal_basis: list[str] = Field(default_factory=list, description="法条 id，如 劳动争议调解仲裁法#28")
    fields: list[FieldSpec] = Field(default_factory=list)
    json_schema: dict[str, Any] = Field(default_factory=dict, description="case 的 JSON Schema（仅本文书用到的字段）")


_WORKER = ["worker.name", "worker.sex", "worker.birth_date", "worker.age", "worker.ethnicity", "worker.id_number",
           "worker.phone", "worker.address", "worker.occupation"]
_EMPLOYER = ["employer.name", "employer.credit_code", "employer.legal_representative",
             "employer.representative_title", "employer.address", "employer.phone"]
_UNION = ["union.name", "union.level", "union.contact", "union.phone", "union.address", "union.letter_no"]

# (id, name, description, receiving body, legal basis, used fields, required fields with their label)
_TYPES: list[tuple[str, str, str, str, list[str], list[str], dict[str, str]]] = [
    ("arbitration_application", "劳动人事争议仲裁申请书",
     "向劳动人事争议仲裁委员会申请仲裁。按劳动争议调解仲裁法第二十八条载明当事人情况、仲裁请求及所根据的事实和理由、"
     "证据和证据来源、证人姓名和住所；每项请求单列一行，写明金额和依据。",
     "用人单位所在地或劳动合同履行地的劳动人事争议仲裁委员会",
     ["劳动争议调解仲裁法#28", "劳动争议调解仲裁法#27"],
     [*_WORKER, *_EMPLOYER, "position", "hire_date", "end_date", "monthly_wage", "facts", "reasons", "claims",
      "evidence", "witnesses", "receiving_body", "date", "copies"],
     {"worker.name": "申请人姓名", "worker.sex": "申请人性别", "worker.age": "申请人年龄",
      "worker.occupation": "申请人职业", "worker.address": "申请人住所", "employer.name": "被申请人名称",
      "employer.address": "被申请人住所", "employer.legal_representative": "被申请人法定代表人（主要负责人）",
      "hire_date": "入职日期", "claims": "仲裁请求", "evidence": "证据及来源", "receiving_body": "仲裁委员会名称"}),
    ("inspection_complaint", "劳动保障监察投诉书",
     "劳动者认为用人单位侵犯其劳动保障权益，向劳动保障行政部门投诉（劳动保障监察条例第九条）。写明投诉人、被投诉单位、"
     "投诉请求、违法事实和证据。违法行为两年内未被发现、举报、投诉的不再查处（第二十条），应尽早投诉。",
     "用人单位所在地县级以上人力资源和社会保障行政部门（劳动保障监察机构）",
     ["劳动保障监察条例#9", "劳动保障监察条例#11", "劳动保障监察条例#20"],
     ["worker.name", "worker.sex", "worker.id_number", "worker.phone", "worker.address", *_EMPLOYER, "position",
      "hire_date", "end_date", "monthly_wage", "unpaid_wages", "unpaid_period", "violations", "facts", "requests",
      "claims", "evidence", "affected_count", "receiving_body", "date"],
     {"worker.name": "投诉人姓名", "worker.phone": "投诉人联系电话", "employer.name": "被投诉单位名称",
      "employer.address": "被投诉单位地址", "requests": "投诉请求", "violations": "违法事实",
      "receiving_body": "受理投诉的劳动保障行政部门"}),
    ("resignation_notice", "被迫解除劳动合同通知书",
     "劳动者依劳动合同法第三十八条单方解除劳动合同的书面通知：写明用人单位的过错、所依据的条款项、解除日期，"
     "并依第四十六条主张经济补偿。直接“辞职”通常拿不到经济补偿，以第三十八条解除才能保留这一权利；送达时保留凭证。",
     "用人单位",
     ["劳动合同法#38", "劳动合同法#46", "劳动合同法#47", "劳动合同法#50"],
     ["worker.name", "worker.id_number", "worker.phone", "employer.name", "position", "hire_date", "grounds",
      "termination_date", "unpaid_wages", "unpaid_period", "monthly_wage", "facts", "date"],
     {"worker.name": "劳动者姓名", "employer.name": "用人单位名称", "hire_date": "入职日期",
      "grounds": "解除理由（第三十八条情形）", "termination_date": "解除日期"}),
    ("union_reminder_letter", "工会劳动法律监督提示函",
     "“一函两书”之一函：工会发现用人单位存在违法苗头或用工风险时，提示其依法履行义务、及时防范（劳动法第八十八条、"
     "劳动合同法第七十八条）。",
     "用人单位",
     ["劳动法#88", "劳动合同法#78"],
     [*_UNION, *_EMPLOYER, "violations", "requests", "facts", "date"],
     {"union.name": "工会名称", "employer.name": "用人单位名称", "violations": "提示事项"}),
    ("union_opinion_letter", "工会劳动法律监督意见书",
     "“一函两书”之意见书：工会经调查核实，要求用人单位纠正违法行为；用人单位应在十五个工作日内书面答复工会。",
     "用人单位",
     ["劳动法#88", "劳动合同法#78", "工会法#22"],
     [*_UNION, *_EMPLOYER, "investigation", "violations", "requests", "facts", "evidence", "affected_count", "date"],
     {"union.name": "工会名称", "employer.name": "用人单位名称", "violations": "违法行为",
      "requests": "整改要求"}),
    ("union_suggestion_letter", "工会劳动法律监督建议书",
     "“一函两书”之建议书：用人单位收到意见书后不整改的，县级以上工会建议劳动行政等部门依法调查处理；"
     "有关部门应在五个工作日内决定是否立案并反馈工会。",
     "县级以上人力资源和社会保障行政部门或其他有关部门",
     ["劳动法#88", "劳动合同法#78"],
     [*_UNION, *_EMPLOYER, "opinion_letter_date", "employer_response", "violations", "requests", "facts",
      "evidence", "affected_count", "receiving_body", "date"],
     {"union.name": "工会名称", "employer.name": "用人单位名称", "receiving_body": "接收建议书的部门",
      "opinion_letter_date": "意见书发出日期", "violations": "违法行为", "requests": "建议事项"}),
    ("procuratorate_referral", "工会向检察机关移送线索函",
     "工会劳动法律监督与检察机关法律监督协作中的线索移送：拒不支付劳动报酬（刑法第二百七十六条之一）、"
     "支持起诉（民事诉讼法第十五条）、行政检察和公益诉讼线索；写明事实、涉及劳动者、证据和请求开展的监督。",
     "有管辖权的人民检察院",
     [],
     [*_UNION, *_EMPLOYER, "referral_kinds", "facts", "unpaid_wages", "unpaid_period", "affected_workers",
      "affected_count", "government_order", "evidence", "requested_supervision", "receiving_body", "date"],
     {"union.name": "工会名称", "receiving_body": "接收线索的人民检察院", "employer.name": "涉事用人单位名称",
      "referral_kinds": "线索类别", "facts": "主要事实", "affected_workers": "涉及劳动者"}),
    ("legal_aid_application", "法律援助申请书",
     "因经济困难没有委托代理人的劳动者，就法律援助法第三十一条所列事项（如确认劳动关系、支付劳动报酬、社会保险待遇、"
     "工伤赔偿）向法律援助机构申请法律援助；进城务工人员申请支付劳动报酬或工伤赔偿的，免予核查经济困难状况（第四十二条）。",
     "法律援助机构（法律援助中心）",
     ["法律援助法#31", "法律援助法#41", "法律援助法#42"],
     ["worker.name", "worker.sex", "worker.birth_date", "worker.ethnicity", "worker.id_number", "worker.phone",
      "worker.address", "employer.name", "employer.address", "aid_matter", "facts", "claims", "hardship",
      "migrant_worker", "evidence", "receiving_body", "date"],
     {"worker.name": "申请人姓名", "worker.id_number": "申请人公民身份号码", "worker.phone": "申请人联系电话",
      "worker.address": "申请人住所", "employer.name": "对方当事人（用人单位）", "aid_matter": "申请法律援助的事项",
      "facts": "案情", "hardship": "经济困难情况", "receiving_body": "法律援助机构名称"}),
]


@functools.cache
def _catalog() -> tuple[DocumentType, ...]:
    return tuple(_build(*t) for t in _TYPES)


def document_types() -> list[DocumentType]:
    """The eight document types, with field lists and a JSON schema of the case fields each one uses.

    Copies: a caller that edits one (an API adding a field) cannot change what the next caller sees."""
    return [t.model_copy(deep=True) for t in _catalog()]


def get_type(doc_type: str) -> DocumentType | None:
    return next((t for t in _catalog() if t.id == doc_type), None)


def required_fields(doc_type: str) -> dict[str, str]:
    return next(dict(t[6]) for t in _TYPES if t[0] == doc_type)


def _build(id_, name, description, body, basis, used, required) -> DocumentType:
    fields = [FieldSpec(path=p, label=required.get(p) or label_of(tuple(p.split("."))), required=p in required,
                        choices=choices_of(p)) for p in used]
    return DocumentType(id=id_, name=name, description=description, receiving_body=body, legal_basis=basis,
                        fields=fields, json_schema=_schema(used, required))


def choices_of(path: str) -> list[str]:
    """The values a field allows when it is a fixed choice (a ``Literal`` in the case model), else []."""
    node: Any = Case
    for part in path.split("."):
        info = node.model_fields.get(part) if isinstance(node, type) and issubclass(node, BaseModel) else None
        if info is None:
            return []
        args = [a for a in get_args(info.annotation) or (info.annotation,) if a is not type(None)]
        node = args[0] if args else None
    if get_origin(node) is Literal:
        return [str(v) for v in get_args(node)]
    return []


def _schema(used: list[str], required: dict[str, str]) -> dict:
    full = Case.model_json_schema()
    tops = list(dict.fromkeys(p.split(".")[0] for p in used))
    schema = {"title": full.get("title", "Case"), "type": "object",
              "properties": {k: full["properties"][k] for k in tops},
              "x-required": list(required), "$defs": full.get("$defs", {})}
    return schema
