"""What a question asks, read from its wording: whether it asks about procedure (how, where, how long, with what
evidence a dispute is handled) and whether it asks about validity (有效吗, 能不能约定, 是否合法).

A narrative of facts that mentions arbitration ("……申请仲裁，请求支付赔偿金") does not ask about procedure: only a
clause that is a question counts, so court-found facts and a worker's story reach the substantive articles. Which
articles are procedure and which decide validity is data (``corpus/lay_descriptions_intents.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.config import PROJECT_DIR

INTENTS = PROJECT_DIR / "corpus" / "lay_descriptions_intents.yaml"
# A follow-up condensed with the worker's earlier turns reads "<earlier turns>（追问）<this turn>" (the answer's
# condense step writes it): this turn says what is asked, the earlier turns are the matter it is asked about.
FOLLOW_UP = "（追问）"

_CLAUSES = re.compile(r"[^。！!？?；;\n]+[。！!？?；;\n]?")
_QUESTION = re.compile(r"[？?]\s*$|吗|呢|怎么|怎样|如何|哪|什么|是否|能否|能不能|可不可以|可以不|多少|多久|多长|几[天个年月]|咋")
_PROCEDURE = re.compile(
    r"仲裁|起诉|诉讼|打官司|告他|告公司|告老板|去告|能告|投诉|举报|时效|流程|程序|步骤|手续|管辖|受理|立案|开庭|裁决|"
    r"判决|上诉|撤销|强制执行|支付令|调解|举证|证据|材料|去哪|找谁|找哪|哪个部门|申请书|代理|律师")
# "How do I get it back" (怎么才能要回工资, 如何维权) asks how the matter is taken up, so the ways a dispute is handled
# (协商、调解、仲裁、投诉, 劳动争议调解仲裁法第五条、第九条) count as asked; damped, they never reach such a question.
# A bare 怎么办 does not: "医疗期满了干不了原来的活怎么办" asks what the law gives, not where to go.
_REMEDY = re.compile(r"维权|维护.{0,6}权|(怎么|怎样|如何)才能.{0,4}(拿|要|讨|追|结|领)")
# Employment paperwork and a customer's complaint share words with dispute procedure (离职手续, 退休流程, 人事代理,
# 客户投诉) but ask nothing about how a dispute is handled: they are read past before the procedure words.
_PAPERWORK = re.compile(r"(离职|退休|入职|辞职|退工|转正|调动|交接|停薪留职)的?(手续|流程)|人事代理|"
                        r"(客户|顾客|用户|消费者|家长|患者)的?投诉|被投诉")
_VALIDITY = re.compile(
    r"有效|无效|效力|合法吗|是否合法|合不合法|违法吗|违不违法|算数|作数|算不算数|管用|能不能约定|可以约定|能约定|"
    r"约定.{0,12}(能|可以|行)吗|签了.{0,12}(还能|能不能|是否)|这样的?(条款|约定|协议)")


def split_follow_up(query: str) -> tuple[str, str]:
    """(this turn, the earlier turns) of a condensed follow-up; (query, "") for a question that stands alone."""
    context, mark, question = query.rpartition(FOLLOW_UP)
    if not mark or not question.strip():
        return query, ""
    return question.strip(), context.strip()


@dataclass(frozen=True, slots=True)
class Intent:
    procedure: bool  # a question clause asks how, where or how long a dispute is handled, or what can be done
    validity: bool  # the question asks whether a term, agreement or contract holds
    narrative: bool  # no clause is a question: facts told, nothing asked


def read_intent(query: str) -> Intent:
    clauses = [c.strip() for c in _CLAUSES.findall(query) if c.strip()]
    questions = [c for c in clauses if _QUESTION.search(c)]
    return Intent(procedure=any(_PROCEDURE.search(_PAPERWORK.sub("", c)) or _REMEDY.search(c) for c in questions),
                  validity=any(_VALIDITY.search(c) for c in questions),
                  narrative=not questions)


@dataclass(frozen=True, slots=True)
class IntentArticles:
    procedure_laws: frozenset[str]
    procedure_ids: frozenset[str]
    validity_ids: frozenset[str]

    def is_procedure(self, law: str, provision_id: str) -> bool:
        return law in self.procedure_laws or provision_id in self.procedure_ids


@functools.cache
def load_intent_articles(path: Path = INTENTS) -> IntentArticles:
    from assistant.yamlfile import load_yaml

    data = (load_yaml(path) if path.exists() else None) or {}
    procedure = data.get("procedure") or {}
    validity = data.get("validity") or {}
    return IntentArticles(procedure_laws=frozenset(map(str, procedure.get("laws") or [])),
                          procedure_ids=frozenset(map(str, procedure.get("articles") or [])),
                          validity_ids=frozenset(map(str, validity.get("articles") or [])))
