"""``labor corpus download`` against a loopback HTTP server serving files this test makes."""

import csv
import hashlib
import http.server
import threading
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.errors import DownloadError
from ingest.download import MANIFEST_FIELDS, download_corpus, strip_court_gazette_navigation
from tests.conftest import make_settings

GOOD = "# 中华人民共和国示例法\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本法。\n\n第二条 用人单位应当按月支付工资。\n"
OTHER = "# 示例条例\n\n<!-- INFO END -->\n\n第一条 本条例适用于示例。\n\n第二条 劳动者享有休息权。\n"


class Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    drop: set[str] = set()

    def do_GET(self):
        if self.path in self.drop:
            self.connection.close()  # a dropped connection: no response at all
            return
        body = self.files.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def mirror():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.files, Handler.drop = {}, set()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def project_with_sources(tmp_path, rows) -> Path:
    corpus = tmp_path / "project-corpus"
    corpus.mkdir()
    with (corpus / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in MANIFEST_FIELDS})
    return corpus


def source(file, title, body: str, path, sha=None):
    return {"file": file, "title": title, "category": "law", "issuer": "全国人大常委会", "version_date": "2020-01-01",
            "mirror_repo": "org/laws", "mirror_commit": "abc123", "mirror_path": path,
            "sha256": sha or hashlib.sha256(body.encode()).hexdigest()}


def test_download_verifies_checksums_and_ingests(tmp_path, mirror):
    Handler.files = {"/org/laws/abc123/%E6%B3%95/a.md": GOOD.encode(), "/org/laws/abc123/b.md": OTHER.encode()}
    corpus = project_with_sources(tmp_path, [source("a.md", "中华人民共和国示例法", GOOD, "法/a.md"),
                                             source("b.md", "示例条例", OTHER, "b.md", sha="0" * 64)])
    settings = make_settings(tmp_path / "data", project_corpus_dir=corpus)
    messages = []
    report = download_corpus(settings, mirror=mirror, echo=messages.append)
    assert "校验和不符" in "\n".join(messages)
    assert not (tmp_path / "data" / "corpus" / "laws" / "b.md").exists()  # a wrong file is never kept
    assert [f.status for f in report.files] == ["added"]
    a = Assistant(settings)
    p = a.provision("示例法", "2")
    assert p.text == "用人单位应当按月支付工资。" and p.version_date == "2020-01-01"


def test_a_dropped_connection_is_retried_then_reported(tmp_path, mirror):
    Handler.files = {"/org/laws/abc123/a.md": GOOD.encode()}
    Handler.drop = {"/org/laws/abc123/a.md"}
    corpus = project_with_sources(tmp_path, [source("a.md", "中华人民共和国示例法", GOOD, "a.md")])
    settings = make_settings(tmp_path / "data", project_corpus_dir=corpus)
    messages = []
    with pytest.raises(DownloadError) as err:
        download_corpus(settings, mirror=mirror, echo=messages.append)
    assert "连接中断" in "\n".join(messages)
    assert "labor ingest" in err.value.message


def test_an_unreachable_mirror_explains_the_two_ways(tmp_path):
    from assistant.bootstrap import ensure_index
    from assistant.errors import IndexNotFoundError

    corpus = project_with_sources(tmp_path, [source("a.md", "中华人民共和国示例法", GOOD, "a.md")])
    settings = make_settings(tmp_path / "data", project_corpus_dir=corpus, corpus_mirror_url="http://127.0.0.1:9")
    with pytest.raises(IndexNotFoundError) as err:
        ensure_index(settings, progress=False, echo=lambda *_: None)
    assert "labor corpus download" in err.value.message and "labor ingest" in err.value.message


def test_court_gazette_navigation_is_stripped():
    page = "首页\n公报介绍\n司法解释\n中华人民共和国最高人民法院\n公告\n第一条 内容。\n法律声明\n联系我们\n"
    assert strip_court_gazette_navigation(page.encode()).decode() == "中华人民共和国最高人民法院\n公告\n第一条 内容。"


def test_the_project_manifest_pins_every_statute(shared_dir):
    from assistant.config import PROJECT_DIR
    from ingest.download import TRANSCRIBED, read_sources

    sources = read_sources(PROJECT_DIR / "corpus" / "sources.csv")
    folders = {s.file.split("/")[0] for s in sources}
    assert folders == {"laws", "extra", "local"} and len(sources) == 35 + 16 + 55
    for s in sources:
        assert len(s.mirror_commit) == 40, s.file
        local = shared_dir / "corpus" / s.file
        assert hashlib.sha256(local.read_bytes()).hexdigest() == s.sha256, s.file
        if s.postprocess == TRANSCRIBED:  # converted from the ministry's pages: no mirror holds these bytes
            assert s.download_url == "" and s.file.startswith("extra/"), s.file
        else:
            assert s.download_url.endswith(s.url("https://raw.githubusercontent.com")[-30:]), s.file
        assert bool(s.province) == s.file.startswith("local/"), s.file


def test_download_files_local_rules_under_their_folder_with_their_place(tmp_path, mirror):
    rule = "# 上海市示例条例\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本条例。\n\n第二条 女职工生育的，增加生育假六十天。\n"
    Handler.files = {"/org/laws/abc123/a.md": GOOD.encode(), "/org/laws/abc123/sh.md": rule.encode()}
    rows = [source("laws/a.md", "中华人民共和国示例法", GOOD, "a.md"),
            {**source("local/shanghai/sh.md", "上海市示例条例", rule, "sh.md"), "category": "", "province": "上海"},
            {**source("extra/page.md", "示例规定", OTHER, "page.md"), "postprocess": "transcribed"}]
    corpus = project_with_sources(tmp_path, rows)
    settings = make_settings(tmp_path / "data", project_corpus_dir=corpus)
    messages = []
    report = download_corpus(settings, mirror=mirror, echo=messages.append)
    assert (tmp_path / "data" / "corpus" / "local" / "shanghai" / "sh.md").is_file()
    note = next(m for m in messages if "转写" in m)
    assert "示例规定" in note and "labor ingest" in note  # a transcribed file is named, not fetched
    assert sorted(f.status for f in report.files) == ["added", "added"]
    a = Assistant(settings)
    assert a.provision("上海市示例条例", "2").extra == {"province": "上海市", "city": ""}
    assert not any(h.law == "上海市示例条例" for h in a.search("女职工生育假", k=10))
    placed = a.search("女职工生育假", k=10, province="上海市")
    assert placed[0].id == "上海市示例条例#2" and placed[0].province == "上海市"
