"""Documents a worker files: arbitration application, inspection complaint, forced-resignation notice, legal aid."""

from __future__ import annotations

from assistant.drafting.blocks import Document, blank
from assistant.drafting.compose import (
    GROUND_TEXT,
    Ctx,
    claim_lines,
    closing,
    cn_item,
    employer_pairs,
    evidence_table,
    formula_lines,
    ground_article,
    pairs,
    signature,
    worker_pairs,
)
from assistant.drafting.validation import money

AID_MATTERS = {
    1: "依法请求国家赔偿",
    2: "请求给予社会保险待遇或者社会救助",
    3: "请求发给抚恤金",
    4: "请求给付赡养费、抚养费、扶养费",
    5: "请求确认劳动关系或者支付劳动报酬",
    6: "请求认定公民无民事行为能力或者限制民事行为能力",
    7: "请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿",
    8: "请求环境污染、生态破坏损害赔偿",
    9: "法律、法规、规章规定的其他情形",
}


def arbitration_application(ctx: Ctx) -> Document:
    doc = Document("劳动人事争议仲裁申请书")
    doc.add("fields", "申请人", pairs=worker_pairs(ctx))
    doc.add("fields", "被申请人", pairs=employer_pairs(ctx))
    doc.add("heading", "仲裁请求")
    doc.add("items", lines=claim_lines(ctx) or [blank("仲裁请求")])
    doc.add("heading", "事实和理由")
    doc.add("para", ctx.facts)
    closing(doc, ctx.val("receiving_body"))
    signature(doc, ctx, "申请人（签名）")
    evidence_table(doc, ctx, "证据和证据来源")
    if ctx.case.witnesses:
        doc.add("table", "证人", header=["序号", "证人姓名", "住所", "联系电话"],
                rows=[[str(i), w.name or blank("证人姓名"), w.address or blank("证人住所"), w.phone or ""]
                      for i, w in enumerate(ctx.case.witnesses, 1)])
    appendix = formula_lines(ctx)
    if appendix:
        doc.add("heading", "附：请求金额计算方式")
        doc.add("items", lines=appendix)
    copies = ctx.case.copies or 1
    doc.add("para", f"附：本申请书副本{copies}份（按被申请人人数提交）。")
    return doc


def inspection_complaint(ctx: Ctx) -> Document:
    doc = Document("劳动保障监察投诉书")
    doc.add("fields", "投诉人", pairs=pairs(ctx, [
        ("姓名", "worker.name"), ("性别", "worker.sex"), ("公民身份号码", "worker.id_number"),
        ("联系电话", "worker.phone"), ("住址", "worker.address"), ("工作岗位", "position"),
        ("入职日期", "hire_date")]))
    doc.add("fields", "被投诉单位", pairs=employer_pairs(ctx))
    doc.add("heading", "投诉请求")
    lines = [r.rstrip("。") + "。" for r in ctx.case.requests] + claim_lines(ctx, verb="投诉请求")
    doc.add("items", lines=lines or [blank("投诉请求")])
    doc.add("heading", "事实与理由")
    doc.add("para", ctx.facts)
    if ctx.case.affected_count:
        doc.add("para", f"同样受到侵害的劳动者约{ctx.case.affected_count}人。")
    closing(doc, ctx.val("receiving_body"))
    signature(doc, ctx, "投诉人（签名）")
    evidence_table(doc, ctx, "证据材料")
    return doc


