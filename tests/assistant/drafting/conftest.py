"""Cases and a .docx reader shared by the drafting tests."""

from __future__ import annotations

import copy
import io
from datetime import date

import pytest

from assistant.drafting.validation import credit_code_check_char, id_number_check_char

TODAY = date(2026, 11, 20)


def valid_id(first17: str = "11010519900307123") -> str:
    return first17 + id_number_check_char(first17)


def valid_credit_code(first17: str = "91110108MA01ABCD1") -> str:
    return first17 + credit_code_check_char(first17)


WORKER = {"name": "张三", "id_number": valid_id(), "phone": "13800138000", "address": "北京市朝阳区安华路1号",
          "ethnicity": "汉族"}
EMPLOYER = {"name": "北京恒达物流有限公司", "credit_code": valid_credit_code(), "legal_representative": "李四",
            "representative_title": "总经理", "address": "北京市海淀区学院路2号", "phone": "010-62345678"}
UNION = {"name": "北京市海淀区总工会", "level": "区总工会", "contact": "赵六", "phone": "010-82345678",
         "letter_no": "海工监〔2026〕12号"}
EVIDENCE = [{"name": "劳动合同", "source": "申请人保存", "purpose": "证明劳动关系"},
            {"name": "工资银行流水", "source": "中国工商银行", "purpose": "证明工资标准和欠薪数额"}]

FULL_CASES: dict[str, dict] = {
    "arbitration_application": {
        "worker": WORKER, "employer": EMPLOYER, "position": "仓库管理员", "hire_date": "2021年3月1日",
        "end_date": "2026-06-30", "monthly_wage": 8000,
        "claims": [{"item": "支付解除劳动合同经济补偿", "amount": "44000",
                    "basis": "《中华人民共和国劳动合同法》第四十六条、第四十七条"},
                   {"item": "支付2026年4月至6月拖欠工资", "amount": "24000",
                    "basis": "《中华人民共和国劳动合同法》第三十条"}],
        "evidence": EVIDENCE, "witnesses": [{"name": "王五", "address": "北京市朝阳区安华路3号"}],
        "receiving_body": "北京市海淀区劳动人事争议仲裁委员会", "date": "2026-11-18"},
    "inspection_complaint": {
        "worker": WORKER, "employer": EMPLOYER, "position": "仓库管理员", "hire_date": "2021-03-01",
        "unpaid_wages": 24000, "unpaid_period": "2026年4月至6月",
        "violations": ["拖欠2026年4月至6月工资"], "requests": ["责令被投诉单位支付拖欠的工资24000元"],
        "evidence": EVIDENCE, "affected_count": 12, "receiving_body": "北京市海淀区人力资源和社会保障局"},
    "resignation_notice": {
        "worker": WORKER, "employer": EMPLOYER, "position": "仓库管理员", "hire_date": "2021-03-01",
        "grounds": [{"item": 2, "detail": "自2026年4月起连续三个月未支付工资"}, {"item": 3}],
        "termination_date": "2026-07-01"},
    "union_reminder_letter": {
        "union": UNION, "employer": EMPLOYER,
        "violations": ["部分新入职员工超过一个月未订立书面劳动合同"],
        "requests": ["自收到本函之日起与上述员工补签书面劳动合同"]},
    "union_opinion_letter": {
        "union": UNION, "employer": EMPLOYER, "investigation": "本工会劳动法律监督员二人于2026年10月9日到贵单位调查核实",
        "violations": ["拖欠32名职工2026年8月至9月工资"], "requests": ["足额支付拖欠的工资"],
        "evidence": [{"name": "职工工资表", "source": "用人单位提供"}], "affected_count": 32},
    "union_suggestion_letter": {
        "union": UNION, "employer": EMPLOYER, "opinion_letter_date": "2026-10-10",
        "violations": ["拖欠32名职工2026年8月至9月工资"], "requests": ["依法责令该单位限期支付拖欠的工资"],
        "receiving_body": "北京市海淀区人力资源和社会保障局"},
    "procuratorate_referral": {
        "union": UNION, "employer": EMPLOYER, "referral_kinds": ["criminal", "civil_support"],
        "facts": "该单位自2026年6月起拖欠职工工资，法定代表人已失去联系。",
        "unpaid_wages": 386000, "unpaid_period": "2026年6月至9月",
        "affected_workers": [{"name": "王一", "amount_owed": 12000, "period": "2026年6月至9月"},
                             {"name": "王二", "amount_owed": "1.5万元", "period": "2026年6月至9月"}],
        "affected_count": 32, "government_order": "北京市海淀区人力资源和社会保障局于2026年10月15日下达限期支付令，逾期仍未支付",
        "evidence": [{"name": "限期改正指令书", "source": "海淀区人社局"}],
        "receiving_body": "北京市海淀区人民检察院"},
    "legal_aid_application": {
        "worker": WORKER, "employer": EMPLOYER, "aid_matter": 5, "migrant_worker": True,
        "facts": "申请人在被申请单位从事搬运工作，单位拖欠三个月工资。",
        "claims": [{"item": "支付拖欠工资", "amount": 24000}],
        "receiving_body": "北京市海淀区法律援助中心"},
}


@pytest.fixture
def full_case():
    def get(doc_type: str) -> dict:
        return copy.deepcopy(FULL_CASES[doc_type])
    return get


def read_docx(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of the document, in order, one per line."""
    d = read_docx(data)
    lines = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)
