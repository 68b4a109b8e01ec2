"""The one upload flow both front doors use: a batch is staged, ingested, and only then kept under uploads/; the
staging folders of killed uploads are swept by the next upload, a live upload's never."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.errors import IndexBusyError
from assistant.index.lock import build_lock
from ingest.uploads import STAGING, UploadRefused, UploadTooLarge

LAW = "# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 {one}\n\n第二条 用人单位应当按月支付工资。\n"
TYPES = [".md", ".txt"]


def _law(one: str = "为了保护劳动者的休息权利，制定本法。") -> io.BytesIO:
    return io.BytesIO(LAW.format(one=one).encode())


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _staged(uploads: Path, name: str, pid: int, started: float, files: dict[str, str] | None = None) -> Path:
    """A staging folder as an upload leaves it: its owner, its files so far."""
    batch = uploads / STAGING / name
    batch.mkdir(parents=True)
    (batch / ".owner").write_text(json.dumps({"pid": pid, "started": started}), encoding="utf-8")
    for file, text in (files or {"00_half.md": "# 半个文件"}).items():
        (batch / file).write_text(text, encoding="utf-8")
    return batch


def _batches(uploads: Path) -> list[str]:
    return sorted(p.name for p in uploads.iterdir() if p.name != STAGING)


@pytest.fixture
def a(fresh_settings) -> Assistant:
    return Assistant(fresh_settings)


def upload(a: Assistant, *files, **kw) -> dict:
    return a.ingest_uploads(list(files), allowed_types=TYPES, max_bytes=kw.pop("max_bytes", 1 << 20), **kw)


def test_an_ingested_batch_is_kept_under_uploads_and_nothing_stays_staged(a):
    report = upload(a, ("../示例法.md", _law()), ("空.txt", io.BytesIO(b"")), category="law")
    uploads = a.settings.data_dir / "uploads"

    assert {f["path"]: f["status"] for f in report["files"]} == {"../示例法.md": "added", "空.txt": "rejected"}
    [batch] = _batches(uploads)
    assert sorted(p.name for p in (uploads / batch).iterdir()) == ["00_示例法.md", "manifest.csv"]
    assert not list((uploads / STAGING).iterdir())
    # the index records the file where it is kept, so uploads/ can rebuild the index later
    assert a.provision("示例法", "2").source == str((uploads / batch / "00_示例法.md").resolve())
    again = Assistant(a.settings).ingest([uploads])
    assert [f.status for f in again.files] == ["unchanged"]


def test_a_stale_staging_folder_is_swept_and_a_live_one_kept(a):
    uploads = a.settings.data_dir / "uploads"
    dead = _staged(uploads, "20260101-000000-dead", _dead_pid(), time.time())
    reused = _staged(uploads, "20260101-000000-old", os.getpid(), time.time() - 2 * 3600)  # pid alive, but 2 h old
    live = _staged(uploads, "20260101-000000-live", os.getpid(), time.time())

    upload(a, ("示例法.md", _law()), category="law")

    assert not dead.exists() and not reused.exists(), "the folders of dead uploads are swept"
    assert live.is_dir() and (live / "00_half.md").is_file(), "a live upload's folder is left alone"
    assert not (uploads / dead.name).exists() and not (uploads / reused.name).exists()
    assert len(_batches(uploads)) == 1


def test_a_batch_ingested_before_its_process_died_is_moved_into_place(a):
    # killed after the build was published, before the rename: the build reads the files at their final place
    first = upload(a, ("示例法.md", _law()), category="law")
    assert first["files"][0]["status"] == "added"
    uploads = a.settings.data_dir / "uploads"
    [kept] = _batches(uploads)
    os.replace(uploads / kept, uploads / STAGING / kept)
    (uploads / STAGING / kept / "01_rejected.md").write_text("x", encoding="utf-8")
    (uploads / STAGING / kept / ".owner").write_text(json.dumps({"pid": _dead_pid(), "started": time.time()}))

    upload(a, ("另一法.md", _law("另一条文。")), category="document")

    assert sorted(p.name for p in (uploads / kept).iterdir()) == ["00_示例法.md", "manifest.csv"]
    assert not (uploads / STAGING / kept).exists()


def test_a_refused_batch_leaves_nothing_and_keeps_what_is_stored(a):
    upload(a, ("示例法.md", _law()), category="law")
    uploads = a.settings.data_dir / "uploads"
    before = _batches(uploads)

    with pytest.raises(UploadTooLarge) as too_large:
        upload(a, ("a.md", _law()), ("b.md", io.BytesIO(b"#" * 4096)), max_bytes=2048)
    assert "上传内容过大" in too_large.value.message
    with pytest.raises(UploadRefused) as wrong_type:
        upload(a, ("tool.exe", io.BytesIO(b"MZ")), ("x.md", _law()))
    assert "不支持的文件类型：tool.exe" in wrong_type.value.message and wrong_type.value.field == "files"
    with pytest.raises(UploadRefused):
        upload(a)

    assert _batches(uploads) == before and not list((uploads / STAGING).iterdir())
    assert a.provision("示例法", "2") is not None


def test_an_upload_while_another_ingest_runs_is_busy_and_sweeps_nothing(a):
    uploads = a.settings.data_dir / "uploads"
    dead = _staged(uploads, "20260101-000000-dead", _dead_pid(), time.time())
    with build_lock(a.store.root), pytest.raises(IndexBusyError):
        upload(a, ("示例法.md", _law()))
    assert dead.is_dir(), "the sweep runs only under the build lock"
    assert _batches(uploads) == []
