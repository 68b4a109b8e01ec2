"""Each document type, drafted from a complete case, read back from the .docx: every section and value is there."""

import json

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.drafting import document_types, draft
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text, read_docx

TYPE_IDS = ["arbitration_application", "inspection_complaint", "resignation_notice", "union_reminder_letter",
            "union_opinion_letter", "union_suggestion_letter", "procuratorate_referral", "legal_aid_application"]

# what a reader must find in each printed document (sections, legal content and values from the case)
EXPECTED = {
    "arbitration_application": [
        "劳动人事争议仲裁申请书", "申请人", "姓名：张三", "性别：男", "年龄：36岁", "职业：仓库管理员",
        "工作单位：北京恒达物流有限公司", "住所：北京市朝阳区安华路1号", "被申请人", "法定代表人（主要负责人）：李四，职务：总经理",
        "住所：北京市海淀区学院路2号", "仲裁请求", "1. 支付解除劳动合同经济补偿，金额44,000.00元（依据：《中华人民共和国劳动合同法》第四十六条、第四十七条",
        "2. 支付2026年4月至6月拖欠工资，金额24,000.00元", "事实和理由", "申请人于2021年3月1日入职被申请人",
        "此致", "北京市海淀区劳动人事争议仲裁委员会", "申请人（签名）：", "2026年11月18日",
        "证据和证据来源", "劳动合同 | 申请人保存 | 证明劳动关系", "工资银行流水 | 中国工商银行",
        "证人", "王五 | 北京市朝阳区安华路3号", "副本1份"],
    "inspection_complaint": [
        "劳动保障监察投诉书", "投诉人", "联系电话：13800138000", "被投诉单位", "投诉请求", "责令被投诉单位支付拖欠的工资24000元",
        "事实与理由", "拖欠投诉人2026年4月至6月期间工资共计24,000.00元", "《劳动保障监察条例》第九条", "约12人",
        "此致", "北京市海淀区人力资源和社会保障局", "投诉人（签名）："],
    "resignation_notice": [
        "被迫解除劳动合同通知书", "北京恒达物流有限公司：", "本人张三", "于2021年3月1日入职贵单位",
        "未及时足额支付劳动报酬：自2026年4月起连续三个月未支付工资", "第三十八条第一款第（二）项",
        "未依法为劳动者缴纳社会保险费", "第三十八条第一款第（三）项", "本人自2026年7月1日起解除",
        "第四十六条第（一）项", "经济补偿", "并非主动辞职", "通知人（签名）：", "特此通知"],
    "union_reminder_letter": [
        "工会劳动法律监督提示函", "海工监〔2026〕12号", "北京恒达物流有限公司：", "《中华人民共和国劳动法》第八十八条",
        "超过一个月未订立书面劳动合同", "补签书面劳动合同", "北京市海淀区总工会（盖章）", "联系人：赵六"],
    "union_opinion_letter": [
        "工会劳动法律监督意见书", "北京恒达物流有限公司：", "于2026年10月9日到贵单位调查核实", "拖欠32名职工2026年8月至9月工资",
        "足额支付拖欠的工资", "十五个工作日内", "书面答复本工会", "职工工资表 | 用人单位提供", "北京市海淀区总工会（盖章）"],
    "union_suggestion_letter": [
        "工会劳动法律监督建议书", "北京市海淀区人力资源和社会保障局：", "本工会于2026年10月10日向北京恒达物流有限公司发出",
        "逾期未作书面答复", "依法责令该单位限期支付拖欠的工资", "五个工作日内作出是否立案的决定", "被建议查处单位"],
    "procuratorate_referral": [
        "工会向检察机关移送线索函", "北京市海淀区人民检察院：", "涉嫌拒不支付劳动报酬犯罪线索", "支持劳动者起诉线索",
        "一、涉事单位", "二、主要事实", "法定代表人已失去联系", "386,000.00元", "下达限期支付令",
        "《中华人民共和国刑法》第二百七十六条之一", "三、涉及劳动者", "王一 |  | 12,000.00 | 2026年6月至9月",
        "王二 |  | 15,000.00", "涉及劳动者共32人", "四、已掌握的证据", "限期改正指令书 | 海淀区人社局",
        "五、请求开展的监督", "立案监督", "《中华人民共和国民事诉讼法》第十五条", "特此函告"],
    "legal_aid_application": [
        "法律援助申请书", "申请人", "出生日期：1990年3月7日", "对方当事人", "申请事项",
        "《中华人民共和国法律援助法》第三十一条第（五）项", "请求确认劳动关系或者支付劳动报酬", "支付拖欠工资，金额24,000.00元",
        "案情及申请理由", "从事搬运工作", "经济困难情况", "第四十二条第（三）项", "免予核查经济困难状况",
        "此致", "北京市海淀区法律援助中心", "申请人（签名）："],
}


