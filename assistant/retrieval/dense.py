"""Dense retrieval: a sentence-transformers model chosen by setting, vectors kept in Chroma (embedded per build,
or a Chroma server for deployments that outgrow one machine).

When the model cannot be loaded (offline without weights, a typo in the name) retrieval runs lexical-only and the
log says so once. Vectors of unchanged provisions are copied from the previous build instead of re-encoded.
"""

from __future__ import annotations

import functools
import logging
import threading
from pathlib import Path

from assistant.config import Settings
from assistant.index.schema import text_sha
from assistant.index.vectors import chroma_client, collection_name, stored_vectors

log = logging.getLogger(__name__)
_warned: set[str] = set()
_lock = threading.Lock()
BATCH = 256


@functools.lru_cache(maxsize=2)
def _load(model: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model, device="cpu")


def load_encoder(settings: Settings):
    """The embedding model, or None (logged once) when dense retrieval is off or the model is unavailable."""
    if settings.retrieval_mode == "lexical" or not settings.embedding_model:
        return None
    with _lock:
        try:
            return _load(settings.embedding_model)
        except Exception as exc:  # any failure to load means lexical-only, never a crash
            if settings.embedding_model not in _warned:
                _warned.add(settings.embedding_model)
                log.warning("无法加载向量模型 %s（%s），检索改为仅关键词模式", settings.embedding_model, type(exc).__name__)
            return None


def _passage_text(p) -> str:
    return f"{p.label} {' '.join(p.chapter)}\n{p.text}"[:2000]


def dense_builder(settings: Settings, previous):
    """(builder or None, note()) for ``write_build``: the builder encodes and stores vectors for a new build."""
    encoder = load_encoder(settings)
    state = {"note": "未启用（仅关键词检索）" if encoder is None else ""}

    def note() -> str:
        return state["note"]

    if encoder is None:
        return None, note

    def build(build_dir: Path, build_id: str, provisions) -> dict:
        client = chroma_client(settings, build_dir)
        name = collection_name(settings, build_id)
        collection = client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
        reused = stored_vectors(settings, previous, {p.id: text_sha(p) for p in provisions})
        todo = [p for p in provisions if p.id not in reused]
        fresh = encoder.encode([_passage_text(p) for p in todo], batch_size=settings.embedding_batch_size,
                               normalize_embeddings=True, show_progress_bar=False) if todo else []
        vectors = {**reused, **{p.id: list(map(float, v)) for p, v in zip(todo, fresh, strict=True)}}
        for start in range(0, len(provisions), BATCH):
            batch = provisions[start:start + BATCH]
            collection.add(ids=[p.id for p in batch], embeddings=[vectors[p.id] for p in batch],
                           metadatas=[{"sha": text_sha(p), "law": p.law, "status": p.status, "category": p.category}
                                      for p in batch])
        state["note"] = f"{settings.embedding_model}：新编码 {len(todo)} 条，沿用 {len(reused)} 条"
        return {"model": settings.embedding_model, "collection": name, "server": bool(settings.chroma_url)}

    return build, note


class DenseRetriever:
    def __init__(self, settings: Settings, index, encoder):
        self.settings = settings
        self.encoder = encoder
        meta = index.meta["dense"]
        self.collection = chroma_client(settings, index.dir).get_collection(meta["collection"], embedding_function=None)

    @classmethod
    def open(cls, settings: Settings, index) -> DenseRetriever | None:
        meta = index.meta.get("dense")
        if not meta or meta.get("model") != settings.embedding_model:
            return None
        encoder = load_encoder(settings)
        if encoder is None:
            return None
        try:
            return cls(settings, index, encoder)
        except Exception as exc:
            log.warning("向量索引不可用（%s），检索改为仅关键词模式", type(exc).__name__)
            return None

    def search(self, query: str, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        vec = self.encoder.encode([self.settings.embedding_query_instruction + query], normalize_embeddings=True,
                                  show_progress_bar=False)[0]
        res = self.collection.query(query_embeddings=[list(map(float, vec))], n_results=n, where=where or None)
        return [(pid, 1.0 - float(d)) for pid, d in zip(res["ids"][0], res["distances"][0], strict=True)]
