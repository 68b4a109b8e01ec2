"""Getting a working index on first start: configured corpus folders, else the pinned download, else a clear
explanation of the two ways to get a corpus."""

from __future__ import annotations

import logging

from assistant.config import Settings
from assistant.errors import NO_CORPUS_HELP, DownloadError, IndexNotFoundError
from assistant.index.reader import IndexStore

log = logging.getLogger(__name__)


def ensure_index(settings: Settings, *, progress: bool = True, echo=print) -> None:
    """Bring the index up to date with the configured corpus folders (unchanged files are skipped by hash); with
    no folders and no index, download the pinned statutes. Raises IndexNotFoundError with help when neither works."""
    from ingest.pipeline import ingest_paths

    folders = [p for p in settings.corpus_dirs if p.exists()]
    missing = [p for p in settings.corpus_dirs if not p.exists()]
    for p in missing:
        echo(f"提示：配置的法规目录不存在，已跳过：{p}")
    if folders:
        report = ingest_paths(settings, folders, progress=progress)
        if report.changed:
            echo(report.summary())
        return
    if IndexStore(settings).exists():
        return
    echo("首次启动：没有配置本地法规目录，尝试下载法规文本……")
    from ingest.download import download_corpus

    try:
        download_corpus(settings, ingest=True, progress=progress, echo=echo)
    except DownloadError as exc:
        raise IndexNotFoundError(f"下载失败：{exc.message}\n\n{NO_CORPUS_HELP}") from exc
