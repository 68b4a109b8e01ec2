"""The offline answer in the shape a worker reads on a phone, section by section, as it is composed.

结论 (two or three sentences about this case) · 你可能拿到 (each amount with its formula and article, or the one
question that an amount still needs) · 下一步 (at most three steps, the fitting channel first, the deadline as a
date) · a short note that no language model was used — then, folded: 为什么 · 法律依据 · 要准备的证据 · 还可能涉及.

An article is shown only when the answer uses it: the articles an amount or a deadline rests on, the articles the
question names, and the deciding articles of the matched guide that retrieval also ranks for this question (each is
given one line of reasoning under 为什么). Once a section is verified, every verified reference in it gets the
marker [n] of its article (:class:`Numbering`, numbered on first use), so the markers of a streamed section never
change when later sections arrive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from assistant.answering.models import (
    FOLDED_SECTIONS,
    OFFLINE_LABEL,
    SECTION_TITLES,
    AmountLine,
    AnswerSection,
    Deadline,
)
from assistant.answering.offline import OfflineParts, quote
from assistant.answering.verify import CitationCheck, CitationResolver, reference_ends, verify_lines
from assistant.numerals import article_label

NO_GUIDE_RANKED = 4  # without a guide the answer rests on the best-ranked articles alone
TOP_RANKED = 3  # retrieval's best articles are reasoned on even when no guide names them
LOCAL_RULES_SHOWN = 2  # the place's best local rules shown beside the national articles
MAX_REASONED = 8  # deciding articles given a line under 为什么 (besides those asked about or behind an amount)
MAX_NEXT_STEPS = 3
MAX_EVIDENCE = 6
CONCLUSION_CHARS = 200
_LONG_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d{3,})(?![\d.])")
_NEGOTIATION = ("协商", "调解")
# the channel a guide names → how the deadline step reads
_DEADLINE_ACTION = {"arbitration": "申请仲裁", "wage_arrears": "申请仲裁", "injury_recognition_worker": "申请工伤认定",
                    "sue_after_award": "向法院起诉"}


@dataclass(slots=True)
class Draft:
    """A section before verification: chunks of markdown, each with the law its bare article numbers belong to."""

    key: str
    chunks: list[tuple[str, str | None]] = field(default_factory=list)
    joiner: str = "\n\n"  # "\n" for a section whose chunks are the items of one list

    def add(self, text: str, default_law: str | None = None) -> None:
        if text.strip():
            self.chunks.append((text, default_law))

    @property
    def empty(self) -> bool:
        return not self.chunks


@dataclass(slots=True)
class ComposedSection:
    key: str
    title: str
    body: str
    refs: list[int]
    checks: list[CitationCheck]
    warnings: list[str]


class Numbering:
    """Article id → marker number, in order of first use across the sections composed so far."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.checks: dict[str, CitationCheck] = {}

    def number(self, provision_id: str) -> int:
        if provision_id not in self.ids:
            self.ids.append(provision_id)
        return self.ids.index(provision_id) + 1

    def mark(self, text: str, checks: list[CitationCheck], resolver: CitationResolver,
             default_law: str | None = None) -> tuple[str, list[int]]:
        """[n] right after every verified reference of ``text`` (one verified line), numbered on first use."""
        refs: list[int] = []
        inserts: list[tuple[int, str]] = []
        for at, ch in reference_ends(text, resolver, default_law):
            if not ch.verified or ch.provision is None or text[at:at + 1] == "[":
                continue
            n = self.number(ch.provision.id)
            self.checks.setdefault(ch.provision.id, ch)
            refs.append(n)
            inserts.append((at, f"[{n}]"))
        for at, marker in sorted(set(inserts), reverse=True):
            text = text[:at] + marker + text[at:]
        return text, list(dict.fromkeys(refs))


def human_number(text: str) -> str:
    """3.333333333333333333333333333 → 3.33: a figure for people, never the arithmetic's full precision."""
    def short(m: re.Match) -> str:
        try:
            value = Decimal(f"{m.group(1)}.{m.group(2)}").quantize(Decimal("0.01"))
        except InvalidOperation:
            return m.group(0)
        out = format(value.normalize(), "f")
        return out
    return _LONG_DECIMAL.sub(short, text)


def label_of(provision_id: str) -> str:
    law, _, article = provision_id.partition("#")
    return f"{law}{article_label(article)}" if article else law


def first_sentence(text: str, limit: int = 90) -> str:
    """The article's opening sentence, cut at a clause boundary when long (for a line of reasoning)."""
    line = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    end = min((i for i in (line.find("。"), line.find("："), line.find(":")) if i >= 0), default=len(line))
    sentence = line[: end + 1] if end < len(line) else line
    if len(sentence) > limit:
        cut = max(sentence.rfind(mark, 0, limit) for mark in "，；")
        sentence = sentence[: cut + 1] + "……" if cut > 0 else sentence[:limit] + "……"
    return sentence


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", text.strip()) if s.strip()]


