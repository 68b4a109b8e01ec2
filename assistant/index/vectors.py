"""A build's vectors in Chroma: embedded in the build's folder, or one collection per build on a Chroma server.

An embedded collection lives and dies with its build folder. A server keeps every collection until told, so the
collections of builds that are removed (old ones, and those a crash or a kill left half-written) are dropped with
them; only collections named after this index's own builds are ever touched, so two deployments sharing a server
and a collection prefix never delete each other's vectors.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from assistant.config import Settings

log = logging.getLogger(__name__)


def chroma_client(settings: Settings, build_dir: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    return chromadb.PersistentClient(path=str(build_dir / "chroma"), settings=chroma_settings)


def collection_name(settings: Settings, build_id: str) -> str:
    return f"{settings.chroma_collection}-{build_id}"


def stored_vectors(settings: Settings, previous, wanted: dict[str, str]) -> dict[str, list[float]]:
    """Vectors of the previous build whose text hash is still ``wanted[id]`` (same model only); {} when there are
    none or the old collection cannot be read (that only costs re-encoding)."""
    meta = (previous.meta.get("dense") if previous is not None else None) or {}
    if meta.get("model") != settings.embedding_model:
        return {}
    try:
        collection = chroma_client(settings, previous.dir).get_collection(meta["collection"], embedding_function=None)
        out: dict[str, list[float]] = {}
        ids = list(wanted)
        for start in range(0, len(ids), 1000):
            got = collection.get(ids=ids[start:start + 1000], include=["embeddings", "metadatas"])
            for pid, vec, md in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True):
                if md and md.get("sha") == wanted[pid]:
                    out[pid] = [float(x) for x in vec]
        return out
    except Exception:  # a missing or unreadable old collection only costs re-encoding
        return {}


def server_collection_of(settings: Settings, build_dir: Path) -> str | None:
    """The server collection holding ``build_dir``'s vectors, or None when its vectors (if any) are embedded.
    A build still being written (``tmp-<id>``) has no meta yet: its collection, if the crash came after the
    vectors were added, has the name of its id."""
    try:
        dense = json.loads((build_dir / "meta.json").read_text(encoding="utf-8")).get("dense") or {}
    except (OSError, ValueError):
        return collection_name(settings, build_dir.name.removeprefix("tmp-")) if settings.chroma_url else None
    return dense.get("collection") if dense.get("server") else None


def drop_server_collections(settings: Settings, names: Iterable[str | None]) -> list[str]:
    """Delete these collections from the Chroma server; returns those deleted. Never raises: a server that cannot
    be reached costs disk space on the server, not the ingest that has already switched to its new build."""
    wanted = {n for n in names if n}
    if not settings.chroma_url or not wanted:
        return []
    try:
        client = chroma_client(settings, Path())
        present = {c.name for c in client.list_collections()}
        dropped = sorted(wanted & present)
        for name in dropped:
            client.delete_collection(name)
        return dropped
    except Exception as exc:  # noqa: BLE001 — cleanup is best effort; the log says what was left behind
        log.warning("未能删除 Chroma 服务器上的旧向量集合 %s（%s）", ", ".join(sorted(wanted)), type(exc).__name__)
        return []
