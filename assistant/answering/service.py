"""The answer pipeline behind ``Assistant.ask`` / ``Assistant.ask_stream``.

check the question → condense a follow-up → exact references → match guides → retrieve → (model configured and
working) prompt with numbered provisions → generate, streamed and verified → final answer; otherwise, or when the
endpoint fails at any point, the offline answer with a notice. Every path ends in exactly one final event.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from assistant.answering import safety
from assistant.answering.calc import calculations_for
from assistant.answering.clarify import clarifying_question
from assistant.answering.compose import OfflineComposer
from assistant.answering.compose_marks import Numbering, compose_sections, verify_draft
from assistant.answering.compose_placing import AfterConclusion
from assistant.answering.compose_text import sections_of
from assistant.answering.condense import (
    condense_by_rule,
    condense_question,
    needs_condensing,
    normalize_history,
    retrieval_query,
)
from assistant.answering.errors import LLMUnavailableError, check_question
from assistant.answering.generate import StreamVerifier, fault_message, stream_verified
from assistant.answering.models import (
    FOLDED_SECTIONS,
    OFFLINE_LABEL,
    REPEALED_STATE,
    SECTION_TITLES,
    UNVERIFIED_STATE,
    VERIFIED_STATE,
    Answer,
    AnswerEvent,
    AnswerSection,
    CitedProvision,
    Turn,
)
from assistant.answering.offline import (
    OfflineParts,
    calculation_sections,
    suggested_actions,
)
from assistant.answering.ports import ProvisionSource
from assistant.answering.prompting import build_messages
from assistant.answering.retrieve import (
    ExactReferences,
    exact_references,
    gather_bases,
    match_guides,
    match_guides_with_model,
)
from assistant.answering.routing import route
from assistant.answering.verify import (
    CitationResolver,
    citations_of,
    verify_lines,
)
from assistant.config import Settings, get_settings
from assistant.facts import CaseFacts, read_conversation
from assistant.facts.by_model import FactsModelUnavailable, read_with_model
from assistant.facts.questions import changes_text
from assistant.llm import ContextBudget, ModelDeadlineExceeded, build_chat_model, load_prompt

log = logging.getLogger(__name__)
_UNSET: Any = object()


class AnswerService:
    def __init__(self, assistant: ProvisionSource, *, chat_model: Any = _UNSET, settings: Settings | None = None):
        self.source = assistant
        self.settings = settings or getattr(assistant, "settings", None) or get_settings()
        self._chat_model = chat_model

    @property
    def chat_model(self):
        """The configured model (built once), or None for offline answers. Tests pass ``chat_model=``.

        Built non-streaming: ``.invoke`` (condensing) is then one plain request, while ``.stream`` (the answer)
        streams all the same.
        """
        if self._chat_model is _UNSET:
            self._chat_model = build_chat_model(self.settings, streaming=False)
        return self._chat_model

    # ------------------------------------------------------------------ public
    def ask(self, question: str, history: Iterable[Any] | None = None, facts: Any = None) -> Answer:
        final = None
        for event in self.ask_stream(question, history, facts):
            if event.type == "final":
                final = event.answer
        assert final is not None  # ask_stream always ends with one final event
        return final

    def ask_stream(self, question: str, history: Iterable[Any] | None = None,
                   facts: Any = None) -> Iterator[AnswerEvent]:
        """Token events, then exactly one final event.

        ``facts``: the case as the client knows it — a :class:`CaseFacts` (kept between requests) or a dict of the
        user's corrections (``{"pay.monthly_wage": "6000"}``); they go over what the conversation says.

        Raised right here, before any event: :class:`InvalidQuestionError` for bad input,
        :class:`~assistant.facts.FactsInputError` for a correction that cannot be read, and the index's
        ``IndexNotFoundError`` (with how to get a corpus) when there is nothing to answer from.
        """
        text = check_question(question)
        turns = normalize_history(history)
        case = read_case(turns, text, facts)
        _ = self.source.laws  # opens the index now, so a missing corpus is reported before streaming starts
        return self._run(text, turns, case)

    # ------------------------------------------------------------------ the pipeline
    def _run(self, question: str, turns: list[Turn], case: CaseFacts) -> Iterator[AnswerEvent]:
        prompts_dir = self.settings.prompts_dir
        check = safety.check_question_safety(question)
        warnings: list[str] = [safety.INJECTION_NOTICE] if check.injection else []
        if check.extraction_only:
            yield from _fixed(safety.EXTRACTION_REPLY, question, warnings)
            return
        if check.refuse:
            reply = safety.FABRICATION_REPLY if check.refuse == "fabrication" else safety.EVASION_REPLY
            yield from _fixed(reply, question, warnings)
            return
        q = check.question
        model = self.chat_model
        failure: LLMUnavailableError | None = None
        try:
            standalone = condense_question(q, turns, model, prompts_dir)
        except LLMUnavailableError as exc:
            failure, standalone = exc, condense_by_rule(q, turns)

        if model is not None and failure is None and self.settings.facts_by_model:
            messages = [t.content for t in turns if t.role == "user"] + [q]
            try:
                case = read_with_model(messages, case, model, prompts_dir)
            except FactsModelUnavailable as exc:
                failure = LLMUnavailableError(fault_message(exc.__cause__ or exc), detail=str(exc))
        exact = exact_references(self.source, q)
        if exact.missing and _asks_only_for_articles(q, self.source):
            yield from _fixed("\n".join(exact.missing), standalone, warnings + exact.missing)
            return
        matches = match_guides(standalone)
        if not matches and model is not None and failure is None:
            matches = match_guides_with_model(standalone, model, prompts_dir)
        if safety.is_off_topic_request(standalone) or (
                not matches and not exact.found and not exact.missing and not safety.is_labor_question(standalone)):
            yield from _fixed(safety.OUT_OF_SCOPE_REPLY, standalone, warnings)
            return
        asked_anew = bool(turns) and standalone == q and not needs_condensing(q, turns)
        matches = route(case, matches, new_question=q if asked_anew else None)
        searched = retrieval_query(standalone, turns) if standalone == q else standalone
        bases = gather_bases(self.source, searched, matches, exact, province=case.place.province,
                             city=case.place.city, case=case.model_dump(mode="json"))
        calculations = calculations_for(case, standalone, [k for m in matches[:1] for k in m.guide.calculators])
        clarifying = clarifying_question(case, standalone, calculations)
        warnings += changes_text(case)
        actions = suggested_actions(matches, calculations)
        guide_ids = [m.guide.id for m in matches]
        self._log(standalone, guide_ids)

        emitted = False
        if model is not None and failure is None:
            resolver = CitationResolver(self.source)
            prompt = build_messages(standalone, bases, matches, turns, ContextBudget.from_settings(self.settings),
                                    extra=_extra_instructions(exact, clarifying, calculations),
                                    prompts_dir=prompts_dir)
            numbering = Numbering()  # the [n] markers, inserted as each clause verifies
            verifier = StreamVerifier(resolver, prompt.numbered, numbering)
            head = "\n".join(exact.missing) + "\n\n" if exact.missing else ""
            # the amounts (and the deadline) as an offline answer has them; the model asks the one question itself
            shape = OfflineComposer(OfflineParts(standalone, bases, matches, exact, calculations, None, case=case))
            amounts = _AmountsPart(shape, resolver, numbering)
            placer = AfterConclusion(amounts.text)
            text = ""
            try:
                system_prompt = load_prompt("answer_system", prompts_dir)
                for piece in stream_verified(model, prompt.messages, verifier, secret=system_prompt):
                    if not emitted and head:
                        text += head
                        yield AnswerEvent(type="token", text=head)
                    emitted = True
                    for out in placer.feed(piece):
                        text += out
                        yield AnswerEvent(type="token", text=out)
                tail, tail_checks, tail_warnings = self._calculation_tail(calculations, resolver, numbering)
                for out in [*placer.finish(), tail]:
                    if out:
                        text += out
                        yield AnswerEvent(type="token", text=out)
                answer = Answer(
                    answer=text, mode="llm", question=standalone, sections=sections_of(text),
                    citations=numbered(verifier.checks + amounts.checks + tail_checks, numbering), guides=guide_ids,
                    suggested_actions=actions,
                    warnings=_unique(warnings + exact.missing + verifier.warnings + amounts.warnings + tail_warnings),
                    clarifying_question=clarifying, facts=case, amounts=shape.amounts, deadline=shape.deadline,
                )
                yield AnswerEvent(type="final", answer=answer)
                return
            except LLMUnavailableError as exc:
                failure = exc
                # the deadline cutting a slow model off is the expected path (info); any other fault is a warning
                log.log(logging.INFO if exc.detail == ModelDeadlineExceeded.code else logging.WARNING,
                        "language model unavailable (%s); answering offline", exc.detail)

        notices = [f"{failure.message}以下是根据规则与法条检索整理的回答。"] if failure else []
        parts = OfflineParts(standalone, bases, matches, exact, calculations, clarifying, notices, case=case)
        composer = OfflineComposer(parts)
        resolver = CitationResolver(self.source)
        numbering = Numbering()
        text, sections, checks, section_warnings = "", [], [], []
        for section in compose_sections(composer, resolver, numbering):
            heading = "" if section.key in ("notice", "note") else f"## {section.title}\n"
            sep = "\n\n" if text else ""
            start = len(text) + len(sep)
            text += sep + heading + section.body
            sections.append(AnswerSection(key=section.key, title=section.title, start=start, end=len(text),
                                          folded=section.key in FOLDED_SECTIONS, refs=section.refs))
            checks += section.checks
            section_warnings += section.warnings
            if not emitted:  # section by section, as composed: the first bytes do not wait for the rest
                yield AnswerEvent(type="token", text=sep + heading + section.body)
        answer = Answer(
            answer=text, mode="offline", question=standalone, citations=numbered(checks, numbering),
            guides=[g.id for g in ([composer.top] if composer.top else []) + [m.guide for m in composer.related]],
            suggested_actions=actions, clarifying_question=clarifying, facts=case,
            warnings=_unique(warnings + notices + exact.missing + section_warnings),
            sections=sections, amounts=composer.amounts, deadline=composer.deadline, note=OFFLINE_LABEL,
        )
        yield AnswerEvent(type="final", answer=answer, replaces_stream=emitted)

    def _calculation_tail(self, calculations, resolver, numbering: Numbering) -> tuple[str, list, list[str]]:
        """怎么算的 (folded): each calculation's formula, steps, assumptions and local rules, verified and marked
        (text, checks, warnings); empty when no calculation ran."""
        sections = calculation_sections(calculations)
        if not sections:
            return "", [], []
        verified = [verify_lines(text, resolver, default_law=law) for text, law in sections]
        marked = ["\n".join(numbering.mark(line, resolver, law)[0] for line in v.text.split("\n"))
                  for v, (_, law) in zip(verified, sections, strict=True)]
        text = f"\n\n## {SECTION_TITLES['calculation']}\n" + "\n\n".join(marked)
        return text, [c for v in verified for c in v.checks], [w for v in verified for w in v.warnings]

    def _log(self, question: str, guide_ids: list[str]) -> None:
        if self.settings.log_personal_data:
            log.info("question=%r guides=%s", question, guide_ids)
        else:  # the question may hold names, phone or ID numbers: log its size only
            log.info("question_chars=%d guides=%s", len(question), guide_ids)


class _AmountsPart:
    """你可能拿到 for a model's answer, drafted and marked when it is placed (its markers follow the 结论's)."""

    def __init__(self, shape: OfflineComposer, resolver: CitationResolver, numbering: Numbering):
        self.shape, self.resolver, self.numbering = shape, resolver, numbering
        self.checks: list = []
        self.warnings: list[str] = []

    def text(self) -> str:
        draft = self.shape.amounts_section()
        if draft.empty:
            return ""
        body, _, self.checks, self.warnings = verify_draft(draft, self.resolver, self.numbering)
        return f"\n## {SECTION_TITLES['amounts']}\n{body}\n"


def numbered(checks: list, numbering: Numbering) -> list[CitedProvision]:
    """The citations with their markers and the state shown beside them; articles with a marker first."""
    out = citations_of(checks)
    for c in out:
        c.n = numbering.ids.index(c.id) + 1 if c.id in numbering.ids else None
        c.state = {"verified": VERIFIED_STATE, "repealed": REPEALED_STATE}.get(c.status, UNVERIFIED_STATE)
    return sorted(out, key=lambda c: (c.n is None, c.n or 0))


def read_case(turns: list[Turn], question: str, facts: Any = None) -> CaseFacts:
    """The case after this question: every user turn of the history read once, then the client's facts."""
    messages = [t.content for t in turns if t.role == "user"] + [question]
    if isinstance(facts, CaseFacts):  # the case the client kept: only this question is new
        return read_conversation([question], base=facts)
    return read_conversation(messages, overrides=facts or None)