def test_eight_types_with_names_schemas_and_receiving_bodies():
    types = document_types()
    assert [t.id for t in types] == TYPE_IDS
    for t in types:
        assert t.name and t.description and t.receiving_body
        assert any(f.required for f in t.fields)
        assert json.dumps(t.json_schema, ensure_ascii=False)  # serialisable for the API and UI
        for f in t.fields:
            assert f.path.split(".")[0] in t.json_schema["properties"]
    assert "十五个工作日" in next(t for t in types if t.id == "union_opinion_letter").description
    assert "五个工作日" in next(t for t in types if t.id == "union_suggestion_letter").description


@pytest.mark.parametrize("doc_type", TYPE_IDS)
def test_complete_case_reads_back_from_docx_with_every_section(doc_type):
    d = draft(doc_type, FULL_CASES[doc_type], today=TODAY)
    assert d.missing == []
    text = docx_text(d.docx)
    for expected in EXPECTED[doc_type]:
        assert expected in text, expected
        assert expected.split(" | ")[0] in d.markdown
    assert "【待补充" not in text
    assert d.doc_type == doc_type and d.name == text.splitlines()[0]


@pytest.mark.parametrize("doc_type", TYPE_IDS)
def test_layout_title_centred_large_and_chinese_fonts_set(doc_type):
    d = draft(doc_type, FULL_CASES[doc_type], today=TODAY)
    doc = read_docx(d.docx)
    title = doc.paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.bold and run.font.size == Pt(22)
    assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    normal = doc.styles["Normal"]
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert normal.font.size == Pt(16)
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    # signature and date lines are right-aligned, after the body
    right = [p.text for p in doc.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT]
    assert any("年" in t and "月" in t and "日" in t for t in right)


def test_evidence_is_a_real_table_with_header():
    d = draft("arbitration_application", FULL_CASES["arbitration_application"], today=TODAY)
    tables = read_docx(d.docx).tables
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["序号", "证据名称", "证据来源", "证明内容"]
    assert [c.text for c in tables[0].rows[2].cells] == ["2", "工资银行流水", "中国工商银行", "证明工资标准和欠薪数额"]


def test_receiving_body_follows_ci_zhi():
    d = draft("arbitration_application", FULL_CASES["arbitration_application"], today=TODAY)
    lines = [p.text for p in read_docx(d.docx).paragraphs]
    i = lines.index("此致")
    assert lines[i + 1] == "北京市海淀区劳动人事争议仲裁委员会"


def test_personal_data_of_the_case_appears_only_in_the_document(caplog):
    caplog.set_level("DEBUG")
    d = draft("arbitration_application", FULL_CASES["arbitration_application"], today=TODAY)
    assert FULL_CASES["arbitration_application"]["worker"]["id_number"] in docx_text(d.docx)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("张三", FULL_CASES["arbitration_application"]["worker"]["id_number"], "13800138000"):
        assert secret not in logged
    assert not any(secret in w for w in d.warnings for secret in ("张三", "13800138000"))


def test_draft_json_excludes_docx_bytes():
    d = draft("resignation_notice", FULL_CASES["resignation_notice"], today=TODAY)
    data = json.loads(d.model_dump_json())
    assert "docx" not in data and data["markdown"].startswith("# 被迫解除劳动合同通知书")
    assert len(d.docx) > 5000


def test_docx_metadata_is_the_documents_own():
    d = draft("union_reminder_letter", FULL_CASES["union_reminder_letter"], today=TODAY)
    props = read_docx(d.docx).core_properties
    assert props.title == "工会劳动法律监督提示函"
    assert props.author == "" and props.comments == "" and props.created.year >= 2026
