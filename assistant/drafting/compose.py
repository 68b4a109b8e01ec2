"""Shared pieces of every document: values or visible blanks, party blocks, evidence table, closing, signature,
and the offline 事实与理由 composed from the fields alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.drafting.blocks import Document, blank
from assistant.drafting.case import Case
from assistant.drafting.catalog import required_fields
from assistant.drafting.checks import asks_money
from assistant.drafting.paths import value_at
from assistant.drafting.validation import date_cn, money, parse_date

AUTO_NOTE = "（自动提取，请核对）"
SIGNING_DATE_BLANK = "　　　　年　　月　　日"  # dated by hand when signed: a date the user did not give is not filled in

GROUND_TEXT = {
    1: "未按照劳动合同约定提供劳动保护或者劳动条件",
    2: "未及时足额支付劳动报酬",
    3: "未依法为劳动者缴纳社会保险费",
    4: "规章制度违反法律、法规的规定，损害劳动者权益",
    5: "以欺诈、胁迫的手段或者乘人之危使劳动者在违背真实意思的情况下订立劳动合同，致使劳动合同无效",
    6: "法律、行政法规规定劳动者可以解除劳动合同的其他情形",
    0: "以暴力、威胁或者非法限制人身自由的手段强迫劳动，或者违章指挥、强令冒险作业危及劳动者人身安全",
}
_CN_ITEM = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def cn_item(n: int) -> str:
    return _CN_ITEM.get(n, str(n))


def ground_article(item: int) -> str:
    if item == 0:
        return "《中华人民共和国劳动合同法》第三十八条第二款"
    return f"《中华人民共和国劳动合同法》第三十八条第一款第（{cn_item(item)}）项"


@dataclass
class Ctx:
    """One document being written: the case, its required fields, the document date and the 事实与理由 text."""

    doc_type: str
    case: Case
    on: date
    facts: str = ""
    required: dict[str, str] = field(default_factory=dict)
    auto: set[str] = field(default_factory=set)  # case paths filled from the narrative, shown for checking

    def __post_init__(self) -> None:
        self.required = required_fields(self.doc_type)

    def get(self, path: str):
        return value_at(self.case, path)

    def val(self, path: str, label: str | None = None, *, mark: bool = False) -> str:
        """The field as text; a visible blank when the document requires it; "" when it is optional and empty.

        ``mark``: a value filled from the narrative carries 「（自动提取，请核对）」 (labelled rows; a sentence
        lists its auto-filled values once at its end instead, so it still reads as a sentence)."""
        value = self.get(path)
        if value in (None, "", []):
            if path in self.required:
                return blank(label or self.required[path])
            return ""
        return self.fmt(value) + (AUTO_NOTE if mark and path in self.auto else "")

    def must(self, path: str, label: str) -> str:
        """Like :meth:`val` but always shows a blank: the sentence needs the value even if the law does not."""
        return self.val(path) or blank(label)

    def auto_note(self, paths: list[str], labels: dict[str, str]) -> str:
        """「（入职日期、月工资为自动提取，请核对）」 for the auto-filled paths among ``paths``; "" when none."""
        names = [labels[p] for p in paths if p in self.auto and self.get(p) not in (None, "", [])]
        return f"（{'、'.join(names)}为自动提取，请核对）" if names else ""

    @staticmethod
    def fmt(value) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        if hasattr(value, "quantize"):
            return f"{money(value)}元"
        text = str(value)
        iso = parse_date(text) if len(text) <= 10 and text[:1].isdigit() else None
        return date_cn(iso) if iso else text

    @property
    def doc_date(self) -> str:
        iso = parse_date(self.case.date) if self.case.date else None
        return date_cn(iso) if iso else SIGNING_DATE_BLANK


def pairs(ctx: Ctx, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, path) rows → (label, text), optional empty rows dropped."""
    out = []
    for label, path in rows:
        text = ctx.val(path, mark=True)
        if text:
            out.append((label, text))
    return out


def worker_pairs(ctx: Ctx) -> list[tuple[str, str]]:
    rows = pairs(ctx, [("姓名", "worker.name"), ("性别", "worker.sex"), ("出生日期", "worker.birth_date")])
    if ctx.case.worker.age is not None or "worker.age" in ctx.required:
        age = ctx.case.worker.age
        rows.append(("年龄", f"{age}岁" if age is not None else blank(ctx.required["worker.age"])))
    rows += pairs(ctx, [("民族", "worker.ethnicity"), ("职业", "worker.occupation"),
                        ("工作单位", "employer.name"), ("公民身份号码", "worker.id_number"),
                        ("住所", "worker.address"), ("联系电话", "worker.phone")])
    return rows


def employer_pairs(ctx: Ctx, *, title_label: str = "职务") -> list[tuple[str, str]]:
    rows = pairs(ctx, [("名称", "employer.name"), ("统一社会信用代码", "employer.credit_code"),
                       ("住所", "employer.address")])
    rep = ctx.val("employer.legal_representative", mark=True)
    if rep:
        title = ctx.case.employer.representative_title
        rows.append(("法定代表人（主要负责人）", f"{rep}" + (f"，{title_label}：{title}" if title else "")))
    rows += pairs(ctx, [("联系电话", "employer.phone")])
    return rows


