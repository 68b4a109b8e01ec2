"""The build lock: one ingest at a time per data folder, a lock left by a dead ingest taken over safely.

The lock is an ``flock`` on ``index/.lock``, and the file holds the holder's pid. The kernel frees an ``flock`` when
every descriptor of it is closed, so normally a dead ingest frees its lock. It does not when the descriptor lives on
in a process the ingest forked (a pool worker of an older version, left orphaned by ``kill -9``): the pid in the file
is then dead while the lock is still held. Such a lock is *stale*: under a short guard lock, the next ingest re-checks
the pid, moves the stale file aside and locks a fresh one. The orphan keeps a lock on a file nobody uses any more.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import IndexBusyError

BUSY = "另一个导入任务正在进行，请稍后再试"


def pid_alive(pid: int) -> bool:
    """True while ``pid`` is a running process (a zombie, dead but not yet reaped, counts as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in {"Z", "X"}


def _holder(path: Path) -> int:
    try:
        return int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _try_lock(path: Path):
    """An open, locked file for ``path``, or None when another descriptor holds the lock."""
    fh = open(path, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    try:
        same = os.fstat(fh.fileno()).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        same = False
    if not same:  # moved aside as stale between our open and our lock: not the lock any more
        fh.close()
        return None
    return fh


def _retire_if_stale(path: Path) -> bool:
    """Move a stale lock file aside (under a guard lock, re-checking its holder); True when it was stale."""
    with open(path.with_name(path.name + ".guard"), "a+") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        holder = _holder(path)
        if not holder or pid_alive(holder):
            return False
        os.replace(path, path.with_name(f"{path.name}.stale-{holder}"))
        return True


def _remove_freed_stale_locks(root: Path) -> None:
    """Retired lock files nobody holds any more (their orphans have gone) are deleted."""
    for stale in root.glob(".lock.stale-*"):
        held = _try_lock(stale)
        if held is not None:
            stale.unlink(missing_ok=True)
            held.close()


@contextmanager
def build_lock(root: Path):
    """Hold the build lock of the index at ``root`` (raises :class:`IndexBusyError` while another ingest runs)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / ".lock"
    fh = _try_lock(path)
    if fh is None and _retire_if_stale(path):
        fh = _try_lock(path)
    if fh is None:
        raise IndexBusyError(BUSY)
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        _remove_freed_stale_locks(root)
        yield
    finally:
        fh.seek(0)
        fh.truncate()
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()
