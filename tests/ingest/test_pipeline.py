"""Ingest: summary, skipping by content hash, atomic builds that survive crashes and kills, versions."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from assistant import Assistant
from assistant.errors import IndexBusyError
from assistant.index.reader import IndexStore
from ingest.pipeline import build_lock
from tests.conftest import LAWS_DIR, ROOT

LAW = "# 中华人民共和国示例法\n\n{date} 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 {one}\n\n第二条 用人单位应当按月支付工资。\n"


def write_law(folder, name="shili.md", date="2020年1月1日", one="为了保护劳动者的休息权利，制定本法。"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(LAW.format(date=date, one=one), encoding="utf-8")
    return path


def test_a_bad_file_is_rejected_with_a_reason_and_the_rest_ingests(tmp_path, fresh_settings):
    docs = tmp_path / "docs"
    write_law(docs)
    (docs / "empty.txt").write_text("")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (docs / "memo.md").write_text("# 单位通知\n\n本周五下午全体员工开会，讨论加班安排。\n", encoding="utf-8")
    a = Assistant(fresh_settings)
    report = a.ingest([docs, tmp_path / "missing"])
    by_name = {os.path.basename(f.path): f for f in report.files}
    assert by_name["shili.md"].status == "added" and by_name["shili.md"].provisions == 2
    assert by_name["memo.md"].status == "added" and by_name["memo.md"].kind == "document"
    assert by_name["empty.txt"].reason == "文件为空"
    assert "损坏" in by_name["broken.pdf"].reason
    assert by_name["missing"].reason == "文件或文件夹不存在"
    summary = report.summary()
    assert "拒收 3 个" in summary and "broken.pdf" in summary
    assert a.provision("示例法", "2").text == "用人单位应当按月支付工资。"
    assert a.search("开会讨论加班安排")[0].law == "单位通知"


def test_unchanged_files_are_skipped_and_changed_ones_rebuilt(tmp_path, fresh_settings):
    docs = tmp_path / "docs"
    path = write_law(docs)
    a = Assistant(fresh_settings)
    first = a.ingest([docs])
    again = a.ingest([docs])
    assert [f.status for f in again.files] == ["unchanged"]
    assert again.build == first.build  # nothing changed, no new build
    write_law(docs, one="为了规范工资支付，制定本法。")
    third = a.ingest([path])
    assert [f.status for f in third.files] == ["updated"] and third.build != first.build
    assert "规范工资支付" in a.provision("示例法", "1").text


def test_a_crash_mid_build_leaves_the_previous_index_serving(tmp_path, fresh_settings, monkeypatch):
    docs = tmp_path / "docs"
    write_law(docs)
    a = Assistant(fresh_settings)
    a.ingest([docs])
    before = IndexStore(fresh_settings).current_name()
    write_law(tmp_path / "more", name="other.md", one="其他法律的第一条。")

    import assistant.index.builder

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(assistant.index.builder.LexicalIndex, "build_and_save", explode)
    with pytest.raises(RuntimeError):
        a.ingest([tmp_path / "more"])
    store = IndexStore(fresh_settings)
    assert store.current_name() == before
    assert not [p for p in store.builds.iterdir() if p.name.startswith("tmp-")]
    assert Assistant(fresh_settings).provision("示例法", "2") is not None


def test_a_killed_ingest_leaves_the_previous_index_serving(tmp_path, fresh_settings):
    docs = tmp_path / "docs"
    write_law(docs)
    Assistant(fresh_settings).ingest([docs])
    before = IndexStore(fresh_settings).current_name()
    script = textwrap.dedent(f"""
        import time, assistant.index.builder as builder
        real = builder._write_sqlite
        def slow(*a, **k):
            real(*a, **k)
            print("writing", flush=True)
            time.sleep(60)
        builder._write_sqlite = slow
        from tests.conftest import make_settings
        from pathlib import Path
        from assistant import Assistant
        Assistant(make_settings(Path({str(fresh_settings.data_dir)!r}))).ingest([Path({str(LAWS_DIR)!r})])
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    store = IndexStore(fresh_settings)
    assert store.current_name() == before
    a = Assistant(fresh_settings)
    assert a.provision("示例法", "1") is not None and a.provision("劳动合同法", "38") is None
    # the next ingest clears the half-written build away
    write_law(tmp_path / "more", name="other.md", one="另一部法。")
    a.ingest([tmp_path / "more"])
    assert not [p for p in store.builds.iterdir() if p.name.startswith("tmp-")]


def test_two_ingests_never_interleave(fresh_settings):
    store = IndexStore(fresh_settings)
    with build_lock(store):
        with pytest.raises(IndexBusyError) as err:
            with build_lock(store):
                pass
    assert "另一个导入任务" in err.value.message