def evidence_table(doc: Document, ctx: Ctx, caption: str = "证据清单") -> None:
    ev = ctx.case.evidence
    if not ev:
        if "evidence" in ctx.required:
            doc.add("table", caption, header=["序号", "证据名称", "证据来源", "证明内容"],
                    rows=[["1", blank("证据名称"), blank("证据来源"), blank("证明内容")]])
        return
    rows = [[str(i), e.name or blank("证据名称"), e.source or blank("证据来源"), e.purpose or ""]
            for i, e in enumerate(ev, 1)]
    doc.add("table", caption, header=["序号", "证据名称", "证据来源", "证明内容"], rows=rows)


def claim_lines(ctx: Ctx, *, verb: str = "请求") -> list[str]:
    lines = []
    for i, c in enumerate(ctx.case.claims, 1):
        text = c.item or blank(f"第{i}项{verb}内容")
        if c.amount is not None:
            text += f"，金额{money(c.amount)}元"
        elif asks_money(c.item or ""):
            text += f"，金额{blank('金额')}"
        if c.basis:
            text += f"（依据：{c.basis}）"
        lines.append(text.rstrip("。") + "。")
    return lines


def formula_lines(ctx: Ctx) -> list[str]:
    return [f"第{i}项：{c.formula}" for i, c in enumerate(ctx.case.claims, 1) if c.formula]


def closing(doc: Document, body: str, *, lead: str = "此致") -> None:
    doc.add("closing", lead, lines=[body])


def signature(doc: Document, ctx: Ctx, who: str) -> None:
    doc.add("signature", lines=[f"{who}：", ctx.doc_date])


# ---- 事实与理由 composed from the fields (offline)
def employment_sentence(ctx: Ctx, subject: str, other: str) -> str:
    c = ctx.case
    s = ""
    if c.hire_date or "hire_date" in ctx.required:  # a blank only where the document needs the date
        s = f"{subject}于{ctx.must('hire_date', '入职日期')}入职{other}"
        if c.position:
            s += f"，担任{c.position}"
        if c.monthly_wage is not None:
            s += f"，月工资{money(c.monthly_wage)}元"
        s += "。"
    if c.end_date and ctx.val("end_date") not in (c.facts or ""):  # the facts tell how it ended, with the date
        s += f"{ctx.val('end_date')}，双方劳动关系解除（终止）。"
    if c.unpaid_wages is not None:
        period = f"{c.unpaid_period}期间" if c.unpaid_period else ""
        s += f"{other}拖欠{subject}{period}工资共计{money(c.unpaid_wages)}元。"
    return s + ctx.auto_note(list(_SENTENCE_FIELDS), _SENTENCE_FIELDS)


_SENTENCE_FIELDS = {"hire_date": "入职日期", "position": "工作岗位", "monthly_wage": "月工资", "end_date": "离职日期",
                    "unpaid_period": "欠薪期间", "unpaid_wages": "拖欠工资金额"}


def offline_facts(ctx: Ctx, guide_basis: str = "") -> str:
    """事实与理由 from the fields only; anything unknown that the sentence needs shows as a blank.

    ``guide_basis`` (articles from a matching issue guide) is cited only when no claim names its own basis."""
    c = ctx.case
    t = ctx.doc_type
    paras: list[str] = []
    if t in {"arbitration_application", "inspection_complaint", "legal_aid_application"}:
        subject = {"arbitration_application": "申请人", "inspection_complaint": "投诉人",
                   "legal_aid_application": "申请人"}[t]
        other = {"arbitration_application": "被申请人", "inspection_complaint": "被投诉单位",
                 "legal_aid_application": c.employer.name or blank("用人单位名称")}[t]
        paras.append(employment_sentence(ctx, subject, other))
        if c.facts:
            paras.append(c.facts + ("（以上经过为自动提取，请核对）" if "facts" in ctx.auto else ""))
        if c.violations and t == "inspection_complaint":
            paras.append(f"{other}存在以下违法行为：" + "；".join(c.violations) + "。")
        if c.reasons:
            paras.append(c.reasons)
        facts_label = {"inspection_complaint": "违法事实", "legal_aid_application": "案情"}.get(t)
        if facts_label and not (c.facts or c.reasons or (c.violations and t == "inspection_complaint")):
            paras.append(blank(facts_label))  # a required part left empty shows where it goes
        for cl in c.claims:
            if cl.basis and cl.item:
                paras.append(f"根据{cl.basis}的规定，{other}应当{_verb(cl.item)}。")
        if guide_basis and not any(cl.basis for cl in c.claims):
            paras.append(f"本案涉及的主要法律规定有：{guide_basis}。")
        if t == "arbitration_application":
            paras.append("为维护申请人的合法权益，依据《中华人民共和国劳动争议调解仲裁法》第二十八条的规定，"
                         "特向贵委申请仲裁，请求依法支持申请人的仲裁请求。")
        elif t == "inspection_complaint":
            paras.append("依据《劳动保障监察条例》第九条的规定，投诉人特向贵局投诉，请求依法调查处理，"
                         "责令被投诉单位改正违法行为。")
    else:
        if c.facts:
            paras.append(c.facts)
        if c.reasons:
            paras.append(c.reasons)
        if not paras and t == "procuratorate_referral":
            paras.append(blank("主要事实"))
    return "\n".join(p for p in paras if p)


def _verb(item: str) -> str:
    item = item.strip().rstrip("。；;")
    for prefix in ("请求裁决被申请人", "请求裁决", "裁决被申请人", "请求", "要求被申请人", "要求", "被申请人"):
        if item.startswith(prefix):
            return item[len(prefix):]
    return item
