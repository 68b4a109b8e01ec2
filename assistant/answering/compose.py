"""The offline answer in the shape a worker reads on a phone, section by section, as it is composed.

结论 (two or three sentences about this case) · 你可能拿到 (each amount with its formula and article, or the one
question that an amount still needs) · 下一步 (at most three steps, the fitting channel first, the deadline as a
date) · a short note that no language model was used — then, folded: 为什么 · 法律依据 · 要准备的证据 · 还可能涉及.

An article is shown only when the answer uses it: the articles an amount or a deadline rests on, the articles the
question names, retrieval's best-ranked articles, and the matched guide's deciding articles (its first ones, and
any further one retrieval also ranks for this question); each is given one line of reasoning under 为什么. Once a section is verified, every verified reference in it gets the
marker [n] of its article (:mod:`assistant.answering.compose_marks`), so the markers of a streamed section never
change when later sections arrive.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from assistant.answering.compose_deadline import deadline_from_facts, deadline_model
from assistant.answering.compose_marks import Draft
from assistant.answering.compose_text import first_sentence, human_number, sentences
from assistant.answering.models import OFFLINE_LABEL, AmountLine
from assistant.answering.offline import OfflineParts
from assistant.statutes import label_of
from assistant.verification import in_force_text

NO_GUIDE_RANKED = 4  # without a guide the answer rests on the best-ranked articles alone
TOP_RANKED = 3  # retrieval's best articles are reasoned on even when no guide names them
LOCAL_RULES_SHOWN = 2  # the place's best local rules shown beside the national articles
# A guide's first articles are its deciding ones. Measured on the project questions (lexical, default corpus):
# keeping only the guide articles search also ranks lost 24 of 129 gold articles; the first 8 lost one (工资支付暂行
# 规定第九条, 9th of the resignation guide); the first 9 lose none.
GUIDE_CORE = 9
MAX_REASONED = 8  # deciding articles given a line under 为什么 (besides those asked about or behind an amount)
MAX_NEXT_STEPS = 3
MAX_EVIDENCE = 6
CONCLUSION_CHARS = 200
_NEGOTIATION = ("协商", "调解")


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
                                    None) or deadline_from_facts(parts.case, self.today)
        self.reasoned = self._reasoned_articles()
        self.amounts = [AmountLine(kind=r.kind, title=r.title, amount=str(r.amount) if r.amount is not None else None,
                                   formula=human_number(r.formula), articles=list(r.articles))
                        for _, r in self.results]
        self.deadline = deadline_model(self.deadline_result)

    # ---------------------------------------------------------------- what the answer uses
    def _reasoned_articles(self) -> list[str]:
        """The best-ranked articles, then the deciding articles of the guides this answer follows that retrieval
        also found for this question (best ranked first); without a guide, the best-ranked articles alone.

        A guide lists its deciding articles first and the situational ones after (规章制度, 医疗期, 工会 …); past
        its first ``GUIDE_CORE`` an article is reasoned on only when search ranks it for this question, so 为什么
        does not list an article the worker's situation does not touch."""
        exact = [p.id for p in self.parts.exact.found]
        statutes = [b for b in self.parts.bases if b.is_statute]
        followed = {f"guide:{g.id}" for g in [self.top, *[m.guide for m in self.related]] if g is not None}
        if self.top is None:
            chosen = [b.provision.id for b in statutes[:NO_GUIDE_RANKED]]
        else:  # the two best-ranked articles, then the followed guides' deciding articles in rank order
            chosen = [b.provision.id for b in statutes[:TOP_RANKED]]
            core = {a for g in [self.top, *[m.guide for m in self.related]] for a in g.articles[:GUIDE_CORE]}
            chosen += [b.provision.id for b in statutes
                       if followed & set(b.reasons) and ("search" in b.reasons or b.provision.id in core)]
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
                lead = sentences(m.guide.summary)[:1]
                d.add(f"- **{m.guide.title}**（{m.reason}）：{''.join(lead)}")
            yield d

    def conclusion(self) -> Draft:
        d = Draft("conclusion")
        said: list[str] = list(self.parts.exact.missing)
        if self.top is not None:
            lead = self.matches[0].reason.removesuffix("选择") if self.matches[0].reason else ""
            summary = sentences(self.top.summary)
            first = summary[0] if summary else self.top.summary
            said.append((lead + "，" if lead else "") + first)
            for s in summary[1:]:
                if len("".join(said)) + len(s) > CONCLUSION_CHARS - 40:
                    break
                said.append(s)
        elif self.reasoned:
            pid = self.reasoned[0]
            p = self._provision(pid)
            body = first_sentence(in_force_text(p), 70) if p is not None else ""
            said.append(f"与你的问题最相关的规定是{self.ref(pid)}：{body}")
        else:
            said.append("没有找到与你的问题直接对应的规定，建议先向 12333 或当地法律援助中心咨询。")
        said = said[:3]
        if self.parts.clarifying and not self._asks_with_amounts():
            said.append(self.parts.clarifying)
        d.add("".join(said))
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
            summary = sentences(self.top.summary)
            d.add("".join(summary))
        lines = []
        for pid in self.reasoned:
            p = self._provision(pid)
            if p is not None:
                lines.append(f"- {self.ref(pid)}：{first_sentence(in_force_text(p))}")
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
