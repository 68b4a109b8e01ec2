"""Cross-references: which articles the corpus itself cites, the basis of the retrieval prior."""

from assistant import Assistant
from assistant.citations import default_law_names
from assistant.index.references import cross_references
from assistant.statutes import REPEALED, Provision


def art(law, n, text, **kw):
    return Provision(id=f"{law}#{n}", law=law, article=str(n), text=text, **kw)


def test_bare_and_named_references_resolve_to_articles_in_the_corpus():
    provisions = [
        art("劳动合同法", 46, "有下列情形之一的，用人单位应当向劳动者支付经济补偿：（一）劳动者依照本法第三十八条规定解除劳动合同的；"),
        art("劳动合同法", 38, "用人单位有下列情形之一的，劳动者可以解除劳动合同。"),
        art("劳动合同法", 87, "用人单位违反本法规定解除劳动合同的，应当依照本法第四十七条规定的经济补偿标准的二倍向劳动者支付赔偿金。"),
        art("劳动合同法", 47, "经济补偿按劳动者在本单位工作的年限支付。本条所称月工资……第四十七条"),  # itself: not counted
        Provision(id="某案例§1", law="某案例", article=None, category="case",
                  text="法院依照《中华人民共和国劳动合同法》第四十七条、第八十七条判决；另见民法典第五百条。"),
    ]
    pairs = set(cross_references(provisions, default_law_names()))
    assert pairs == {("劳动合同法#46", "劳动合同法#38"), ("劳动合同法#87", "劳动合同法#47"),
                     ("某案例§1", "劳动合同法#47"), ("某案例§1", "劳动合同法#87")}


def test_repealed_versions_and_repeated_mentions_are_not_counted_twice():
    provisions = [
        art("劳动法", 1, "依照本法第二条、第二条的规定。依照第二条。"),
        art("劳动法", 2, "用人单位应当按月支付工资。"),
        Provision(id="劳动法@1994-07-05#3", law="劳动法", article="3", text="依照本法第二条规定。", status=REPEALED),
        art("劳动法", 4, "本条例不适用于第五十条所列人员。"),  # 第五十条 is not in this corpus
    ]
    assert cross_references(provisions, default_law_names()) == [("劳动法#1", "劳动法#2")]


def test_an_index_knows_who_cites_an_article(tmp_path, fresh_settings):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shili.md").write_text(
        "# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n"
        "第一条 用人单位应当按月支付工资。\n\n第二条 违反本法第一条规定的，责令改正。\n\n"
        "第三条 依照本法第一条和第二条处理。\n", encoding="utf-8")
    (docs / "anli.md").write_text("# 某工资案\n\n法院依照《中华人民共和国示例法》第一条判决单位补发工资。\n",
                                  encoding="utf-8")
    a = Assistant(fresh_settings)
    a.ingest([docs])
    assert a.index.citing("示例法#1") == ["某工资案§1", "示例法#2", "示例法#3"]
    counts = a.index.cited_counts()
    assert counts[a.index.row_of["示例法#1"]] == 2  # documents citing it: its own law (twice, counted once), the case
    assert counts[a.index.row_of["示例法#2"]] == 1 and counts[a.index.row_of["示例法#3"]] == 0


def test_a_build_made_before_references_were_kept_still_serves(tmp_path, fresh_settings):
    import sqlite3

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shili.md").write_text("# 中华人民共和国示例法\n\n<!-- INFO END -->\n\n第一条 按月支付工资。\n\n"
                                   "第二条 违反本法第一条规定的，责令改正。\n", encoding="utf-8")
    Assistant(fresh_settings).ingest([docs])
    build = fresh_settings.index_dir / "builds" / (fresh_settings.index_dir / "CURRENT").read_text().strip()
    with sqlite3.connect(build / "provisions.sqlite") as conn:
        conn.execute("DROP TABLE refs")
    a = Assistant(fresh_settings)
    assert a.search("支付工资", k=2)[0].id == "示例法#1"
    assert a.index.citing("示例法#1") == [] and not a.index.cited_counts().any()
