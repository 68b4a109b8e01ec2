"""Hand-offs (多端联动): a referral is a record with its target, its documents, where it stands (prepared → sent →
received → result) and the date of each step.

What each target gets when the referral is prepared:

- ``mediation``: the fields an online mediation application asks for (parties, request, facts; 劳动争议调解仲裁法第十二条);
- ``arbitration``: the 仲裁申请书 drafted from the case, the evidence list, and the number of copies
  (one, plus a copy for each respondent: 第二十八条);
- ``labor_inspection``: the 投诉书;
- ``legal_aid``: the application, a pre-check of the matter against 法律援助法第三十一条 and of the hardship rule
  (第四十一条, exemptions in 第四十二条), and the materials to bring;
- ``procuratorate``: the 线索移送函, and a request for 支持起诉 (民事诉讼法第十五条) when ``support_prosecution`` is set;
- ``employer``: the union's 提示函 (``letter``: reminder), 意见书 (opinion) or 建议书 (suggestion).

A case that is closed refuses new referrals (:class:`CaseClosed`, raised by the service).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from assistant.cases import trace, views
from assistant.cases.db import CaseRow, ReferralRow, aware, utcnow
from assistant.cases.documents import draft_version
from assistant.cases.errors import CaseInputError, InvalidTransition, RecordNotFound
from assistant.cases.models import REFERRAL_STATUSES, REFERRAL_TARGETS, Actor, Referral
from assistant.facts import CaseFacts

ORDER = ("prepared", "sent", "received", "result")
LETTERS = {"reminder": "union_reminder_letter", "opinion": "union_opinion_letter",
           "suggestion": "union_suggestion_letter"}
DOCUMENTS = {"arbitration": "arbitration_application", "labor_inspection": "inspection_complaint",
             "legal_aid": "legal_aid_application", "procuratorate": "procuratorate_referral"}
# the options each target takes; anything else is refused, naming it
OPTIONS: dict[str, set[str]] = {
    "mediation": {"note"}, "arbitration": {"note", "respondents", "fields"},
    "labor_inspection": {"note", "fields"}, "legal_aid": {"note", "fields", "migrant_worker"},
    "procuratorate": {"note", "fields", "support_prosecution"}, "employer": {"note", "fields", "letter"},
}
WANTS = {"compensation": "支付经济补偿或赔偿金", "back_wages": "支付拖欠的工资", "reinstatement": "恢复劳动关系",
         "overtime_pay": "支付加班费", "double_wage": "支付未签劳动合同的二倍工资", "social_insurance": "补缴社会保险",
         "injury_benefits": "支付工伤保险待遇", "leave": "落实休假待遇", "resign": "解除劳动合同",
         "documents": "出具解除或终止劳动合同的证明、办理档案和社会保险关系转移"}


def prepare(session: Session, case: CaseRow, actor: Actor, target: str, details: dict[str, Any],
            drafter: Callable[..., Any]) -> Referral:
    if target not in REFERRAL_TARGETS:
        raise CaseInputError("target", f"移交对象只能是：{'、'.join(REFERRAL_TARGETS)}")
    if not isinstance(details, dict):
        raise CaseInputError("details", "移交的补充信息应为对象。")
    unknown = sorted(set(details) - OPTIONS[target])
    if unknown:
        raise CaseInputError(f"details.{unknown[0]}", f"移交给{REFERRAL_TARGETS[target]}时不认识这一项：{unknown[0]}")
    facts = CaseFacts.model_validate(case.facts or {})
    fields = details.get("fields")
    out: dict[str, Any] = {"note": str(details.get("note") or "")[:2000]}
    docs: list[int] = []

    def draft(doc_type: str) -> None:
        docs.append(draft_version(session, case, actor, doc_type, fields, drafter).id)

    if target == "mediation":
        out["application"] = mediation_fields(facts, case.summary)
    elif target == "arbitration":
        respondents = details.get("respondents") or (2 if facts.employment.dispatch else 1)
        if not isinstance(respondents, int) or not 1 <= respondents <= 20:
            raise CaseInputError("details.respondents", "被申请人人数应为 1 到 20 的整数。")
        draft("arbitration_application")
        out.update(copies=1 + respondents, respondents=respondents, copies_basis="劳动争议调解仲裁法#28",
                   copies_note=f"仲裁申请书正本一份，另按被申请人人数提交副本 {respondents} 份",
                   evidence=[dict(e) for e in case.evidence or []])
    elif target in ("labor_inspection", "legal_aid", "procuratorate"):
        draft(DOCUMENTS[target])
        if target == "legal_aid":
            out.update(legal_aid_check(facts, details.get("migrant_worker"), case.evidence or []))
        if target == "procuratorate" and details.get("support_prosecution"):
            out.update(support_prosecution=True, support_basis="民事诉讼法#15",
                       support_note="请求人民检察院支持劳动者向人民法院起诉")
    else:
        letter = details.get("letter", "reminder")
        if letter not in LETTERS:
            raise CaseInputError("details.letter", "工会函件只能是 reminder（提示函）、opinion（意见书）或 suggestion（建议书）。")
        draft(LETTERS[letter])
        out["letter"] = letter
    row = ReferralRow(case_id=case.id, target=target, status="prepared", documents=docs,
                      details=trace._clean(out), prepared_at=utcnow())
    session.add(row)
    session.flush()
    trace.append(session, case, "referral_prepared", actor, {"referral_id": row.id, "target": target,
                                                              "documents": docs, "details": row.details})
    return views.referral(row)


def advance(session: Session, case: CaseRow, actor: Actor, referral_id: int, status: str,
            result: str | None) -> Referral:
    row = session.get(ReferralRow, referral_id)
    if row is None or row.case_id != case.id:
        raise RecordNotFound("这个案件里没有这条移交记录。")
    if status not in ORDER:
        raise CaseInputError("status", f"移交状态只能是：{'、'.join(ORDER)}")
    if ORDER.index(status) <= ORDER.index(row.status):
        raise InvalidTransition(f"移交已经是「{REFERRAL_STATUSES[row.status]}」，不能改为「{REFERRAL_STATUSES[status]}」。")
    if status == "result" and not result:
        raise CaseInputError("result", "请写明处理结果。")
    now = utcnow()
    for step in ORDER[ORDER.index(row.status) + 1: ORDER.index(status) + 1]:
        setattr(row, f"{step}_at", aware(now))
    row.status = status
    if result:
        row.result = result
    trace.append(session, case, "referral_updated", actor, {"referral_id": row.id, "status": status,
                                                             "result": result})
    return views.referral(row)


def mediation_requests(facts: CaseFacts) -> list[str]:
    """What the worker asks for, in the case's words; a denied employment asks first for its confirmation, on which
    every other request rests."""
    requests = [WANTS[x] for x in facts.wants if x in WANTS]
    if facts.event.relationship_disputed:
        requests.insert(0, "确认双方存在劳动关系")
    return requests


def mediation_fields(facts: CaseFacts, summary: str) -> dict[str, Any]:
    """The online mediation application: parties, request and facts, with what is still missing."""
    w, e = facts.worker, facts.employer
    application: dict[str, Any] = {
        "applicant": {"name": w.name, "sex": w.sex, "phone": w.phone, "id_number": w.id_number, "address": w.address},
        "respondent": {"name": e.name, "legal_representative": e.legal_representative, "address": e.address},
        "requests": mediation_requests(facts),
        "facts": summary,
    }
    labels = {"applicant.name": "申请人姓名", "applicant.phone": "申请人联系电话", "respondent.name": "被申请人名称",
              "requests": "调解请求", "facts": "事实和理由"}
    missing = []
    for path, label in labels.items():
        group, _, name = path.partition(".")
        value = application[group][name] if name else application[group]
        if not value:
            missing.append(label)
    application["missing"] = missing
    application["basis"] = "劳动争议调解仲裁法#12"
    return application


def legal_aid_check(facts: CaseFacts, migrant_worker: Any, evidence: list) -> dict[str, Any]:
    """法律援助 pre-check: is the matter one 第三十一条 lists, must hardship be shown, and what to bring."""
    ev = facts.event
    matters = []
    if ev.unpaid_wages or facts.hours.weekday_overtime or facts.wants and {"back_wages", "overtime_pay"} & set(
            facts.wants) or facts.employment.contract_signed is False or ev.relationship_disputed:
        matters.append("请求确认劳动关系或者支付劳动报酬（法律援助法第三十一条第（五）项）")
    if ev.no_social_insurance or "social_insurance" in facts.wants:
        matters.append("请求给予社会保险待遇（第三十一条第（二）项）")
    if ev.injury or ev.occupational_disease:
        matters.append("请求工伤事故人身损害赔偿（第三十一条第（七）项）")
    wage_or_injury = bool(ev.unpaid_wages or ev.injury or ev.occupational_disease)
    if migrant_worker and wage_or_injury:
        hardship = "进城务工人员申请支付劳动报酬或工伤事故人身损害赔偿，免予核查经济困难状况（第四十二条第（三）项），需带证明材料"
    else:
        hardship = "需如实说明经济困难状况，可作个人诚信承诺（第四十一条）；标准由当地省级政府确定（第三十四条）"
    materials = ["身份证件", "经济困难状况说明或个人诚信承诺书（免予核查的，带相应证明材料）", "法律援助申请表"]
    if facts.employment.contract_signed:
        materials.append("劳动合同")
    else:
        materials.append("能证明劳动关系的材料（工牌、工作服、考勤记录、工资转账记录、聊天记录等）")
    if ev.unpaid_wages:
        materials.append("欠薪证据（工资条、银行流水" + ("、欠条" if ev.wage_iou else "") + "）")
    if ev.injury or ev.occupational_disease:
        materials.append("工伤认定决定书、劳动能力鉴定结论或诊断证明、医疗费票据")
    if ev.termination:
        materials.append("解除或终止劳动合同的通知、证明")
    materials += [str(e.get("name")) for e in evidence if e.get("name")]
    return {"eligible": bool(matters), "matters": matters,
            "eligibility_note": "属于可以申请法律援助的事项" if matters else
            "案情中未看出属于法律援助法第三十一条所列事项，请工作人员核实",
            "hardship": hardship, "materials": list(dict.fromkeys(materials)),
            "basis": ["法律援助法#31", "法律援助法#41", "法律援助法#42"]}
