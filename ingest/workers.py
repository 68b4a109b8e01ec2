"""Tokenizing in worker processes that can never outlive the ingest that started them.

Workers are *spawned* (fork + exec), never forked: a forked worker inherits every open descriptor of its parent —
the build lock's file (so the lock stays held after the parent dies and every later ingest reports 「另一个导入任务正在
进行」) and, inside the server, the listening socket (a restart fails with "address already in use"). A spawned
worker starts from a fresh interpreter holding only its pipe. On Linux each worker also asks the kernel to SIGKILL it
when its parent dies (``PR_SET_PDEATHSIG``), so a ``kill -9`` of the ingest leaves no worker stuck writing results
to a queue nobody reads.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent exits; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl (unusual libc): the parent check below still applies
            pass
    if os.getppid() != parent_pid:  # the parent died between spawning us and the prctl call
        os._exit(1)


def _init_worker(parent_pid: int, cache_dir: str | None) -> None:
    die_with_parent(parent_pid)
    from assistant.index.tokenize import init_tokenizer

    init_tokenizer(Path(cache_dir) if cache_dir else None)


def _tokenize_batch(texts: list[str]) -> list[list[str]]:
    from assistant.index.tokenize import tokenize

    return [tokenize(t) for t in texts]


def tokenize_in_workers(texts: list[str], cache_dir: Path | None, workers: int) -> Iterator[list[str]]:
    """Tokens of each text, in order, computed by ``workers`` spawned processes."""
    size = max(1, len(texts) // (workers * 8))
    batches = [texts[i:i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(os.getpid(), str(cache_dir) if cache_dir else None)) as pool:
        yield from _flatten(pool.map(_tokenize_batch, batches))


def _flatten(batches: Iterable[list[list[str]]]) -> Iterator[list[str]]:
    for batch in batches:
        yield from batch
