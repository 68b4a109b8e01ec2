"""The one ``Assistant`` every front end (CLI, HTTP API, web UI, evals) talks to."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings, get_settings
from assistant.index.hits import SearchHit
from assistant.statutes import Provision

if TYPE_CHECKING:
    from assistant.citations import LawNames
    from ingest.report import IngestReport


class Assistant:
    """Facade over the index, retrieval and (from later modules) answering, calculators and drafting."""

    def __init__(self, settings: Settings, index=None):
        from assistant.index.reader import IndexStore

        self.settings = settings
        self.store = IndexStore(settings)
        self._index = index
        self._retriever = None
        self._checked = 0.0

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> Assistant:
        settings = settings or get_settings()
        if overrides:  # validated like environment values, so paths and numbers get their types
            settings = type(settings)(**{**settings.model_dump(), **overrides})
        return cls(settings)

    # ---- the index
    @property
    def index(self):
        """The build being served; a newer build made by another process (labor ingest) is picked up within a
        second, so a running server never needs a restart after an ingest."""
        now = time.monotonic()
        if self._index is not None and now - self._checked > 1.0:
            self._checked = now
            if not self._index.is_current():
                self.reload()
        if self._index is None:
            self._index = self.store.open()
            self._checked = now
        return self._index

    def reload(self) -> None:
        self._index, self._retriever = None, None

    @property
    def laws(self) -> LawNames:
        return self.index.laws

    def ingest(self, paths: Iterable[str | Path], *, progress: bool = False) -> IngestReport:
        from ingest.pipeline import ingest_paths

        report = ingest_paths(self.settings, [Path(p) for p in paths], progress=progress)
        self.reload()
        return report

    def ingest_uploads(self, files, *, allowed_types, max_bytes: int | None, category: str = "document",
                       status: str = "in_force", progress=None) -> dict:
        """Files staff uploaded, as ``(name, binary stream)`` pairs, saved and ingested as one batch
        (``ingest.uploads``): the report as JSON with the uploader's names; only what the index took is kept."""
        from ingest.uploads import ingest_uploads

        try:
            return ingest_uploads(self.settings, files, allowed_types=allowed_types, max_bytes=max_bytes,
                                  category=category, status=status, progress=progress)
        finally:
            self.reload()

    def stats(self) -> dict:
        return self.index.stats()

    # ---- finding provisions
    @property
    def retriever(self):
        if self._retriever is None:
            from assistant.facts import read_text
            from assistant.retrieval import HybridRetriever

            # the facts a question tells reach the articles they raise; the reader is handed down, not imported
            self._retriever = HybridRetriever.from_settings(
                self.settings, self.index, read_case=lambda text: read_text(text).model_dump(mode="json"))
        return self._retriever

    def search(self, query: str, k: int = 10, *, law: str | None = None, category: str | None = None,
               include_repealed: bool = True, province: str | None = None, city: str | None = None,
               case: dict | None = None) -> list[SearchHit]:
        """Articles for a question in everyday Chinese, best first; repealed texts never outrank texts in force.
        ``province`` / ``city`` (the case's place): that place's local rules stand beside the national articles and
        no other place's appear; without a place, local rules appear only when the question names one. ``case``:
        the case facts already read (``CaseFacts.model_dump(mode="json")``), whose facts then raise articles."""
        return self.retriever.search(query, k=k, law=law, category=category, include_repealed=include_repealed,
                                     province=province, city=city, case=case)

    def provision(self, law: str, article: str | int) -> Provision | None:
        """``a.provision("劳动合同法", "38")``; the law may be any known alias, the article 38 / "38" / "第三十八条"."""
        return self.index.provision(law, article)

    def provision_by_id(self, provision_id: str) -> Provision | None:
        return self.index.get(provision_id)

    def citing(self, provision_id: str) -> list[Provision]:
        """The provisions of the corpus that cite this one (the regulation, interpretations and cases relying on it)."""
        index = self.index
        found = index.by_rows([index.row_of[i] for i in index.citing(provision_id) if i in index.row_of])
        return sorted(found, key=Provision.sort_key)  # 第六条 before 第二十二条, as a reader counts

    def resolve(self, citation: str) -> Provision | None:
        """The provision a written reference points to (《中华人民共和国劳动合同法》第三十八条), or None."""
        return self.index.resolve(citation)

    # ---- what am I owed and by when
    def calculate(self, kind: str, **inputs: Any):
        """A labor calculator by kind id (``assistant.calculators.KINDS``): amounts, formula, steps, articles."""
        from assistant.calculators import calculate

        return calculate(kind, **inputs)

    # ---- the language model (None: offline)
    @functools.cached_property
    def chat_model(self):
        """The configured OpenAI-compatible chat model (langchain), or None when none is configured."""
        from assistant.llm import build_chat_model

        return build_chat_model(self.settings)

    # ---- answers
    @functools.cached_property
    def answers(self):
        from assistant.answering.service import AnswerService

        return AnswerService(self, chat_model=self.chat_model)

    def ask(self, question: str, history: list | None = None, facts=None):
        """A grounded answer: markdown, verified citations, guides, suggested actions, mode, warnings, and the
        case facts (案情) it used. ``facts``: the user's corrections (``{"pay.monthly_wage": "6000"}``) or a
        ``CaseFacts`` kept from an earlier answer."""
        answers = self.answers  # built once (imports, the model's client) before the answer's clock starts
        with self._answer_deadline().active():
            return answers.ask(question, history=history, facts=facts)

    def ask_stream(self, question: str, history: list | None = None, facts=None) -> Iterator:
        """Token events, then one final event carrying the whole answer."""
        answers = self.answers
        return self._answer_deadline().around(answers.ask_stream(question, history=history, facts=facts))

    def _answer_deadline(self):
        """LABOR_ANSWER_DEADLINE_SECONDS for the whole answer: every model call it makes spends from it."""
        from assistant.llm import AnswerDeadline

        return AnswerDeadline(self.settings.answer_deadline_seconds)

    def read_facts(self, messages: list[str], facts=None):
        """The case (案情) the worker's messages state, with the user's corrections over it."""
        from assistant.facts import read_conversation

        return read_conversation(messages, overrides=facts)

    # ---- issue guides
    def guides(self, question: str, k: int = 3):
        """The issue guides a question is about (``assistant.guides``), best first."""
        from assistant.guides import classify

        return classify(question, k=k)

    # ---- documents for staff
    def document_types(self):
        """The document types staff can draft: ids, Chinese names, field schemas."""
        from assistant.drafting import document_types

        return document_types()

    def draft(self, doc_type: str, case: dict, narrative: str | None = None, facts=None):
        """A document from a case (and the worker's own account): fields, missing, markdown, docx, citations.
        ``facts``: the case as the conversation already understood it (案情); the narrative is then not read again."""
        from assistant.drafting import draft

        return draft(doc_type, case, narrative, chat_model=self.chat_model, calculate=self.calculate,
                     resolve=self.provision_by_id, facts=facts)

    # ---- the case desk
    @functools.cached_property
    def cases(self):
        """The case desk (``assistant.cases.CaseDesk``) over the configured database; its documents are drafted and
        its reviewed answers verified against this assistant's corpus."""
        from assistant.cases import CaseDesk

        return CaseDesk.from_settings(self.settings, draft=self.draft, resolve=self.provision_by_id)