class OfflineComposer:
    """Chooses what the answer uses and drafts its sections in order."""

    def __init__(self, parts: OfflineParts, today: date | None = None):
        self.parts = parts
        self.today = today or date.today()
        self.matches = list(parts.guide_matches)
        self.top = self.matches[0].guide if self.matches else None
        self.related = [m for m in self.matches[1:] if m.reason]  # only guides the case's facts call for
        self.results = [(s, r) for s, r in parts.calculations if r is not None and r.kind != "deadline"]
        self.deadline_result = next((r for _, r in parts.calculations if r is not None and r.kind == "deadline"),
                                    None) or self._deadline_from_facts()
        self.reasoned = self._reasoned_articles()
        self.amounts = [AmountLine(kind=r.kind, title=r.title, amount=str(r.amount) if r.amount is not None else None,
                                   formula=human_number(r.formula), articles=list(r.articles))
                        for _, r in self.results]
        self.deadline = self._deadline_model()

    # ---------------------------------------------------------------- what the answer uses
    def _reasoned_articles(self) -> list[str]:
        """Deciding articles of the guides this answer follows that retrieval also found for the question, best
        ranked first; without a guide, the best-ranked articles (the answer then rests on them alone)."""
        exact = [p.id for p in self.parts.exact.found]
        statutes = [b for b in self.parts.bases if b.is_statute]
        followed = {f"guide:{g.id}" for g in [self.top, *[m.guide for m in self.related]] if g is not None}
        if self.top is None:
            chosen = [b.provision.id for b in statutes[:NO_GUIDE_RANKED]]
        else:  # the two best-ranked articles, then the followed guides' deciding articles in rank order
            chosen = [b.provision.id for b in statutes[:TOP_RANKED]]
            chosen += [b.provision.id for b in statutes if followed & set(b.reasons)]
        # the local rules of the worker's place (search offers no other place's) stand right after the first article
        chosen[1:1] = self._local_rules()
        used_by_amounts = {a for _, r in self.results for a in r.articles}
        chosen = list(dict.fromkeys(pid for pid in chosen if pid not in used_by_amounts))[:MAX_REASONED]
        return list(dict.fromkeys(exact + chosen))

    def _local_rules(self) -> list[str]:
        return [b.provision.id for b in self.parts.bases
                if b.is_statute and b.provision.extra.get("province")][:LOCAL_RULES_SHOWN]

    def _place(self) -> str:
        place = getattr(self.parts.case, "place", None)
        return (place.city or place.province or "") if place is not None else ""

    def ref(self, provision_id: str) -> str:
        """The article's name as the answer writes it (its marker follows once verified)."""
        return label_of(provision_id)

    def _provision(self, provision_id: str):
        for b in self.parts.bases:
            if b.provision.id == provision_id:
                return b.provision
        return next((p for p in self.parts.exact.found if p.id == provision_id), None)

    # ---------------------------------------------------------------- deadline
    def _deadline_from_facts(self):
        case = self.parts.case
        if case is None:
            return None
        from assistant.calculators.models import CalculatorInputError
        from assistant.calculators.registry import calculate

        ev, dates = case.event, case.dates
        doubtful = case.doubtful()
        if ev.injury and dates.injury_date is not None and "dates.injury_date" not in doubtful:
            kind, start = "injury_recognition_worker", dates.injury_date
        elif dates.dispute_date is not None and "dates.dispute_date" not in doubtful:
            kind, start = "arbitration", dates.dispute_date
        elif dates.leave_date is not None and "dates.leave_date" not in doubtful:
            kind, start = ("wage_arrears" if ev.unpaid_wages else "arbitration"), dates.leave_date
        else:
            return None
        try:
            return calculate("deadline", deadline_type=kind, start_date=start, today=self.today)
        except (CalculatorInputError, ValueError):
            return None

    def _deadline_model(self) -> Deadline | None:
        r = self.deadline_result
        if r is None or not r.result.get("deadline"):
            return None
        kind = r.result.get("deadline_type", "")
        last = date.fromisoformat(r.result["deadline"])
        action = _DEADLINE_ACTION.get(kind, "办理")
        when = f"{last.year}年{last.month}月{last.day}日"
        if r.result.get("expired"):
            text = f"按一年时效算，{when}已经到期；期间催讨过、投诉过的，时效从那时重新起算，请带上证据尽快咨询"
        else:
            text = f"最晚在{when}前{action}"
        return Deadline(kind=kind, title=r.title, date=last.isoformat(), text=text, expired=bool(r.result.get("expired")))

    # ---------------------------------------------------------------- sections, in order
    def drafts(self) -> Iterator[Draft]:
        """Every section but 法律依据, which is drafted last from what the others used (:meth:`basis`)."""
        if self.parts.notices:
            d = Draft("notice")
            for n in self.parts.notices:
                d.add(f"> ⚠️ {n}")
            yield d
        yield self.conclusion()
        amounts = self.amounts_section()
        if not amounts.empty:
            yield amounts
        yield self.next_steps()
        note = Draft("note")
        note.add(f"<sub>{OFFLINE_LABEL}</sub>")
        if self.top is not None and self.top.notice:
            note.add(f"> {self.top.notice.strip()}")
        yield note
        yield self.why()

    def after_basis(self) -> Iterator[Draft]:
        if self.top is not None and self.top.evidence:
            d = Draft("evidence")
            d.add("\n".join(f"- {e}" for e in self.top.evidence[:MAX_EVIDENCE]))
            yield d
        if self.related:
            d = Draft("related")
            for m in self.related:
                lead = _sentences(m.guide.summary)[:1]
                d.add(f"- **{m.guide.title}**（{m.reason}）：{''.join(lead)}")
            yield d

    def conclusion(self) -> Draft:
        d = Draft("conclusion")
        sentences: list[str] = list(self.parts.exact.missing)
        if self.top is not None:
            lead = self.matches[0].reason.removesuffix("选择") if self.matches[0].reason else ""
            summary = _sentences(self.top.summary)
            first = summary[0] if summary else self.top.summary
            sentences.append((lead + "，" if lead else "") + first)
            for s in summary[1:]:
                if len("".join(sentences)) + len(s) > CONCLUSION_CHARS - 40:
                    break
                sentences.append(s)
        elif self.reasoned:
            pid = self.reasoned[0]
            p = self._provision(pid)
            body = first_sentence(p.text, 70) if p is not None else ""
            sentences.append(f"与你的问题最相关的规定是{self.ref(pid)}：{body}")
        else:
            sentences.append("没有找到与你的问题直接对应的规定，建议先向 12333 或当地法律援助中心咨询。")
        sentences = sentences[:3]
        if self.parts.clarifying and not self._asks_with_amounts():
            sentences.append(self.parts.clarifying)
        d.add("".join(sentences))
        return d

    def _needs_amount_fact(self) -> bool:
        return any(s.missing for s, _ in self.parts.calculations)

    def _asks_with_amounts(self) -> bool:
        """The one question goes beside the amounts when there are any, or when an amount waits on it."""
        return bool(self.parts.clarifying) and (self._needs_amount_fact() or bool(self.results))

    def amounts_section(self) -> Draft:
        d = Draft("amounts", joiner="\n")
        for _, r in self.results:
            law = r.articles[0].partition("#")[0] if r.articles else None
            basis = "、".join(self.ref(a) for a in r.articles[:1])
            formula = human_number(r.formula)
            if r.amount is not None:
                d.add(f"- **{r.title}：{r.amount} 元**。算法：{formula}；依据{basis}", law)
            else:
                d.add(f"- **{r.title}**：{formula}；依据{basis}", law)
        if self._asks_with_amounts():
            d.add(f"- 还要确认一件事：{self.parts.clarifying}")
        return d

    def _channel(self):
        if self.top is None:
            return None
        return next((c for c in self.top.channels if not c.name.startswith(_NEGOTIATION)), self.top.channels[0])

    def next_steps(self) -> Draft:
        d = Draft("next_steps")
        steps: list[str] = []
        channel = self._channel()
        if channel is not None:
            step = f"**{channel.name}**：{channel.how}"
            if self.deadline is not None:
                step += f"{self.deadline.text}。" if not step.endswith("。") else f"{self.deadline.text}。"
            steps.append(step)
            steps += [s for s in self.top.steps if len(steps) < MAX_NEXT_STEPS][: MAX_NEXT_STEPS - 1]
        else:
            steps = ["先和单位协商，保留书面或聊天记录。",
                     "拨打 12333 向劳动保障监察投诉，或向劳动人事争议仲裁委员会申请仲裁"
                     + (f"（{self.deadline.text}）。" if self.deadline is not None else "。"),
                     "需要帮助可找工会（12351）或法律援助（12348）。"]
        d.add("\n".join(f"{i}. {s}" for i, s in enumerate(steps[:MAX_NEXT_STEPS], 1)))
        return d

    def why(self) -> Draft:
        d = Draft("why")
        if self.top is not None:
            summary = _sentences(self.top.summary)
            d.add("".join(summary))
        lines = []
        for pid in self.reasoned:
            p = self._provision(pid)
            if p is not None:
                lines.append(f"- {self.ref(pid)}：{first_sentence(p.text)}")
        if lines:
            d.add("\n".join(lines))
        for _, r in self.results:
            law = r.articles[0].partition("#")[0] if r.articles else None
            calc = [f"**{r.title}怎么算**"] + [f"- {human_number(s)}" for s in r.steps[:4]]
            if len(r.articles) > 1:
                calc.append("- 计算依据：" + "、".join(self.ref(a) for a in r.articles))
            calc += [f"- 地方标准：{x}" for x in r.local_rules[:2]] + [f"- 注意：{x}" for x in r.warnings[:2]]
            d.add("\n".join(calc), law)
        if self.deadline_result is not None and self.deadline is not None:
            r = self.deadline_result
            law = r.articles[0].partition("#")[0] if r.articles else None
            d.add(f"**{r.title}**：{human_number(r.formula)}（依据{'、'.join(self.ref(a) for a in r.articles[:1])}）",
                  law)
        if self.top is not None:
            more = self.top.steps[MAX_NEXT_STEPS - 1:]
            if more:
                d.add("**还可以怎么做**\n" + "\n".join(f"- {s}" for s in more))
            if self.top.deadlines:
                d.add("**时限**\n" + "\n".join(f"- {x}" for x in self.top.deadlines))
            others = [c for c in self.top.channels if c is not self._channel()]
            if others:
                d.add("**其他求助渠道**\n" + "\n".join(f"- **{c.name}**：{c.how}" for c in others))
            if self.top.local_rules:
                lines = [f"- {x}" for x in self.top.local_rules]
                if self._place() and not self._local_rules():
                    lines.append(f"- 法规库里没有找到{self._place()}在这方面的地方规定，请以当地人社部门公布的为准。")
                d.add("**取决于当地标准的事项**\n" + "\n".join(lines))
        return d

    def basis(self, numbering: Numbering) -> str:
        """法律依据: every article the sections above used, under its marker, its text one tap away."""
        out = []
        for n, pid in enumerate(numbering.ids, 1):
            ch = numbering.checks.get(pid)
            if ch is None or ch.provision is None:
                continue
            out.append(f"[{n}] **{ch.provision.label}**　「条文已核对」\n{quote(ch.provision)}")
        return "\n\n".join(out)


