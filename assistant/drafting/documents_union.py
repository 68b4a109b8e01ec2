"""Documents a union issues: 一函两书 (reminder, opinion and suggestion letters) and the clue referral to a
procuratorate.

The union supervision rules and the 2025 union–procuratorate cooperation rules are not in the statute corpus, so
these letters cite only the statutes that are (劳动法第八十八条, 劳动合同法第七十八条, 工会法, 刑法, 民事诉讼法) and
describe the rules in their own words, never quoting them.
"""

from __future__ import annotations

from assistant.drafting.blocks import Document, blank
from assistant.drafting.case import REFERRAL_KINDS
from assistant.drafting.compose import Ctx, employer_pairs, evidence_table
from assistant.drafting.validation import money

_SUPERVISION_BASIS = "《中华人民共和国劳动法》第八十八条、《中华人民共和国劳动合同法》第七十八条"


def _letter_head(doc: Document, ctx: Ctx, to: str) -> None:
    if ctx.case.union.letter_no:
        doc.add("number", ctx.case.union.letter_no)
    doc.add("to", f"{to}：")


def _union_signature(doc: Document, ctx: Ctx) -> None:
    u = ctx.case.union
    lines = [f"{ctx.val('union.name')}（盖章）", ctx.doc_date]
    doc.add("signature", lines=lines)
    contact = "；".join(x for x in (f"联系人：{u.contact}" if u.contact else "",
                                     f"联系电话：{u.phone}" if u.phone else "",
                                     f"地址：{u.address}" if u.address else "") if x)
    if contact:
        doc.add("para", contact)


def _items(ctx: Ctx, attr: str, label: str) -> list[str]:
    return [x.rstrip("。；;") + "。" for x in getattr(ctx.case, attr)] or [blank(label)]


def union_reminder_letter(ctx: Ctx) -> Document:
    doc = Document("工会劳动法律监督提示函")
    _letter_head(doc, ctx, ctx.val("employer.name"))
    doc.add("para", f"依据{_SUPERVISION_BASIS}的规定，工会依法对用人单位遵守劳动法律、法规的情况进行监督。"
                    "本工会在劳动法律监督工作中了解到，贵单位在用工管理中存在以下需要注意的情形或风险：")
    doc.add("items", lines=_items(ctx, "violations", "提示事项"))
    if ctx.facts:
        doc.add("para", ctx.facts)
    doc.add("para", "为维护职工合法权益、预防劳动争议，现提示贵单位：")
    doc.add("items", lines=_items(ctx, "requests", "提示贵单位采取的措施")
            if ctx.case.requests else ["对照有关劳动法律法规进行自查，依法履行用人单位义务；如存在问题，及时纠正。"])
    doc.add("para", "如有疑问，请与本工会联系。")
    _union_signature(doc, ctx)
    return doc


def union_opinion_letter(ctx: Ctx) -> Document:
    c = ctx.case
    doc = Document("工会劳动法律监督意见书")
    _letter_head(doc, ctx, ctx.val("employer.name"))
    found = c.investigation or "本工会经调查核实"
    doc.add("para", f"依据{_SUPERVISION_BASIS}和《中华人民共和国工会法》的有关规定，工会对用人单位履行劳动合同、"
                    f"遵守劳动法律法规的情况进行监督。{found.rstrip('。，')}，贵单位存在以下违反劳动法律法规的行为：")
    doc.add("items", lines=_items(ctx, "violations", "违法行为"))
    if c.affected_count:
        doc.add("para", f"上述行为涉及职工约{c.affected_count}人。")
    if ctx.facts:
        doc.add("para", ctx.facts)
    doc.add("para", "上述行为损害了职工的合法权益。本工会依法提出以下意见，要求贵单位予以纠正：")
    doc.add("items", lines=_items(ctx, "requests", "整改要求"))
    doc.add("para", "请贵单位自收到本意见书之日起十五个工作日内，将整改情况书面答复本工会。逾期不答复或者拒不整改的，"
                    "本工会将依法提请劳动行政部门等有关部门处理；涉嫌违法犯罪或损害公共利益的，可依法向检察机关"
                    "移送线索。")
    _union_signature(doc, ctx)
    evidence_table(doc, ctx, "调查核实材料")
    doc.add("para", "送达回执：签收单位（盖章）＿＿＿＿＿＿　签收人＿＿＿＿　日期＿＿＿年＿＿月＿＿日")
    return doc


