"""Files staff upload (through the API or the web page) → one batch ingested, kept only once it is in the index.

A batch is streamed into a staging folder, ``uploads/.incoming/<batch>/``, with the size cap, safe names and a
manifest of the category and status staff gave, and ingested from there (each file recorded under the place it will
live at). Only when the ingest returned is the folder renamed to ``uploads/<batch>/``, holding just the files the
index took: a process killed mid-upload or mid-ingest leaves nothing in ``uploads/`` but its staging folder.

Staging folders left by a dead process are swept at the start of the next upload, under the index's build lock:
while the lock is held no ingest reads a staging folder, and a folder is swept only when its owner (the pid in its
``.owner`` file) is no longer running or it is older than ``STALE_AFTER_SECONDS`` (the pid may have been reused). A
batch whose build was published before the kill (the current build reads its files at their final place) is moved
into place instead of deleted, so the index can still be rebuilt from ``uploads/``.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from assistant.config import Settings
from assistant.errors import LaborAssistantError
from assistant.index.lock import build_lock, pid_alive
from assistant.index.reader import IndexStore
from ingest.pipeline import ingest_paths
from ingest.report import IngestReport

log = logging.getLogger(__name__)

MAX_FILES = 50
CHUNK = 1024 * 1024
STAGING = ".incoming"
OWNER = ".owner"
MANIFEST = "manifest.csv"
STALE_AFTER_SECONDS = 3600.0
UNOWNED_GRACE_SECONDS = 60.0  # a folder made a moment ago may not have its owner file yet
KEPT = {"added", "updated", "unchanged"}

# (the uploader's file name, its bytes as a binary stream)
Upload = tuple[str | None, BinaryIO]
Progress = Callable[[int, int, str], None]  # (step, steps, what is being done), for the web page's bar


class UploadRefused(LaborAssistantError):
    """An upload refused before anything was ingested (no files, too many, a type not accepted)."""

    code = "invalid_input"

    def __init__(self, message: str, *, field: str = "files"):
        super().__init__(message)
        self.field = field


class UploadTooLarge(UploadRefused):
    code = "payload_too_large"


def safe_filename(name: str | None, index: int) -> str:
    """The base name only (no directories, no traversal), letters/digits/CJK kept, length bounded."""
    base = unicodedata.normalize("NFKC", Path((name or "").replace("\\", "/")).name)
    base = re.sub(r"[^\w.\-（）()]+", "_", base).strip("._") or f"upload{index}"
    stem, dot, ext = base.rpartition(".")
    return f"{index:02d}_{(stem or ext)[:80]}{dot}{ext if stem else ''}"


def check_uploads(names: Sequence[str | None], allowed_types: Sequence[str]) -> None:
    """Refuse the batch before reading a byte: nothing sent, too many files, or a type ingest does not read."""
    if not names:
        raise UploadRefused("没有收到文件")
    if len(names) > MAX_FILES:
        raise UploadRefused(f"一次最多导入 {MAX_FILES} 个文件")
    bad = [name or "（无名文件）" for name in names if Path(name or "").suffix.lower() not in allowed_types]
    if bad:
        raise UploadRefused(f"不支持的文件类型：{'、'.join(bad)}。支持 {'、'.join(allowed_types)}")


def ingest_uploads(settings: Settings, files: Sequence[Upload], *, allowed_types: Sequence[str], max_bytes: int | None,
                   category: str = "document", status: str = "in_force",
                   progress: Progress | None = None) -> dict:
    """Save and ingest one batch; the ingest report as JSON, files named as the uploader named them.

    ``max_bytes``: the cap on the whole batch (None: none; each file still has LABOR_MAX_FILE_MB).
    Raises :class:`UploadRefused` / :class:`UploadTooLarge` for a batch refused as a whole (nothing is kept),
    :class:`assistant.errors.IndexBusyError` while another ingest runs."""
    check_uploads([name for name, _ in files], allowed_types)
    uploads = Path(settings.data_dir) / "uploads"
    staging_root = uploads / STAGING
    staging_root.mkdir(parents=True, exist_ok=True)
    store = IndexStore(settings)
    with build_lock(store.root):
        sweep_staging(uploads, store)
    batch = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=staging_root))
    final = uploads / batch.name
    try:
        (batch / OWNER).write_text(json.dumps({"pid": os.getpid(), "started": time.time()}), encoding="utf-8")
        staged, names = _save(batch, files, max_bytes, progress)
        _write_manifest(batch, staged, category, status)
        if progress:
            progress(len(files), len(files) + 1, "正在导入并重建索引……")
        report = ingest_paths(settings, staged, recorded_as={p: final / p.name for p in staged})
    except BaseException:
        shutil.rmtree(batch, ignore_errors=True)
        raise
    _keep_what_was_taken(report, batch, final)
    return report.as_uploaded(names)


def _save(batch: Path, files: Sequence[Upload], max_bytes: int | None,
          progress: Progress | None) -> tuple[list[Path], dict[str, str]]:
    """Stream each upload to disk under a safe name; the whole batch counts against ``max_bytes``."""
    staged: list[Path] = []
    names: dict[str, str] = {}
    total = 0
    for i, (name, stream) in enumerate(files):
        if progress:
            progress(i, len(files) + 1, f"保存文件 {i + 1}/{len(files)}")
        target = batch / safe_filename(name, i)
        names[str(target)] = name or target.name
        with target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if max_bytes is not None and total > max_bytes:
                    raise UploadTooLarge(f"上传内容过大：上限 {max_bytes // (1024 * 1024) or 1} MB")
                out.write(chunk)
        staged.append(target)
    return staged, names


def _write_manifest(batch: Path, paths: list[Path], category: str, status: str) -> None:
    """Category and status of this batch, as staff gave them, in the manifest ingest reads beside the files."""
    with (batch / MANIFEST).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "category", "issuer", "version_date", "status"])
        writer.writerows([p.name, "", category, "", "", status] for p in paths)


def _keep_what_was_taken(report: IngestReport, batch: Path, final: Path) -> None:
    """Uploads the index did not take (rejected, duplicates) are not kept: only indexed sources move into place."""
    kept = {Path(f.path).name for f in report.files if f.status in KEPT and Path(f.path).parent == batch}
    _move_into_place(batch, final, kept)


def _move_into_place(batch: Path, final: Path, kept: set[str]) -> None:
    for path in batch.iterdir():
        if path.name not in kept and path.name != MANIFEST:
            path.unlink(missing_ok=True)
    if not kept:
        shutil.rmtree(batch, ignore_errors=True)
        return
    os.replace(batch, final)


def sweep_staging(uploads: Path, store: IndexStore) -> list[str]:
    """Staging folders of dead uploads, removed (or moved into place when the current build reads their files);
    the caller holds the build lock. The names of the folders swept."""
    root = uploads / STAGING
    stale = [p for p in sorted(root.iterdir()) if p.is_dir() and _is_stale(p)] if root.is_dir() else []
    if not stale:
        return []
    indexed = _indexed_sources(store)
    for batch in stale:
        final = uploads / batch.name
        kept = {Path(s).name for s in indexed if Path(s).parent == final}
        if kept and not final.exists():
            (batch / OWNER).unlink(missing_ok=True)
            _move_into_place(batch, final, kept)
            log.info("upload batch %s: ingested before its process ended, moved into place", batch.name)
        else:
            shutil.rmtree(batch, ignore_errors=True)
            log.info("upload batch %s: left by a process that ended, removed", batch.name)
    return [b.name for b in stale]


def _is_stale(batch: Path) -> bool:
    now = time.time()
    try:
        owner = json.loads((batch / OWNER).read_text(encoding="utf-8"))
        pid, started = int(owner["pid"]), float(owner["started"])
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return now - batch.stat().st_mtime > UNOWNED_GRACE_SECONDS
        except OSError:
            return False
    return not pid_alive(pid) or now - started > STALE_AFTER_SECONDS


def _indexed_sources(store: IndexStore) -> set[str]:
    if not store.exists():
        return set()
    try:
        return set(store.open().sources())
    except Exception as exc:  # noqa: BLE001 — an unreadable build: nothing can be recovered, the sweep still runs
        log.warning("upload sweep: current build unreadable (%s)", type(exc).__name__)
        return set()
