"""Build the messages for the language model: the system prompt, then one user message in which every retrieved or
ingested text, the guides, the history and the question sit inside tagged data blocks, provisions numbered.

Text that came from outside (a statute, a user's uploaded document, the question itself) can never close a data
block or open a new one: angle brackets in it are replaced by full-width ones (:func:`as_data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answering.condense import history_text
from assistant.answering.retrieve import Basis
from assistant.llm import ContextBudget, as_data, load_prompt, render_prompt, take_within

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

    from assistant.answering.models import Turn
    from assistant.statutes import Provision

MAX_PROVISIONS = 10
MAX_DOCUMENTS = 2  # of those, the places kept for the user's own uploaded documents
MAX_PROVISION_CHARS = 1500  # one very long article (刑法 lists) must not crowd out the others
MAX_GUIDES = 2


def provision_block(n: int, p: Provision) -> str:
    status = "现行有效" if p.in_force else "已失效"
    kind = "条文" if p.is_article else "资料片段"
    text = p.text if len(p.text) <= MAX_PROVISION_CHARS else p.text[:MAX_PROVISION_CHARS - 1] + "…"
    return f"[{n}] {as_data(p.label)}（{kind}，{status}）\n{as_data(text)}"


def guide_block(match) -> str:
    g = match.guide
    lines = [f"【{as_data(g.title)}】{as_data(g.summary)}"]
    if g.notice:
        lines.append(f"提示：{as_data(g.notice)}")
    lines += [f"- 步骤：{as_data(s)}" for s in g.steps[:4]]
    lines += [f"- 时限：{as_data(d)}" for d in g.deadlines[:2]]
    lines += [f"- 取决于地方标准：{as_data(r)}" for r in g.local_rules[:2]]
    return "\n".join(lines)


@dataclass(slots=True)
class BuiltPrompt:
    messages: list[BaseMessage]
    numbered: list[Provision]  # provisions as numbered in the prompt ([1] is numbered[0])
    chars: int


def build_messages(question: str, bases: Sequence[Basis], guide_matches: Sequence, history: Sequence[Turn],
                   budget: ContextBudget, *, extra: str = "", prompts_dir=None) -> BuiltPrompt:
    from langchain_core.messages import HumanMessage, SystemMessage

    system = load_prompt("answer_system", prompts_dir)
    template = load_prompt("answer_user", prompts_dir)
    q = as_data(question)
    extra_text = as_data(extra)
    fixed = len(system) + len(template) + len(q) + len(extra_text)
    full_history = history_text(history, budget.total)
    history_room, provisions_room = budget.split(fixed, len(full_history))
    hist = history_text(history, history_room) if history_room else ""

    guide_texts = take_within([guide_block(m) for m in list(guide_matches)[:MAX_GUIDES]], provisions_room // 4)
    provisions_room -= sum(len(t) for t in guide_texts)
    # the user's own documents that matched keep a place of their own: the statutes, listed first, would fill them all
    documents = [b for b in bases if b.provision.category == "document"][:MAX_DOCUMENTS]
    chosen = [b for b in bases if b not in documents][:MAX_PROVISIONS - len(documents)] + documents
    blocks = take_within([provision_block(i + 1, b.provision) for i, b in enumerate(chosen)], provisions_room,
                         min_piece=200)
    numbered = [b.provision for b in chosen[: len(blocks)]]
    user = render_prompt(
        template,
        provisions="\n\n".join(blocks) or "（没有检索到相关条文）",
        guides="\n\n".join(guide_texts) or "（无）",
        history=as_data(hist) or "（无）",
        question=q,
        extra=extra_text,
    )
    messages = [SystemMessage(content=system), HumanMessage(content=user)]
    return BuiltPrompt(messages, numbered, len(system) + len(user))
