"""The court and arbitration register: a judgment's or an award's found facts name the worker and the employer by
their roles in the proceedings (原告/被告, 申请人/被申请人, 上诉人/被上诉人), not 我 and 公司.

Which role word is the worker is read from the facts themselves (「被告于2013年10月1日入职原告单位」 makes 被告 the
worker), since an employer sues as often as a worker does; where nothing tells, the words are taken as a worker's
claim is usually filed: the worker 原告/申请人/上诉人, the employer 被告/被申请人/被上诉人. The two words of one
proceeding are on opposite sides; 「被告曾以原告为被申请人」 and 「申请人即本案被告」 tie one proceeding's words to the
other's.

    >>> roles = party_roles("被告于2013年10月1日入职原告单位工作")
    >>> "被告" in roles.worker, "原告" in roles.employer
    (True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# one proceeding's two words, the side a worker usually files from first
PAIRS: tuple[tuple[str, str], ...] = (("原告", "被告"), ("申请人", "被申请人"), ("上诉人", "被上诉人"),
                                     ("原审原告", "原审被告"))
DEFAULT_ORDER = (PAIRS[1], PAIRS[0], PAIRS[2], PAIRS[3])
_WORD = {"原告": r"(?<!审)原告", "被告": r"(?<![审原、])被告", "申请人": r"(?<![被再])申请人", "被申请人": r"被申请人",
         "上诉人": r"(?<!被)上诉人", "被上诉人": r"被上诉人", "原审原告": r"原审原告", "原审被告": r"原审被告"}
_ANY = "(?:" + "|".join(_WORD[w] for w in sorted(_WORD, key=len, reverse=True)) + ")"
PARTY = re.compile(_ANY)
_GAP = r"[^，,。；;\n]"  # within one clause (the reader sees commas normalised to ",")
# 「P…入职Q」「P到Q处工作」「Q未为P缴纳」「Q招用P」「P系Q员工」: P works for Q
_WORKS_FOR = [
    rf"(?P<w>{_ANY}){_GAP}{{0,16}}?(?:入职|进入|到|在|至|进|被分至|分配到)(?:了)?(?P<e>{_ANY})"
    rf"(?=(?:单位|公司|处)?{_GAP}{{0,14}}?(?:工作|上班|任职|从事|担任|务工|打工|报到))",
    rf"(?P<w>{_ANY}){_GAP}{{0,16}}?入职(?P<e>{_ANY})",
    rf"(?P<e>{_ANY})(?:未|没有|没|已|一直)?(?:依法)?(?:为|给|替)(?P<w>{_ANY}){_GAP}{{0,4}}(?:缴纳|缴交|办理|购买|参加|发放|支付)",
    rf"(?P<e>{_ANY})(?:招用|雇用|雇佣|雇请|聘用|录用|招聘|辞退|开除|解雇)(?:了)?(?P<w>{_ANY})",
    rf"(?P<w>{_ANY})(?:系|为|是)(?P<e>{_ANY})(?:公司|单位)?(?:的)?(?:员工|职工|工人|雇员)",
    rf"(?P<e>{_ANY})(?:系|为|是)(?P<w>{_ANY})(?:的)?用人单位",
]
WORKS_FOR = [re.compile(p) for p in _WORKS_FOR]
# 「被告曾以原告为被申请人」: the one who files is the 申请人; 「被申请人即本案原告」: two words, one side
FILED_AGAINST = re.compile(rf"(?P<a>{_ANY})(?:曾)?以(?P<b>{_ANY})为(?P<as>被申请人|被告)")
SAME_SIDE = re.compile(rf"(?P<a>{_ANY})(?:即|系|为)(?:本案)?(?P<b>{_ANY})(?![的员职工])")
# a role word followed by a company's name is the employer's (「被申请人杭州博威化纤织造有限公司」)
# (a name of its own: no other role word and none of the little words a clause goes on with)
_NAME_CHAR = rf"(?:(?!{_ANY}|要求|请求)[^\s，。；;、：:“”\"《》向与和在于对的是将把被给称])"
_EMPLOYER_NAME = re.compile(rf"(?P<e>{_ANY}){_NAME_CHAR}{{2,24}}?(?:有限公司|公司|集团|厂|分局|项目部|办事处)")


@dataclass(frozen=True, slots=True)
class Roles:
    worker: tuple[str, ...] = ()
    employer: tuple[str, ...] = ()

    def pattern(self, side: str) -> str:
        """A regex alternation of the words for ``side`` (worker: also 其 and 我, employer: also 公司 and 单位)."""
        words = self.worker if side == "worker" else self.employer
        extra = ["我", "其"] if side == "worker" else ["公司", "单位"]
        return "(?:" + "|".join([_WORD[w] for w in sorted(words, key=len, reverse=True)] + extra) + ")"


def _partner(word: str) -> str:
    return next(b if a == word else a for a, b in PAIRS if word in (a, b))


def party_roles(text: str) -> Roles:
    """Which role words are the worker's and which the employer's in ``text``; empty when it names no party."""
    if not PARTY.search(text):
        return Roles()
    votes: dict[str, int] = {}  # > 0: the worker's, < 0: the employer's

    def vote(word: str, side: int) -> None:
        votes[word] = votes.get(word, 0) + side

    for pattern in WORKS_FOR:
        for m in pattern.finditer(text):
            if m.group("w") != m.group("e"):
                vote(m.group("w"), 1)
                vote(m.group("e"), -1)
    for m in _EMPLOYER_NAME.finditer(text):
        vote(m.group("e"), -1)
    same: list[tuple[str, str]] = []
    for m in FILED_AGAINST.finditer(text):
        same += [(m.group("a"), _partner(m.group("as"))), (m.group("b"), m.group("as"))]
    for m in SAME_SIDE.finditer(text):
        if m.group("a") != m.group("b") and m.group("b") != _partner(m.group("a")):
            same.append((m.group("a"), m.group("b")))
    side: dict[str, int] = {w: (1 if n > 0 else -1) for w, n in votes.items() if n}

    def spread() -> None:  # along the ties: a pair's words oppose, tied words agree
        for _ in range(4):
            for a, b in same:
                if a in side and b not in side:
                    side[b] = side[a]
                elif b in side and a not in side:
                    side[a] = side[b]
            for a, b in PAIRS:
                if a in side and b not in side:
                    side[b] = -side[a]
                elif b in side and a not in side:
                    side[a] = -side[b]

    spread()
    for a, _b in DEFAULT_ORDER:  # nothing tells: the worker files (an arbitration most surely)
        if a not in side:
            side[a] = 1
            spread()
    return Roles(worker=tuple(w for w in _WORD if side[w] > 0), employer=tuple(w for w in _WORD if side[w] < 0))


def _not(words: str) -> str:
    """One character of the same clause that does not begin ``words``."""
    return rf"(?:(?!{words}){_GAP})"


def ending_patterns(roles: Roles) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """How the found facts say the employer ended the employment, and how the worker did."""
    w, e = roles.pattern("worker"), roles.pattern("employer")
    w = w[:-1] + "|本人)"
    e = e[:-1] + "|贵公司)"
    contract = r"劳动(?:合同|关系)(?!(?:的)?(?:经济)?(?:补偿|赔偿|证明))"  # 解除劳动合同经济补偿金 names a payment
    # 「原告与被告协商一致解除」: both did it (mutual_patterns reads it); 「原告以被告未足额支付劳动报酬为由解除」: the
    # party after 以 is the reason, not the one who ended it
    alone = r"(?<![与和同跟、以])"
    by_employer = [
        rf"{alone}{e}{_not(w)}{{0,20}}?(?:单方(?:面)?)?(?:解除|终止)(?:了)?(?:与{w}(?:之间)?的)?{contract}",
        rf"{e}{_not(w)}{{0,20}}?(?:与|和){w}解除(?:了)?{contract}",
        rf"(?<![与和向])解除(?:了)?与{w}(?:之间)?的{contract}",
        rf"{e}{_not(w)}{{0,12}}?(?:辞退|开除|解雇)(?:了)?{w}",
        rf"{e}{_not(w)}{{0,12}}?以{w}{_GAP}{{0,24}}?为由{_GAP}{{0,10}}?(?:解除|终止|辞退|开除|解雇)",
        rf"{w}被{e}(?:辞退|开除|解雇|解除)",
        rf"{alone}{e}{_not(w)}{{0,20}}?向{w}{_GAP}{{0,12}}?(?:送达|发出|邮寄|出具)(?:了)?(?:《)?(?:劳动合同)?解除(?:劳动(?:合同|关系))?(?:通知|决定)",
        rf"{alone}{e}{_not(w)}{{0,12}}?(?:通知|告知|要求){w}(?:不用|无需|不要|不必|不再)(?:再)?(?:来)?(?:上班|到岗|工作)",
    ]
    by_worker = [
        rf"{alone}{w}{_not(e + '|' + w)}{{0,20}}?(?:向{e}{_not(e + '|' + w)}{{0,16}}?)?(?:提出|书面|通知)?(?:与{e})?"
        rf"解除(?:了)?(?:与{e}(?:之间)?的)?{contract}",
        rf"(?<![与和])解除(?:了)?与{e}(?:之间)?的{contract}",
        rf"{w}{_not(e + '|' + w)}{{0,20}}?向{e}{_GAP}{{0,12}}?(?:送达|发出|邮寄)(?:了)?(?:《)?(?:劳动合同)?解除(?:劳动合同)?通知",
        rf"{w}{_not(e + '|' + w)}{{0,12}}?以{e}{_GAP}{{0,24}}?为由{_GAP}{{0,10}}?(?:提出)?解除",
    ]
    return [re.compile(p) for p in by_employer], [re.compile(p) for p in by_worker]


# An ending both sides agreed to (劳动合同法第三十六条), and who proposed it when the facts say so: the proposer is the
# one who 提出 it, never the one it was proposed to (「原告向被告提出协商解除」: the worker).
_PROPOSE = r"(?:提出|提议|要求|主动)"
_AGREED = r"协商(?:一致)?(?:后)?(?:同意)?解除"


def mutual_patterns(roles: Roles) -> list[tuple[str, re.Pattern[str]]]:
    """(termination value, pattern) for a mutual ending in the found facts' words; a bare 「双方…解除」 with no word
    of agreement is ``ended``: the employment ended, who ended it is not told (nothing is put for it)."""
    w, e = roles.pattern("worker"), roles.pattern("employer")
    proposer = r"(?<![向与和同跟对])"

    def proposed_by(a: str, b: str) -> str:
        return rf"{proposer}{a}{_not(b)}{{0,12}}?(?:向{b})?{_GAP}{{0,4}}?{_PROPOSE}{_GAP}{{0,6}}?{_AGREED}"

    both = rf"(?:双方|{w}(?:与|和|同){e}|{e}(?:与|和|同){w})"
    agreed = (rf"{both}{_GAP}{{0,16}}?{_AGREED}|经(?:双方)?(?:友好)?协商(?:一致)?[，,]?{_GAP}{{0,10}}?(?:同意|一致)?解除"
              rf"|协商一致解除|{both}{_GAP}{{0,12}}?(?:签订|签署|达成)(?:了)?(?:《)?(?:协商)?解除(?:劳动(?:合同|关系))?协议")
    ended = rf"双方{_GAP}{{0,20}}?(?<!协商)(?<!一致)(?<!同意)解除|双方(?:的)?劳动(?:合同|关系){_GAP}{{0,14}}?(?:解除|终止)"
    return [("mutual_by_employer", re.compile(proposed_by(e, w))), ("mutual_by_worker", re.compile(proposed_by(w, e))),
            ("mutual", re.compile(agreed)), ("ended", re.compile(ended))]