def resignation_notice(ctx: Ctx) -> Document:
    c = ctx.case
    doc = Document("被迫解除劳动合同通知书")
    doc.add("to", f"{ctx.val('employer.name')}：")
    who = ctx.val("worker.name")
    if c.worker.id_number:
        who += f"（公民身份号码：{c.worker.id_number}）"
    opening = f"本人{who}于{ctx.val('hire_date')}入职贵单位"
    opening += f"，担任{c.position}" if c.position else ""
    note = ctx.auto_note(["worker.name", "hire_date", "position"],
                         {"worker.name": "姓名", "hire_date": "入职日期", "position": "工作岗位"})
    doc.add("para", opening + "。" + note + "因贵单位存在下列情形，本人依法解除与贵单位的劳动合同：")
    lines = []
    for g in c.grounds or []:
        if g.item is None:
            head = blank("第三十八条情形")
            lines.append(f"{g.detail or blank('具体事实')}（对应{head}）。")
            continue
        text = f"贵单位{GROUND_TEXT[g.item]}"
        if g.detail:
            text += f"：{g.detail.rstrip('。')}"
        if g.item == 2 and c.unpaid_wages is not None and not g.detail:
            period = f"{c.unpaid_period}" if c.unpaid_period else ""
            text += f"：拖欠本人{period}工资共计{money(c.unpaid_wages)}元"
        lines.append(f"{text}，属于{ground_article(g.item)}规定的情形。")
    doc.add("items", lines=lines or [blank("解除理由（第三十八条情形）")])
    immediate = any(g.item == 0 for g in c.grounds)
    doc.add("para", f"依据《中华人民共和国劳动合同法》第三十八条的规定，本人自{ctx.val('termination_date', mark=True)}起"
                    "解除与贵单位的劳动合同" + ("，无需事先告知" if immediate else "") + "。")
    doc.add("para", "本人系因贵单位的上述过错被迫解除劳动合同，并非主动辞职。依据《中华人民共和国劳动合同法》"
                    "第四十六条第（一）项、第四十七条的规定，贵单位应当向本人支付经济补偿；请贵单位依法结清拖欠的"
                    "劳动报酬，支付经济补偿，并依据第五十条的规定出具解除劳动合同的证明，在十五日内为本人办理档案"
                    "和社会保险关系转移手续。")
    doc.add("para", "本人保留依法申请劳动争议仲裁、向劳动保障行政部门投诉及提起诉讼的权利。")
    doc.add("para", "特此通知。")
    signature(doc, ctx, "通知人（签名）")
    doc.add("para", "送达说明：建议通过邮政快递（EMS）寄送至用人单位注册地址或实际经营地址，并在快递单上注明"
                    "“被迫解除劳动合同通知书”，保存寄件凭证和签收记录；也可当面递交并请对方签收。")
    return doc


def legal_aid_application(ctx: Ctx) -> Document:
    c = ctx.case
    doc = Document("法律援助申请书")
    doc.add("fields", "申请人", pairs=pairs(ctx, [
        ("姓名", "worker.name"), ("性别", "worker.sex"), ("出生日期", "worker.birth_date"),
        ("民族", "worker.ethnicity"), ("公民身份号码", "worker.id_number"), ("住所", "worker.address"),
        ("联系电话", "worker.phone")]))
    doc.add("fields", "对方当事人", pairs=pairs(ctx, [("名称", "employer.name"), ("住所", "employer.address")]))
    doc.add("heading", "申请事项")
    if c.aid_matter:
        matter = (f"属于《中华人民共和国法律援助法》第三十一条第（{cn_item(c.aid_matter)}）项"
                  f"“{AID_MATTERS[c.aid_matter]}”的事项，申请人因经济困难没有委托代理人，申请法律援助。")
    else:
        matter = f"{blank('申请法律援助的事项')}（《中华人民共和国法律援助法》第三十一条所列事项）"
    lines = [matter] + [f"拟主张：{x}" for x in claim_lines(ctx)]
    doc.add("items", lines=lines)
    doc.add("heading", "案情及申请理由")
    doc.add("para", ctx.facts)
    doc.add("heading", "经济困难情况")
    if c.hardship:
        doc.add("para", c.hardship)
    elif c.migrant_worker and c.aid_matter in {5, 7}:
        doc.add("para", "申请人系进城务工人员，申请支付劳动报酬或者请求工伤事故人身损害赔偿，依据《中华人民共和国"
                        "法律援助法》第四十二条第（三）项的规定，免予核查经济困难状况。")
    else:
        doc.add("para", blank("经济困难情况") + "（依据《中华人民共和国法律援助法》第四十一条如实说明，"
                        "或作出个人诚信承诺）")
    doc.add("para", "申请人承诺以上所填内容真实，如有虚假，愿承担相应责任。")
    closing(doc, ctx.val("receiving_body"))
    signature(doc, ctx, "申请人（签名）")
    evidence_table(doc, ctx, "提交材料")
    return doc
