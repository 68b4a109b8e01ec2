"""The hybrid retriever: exact reference → BM25 (with thesaurus expansion, named-law boost and per-article priors:
core statutes, articles the corpus cites) + dense + issue routing → RRF → optional cross-encoder rerank → in-force
before repealed."""

from __future__ import annotations

import functools
import logging

import numpy as np

from assistant.config import PROJECT_DIR, Settings
from assistant.errors import InvalidQueryError
from assistant.retrieval.exact import exact_ids, named_laws
from assistant.retrieval.fusion import rrf
from assistant.retrieval.thesaurus import expand
from assistant.retrieval.tokenize import tokenize
from assistant.statutes import IN_FORCE

log = logging.getLogger(__name__)
LAW_PRIORS = PROJECT_DIR / "corpus" / "law_priors.yaml"


@functools.cache
def load_law_priors() -> dict[str, float]:
    from assistant.yamlfile import load_yaml

    if not LAW_PRIORS.exists():
        return {}
    return {str(k): float(v) for k, v in (load_yaml(LAW_PRIORS) or {}).items()}
MAX_QUERY_CHARS = 2000
CANDIDATES = 100
EXPANSION_WEIGHT = 0.5
NAMED_LAW_BOOST = 1.6
PASSAGE_PRIOR = 0.5  # cases and notes explain; articles are the basis, so they lead when both match
# An article other documents keep citing (劳动合同法第四十七条: its own law, the implementing regulation, the
# interpretations, the cases) is one lawyers reach for: weight × (1 + 0.25·ln(1 + citing documents)), ×1.17 for one,
# ×1.35 for three. Measured on the dev sets (labor eval --suite retrieval --suite answers): 0.15–0.5 all lift
# consultation questions (hit@10 0.53 → 0.58–0.60) without lowering STARD; 0.25 keeps the best MRR.
CITED_PRIOR = 0.25
WEIGHTS = {"lexical": 1.0, "dense": 1.0, "routing": 0.6}


