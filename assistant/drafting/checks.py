"""Value checks over a whole case, the values that follow from others, and what is still missing.

Warnings name the field and say why; they never repeat the value itself (ID numbers and phones are personal data
and warnings may end up in logs or screenshots).
"""

from __future__ import annotations

from datetime import date

from assistant.drafting.case import Case
from assistant.drafting.catalog import required_fields
from assistant.drafting.paths import value_at
from assistant.drafting.validation import (
    age_on,
    check_credit_code,
    check_id_number,
    check_phone,
    id_birth_date,
    id_sex,
    parse_date,
)

_MONEY_WORDS = ("支付", "赔偿", "补偿", "工资", "加班费", "报酬", "赔偿金", "差额", "费用")


def check_values(case: Case, today: date) -> list[str]:
    """Warnings for invalid ID numbers, credit codes, phones and dates; dates are normalized in place."""
    warnings: list[str] = []

    def id_check(value, label):
        if value and (why := check_id_number(value, today)):
            warnings.append(f"「{label}」无效：{why}")

    def phone_check(value, label):
        if value and (why := check_phone(value)):
            warnings.append(f"「{label}」无效：{why}")

    id_check(case.worker.id_number, "劳动者公民身份号码")
    for i, worker in enumerate(case.affected_workers, 1):
        id_check(worker.id_number, f"涉及劳动者第{i}人公民身份号码")
        phone_check(worker.phone, f"涉及劳动者第{i}人联系电话")
    if case.employer.credit_code and (why := check_credit_code(case.employer.credit_code)):
        warnings.append(f"「统一社会信用代码」无效：{why}")
    phone_check(case.worker.phone, "劳动者联系电话")
    phone_check(case.employer.phone, "用人单位联系电话")
    phone_check(case.union.phone, "工会联系电话")
    for i, witness in enumerate(case.witnesses, 1):
        phone_check(witness.phone, f"证人第{i}人联系电话")

    for attr, label in (("hire_date", "入职日期"), ("end_date", "离职日期"), ("termination_date", "解除日期"),
                        ("opinion_letter_date", "意见书发出日期"), ("date", "文书日期")):
        _normalize_date(case, attr, label, warnings)
    _normalize_date(case.worker, "birth_date", "出生日期", warnings)

    hire, end, quit_ = (parse_date(v) if v else None for v in (case.hire_date, case.end_date, case.termination_date))
    if hire and end and end < hire:
        warnings.append("「离职日期」早于「入职日期」，请核对")
    if hire and quit_ and quit_ < hire:
        warnings.append("「解除日期」早于「入职日期」，请核对")
    if hire and hire > today.isoformat():
        warnings.append("「入职日期」晚于今天，请核对")
    return warnings


def _normalize_date(obj, attr: str, label: str, warnings: list[str]) -> None:
    value = getattr(obj, attr)
    if not value:
        return
    iso = parse_date(value)
    if iso is None:
        warnings.append(f"「{label}」不是有效日期（可写作 2024-03-01 或 2024年3月1日），已按原文保留")
    else:
        setattr(obj, attr, iso)


def derive(case: Case, on: date, auto: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Fill what follows from other fields: birth date and sex from a valid ID number, age, occupation.

    ``auto``: paths filled from the narrative; a job read from it is the 工作岗位 only, never the party block's
    职业 (the person's trade), which staff state themselves."""
    notes: list[str] = []
    w = case.worker
    if w.id_number and check_id_number(w.id_number, on) is None:
        birth, sex = id_birth_date(w.id_number), id_sex(w.id_number)
        if w.birth_date and parse_date(w.birth_date) and parse_date(w.birth_date) != birth.isoformat():
            notes.append("「出生日期」与公民身份号码中的出生日期不一致，请核对")
        if w.sex and w.sex.strip() in {"男", "女"} and w.sex.strip() != sex:
            notes.append("「性别」与公民身份号码不一致，请核对")
        w.birth_date = w.birth_date or birth.isoformat()
        w.sex = w.sex or sex
    if w.age is None and w.birth_date and len(parse_date(w.birth_date) or "") == 10:
        w.age = age_on(date.fromisoformat(parse_date(w.birth_date)), on)
    if not w.occupation and case.position and "position" not in auto:
        w.occupation = case.position
    if case.affected_count is None and case.affected_workers:
        case.affected_count = len(case.affected_workers)
    return notes


def _filled(case: Case, path: str) -> bool:
    """Whether a required field has a value; some requirements are met by either of two fields."""
    alternatives = {
        "requests": ("requests", "claims"),
        "violations": ("violations", "facts", "unpaid_wages"),
        "facts": ("facts",),
        "affected_workers": ("affected_workers", "affected_count"),
        "worker.age": ("worker.age", "worker.birth_date"),
    }
    return any(value_at(case, alt) not in (None, "", [], {}) for alt in alternatives.get(path, (path,)))


def missing_fields(doc_type: str, case: Case) -> list[str]:
    """Chinese labels of the required fields still blank, in the order the document shows them."""
    missing = [label for path, label in required_fields(doc_type).items() if not _filled(case, path)]
    if doc_type == "procuratorate_referral" and "criminal" in case.referral_kinds and not case.government_order:
        missing.append("政府有关部门责令支付情况")
    if doc_type == "legal_aid_application" and "经济困难情况" in missing and aid_exempt(case):
        missing.remove("经济困难情况")
    if doc_type in {"arbitration_application", "inspection_complaint", "legal_aid_application"}:
        for i, claim in enumerate(case.claims, 1):
            if not claim.item:
                missing.append(f"第{i}项请求的内容")
            elif claim.amount is None and asks_money(claim.item):
                missing.append(f"第{i}项请求的金额")
    if doc_type == "arbitration_application":  # 第二十八条: 证据和证据来源
        for i, e in enumerate(case.evidence, 1):
            if e.name and not e.source:
                missing.append(f"第{i}项证据的来源")
    if doc_type == "resignation_notice":
        for i, g in enumerate(case.grounds, 1):
            if g.item is None:
                missing.append(f"第{i}项解除理由对应的第三十八条情形")
    return missing


def asks_money(item: str) -> bool:
    """A claim for money (支付/赔偿/补偿 …) needs an amount; 确认劳动关系 does not."""
    return any(word in item for word in _MONEY_WORDS) and "确认" not in item


def aid_exempt(case: Case) -> bool:
    """法律援助法第四十二条第（三）项: migrant workers claiming wages or work-injury damages skip the means test."""
    return bool(case.migrant_worker) and case.aid_matter in {5, 7}
