"""The hybrid retriever: exact reference → BM25 (with thesaurus expansion, named-law boost and per-article priors:
core statutes, articles the corpus cites) + dense + issue routing → RRF → optional cross-encoder rerank → in-force
before repealed."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

import numpy as np

from assistant.config import PROJECT_DIR, Settings
from assistant.errors import InvalidQueryError
from assistant.index.tokenize import tokenize
from assistant.retrieval.exact import exact_ids, named_laws
from assistant.retrieval.fact_articles import CaseReader, raised_articles
from assistant.retrieval.fusion import rrf, top_scored
from assistant.retrieval.intent import Intent, load_intent_articles, read_intent, split_follow_up
from assistant.retrieval.local_rules import PlaceRows, beside_local, local_by_key
from assistant.retrieval.thesaurus import expand
from assistant.retrieval.tuning import (
    CANDIDATES,
    CITED_PRIOR,
    CONTEXT_WEIGHT,
    EXPANSION_WEIGHT,
    FACT_MIN_CHARS,
    FACT_WEIGHTS,
    LAY_LEAD,
    LAY_SHARE,
    LAY_TOP,
    LOCAL_SLOTS,
    MAX_QUERY_CHARS,
    NAMED_LAW_BOOST,
    NARRATIVE_LAY,
    PASSAGE_PRIOR,
    PROCEDURE_DAMP,
    VALIDITY_BOOST,
    WEIGHTS,
)
from assistant.statutes import IN_FORCE

log = logging.getLogger(__name__)
LAW_PRIORS = PROJECT_DIR / "corpus" / "law_priors.yaml"


@functools.cache
def load_law_priors() -> dict[str, float]:
    from assistant.yamlfile import load_yaml

    if not LAW_PRIORS.exists():
        return {}
    return {str(k): float(v) for k, v in (load_yaml(LAW_PRIORS) or {}).items()}


class HybridRetriever:
    def __init__(self, settings: Settings, index, dense=None, reranker=None, *, use_thesaurus: bool = True,
                 use_routing: bool = True, read_case: CaseReader | None = None):
        self.settings = settings
        self.index = index
        self.dense = dense
        self.reranker = reranker
        self.use_thesaurus = use_thesaurus
        self.use_routing = use_routing
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        self.places = PlaceRows(index)
        self._prior_weights: tuple[float, np.ndarray] | None = None  # (the cited_prior they were built with, weights)
        self._routing_warned = False
        self.use_lay_keys = True
        self.lay_top = LAY_TOP
        self.lay_share = LAY_SHARE
        self.lay_lead = LAY_LEAD
        self.weights = dict(WEIGHTS)
        self._lay_index = None
        self.procedure_damp = PROCEDURE_DAMP
        self.validity_boost = VALIDITY_BOOST
        self.expansion_weight = EXPANSION_WEIGHT
        self.cited_prior = CITED_PRIOR
        self._intent_rows: tuple[np.ndarray, np.ndarray] | None = None
        self.context_weight = CONTEXT_WEIGHT
        self.narrative_lay: tuple[float, int, float] | None = NARRATIVE_LAY
        self.read_case = read_case  # text → the case as plain data (CaseFacts.model_dump); None: no fact list
        self.fact_weights = FACT_WEIGHTS
        self.fact_min_chars = FACT_MIN_CHARS

    @classmethod
    def from_settings(cls, settings: Settings, index, *, read_case: CaseReader | None = None) -> HybridRetriever:
        from assistant.index.schema import index_fingerprint
        from assistant.index.tokenize import init_tokenizer
        from assistant.retrieval.dense import DenseRetriever
        from assistant.retrieval.rerank import load_reranker

        init_tokenizer(settings.data_dir / "cache")  # jieba's dictionary cache lives with the app's data

        if index.meta.get("index_format") not in (None, index_fingerprint()):
            log.warning("索引建立时的分词词典或格式与当前版本不同，检索可能不准：请重新运行 labor ingest 更新索引")
        dense = DenseRetriever.open(settings, index) if settings.retrieval_mode == "hybrid" else None
        return cls(settings, index, dense, load_reranker(settings),
                   use_thesaurus=getattr(settings, "use_thesaurus", True),
                   use_routing=getattr(settings, "use_routing", True), read_case=read_case)

    # ---- steps, each usable alone
    def lexical_scores(self, query: str, intent: Intent | None = None) -> np.ndarray:
        """BM25 of every row (thesaurus expansion, priors, what the question asks and named-law boost applied),
        before any filter."""
        scores = self.index.bm25.scores(tokenize(query))
        if self.use_thesaurus:
            extra = expand(query)
            if extra:
                scores = scores + self.expansion_weight * self.index.bm25.scores(tokenize(" ".join(extra)))
        scores = scores * self._prior()
        intent = read_intent(query) if intent is None else intent
        procedure, validity = self._intent_masks()
        if not intent.procedure and self.procedure_damp != 1.0:
            scores = np.where(procedure, scores * self.procedure_damp, scores)
        if intent.validity and self.validity_boost != 1.0:
            scores = np.where(validity, scores * self.validity_boost, scores)
        for law in named_laws(query, self.index):  # a named statute gets its full weight back, and a boost
            scores = scores * np.where(self._rows_where("law", law), NAMED_LAW_BOOST / load_law_priors().get(law, 1.0), 1.0)
        return scores

    def lexical(self, query: str, mask: np.ndarray | None, n: int = CANDIDATES,
                scores: np.ndarray | None = None) -> list[str]:
        scores = self.lexical_scores(query) if scores is None else scores
        return [pid for pid, _ in top_scored(scores, mask, n, self.index.ids)]

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

    def raised(self, text: str, allowed, case: dict | None = None) -> list[str]:
        """The articles the facts raise (corpus/fact_articles.yaml), best first: the facts of ``case`` when the
        caller has read them (an answer has, and the worker may have corrected them), else those told in ``text``."""
        if case is None and self.read_case is not None:
            try:
                case = self.read_case(text)
            except Exception:  # the case reader is a helper here: search goes on without its list
                log.exception("reading the facts of a search failed")
        if case is None:
            return []
        return [pid for pid in raised_articles(case) if pid in self.index.row_of and allowed(pid)]

    @property
    def lay_index(self):
        if self._lay_index is None:
            from assistant.retrieval.lay_keys import LayKeyIndex

            self._lay_index = LayKeyIndex.for_index(self.index)
        return self._lay_index

    @lay_index.setter
    def lay_index(self, keys) -> None:  # other keys than the shipped file's (the keys' cross-validation)
        self._lay_index = keys

    def lay(self, query: str, allowed) -> list[str]:
        """Articles whose lay descriptions match the question best (at most ``lay_top``)."""
        if not self.use_lay_keys or self.lay_top <= 0:
            return []
        return [pid for pid, _ in self.lay_scored(query, allowed)]

    def lay_scored(self, query: str, allowed) -> list[tuple[str, float]]:
        """(id, best key score) of the articles ``lay`` returns."""
        return self._lay_ranked(query, allowed, self.lay_top, self.lay_share)

    def _lay_ranked(self, query: str, allowed, top: int, share: float) -> list[tuple[str, float]]:
        if not self.use_lay_keys or top <= 0:
            return []
        ids = self.index.ids
        return [(ids[row], score) for row, score in self.lay_index.ranked(
            tokenize(query), top, lambda row: allowed(ids[row]), share)]

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

    def place_mask(self, province: str | None, city: str | None, named: Iterable[str] = frozenset()) -> np.ndarray | None:
        """Rows a worker of this place may be given (national texts, the place's local rules, any law ``named``)."""
        mask = self.places.admitted(province, city)
        if mask is None:
            return None
        for law in named:
            mask = mask | self._rows_where("law", law)
        return mask

    def local_mask(self, province: str | None, city: str | None) -> np.ndarray | None:
        """The local rules of this place alone (None without a place or without any)."""
        return self.places.local(province, city)

    def _intent_masks(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows that are procedure articles, rows that decide validity (corpus/lay_descriptions_intents.yaml)."""
        if self._intent_rows is None:
            articles = load_intent_articles()
            procedure = np.array([articles.is_procedure(law, pid) for pid, law in
                                  zip(self.index.ids, self.index.row_law, strict=True)], dtype=bool)
            validity = np.array([pid in articles.validity_ids for pid in self.index.ids], dtype=bool)
            self._intent_rows = (procedure, validity)
        return self._intent_rows

    def _prior(self) -> np.ndarray:
        """Per-row weight: articles over passages, core labor statutes over peripheral ones (corpus/law_priors.yaml),
        articles cited across the corpus over articles nobody cites."""
        if self._prior_weights is None or self._prior_weights[0] != self.cited_prior:
            weights = load_law_priors()
            static = np.array([(1.0 if "#" in pid else PASSAGE_PRIOR) * weights.get(law, 1.0)
                               for pid, law in zip(self.index.ids, self.index.row_law, strict=True)], dtype=np.float32)
            cited = 1.0 + self.cited_prior * np.log1p(self.index.cited_counts()).astype(np.float32)
            self._prior_weights = (self.cited_prior, static * cited)
        return self._prior_weights[1]

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
               include_repealed: bool = True, province: str | None = None, city: str | None = None,
               case: dict | None = None):
        """Articles for ``query``, best first. ``province`` / ``city``: the worker's place (from the case facts);
        ``case``: the case facts as plain data when the caller has read them, so they are not read again.
        With a place, the best local rules of that place stand beside the national articles (right after the
        first), when they match the question about as well; rules of other places never appear. Without one, no
        local rule appears unless the question or ``law`` names it."""
        from assistant.index.hits import SearchHit

        if not isinstance(query, str) or not query.strip():
            raise InvalidQueryError("请输入要查询的问题或法条")
        if not 1 <= int(k) <= 100:
            raise InvalidQueryError("返回条数 k 应在 1 到 100 之间")
        query = query.strip()[:MAX_QUERY_CHARS]
        law_name = law and (self.index.laws.canonical(law) or law)
        named = set(named_laws(query, self.index)) | ({law_name} if law_name else set())
        mask = _both(self.filter_mask(law, category, include_repealed), self.place_mask(province, city, named))

        def allowed(pid: str) -> bool:
            return mask is None or bool(mask[self.index.row_of[pid]])

        exact = [i for i in exact_ids(query, self.index) if allowed(i)]
        question, context = split_follow_up(query)
        intent = read_intent(question)
        scores = self.lexical_scores(question, intent)
        if context and self.context_weight > 0:
            scores = scores + self.context_weight * self.lexical_scores(context, intent)
        rankings = {"lexical": self.lexical(query, mask, scores=scores)}
        dense: list[tuple[str, float]] = []
        if self.dense is not None:
            where = _where(law_name, category, include_repealed)
            dense = [(pid, s) for pid, s in self.dense.search(query, CANDIDATES, where)
                     if pid in self.index.row_of and allowed(pid)]
            rankings["dense"] = [pid for pid, _ in dense]
        listed = allowed
        if intent.narrative and self.procedure_damp < 1.0:  # facts told: the guides' and keys' procedure
            procedure = self._intent_masks()[0]  # articles wait until procedure is asked

            def listed(pid: str) -> bool:
                return allowed(pid) and not procedure[self.index.row_of[pid]]
        routed = self.routed(question, listed)
        if context:  # the guides of the matter, after those this turn names ("能拿多少" names none)
            routed = list(dict.fromkeys(routed + self.routed(f"{context}。{question}", listed)))
        if routed:
            rankings["routing"] = routed
        weights = self.weights
        if intent.narrative and self.narrative_lay is not None:  # a told story raises one article per fact told
            weight, top, share = self.narrative_lay
            weights = {**weights, "lay": weight}
            lay = self._lay_ranked(question, listed, top, share)
        else:  # lay keys read this turn alone: the matter's keys only add noise
            lay = self.lay_scored(question, listed)
        if lay:
            rankings["lay"] = [pid for pid, _ in lay]
            if self.lay_lead > 0 and routed:  # it answers the guides' list; without one the keys' list is enough
                rankings["lay_lead"] = [lay[0][0]]
                weights = {**weights, "lay_lead": self.lay_lead}
        fact_weight = self.fact_weights[0 if intent.narrative else 1]
        if fact_weight > 0 and len(question) >= self.fact_min_chars:
            raised = self.raised(question, listed, case)
            if raised:
                rankings["facts"] = raised
                weights = {**weights, "facts": fact_weight}
        fused = rrf(rankings, weights)
        if "lay_lead" in rankings:  # a second vote of the keys' list, not a route of its own
            fused = [(pid, score, [n for n in by if n != "lay_lead"]) for pid, score, by in fused]
        if self.reranker is not None:
            fused = self.reranker.rerank(query, fused, self.index, self.settings.reranker_top_n)
        exact_set = set(exact)
        ordered = [(pid, 1.0, ["exact"]) for pid in exact] + [f for f in fused if f[0] not in exact_set]
        # repealed texts never outrank texts in force (stable: order within each group is kept)
        ordered.sort(key=lambda f: self.index.row_status[self.index.row_of[f[0]]] != IN_FORCE)
        local = self.local_mask(province, city)
        local = None if local is None else _both(mask, local)
        by_key = local_by_key(local, lay, lambda allowed: self._lay_ranked(question, allowed, LOCAL_SLOTS, 0.0),
                              self.index.row_of) if self.use_lay_keys else []
        ordered = beside_local(ordered, scores, local, k, self.index, by_key)[:k]
        provisions = self.index.by_rows([self.index.row_of[pid] for pid, _, _ in ordered])
        hits = [SearchHit.of(p, score, by) for p, (_, score, by) in zip(provisions, ordered, strict=True)]
        for hit, value in zip(hits, self.relevance(ordered, scores, mask, lay, dense), strict=True):
            hit.relevance = value
        return hits

    def relevance(self, ordered: list, scores: np.ndarray, mask: np.ndarray | None,
                  lay: list[tuple[str, float]], dense: list[tuple[str, float]]) -> list[float]:
        """How well each hit matches the question, 0–1: its best share of the best score on any route that reads
        the question's words (BM25 with the thesaurus and priors, the lay keys, the vectors); a reference the
        question names is 1. Fusion scores only say which hit is ahead; this says whether a hit matches at all."""
        top = float((scores if mask is None else np.where(mask, scores, 0.0)).max()) if len(scores) else 0.0
        lay_by, dense_by = dict(lay), dict(dense)
        lay_top, dense_top = max(lay_by.values(), default=0.0), max(dense_by.values(), default=0.0)
        out = []
        for pid, _, by in ordered:
            if "exact" in by:
                out.append(1.0)
                continue
            shares = [float(scores[self.index.row_of[pid]]) / top if top > 0 else 0.0,
                      lay_by.get(pid, 0.0) / lay_top if lay_top > 0 else 0.0,
                      dense_by.get(pid, 0.0) / dense_top if dense_top > 0 else 0.0]
            out.append(round(min(1.0, max(shares)), 4))
        return out


def _both(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None or b is None:
        return b if a is None else a
    return a & b


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