class HybridRetriever:
    def __init__(self, settings: Settings, index, dense=None, reranker=None, *, use_thesaurus: bool = True,
                 use_routing: bool = True):
        self.settings = settings
        self.index = index
        self.dense = dense
        self.reranker = reranker
        self.use_thesaurus = use_thesaurus
        self.use_routing = use_routing
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        self._prior_weights: np.ndarray | None = None
        self._routing_warned = False

    @classmethod
    def from_settings(cls, settings: Settings, index) -> HybridRetriever:
        from assistant.retrieval.dense import DenseRetriever
        from assistant.retrieval.rerank import load_reranker

        from assistant.retrieval.lexical import index_fingerprint
        from assistant.retrieval.tokenize import init_tokenizer

        init_tokenizer(settings.data_dir / "cache")  # jieba's dictionary cache lives with the app's data

        if index.meta.get("index_format") not in (None, index_fingerprint()):
            log.warning("索引建立时的分词词典或格式与当前版本不同，检索可能不准：请重新运行 labor ingest 更新索引")
        dense = DenseRetriever.open(settings, index) if settings.retrieval_mode == "hybrid" else None
        return cls(settings, index, dense, load_reranker(settings),
                   use_thesaurus=getattr(settings, "use_thesaurus", True),
                   use_routing=getattr(settings, "use_routing", True))

    # ---- steps, each usable alone
    def lexical(self, query: str, mask: np.ndarray | None, n: int = CANDIDATES) -> list[str]:
        scores = self.index.bm25.scores(tokenize(query))
        if self.use_thesaurus:
            extra = expand(query)
            if extra:
                scores = scores + EXPANSION_WEIGHT * self.index.bm25.scores(tokenize(" ".join(extra)))
        scores = scores * self._prior()
        for law in named_laws(query, self.index):  # a named statute gets its full weight back, and a boost
            scores = scores * np.where(self._rows_where("law", law), NAMED_LAW_BOOST / load_law_priors().get(law, 1.0), 1.0)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
        top = [int(r) for r in top[np.argsort(-scores[top], kind="stable")] if scores[r] > 0]
        return [self.index.ids[r] for r in top]

    def routed(self, query: str, allowed) -> list[str]:
        """Key articles of the issue guides the question is about (the guides' classifier)."""
        if not self.use_routing:
            return []
        try:
            from assistant.guides import classify

            matches = classify(query, k=3)
        except Exception as exc:  # broken guide data must not take search down with it
            if not self._routing_warned:
                self._routing_warned = True
                log.warning("维权指南不可用（%s），检索不使用问题类型路由", exc)
            return []
        ids: list[str] = []
        for match in matches:
            ids.extend(a for a in match.guide.articles if a in self.index.row_of and allowed(a))
        return list(dict.fromkeys(ids))

    def filter_mask(self, law: str | None, category: str | None, include_repealed: bool) -> np.ndarray | None:
        if law is None and category is None and include_repealed:
            return None
        mask = np.ones(len(self.index), dtype=bool)
        if law is not None:
            mask &= self._rows_where("law", self.index.laws.canonical(law) or law)
        if category is not None:
            mask &= self._rows_where("category", category)
        if not include_repealed:
            mask &= self._rows_where("status", IN_FORCE)
        return mask

    def _prior(self) -> np.ndarray:
        """Per-row weight: articles over passages, core labor statutes over peripheral ones (corpus/law_priors.yaml),
        articles cited across the corpus over articles nobody cites."""
        if self._prior_weights is None:
            weights = load_law_priors()
            static = np.array([(1.0 if "#" in pid else PASSAGE_PRIOR) * weights.get(law, 1.0)
                               for pid, law in zip(self.index.ids, self.index.row_law)], dtype=np.float32)
            cited = 1.0 + CITED_PRIOR * np.log1p(self.index.cited_counts()).astype(np.float32)
            self._prior_weights = static * cited
        return self._prior_weights

    def _rows_where(self, column: str, value: str) -> np.ndarray:
        """Rows whose law / category / status equals ``value``; built once per value (a pass over every row). Only
        values the index holds are kept, so filters with made-up names cannot grow the cache."""
        key = (column, value)
        if key not in self._masks:
            values = {"law": self.index.row_law, "category": self.index.row_category, "status": self.index.row_status}
            mask = np.array([v == value for v in values[column]], dtype=bool)
            if not mask.any():
                return mask
            self._masks[key] = mask
        return self._masks[key]

    # ---- the whole search
    def search(self, query: str, k: int = 10, *, law: str | None = None, category: str | None = None,
               include_repealed: bool = True):
        from assistant.retrieval.hits import SearchHit

        if not isinstance(query, str) or not query.strip():
            raise InvalidQueryError("请输入要查询的问题或法条")
        if not 1 <= int(k) <= 100:
            raise InvalidQueryError("返回条数 k 应在 1 到 100 之间")
        query = query.strip()[:MAX_QUERY_CHARS]
        mask = self.filter_mask(law, category, include_repealed)

        def allowed(pid: str) -> bool:
            return mask is None or bool(mask[self.index.row_of[pid]])

        exact = [i for i in exact_ids(query, self.index) if allowed(i)]
        rankings = {"lexical": self.lexical(query, mask)}
        if self.dense is not None:
            where = _where(law and (self.index.laws.canonical(law) or law), category, include_repealed)
            rankings["dense"] = [pid for pid, _ in self.dense.search(query, CANDIDATES, where) if pid in self.index.row_of]
        routed = self.routed(query, allowed)
        if routed:
            rankings["routing"] = routed
        fused = rrf(rankings, WEIGHTS)
        if self.reranker is not None:
            fused = self.reranker.rerank(query, fused, self.index, self.settings.reranker_top_n)
        exact_set = set(exact)
        ordered = [(pid, 1.0, ["exact"]) for pid in exact] + [f for f in fused if f[0] not in exact_set]
        # repealed texts never outrank texts in force (stable: order within each group is kept)
        ordered.sort(key=lambda f: self.index.row_status[self.index.row_of[f[0]]] != IN_FORCE)
        ordered = ordered[:k]
        provisions = self.index.by_rows([self.index.row_of[pid] for pid, _, _ in ordered])
        return [SearchHit.of(p, score, by) for p, (_, score, by) in zip(provisions, ordered)]


def _where(law: str | None, category: str | None, include_repealed: bool) -> dict | None:
    clauses = []
    if law:
        clauses.append({"law": law})
    if category:
        clauses.append({"category": category})
    if not include_repealed:
        clauses.append({"status": IN_FORCE})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
