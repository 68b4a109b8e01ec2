"""The ``labor`` command as a person runs it (a real process, its own environment)."""

import json
import os
import subprocess
import sys

from tests.conftest import CASES_DIR, LAWS_DIR, ROOT


def labor(*args, data_dir, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABOR_")}
    env.update({"LABOR_DATA_DIR": str(data_dir), "LABOR_RETRIEVAL_MODE": "lexical"}, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_help_reads_well(tmp_path):
    out = labor("--help", data_dir=tmp_path)
    assert out.returncode == 0
    for command in ("search", "ingest", "show", "corpus"):
        assert command in out.stdout
    assert "查找与问题相关的法条" in out.stdout


def test_ingest_then_search_as_json(tmp_path):
    out = labor("ingest", str(LAWS_DIR), str(CASES_DIR), data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "新增 45 个文件" in out.stdout
    out = labor("search", "劳动合同法第38条", "-k", "3", "--json", data_dir=tmp_path)
    hits = json.loads(out.stdout)
    assert hits[0]["id"] == "劳动合同法#38" and set(hits[0]) >= {"id", "law", "article", "title", "chapter", "text",
                                                               "score", "source", "category"}
    out = labor("show", "劳动合同法", "第八十二条", data_dir=tmp_path)
    assert "二倍的工资" in out.stdout
    assert "引用本条的（2）：劳动合同法实施条例第六条、劳动合同法实施条例第七条" in out.stdout  # they apply §82
    shown = json.loads(labor("show", "劳动合同法", "47", "--json", data_dir=tmp_path).stdout)
    assert {"劳动合同法#87", "劳动合同法实施条例#6"} <= set(shown["cited_by"])
    out = labor("show", "劳动法", "108", data_dir=tmp_path)
    assert out.returncode == 1 and "没有找到" in out.stderr


def test_search_without_a_corpus_explains_how_to_get_one(tmp_path):
    out = labor("search", "加班费", data_dir=tmp_path)
    assert out.returncode == 2
    assert "labor corpus download" in out.stderr and "labor ingest" in out.stderr
