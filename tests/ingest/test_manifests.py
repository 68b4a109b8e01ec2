"""Manifests beside a corpus folder: ``manifest-*.csv`` rows by relative path, a local rule's place, codes filed book
by book, and the category spellings other manifests use."""

from pathlib import Path

from assistant import Assistant
from ingest.manifest import manifest_entry

LAW = "# {title}\n\n<!-- INFO END -->\n\n第一条 {first}\n\n第二条 {second}\n"


def write(path: Path, title: str, first: str = "为了示例，制定本规定。", second: str = "用人单位应当按月支付工资。"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LAW.format(title=title, first=first, second=second), encoding="utf-8")


def test_a_local_manifest_row_gives_the_place_in_official_names(tmp_path, fresh_settings):
    corpus = tmp_path / "corpus"
    write(corpus / "local" / "zhejiang" / "rule.md", "宁波市示例条例", second="企业应当开展工资集体协商。")
    (corpus / "manifest-local.csv").write_text(
        "file,title,province,city,level,version_date\nlocal/zhejiang/rule.md,宁波市示例条例,浙江,宁波,city,2014-04-10\n",
        encoding="utf-8")
    entry = manifest_entry(corpus / "local" / "zhejiang" / "rule.md")
    assert entry is not None and (entry.province, entry.city, entry.category) == ("浙江", "宁波", "local_regulation")
    a = Assistant(fresh_settings)
    a.ingest([corpus / "local"])
    p = a.provision("宁波市示例条例", "2")
    assert p.category == "local_regulation" and p.version_date == "2014-04-10"
    assert p.extra == {"province": "浙江省", "city": "宁波市"}


def test_a_rule_uploaded_without_a_manifest_is_placed_by_its_title(tmp_path, fresh_settings):
    write(tmp_path / "up" / "gz.md", "广东省工资支付条例", second="用人单位应当至少每月向劳动者支付一次工资。")
    write(tmp_path / "up" / "nat.md", "工资支付示例规定")
    a = Assistant(fresh_settings)
    a.ingest([tmp_path / "up"])
    local = a.provision("广东省工资支付条例", "2")
    assert local.extra == {"province": "广东省", "city": ""} and local.category == "local_regulation"
    assert a.provision("工资支付示例规定", "2").extra == {}  # a national title names no place
    # found by its own words for a worker of that place, and by its title for anyone
    placed = a.search("至少每月向劳动者支付一次工资", k=3, province="广东省", city="深圳市")
    assert "广东省工资支付条例#2" in [h.id for h in placed[:2]]
    assert "广东省工资支付条例#2" not in [h.id for h in a.search("至少每月向劳动者支付一次工资", k=3, province="浙江省")]
    assert a.search("广东省工资支付条例", k=3)[0].law == "广东省工资支付条例"


def test_books_of_a_code_filed_apart_are_one_law_and_department_rules_keep_their_category(tmp_path, fresh_settings):
    corpus = tmp_path / "corpus"
    (corpus / "extra").mkdir(parents=True)
    (corpus / "extra" / "book1.md").write_text(
        "# 中华人民共和国示例典\n\n# 第一编\n\n<!-- INFO END -->\n\n第一条 一。\n\n第二条 二。\n", encoding="utf-8")
    (corpus / "extra" / "book2.md").write_text(
        "# 中华人民共和国示例典\n\n# 第二编\n\n<!-- INFO END -->\n\n第三条 三。\n\n第四条 劳务一方受到损害的，按照过错承担责任。\n",
        encoding="utf-8")
    write(corpus / "extra" / "rule.md", "示例暂行规定")
    (corpus / "manifest-extra.csv").write_text(
        "file,title,category,issuer,version_date\n"
        "extra/book1.md,中华人民共和国示例典（第一编）,law,全国人民代表大会,2020-05-28\n"
        "extra/book2.md,中华人民共和国示例典（第二编）,law,全国人民代表大会,2020-05-28\n"
        "extra/rule.md,示例暂行规定,department_rule,人力资源社会保障部,2014-03-01\n", encoding="utf-8")
    a = Assistant(fresh_settings)
    report = a.ingest([corpus / "extra"])
    assert not report.rejected, report.summary()
    assert a.provision("示例典", "1") is not None and "劳务" in a.provision("示例典", "4").text
    assert a.provision("示例暂行规定", "1").category == "departmental_rule"