def union_suggestion_letter(ctx: Ctx) -> Document:
    c = ctx.case
    doc = Document("工会劳动法律监督建议书")
    _letter_head(doc, ctx, ctx.val("receiving_body"))
    doc.add("para", f"本工会于{ctx.val('opinion_letter_date')}向{ctx.val('employer.name')}发出《工会劳动法律监督"
                    "意见书》，指出其存在下列违反劳动法律法规的行为，并要求其在十五个工作日内书面答复、予以纠正：")
    doc.add("items", lines=_items(ctx, "violations", "违法行为"))
    response = c.employer_response or "该单位逾期未作书面答复，亦未整改"
    doc.add("para", f"{response.rstrip('。')}。" + (f"上述行为涉及职工约{c.affected_count}人。"
                                                    if c.affected_count else ""))
    if ctx.facts:
        doc.add("para", ctx.facts)
    doc.add("fields", "被建议查处单位", pairs=employer_pairs(ctx))
    doc.add("para", f"依据{_SUPERVISION_BASIS}的规定，本工会建议贵部门依法调查处理：")
    doc.add("items", lines=_items(ctx, "requests", "建议事项"))
    doc.add("para", "请贵部门自收到本建议书之日起五个工作日内作出是否立案的决定，并将立案及处理结果告知本工会。")
    _union_signature(doc, ctx)
    evidence_table(doc, ctx, "附件材料")
    return doc


_REQUESTED = {
    "criminal": "对涉嫌拒不支付劳动报酬犯罪的线索依法审查，对应当立案而未立案的依法开展立案监督",
    "civil_support": "依据《中华人民共和国民事诉讼法》第十五条的规定，支持劳动者向人民法院起诉",
    "administrative": "对有关行政机关履职情况依法开展行政检察监督",
    "public_interest": "对损害不特定多数劳动者利益的情形依法开展公益诉讼调查",
}
_KIND_BASIS = {
    "criminal": "《中华人民共和国刑法》第二百七十六条之一",
    "civil_support": "《中华人民共和国民事诉讼法》第十五条",
}


def procuratorate_referral(ctx: Ctx) -> Document:
    c = ctx.case
    doc = Document("工会向检察机关移送线索函")
    _letter_head(doc, ctx, ctx.val("receiving_body"))
    kinds = [k for k in c.referral_kinds if k in REFERRAL_KINDS]
    kinds_text = "、".join(REFERRAL_KINDS[k] for k in kinds) or blank("线索类别")
    doc.add("para", "根据工会劳动法律监督与检察机关法律监督协作的有关规定（全国总工会、最高人民检察院关于建立健全"
                    "协作机制的办法，本函仅概述，不引用原文），本工会在劳动法律监督中发现以下线索，属于检察机关"
                    f"法律监督范围，现予移送。线索类别：{kinds_text}。")
    doc.add("heading", "一、涉事单位")
    doc.add("fields", pairs=employer_pairs(ctx))
    doc.add("heading", "二、主要事实")
    doc.add("para", ctx.facts)
    if c.unpaid_wages is not None:
        period = f"{c.unpaid_period}期间" if c.unpaid_period else ""
        doc.add("para", f"经初步核实，该单位拖欠劳动者{period}劳动报酬共计{money(c.unpaid_wages)}元。")
    if "criminal" in kinds:
        order = c.government_order or blank("政府有关部门责令支付情况")
        doc.add("para", f"政府有关部门责令支付情况：{order}。依据《中华人民共和国刑法》第二百七十六条之一，"
                        "以转移财产、逃匿等方法逃避支付或者有能力支付而不支付劳动者的劳动报酬，数额较大，经政府"
                        "有关部门责令支付仍不支付的，涉嫌拒不支付劳动报酬罪。")
    doc.add("heading", "三、涉及劳动者")
    if c.affected_workers:
        doc.add("table", "涉及劳动者名单", header=["序号", "姓名", "联系电话", "被拖欠金额（元）", "拖欠期间"],
                rows=[[str(i), w.name or blank("姓名"), w.phone or "",
                       money(w.amount_owed) if w.amount_owed is not None else "", w.period or ""]
                      for i, w in enumerate(c.affected_workers, 1)])
    count = c.affected_count if c.affected_count is not None else None
    doc.add("para", f"涉及劳动者共{count}人。" if count is not None else f"涉及劳动者人数：{blank('涉及劳动者')}。")
    doc.add("heading", "四、已掌握的证据")
    evidence_table(doc, ctx, "")
    if not c.evidence:
        doc.add("para", "（暂无书面证据，可由检察机关依法调查取证，本工会予以配合。）")
    doc.add("heading", "五、请求开展的监督")
    requested = c.requested_supervision or [_REQUESTED[k] for k in kinds]
    doc.add("items", lines=[r.rstrip("。") + "。" for r in requested] or [blank("请求开展的监督")])
    basis = "、".join(_KIND_BASIS[k] for k in kinds if k in _KIND_BASIS)
    tail = f"上述请求的法律依据为{basis}。" if basis else ""
    doc.add("para", tail + "本工会将配合检察机关开展调查核实，并及时反馈相关情况。")
    doc.add("para", "特此函告。")
    _union_signature(doc, ctx)
    return doc
