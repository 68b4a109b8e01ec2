"""Every format quirk of the statute sources, on small texts made here and on the real files in ../shared."""

from ingest.statute_parser import parse_statute
from tests.conftest import LAWS_DIR


def arts(text, **kw):
    return {a.article: a for a in parse_statute(text, **kw).articles}


def test_header_block_and_chapter_path():
    text = "# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了示例，制定本法。\n\n第二条 本法适用于示例。\n\n本法另有规定的除外。\n"
    p = parse_statute(text)
    assert p.title == "中华人民共和国示例法"
    assert "2020年1月1日" in p.header
    a = {x.article: x for x in p.articles}
    assert a["1"].chapter == ("第一章 总则",)
    assert a["2"].text == "本法适用于示例。\n本法另有规定的除外。"


def test_headings_at_any_depth_and_with_odd_spaces():
    text = ("# 法\n<!-- INFO END -->\n## 第一编　总 则\n### 第二章 管 辖\n#### 第一节 级别管辖\n第一条 甲。\n"
            "第二条 乙。\n### 第三章 其他\n第三条 丙。\n")
    a = arts(text)
    assert a["1"].chapter == ("第一编 总则", "第二章 管辖", "第一节 级别管辖")
    assert a["3"].chapter == ("第一编 总则", "第三章 其他")


def test_article_zhiyi_and_bold_numbers():
    text = "# 法\n<!-- INFO END -->\n**第一条** 一。\n**第二条** 二。\n第二条之一 二之一。\n第三条 三。\n"
    a = arts(text)
    assert list(a) == ["1", "2", "2-1", "3"]
    assert a["2"].text == "二。"


def test_yaml_front_matter_and_details_blocks_are_dropped():
    text = ("---\nlayout: x\ntitle: 关于示例的通知\n---\n# 关于示例的通知\n\n一、第一项内容。\n\n（一）细目；\n\n"
            "<details open>\n<summary>评注</summary>\n<p>编者的评论和一份判决书。</p>\n</details>\n\n二、第二项内容。\n")
    p = parse_statute(text)
    assert p.numbering == "item"
    a = {x.article: x for x in p.articles}
    assert a["1"].text == "第一项内容。\n（一）细目；"
    assert a["2"].text == "第二项内容。"
    assert "评论" not in a["1"].text + a["2"].text


def test_plain_text_without_markdown():
    text = "某某法院\n公告\n现予公布。\n第一章 总则\n第一条 一。\n第二条 二。\n（一）甲；\n"
    a = arts(text, title="示例解释")
    assert a["2"].text == "二。\n（一）甲；"
    assert a["1"].chapter == ("第一章 总则",)


def test_a_quoted_article_number_does_not_restart_numbering():
    text = "# 法\n<!-- INFO END -->\n第一条 一。\n第二条 二：\n第一条规定的情形除外。\n第三条 三。\n"
    a = arts(text)
    assert list(a) == ["1", "2", "3"]
    assert "第一条规定的情形除外" in a["2"].text


def test_real_labor_contract_law():
    a = arts((LAWS_DIR / "laodong_hetong_fa.md").read_text(encoding="utf-8"))
    assert len(a) == 98
    assert a["38"].chapter == ("第四章 劳动合同的解除和终止",)
    assert "（二）未及时足额支付劳动报酬的" in a["38"].text
    assert a["60"].chapter == ("第五章 特别规定", "第二节 劳务派遣")


def test_real_files_with_each_quirk():
    xingfa = arts((LAWS_DIR / "xingfa.md").read_text(encoding="utf-8"))
    assert "276-1" in xingfa and "逃避支付劳动者的劳动报酬" in xingfa["276-1"].text
    jieshi2 = arts((LAWS_DIR / "spc_laodong_zhengyi_jieshi_2.md").read_text(encoding="utf-8"))
    assert len(jieshi2) == 21 and "二倍工资按月计算" in jieshi2["6"].text
    notice = arts((LAWS_DIR / "queli_laodong_guanxi_tongzhi.md").read_text(encoding="utf-8"))
    assert len(notice) == 5 and "判决" not in "".join(x.text for x in notice.values())
    bold = arts((LAWS_DIR / "jianjinshi_yanchi_tuixiu_banfa.md").read_text(encoding="utf-8"))
    assert len(bold) == 9 and not bold["1"].text.startswith("*")
    wage_days = arts((LAWS_DIR / "zhigong_quannian_yueping_gongzuo_shijian_tongzhi.md").read_text(encoding="utf-8"))
    assert "21.75" in wage_days["2"].text and "同时废止" in wage_days["3"].text
    odd_spaces = arts((LAWS_DIR / "baozhang_nongmingong_gongzi_zhifu_tiaoli.md").read_text(encoding="utf-8"))
    assert odd_spaces["1"].chapter == ("第一章 总则",)
