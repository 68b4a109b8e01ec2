"""The page's handlers over the real Assistant: consult stream, calculator, drafting, law lookup, staff tools."""

from __future__ import annotations

from assistant.ui import consult, tab_admin, tab_calc, tab_docs, tab_laws
from assistant.ui.forms import calculator_fields, case_from_form, document_fields

QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"


def test_consult_streams_then_gives_citations_guide_and_actions(assistant):
    events = list(consult.stream_answer(assistant, QUESTION, []))
    assert events[-1][0] == "final" and all(kind == "partial" for kind, _ in events[:-1])
    final = events[-1][1]
    panel = consult.guides_markdown(final["guides"])
    assert "怎么做" in panel, "the matched guide's steps are shown"
    actions = consult.actions_of(final)
    assert actions and all(a["button"].startswith(("去计算", "去起草")) for a in actions)
    assert len(actions) <= consult.MAX_ACTIONS
    bubble = consult.final_bubble(final)
    note = final.get("note") or "未使用语言模型"
    assert bubble.count(note) == 1, "the answer says once that no language model composed it"


def test_history_keeps_only_text_turns():
    chat = [{"role": "user", "content": "我被辞退了"}, {"role": "assistant", "content": [{"type": "text", "text": "好的"}]},
            {"role": "assistant", "content": ""}, {"role": "system", "content": "x"}]
    assert consult.history_for(chat) == [{"role": "user", "content": "我被辞退了"},
                                         {"role": "assistant", "content": "好的"}]


def test_calculator_form_computes_and_explains_bad_input(assistant):
    from assistant.calculators import KINDS

    fields = calculator_fields(KINDS["unlawful_termination"].model)
    values = {f.name: "" for f in fields} | {"monthly_wage": "8000", "service_months": "48"}
    md = tab_calc.run_calculation(assistant, "unlawful_termination", fields, [values[f.name] for f in fields])
    assert "64000.00 元" in md and "劳动合同法第八十七条" in md
    values["service_months"] = "-3"
    md = tab_calc.run_calculation(assistant, "unlawful_termination", fields, [values[f.name] for f in fields])
    assert md.startswith("注意：") and "工作月数" in md


def test_document_preview_lists_what_is_missing_and_makes_a_docx(assistant, tmp_path):
    import docx

    types = {t["id"]: t for t in tab_docs.document_types(assistant)}
    fields = document_fields(types["resignation_notice"])
    values = {f.name: "" for f in fields} | {"worker.name": "王五", "employer.name": "某某餐饮有限公司"}
    case = case_from_form(fields, [values[f.name] for f in fields])
    preview, result = tab_docs.make_draft(assistant, "resignation_notice", case, "")
    assert "王五" in preview and "还缺这些内容" in preview and "入职日期" in preview
    path = tab_docs.docx_file(result, "被迫解除劳动合同通知书")
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert "王五" in text and "某某餐饮有限公司" in text


def test_law_search_and_article_view_with_its_chapter(assistant):
    md = tab_laws.search_markdown(assistant, "劳动合同法第三十八条", max_chars=100)
    assert md.startswith("**1. 劳动合同法第三十八条**")
    assert "字" in tab_laws.search_markdown(assistant, "长" * 101, max_chars=100)
    article = tab_laws.article_markdown(assistant, "劳动合同法", "第三十八条")
    p = assistant.provision("劳动合同法", "38")
    assert p.chapter[-1] in article and "现行有效" in article
    assert tab_laws.article_markdown(assistant, "劳动合同法", "9999") == "法规库中没有这一条。"


def test_staff_tools_need_a_staff_key_and_show_review_requests(services):
    from types import SimpleNamespace

    from assistant.ui.access import Door

    keys = services.api_settings.api_keys
    staff_key = next(k for k, role in keys.items() if role == "staff")
    public_key = next(k for k, role in keys.items() if role == "public")
    door, browser = Door(services), SimpleNamespace(headers={}, client=SimpleNamespace(host="10.0.0.7"))
    assert door.refusal(browser, staff_key, needed="staff") is None
    assert "工作人员" in door.refusal(browser, public_key, needed="staff")
    assert door.refusal(browser, "not-a-key", needed="staff") == "访问密钥不对，请检查后再试。"
    services.feedback.add(question="被辞退有补偿吗", answer="有。", review_requested=True,
                          citations=[{"id": "劳动合同法#46", "law": "劳动合同法", "article": "46", "verified": True}])
    rows = tab_admin.review_rows(services.feedback, "open")
    assert rows[0][2] == "被辞退有补偿吗" and "劳动合同法第四十六条（已核实）" in rows[0][4]
    stats = tab_admin.stats_markdown(services.assistant, services.feedback)
    assert "待处理的人工复核 1" in stats


def test_ui_ingest_refuses_unknown_types(services, tmp_path):
    bad = tmp_path / "x.exe"
    bad.write_bytes(b"MZ")
    out = tab_admin.ingest_files(services.assistant, services.api_settings.upload_types, [str(bad)])
    assert "不支持的文件类型" in out


def test_the_whole_page_builds(services):
    from assistant.ui.app import build_ui

    demo = build_ui(services)
    labels = {getattr(block, "label", None) for block in demo.blocks.values()}
    assert {"咨询", "计算器", "文书起草", "法规查询", "管理"} <= labels


def test_a_suggested_action_opens_its_tab_prefilled(services):
    import gradio as gr

    from assistant.ui import tab_calc, tab_docs
    from assistant.ui.access import Door

    with gr.Blocks():
        calc = tab_calc.build(lambda: services.assistant, Door(services))
        docs = tab_docs.build(lambda: services.assistant, Door(services))
    updates = calc.prefill("unlawful_termination", {"monthly_wage": 8000, "service_months": 48})
    assert updates[0]["value"] == "unlawful_termination"
    visible = dict(zip(calc.groups, updates[1:1 + len(calc.groups)], strict=True))
    assert visible["unlawful_termination"]["visible"] is True and visible["overtime"]["visible"] is False
    filled = [u.get("value") for u in updates[1 + len(calc.groups):] if "value" in u]
    assert sorted(map(str, filled)) == ["48", "8000"]

    updates = docs.prefill("resignation_notice", {"worker": {"name": "赵六"}, "hire_date": "2022-01-01"},
                           "老板三个月没发工资", ["hire_date"])
    assert updates[0]["value"] == "resignation_notice" and updates[1]["value"] == "老板三个月没发工资"
    assert updates[2].startswith("**自动提取，请核对**") and "入职日期" in updates[2] and "姓名" not in updates[2]
    filled = [u.get("value") for u in updates[3 + len(docs.groups):] if "value" in u]
    assert sorted(filled) == ["2022-01-01", "赵六"]


def test_actions_keep_room_for_a_document():
    acts = [{"type": "calculator", "id": f"c{i}", "title": f"计算{i}"} for i in range(4)]
    acts += [{"type": "document", "id": "d1", "title": "仲裁申请书"}, {"type": "other", "id": "x"}]
    chosen = consult.actions_of({"suggested_actions": acts})
    assert [a["id"] for a in chosen] == ["c0", "c1", "d1"]
    assert chosen[2]["button"] == "去起草：仲裁申请书"
    assert [a["id"] for a in consult.actions_of({"suggested_actions": acts[:2]})] == ["c0", "c1"]