def _fixed(text: str, question: str, warnings: list[str]) -> Iterator[AnswerEvent]:
    """A reply that needs neither retrieval nor a model (refusals, redirects, a nonexistent article)."""
    answer = Answer(answer=text, mode="offline", question=question, warnings=_unique(warnings))
    yield AnswerEvent(type="token", text=text)
    yield AnswerEvent(type="final", answer=answer)


def _extra_instructions(exact: ExactReferences, clarifying: str | None, calculations: list) -> str:
    notes = []
    if exact.missing:
        notes.append("注意：" + " ".join(exact.missing) + "回答开头已经说明这一点，不要引用不存在的条文。")
    if clarifying:
        notes.append(f"用户没有提供关键事实，请在回答最后问：{clarifying}")
    if any(result is not None for _, result in calculations):
        notes.append("计算器已根据用户给出的数字算出结果，会放在结论后面；你不要自己计算具体金额。")
    return ("\n" + "\n".join(notes)) if notes else ""


_RECITATION_WORDS = re.compile(
    r"请问|帮我|查一下|查查|看看|一下|说的是|讲的是|规定了|规定的|是什么|什么|内容|规定|原文|全文|条文|具体|怎么|有没有|吗|呢|的|了|是")


def _asks_only_for_articles(question: str, source: ProvisionSource) -> bool:
    """"劳动法第一百零八条是什么？" — nothing in the question but the reference itself."""
    from assistant.citations import parse_citations

    rest = question
    for c in sorted(parse_citations(question, laws=source.laws), key=lambda c: -c.start):
        rest = rest[:c.start] + rest[c.end:]
    for s, e, _ in sorted(source.laws.find_all(rest), key=lambda t: -t[0]):
        rest = rest[:s] + rest[e:]
    rest = re.sub(r"《[^》]*》", "", rest)
    rest = _RECITATION_WORDS.sub("", rest)
    return len(re.findall(r"[\u4e00-\u9fffA-Za-z0-9]", rest)) <= 3


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