def test_an_older_version_is_repealed_and_never_outranks_the_law_in_force(tmp_path, fresh_settings):
    old = write_law(tmp_path / "v2010", name="示例法(2010-01-01).md", one="旧版：劳动者休息休假的权利。")
    new = write_law(tmp_path / "v2020", name="示例法(2020-01-01).md", one="新版：劳动者休息休假的权利。")
    a = Assistant(fresh_settings)
    a.ingest([old, new])
    current = a.provision("示例法", "1")
    assert current.text.startswith("新版") and current.in_force
    old_one = a.provision_by_id("示例法@2010-01-01#1")
    assert old_one is not None and old_one.status == "repealed"
    hits = a.search("旧版 劳动者休息休假的权利", k=5)
    ids = [h.id for h in hits]
    assert ids.index("示例法#1") < ids.index("示例法@2010-01-01#1")


def test_manifest_metadata_is_used(assistant):
    p = assistant.provision("工伤保险条例", "14")
    assert p.category == "administrative_regulation" and p.issuer == "国务院"
    assert p.doc_title == "工伤保险条例" and p.version_date == "2010-12-20"
    jieshi = assistant.provision("劳动争议解释（二）", "6")
    assert jieshi.category == "judicial_interpretation" and jieshi.version_date == "2025-07-31"


def test_the_labor_corpus_ingests_whole(assistant):
    stats = assistant.stats()
    assert stats["statutes"] == 35 and stats["documents"] == 10
    assert assistant.provision("刑法", "第二百七十六条之一") is not None


def test_a_changed_dictionary_rebuilds_the_index_on_the_next_ingest(tmp_path, fresh_settings, monkeypatch):
    docs = tmp_path / "docs"
    write_law(docs)
    a = Assistant(fresh_settings)
    first = a.ingest([docs])
    import ingest.pipeline

    monkeypatch.setattr(ingest.pipeline, "index_fingerprint", lambda: "a-new-dictionary")
    again = a.ingest([docs])
    assert again.build != first.build and again.changed
    assert a.index.meta["index_format"] == "a-new-dictionary"


def test_the_same_statute_filed_twice_in_one_batch_is_ingested_once(tmp_path, fresh_settings):
    first = write_law(tmp_path / "经济法", name="示例法(2021-04-29).md")
    second = write_law(tmp_path / "行政法", name="示例法(2021-04-29).md", one="同一版本的另一份副本。")
    report = Assistant(fresh_settings).ingest([first, second])
    statuses = sorted(f.status for f in report.files)
    assert statuses == ["added", "duplicate"]
    assert "同一法规的同一版本" in report.of("duplicate")[0].reason
    assert Assistant(fresh_settings).provision("示例法", "1") is not None


def test_a_running_assistant_picks_up_a_build_made_by_another_process(tmp_path, fresh_settings, monkeypatch):
    docs = tmp_path / "docs"
    write_law(docs)
    serving = Assistant(fresh_settings)
    serving.ingest([docs])
    old_build = serving.index.build_id
    Assistant(fresh_settings).ingest([write_law(tmp_path / "more", name="other.md", one="新的第一条。").parent])
    import itertools

    import assistant.facade

    # each look at the clock is ten seconds later (counting from now: the machine's uptime can be anything)
    clock = itertools.count(assistant.facade.time.monotonic() + 10.0, 10.0)
    monkeypatch.setattr(assistant.facade.time, "monotonic", lambda: next(clock))
    assert serving.provision("示例法", "1").text == "新的第一条。"
    assert serving.index.build_id != old_build
    assert serving.index.build_id == IndexStore(fresh_settings).current_name()


def test_a_code_filed_part_by_part_keeps_every_part(tmp_path, fresh_settings):
    folder = tmp_path / "code"
    folder.mkdir()
    head = "# 中华人民共和国示例法典\n\n<!-- INFO END -->\n\n"
    (folder / "总则.md").write_text(head + "第一条 总则第一条。\n\n第二条 总则第二条。\n", encoding="utf-8")
    (folder / "分则.md").write_text(head + "第三条 分则第三条。\n\n第四条 分则第四条。\n", encoding="utf-8")
    a = Assistant(fresh_settings)
    report = a.ingest([folder])
    assert sorted(f.status for f in report.files) == ["added", "added"]
    assert a.provision("示例法典", "1") is not None and a.provision("示例法典", "4") is not None
    (folder / "分则.md").write_text(head + "第三条 修改后的第三条。\n\n第四条 分则第四条。\n", encoding="utf-8")
    a.ingest([folder])
    assert a.provision("示例法典", "1") is not None  # updating one part leaves the other in place
    assert a.provision("示例法典", "3").text == "修改后的第三条。"