def verify_draft(draft: Draft, resolver: CitationResolver,
                 numbering: Numbering) -> tuple[str, list[int], list[CitationCheck], list[str]]:
    """Verify each chunk line by line (as the law its bare numbers belong to), then mark the verified articles."""
    texts, refs, checks, warnings = [], [], [], []
    for text, law in draft.chunks:
        lines = []
        for line in text.split("\n"):
            v = verify_lines(line, resolver, default_law=law)
            marked, line_refs = numbering.mark(v.text, v.checks, resolver, law)
            lines.append(marked)
            refs += line_refs
            checks += v.checks
            warnings += [w for w in v.warnings if w not in warnings]
        texts.append("\n".join(lines))
    return draft.joiner.join(texts), list(dict.fromkeys(refs)), checks, warnings


def compose_sections(composer: OfflineComposer, resolver: CitationResolver,
                     numbering: Numbering) -> Iterator[ComposedSection]:
    """The sections in order, each verified and numbered as soon as it is drafted (what streaming sends)."""
    def finish(draft: Draft) -> ComposedSection:
        body, refs, checks, warnings = verify_draft(draft, resolver, numbering)
        return ComposedSection(draft.key, SECTION_TITLES[draft.key], body, refs, checks, warnings)

    for draft in composer.drafts():
        yield finish(draft)
    basis = composer.basis(numbering)
    if basis:
        yield ComposedSection("basis", SECTION_TITLES["basis"], basis, list(range(1, len(numbering.ids) + 1)), [], [])
    for draft in composer.after_basis():
        yield finish(draft)


_HEADING = re.compile(r"^#{1,3}\s*(.+?)\s*$", re.MULTILINE)
_TITLE_KEYS = {title: key for key, title in SECTION_TITLES.items()} | {"初步计算": "amounts", "要点": "conclusion"}


def sections_of(text: str) -> list[AnswerSection]:
    """The sections of a model's answer, read from its headings (the prompt asks for 结论 · 下一步 · 为什么 ·
    要准备的证据; the calculators' part follows as 你可能拿到). Text before the first known heading is 结论."""
    marks = [(m.start(), _TITLE_KEYS[m.group(1)]) for m in _HEADING.finditer(text) if m.group(1) in _TITLE_KEYS]
    if not marks or marks[0][0] > 0 and text[:marks[0][0]].strip():
        marks.insert(0, (0, "conclusion"))
    out = []
    for i, (start, key) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        body = text[start:end].rstrip()
        refs = sorted({int(n) for n in re.findall(r"\[(\d+)\]", body)})
        out.append(AnswerSection(key=key, title=SECTION_TITLES[key], start=start, end=start + len(body),
                                 folded=key in FOLDED_SECTIONS, refs=refs))
    return out
