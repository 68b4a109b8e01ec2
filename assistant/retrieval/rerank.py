"""Optional cross-encoder reranking (e.g. BAAI/bge-reranker-base), chosen by setting."""

from __future__ import annotations

import functools
import logging

from assistant.config import Settings

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=2)
def _load(model: str):
    from sentence_transformers import CrossEncoder

    return CrossEncoder(model, device="cpu")


class Reranker:
    def __init__(self, model):
        self.model = model

    def rerank(self, query: str, fused: list, index, top_n: int) -> list:
        head, tail = fused[:top_n], fused[top_n:]
        if not head:
            return fused
        provisions = index.by_rows([index.row_of[pid] for pid, _, _ in head])
        scores = self.model.predict([(query, f"{p.label}\n{p.text}") for p in provisions], show_progress_bar=False)
        order = sorted(range(len(head)), key=lambda i: -float(scores[i]))
        return [(head[i][0], float(scores[i]), head[i][2] + ["rerank"]) for i in order] + tail


def load_reranker(settings: Settings) -> Reranker | None:
    if not settings.reranker_model:
        return None
    try:
        return Reranker(_load(settings.reranker_model))
    except Exception as exc:
        log.warning("无法加载重排模型 %s（%s），跳过重排", settings.reranker_model, type(exc).__name__)
        return None
