"""Measures of the answer pipeline, for the eval suite and for a quick check by hand.

    from assistant.answering.evaluation import evaluate_offline, ttft_overhead
    report = evaluate_offline(assistant, [{"id": "q001", "question": "…", "gold": ["劳动合同法#38"]}, …])
    report.citations_resolve, report.gold_in_basis          # both shares in [0, 1]

``evaluate_offline`` answers each question without a model and checks (1) every citation displayed as verified
resolves to an article in force and every other one is visibly marked 未核实 in the text, (2) at least one gold
article is among the articles quoted under 法律依据. ``ttft_overhead`` times the first token of the pipeline against
the first chunk of the model itself (same endpoint), so the difference is what the pipeline adds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.answering.models import Answer
from assistant.answering.ports import ProvisionSource
from assistant.answering.service import AnswerService
from assistant.citations import parse_citations

BASIS_HEADING = "## 法律依据"


def basis_ids(answer: Answer, source: ProvisionSource) -> list[str]:
    """Ids of the articles quoted under 法律依据 in an offline answer, in order."""
    if BASIS_HEADING not in answer.answer:
        return []
    section = answer.answer.split(BASIS_HEADING, 1)[1].split("\n## ", 1)[0]
    heads = "\n".join(line for line in section.split("\n") if line.startswith("**"))
    return list(dict.fromkeys(c.id for c in parse_citations(heads, laws=source.laws) if c.id))


def citations_safe(answer: Answer, source: ProvisionSource) -> bool:
    """Verified citations resolve to articles in force; unverified ones are marked in the text."""
    for c in answer.citations:
        if c.verified:
            p = source.provision_by_id(c.id)
            if p is None or not p.in_force:
                return False
        elif "未核实" not in answer.answer:
            return False
    return True


@dataclass
class ItemResult:
    id: str
    gold: list[str]
    basis: list[str]
    citations: int
    citations_safe: bool

    @property
    def gold_hit(self) -> bool:
        return any(g in self.basis for g in self.gold)


@dataclass
class OfflineReport:
    items: list[ItemResult] = field(default_factory=list)

    @property
    def citations_resolve(self) -> float:
        return sum(i.citations_safe for i in self.items) / len(self.items) if self.items else 0.0

    @property
    def gold_in_basis(self) -> float:
        scored = [i for i in self.items if i.gold]
        return sum(i.gold_hit for i in scored) / len(scored) if scored else 0.0

    def misses(self) -> list[ItemResult]:
        return [i for i in self.items if i.gold and not i.gold_hit]


def evaluate_offline(source: ProvisionSource, questions: Iterable[dict]) -> OfflineReport:
    """``questions``: dicts with ``question``, optional ``id`` and ``gold`` (article ids)."""
    service = AnswerService(source, chat_model=None)
    report = OfflineReport()
    for n, item in enumerate(questions):
        answer = service.ask(item["question"])
        gold = [g for g in item.get("gold") or [] if source.provision_by_id(g) is not None]
        report.items.append(ItemResult(
            id=str(item.get("id", n)), gold=gold, basis=basis_ids(answer, source),
            citations=len(answer.citations), citations_safe=citations_safe(answer, source),
        ))
    return report


@dataclass
class TTFTReport:
    pipeline_ms: list[float]
    model_ms: list[float]

    @property
    def added_ms(self) -> float:
        """Median time to first token of the pipeline minus the model's own median."""
        return statistics.median(self.pipeline_ms) - statistics.median(self.model_ms)


def ttft_overhead(service: AnswerService, questions: list[str], *, warmup: int = 1) -> TTFTReport:
    """Time to first token of ``service.ask_stream`` vs. the same model's first streamed chunk."""
    from langchain_core.messages import HumanMessage

    model = service.chat_model
    if model is None:
        raise ValueError("ttft_overhead needs a configured language model")
    for q in questions[:warmup]:
        list(service.ask_stream(q))
    pipeline, raw = [], []
    for q in questions:
        start = time.perf_counter()
        for chunk in model.stream([HumanMessage(content=q)]):
            if chunk.content:
                raw.append((time.perf_counter() - start) * 1000)
                break
        start = time.perf_counter()
        events = service.ask_stream(q)
        for event in events:
            if event.type == "token":
                pipeline.append((time.perf_counter() - start) * 1000)
                break
        for _ in events:  # drain, so the next question starts clean
            pass
    return TTFTReport(pipeline, raw)
