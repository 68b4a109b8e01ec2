"""Tokenizing workers die with their ingest: ``kill -9`` of the ingest leaves no process behind, no lock held and no
half-written build, and the next ingest works. A stale lock (holder dead, lock still held) is taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from assistant import Assistant
from assistant.index.lock import build_lock
from assistant.index.reader import IndexStore
from tests.conftest import LAWS_DIR, ROOT

# The ingest of the statute folder with the pool forced on (threshold 1), writing its pid, then blocking in the
# pool; the test kills it there.
SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tests.conftest import make_settings
    from assistant import Assistant

    settings = make_settings(Path(sys.argv[1])).model_copy(update={"ingest_parallel_threshold": 1})
    Assistant(settings).ingest([Path(sys.argv[2])])
""")


def descendants_of(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def wait_for_workers(proc: psutil.Process, count: int, timeout: float = 120.0) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = [c for c in descendants_of(proc) if "spawn_main" in " ".join(_cmdline(c))]
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    pytest.fail("the ingest never started its tokenizing workers")


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="worker processes are used on multi-core Linux")
def test_kill_9_of_an_ingest_leaves_no_worker_and_the_next_ingest_works(tmp_path, fresh_settings):
    data = fresh_settings.data_dir
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(data), str(LAWS_DIR)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    everyone: list[psutil.Process] = []
    try:
        workers = wait_for_workers(parent, 2)
        everyone = descendants_of(parent)
        proc.kill()
        proc.wait(timeout=10)
        gone, alive = psutil.wait_procs(everyone, timeout=15)
        assert not alive, f"processes survived their ingest: {[p.pid for p in alive]}"
        assert {w.pid for w in workers} <= {p.pid for p in gone}
    finally:  # never leave a process of this test behind, whatever failed
        proc.kill()
        for p in everyone + descendants_of(parent):
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
    report = Assistant(fresh_settings).ingest([LAWS_DIR])  # not 「另一个导入任务正在进行」
    assert report.build and not report.rejected
    builds = IndexStore(fresh_settings).builds
    assert not [p.name for p in builds.iterdir() if p.name.startswith("tmp-")]  # the killed one's folder is gone
    assert Assistant(fresh_settings).provision("劳动合同法", "38") is not None


def test_the_pool_tokenizes_exactly_as_one_process_does(tmp_path, fresh_settings):
    from ingest.pipeline import _tokenize_all

    texts = ["用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同。", "加班费怎么算", "无固定期限劳动合同"] * 5
    assert _tokenize_all(texts, False, threshold=1, cache_dir=fresh_settings.data_dir / "cache") == \
        _tokenize_all(texts, False)


def test_a_lock_whose_holder_died_is_taken_over(tmp_path, fresh_settings):
    root = IndexStore(fresh_settings).root
    root.mkdir(parents=True)
    # An orphan of a killed ingest: it holds the lock's descriptor, while the pid in the file is long dead.
    orphan = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, sys, time
        fh = open({str(root / '.lock')!r}, "a+")
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0); fh.truncate(); fh.write("999999999"); fh.flush()
        print("locked", flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert orphan.stdout.readline().strip() == "locked"
        with build_lock(root):
            assert (root / ".lock").read_text() == str(os.getpid())
        report = Assistant(fresh_settings).ingest([LAWS_DIR / "laodong_hetong_fa.md"])
        assert report.build
    finally:
        orphan.kill()
        orphan.wait()


def test_a_lock_whose_holder_lives_is_respected(tmp_path, fresh_settings):
    from assistant.errors import IndexBusyError

    root = IndexStore(fresh_settings).root
    with build_lock(root), pytest.raises(IndexBusyError) as err, build_lock(root):
        pass
    assert "另一个导入任务" in err.value.message
