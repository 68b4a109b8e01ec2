"""What the page shows for citations, guides, hits and calculator results."""

from __future__ import annotations

from assistant.ui import render


def test_citations_panel_shows_text_and_verified_state():
    md = render.citations_markdown([
        {"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "text": "用人单位有下列情形之一的……",
         "verified": True},
        {"id": "劳动法#108", "law": "劳动法", "article": "108", "text": "", "verified": False,
         "status": "not_found"},
    ])
    first, second = md.split("---")
    assert "劳动合同法第三十八条" in first and "〔已核实〕" in first and "> 用人单位有下列情形之一的" in first
    assert "劳动法第一百零八条" in second and "未核实" in second and "已核实" not in second


def test_an_unverified_citation_is_never_labelled_verified_whatever_its_status_says():
    md = render.citations_markdown([{"id": "X#1", "law": "X", "article": "1", "verified": False,
                                     "status": "verified"}])
    assert "已核实" not in md and "未核实" in md


def test_markup_in_corpus_or_user_text_is_shown_as_text():
    md = render.citations_markdown([{"id": "a#1", "label": "<img src=x onerror=alert(1)>", "verified": True,
                                     "text": "<script>alert(1)</script>"}])
    assert "<script>" not in md and "<img" not in md and "&lt;script&gt;" in md


def test_guide_shows_steps_evidence_deadlines_and_channels():
    md = render.guide_markdown({"title": "欠薪", "summary": "单位拖欠工资时怎么办。", "steps": ["先固定证据", "申请仲裁"],
                                "evidence": ["工资条"], "deadlines": ["仲裁时效一年"],
                                "channels": [{"name": "劳动保障监察（12333）", "how": "打电话投诉"}]})
    for text in ("### 欠薪", "1. 先固定证据", "2. 申请仲裁", "- 工资条", "仲裁时效一年", "劳动保障监察（12333）"):
        assert text in md


def test_calc_result_shows_amount_formula_steps_articles_and_local_rules():
    md = render.calc_markdown({"title": "违法解除赔偿金", "amount": "64000.00", "formula": "8000 × 4 × 2 = 64000.00 元",
                               "steps": ["工作 4 年"], "articles": ["劳动合同法#87"],
                               "local_rules": ["当地上年度职工月平均工资由市级政府公布"]})
    assert "64000.00 元" in md and "8000 × 4 × 2" in md and "1. 工作 4 年" in md
    assert "劳动合同法第八十七条" in md and "取决于当地规定" in md


def test_answer_footer_labels_offline_answers_and_warnings():
    footer = render.answer_footer({"mode": "offline", "warnings": ["劳动法第一百零八条不存在"], "disclaimer": "仅供参考"})
    assert "未使用语言模型" in footer and "劳动法第一百零八条不存在" in footer and "仅供参考" in footer
    assert "未使用语言模型" not in render.answer_footer({"mode": "llm"})


def test_a_result_in_days_leads_with_its_formula_and_hides_program_keys():
    md = render.calc_markdown({"title": "产假", "amount": None, "formula": "98 + 15 = 113 天", "result": {"days": 113},
                               "steps": ["难产增加 15 天"], "articles": ["女职工劳动保护特别规定#7"]})
    assert "## 98 + 15 = 113 天" in md and "days" not in md
