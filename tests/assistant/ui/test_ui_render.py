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
    first, second = md.split("</details>")[:2]
    assert "<summary>[1] 劳动合同法第三十八条　〔条文已核对〕</summary>" in first, "name and state in one line"
    assert "> 用人单位有下列情形之一的" in first, "the article's text, one tap away inside the fold"
    assert "[2] 劳动法第一百零八条" in second and "未核实" in second and "条文已核对" not in second


def test_an_unverified_citation_is_never_labelled_verified_whatever_its_status_says():
    md = render.citations_markdown([{"id": "X#1", "law": "X", "article": "1", "verified": False,
                                     "status": "verified"}])
    assert "条文已核对" not in md and "未核实" in md
    md = render.citations_markdown([{"id": "X#1", "law": "X", "article": "1", "verified": False,
                                     "state": "条文已核对"}])
    assert "条文已核对" not in md and "未核实" in md


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


def test_an_answer_with_sections_shows_the_first_three_open_and_the_rest_folded():
    from assistant.ui import consult

    text = ("## 结论\n可以要求赔偿金。\n\n## 你可能拿到\n- 赔偿金：30000.00 元（5000 × 3 × 2）[1]\n\n"
            "## 为什么\n单位没有合法理由。\n\n## 法律依据\n[1] 劳动合同法第八十七条……")
    spans = []
    for key, title, folded in (("conclusion", "结论", False), ("amounts", "你可能拿到", False),
                               ("why", "为什么", True), ("basis", "法律依据", True)):
        start = text.index("## " + title)
        spans.append({"key": key, "title": title, "start": start, "folded": folded})
    for s, nxt in zip(spans, spans[1:] + [{"start": len(text)}], strict=True):
        s["end"] = nxt["start"]
    cite = {"id": "劳动合同法#87", "law": "劳动合同法", "article": "87", "n": 1, "verified": True,
            "text": "用人单位违反本法规定解除……"}
    bubble = consult.final_bubble({"answer": text, "sections": spans, "citations": [cite], "mode": "offline",
                                   "note": "本回答未使用语言模型。", "disclaimer": ""})
    assert bubble.index("可以要求赔偿金") < bubble.index("30000.00 元") < bubble.index("<details>")
    assert "<details><summary>为什么</summary>" in bubble and "## 为什么" not in bubble
    assert "<summary>[1] 劳动合同法第八十七条　〔条文已核对〕</summary>" in bubble
    assert "[1] 劳动合同法第八十七条……" not in bubble, "the answer's own list of articles is not shown twice"
    assert "未使用语言模型" not in bubble, "the answer's note says it once; the page does not add a second"


def test_an_answer_without_sections_keeps_its_text_and_folds_the_articles_under_it():
    from assistant.ui import consult

    cite = {"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "verified": True, "text": "用人单位有下列情形之一的"}
    bubble = consult.final_bubble({"answer": "可以解除合同并要求经济补偿。", "citations": [cite], "mode": "offline"})
    assert bubble.startswith("可以解除合同并要求经济补偿。")
    assert "<summary>[1] 劳动合同法第三十八条　〔条文已核对〕</summary>" in bubble and "未使用语言模型" in bubble
