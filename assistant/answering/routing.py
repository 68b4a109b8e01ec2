"""Routing by the decisive fact: the worker's situation (案情) chooses the guide, not the incidental words.

The lexical classifier (``assistant.guides.classify``) ranks guides by the words of the question. Words mislead when
the fact that decides the answer is stated in everyday terms or in an earlier turn: "老板把我炒了，干了3年，月薪5000"
shares more words with the wage guide than with the dismissal guide, and a pregnant worker who is not paid is first
of all a protected worker. :func:`route` reorders the matches by the facts in :data:`ROUTES`: every guide a stated
fact calls for comes first, by the fact's priority, and is inserted when the words did not match it; the guides only
the words matched follow in their lexical order.

A fact that is in conflict or implausible (``CaseFacts.doubtful``) chooses nothing: an uncertain fact must not steer
the answer.

In a conversation, a new question that stands on its own words ("单位让我签竞业限制协议，不给补偿有效吗" after a
turn about unpaid wages) is about what it asks: the guide its words match best leads, and the guides that only the
earlier turns' facts call for follow it. Protected status (孕期、产期、哺乳期, past retirement age) still leads, since
it changes every rule that follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.facts.model import CaseFacts
from assistant.guides import GuideMatch, get_guide

DEFAULT_K = 3  # classify's default: the answer shows and retrieves for about this many guides
PROTECTED = 95  # routes at or above this priority lead whichever turn stated their fact


@dataclass(frozen=True)
class Route:
    """When the fact at ``path`` has ``value``, guide ``guide`` applies; higher ``priority`` ranks first."""

    path: str
    value: Any
    guide: str
    priority: int
    says: str  # the fact in the worker's terms, for the explanation shown with the guide


_EMPLOYER_FAULT_REASONS = {
    "unpaid_wages": "因单位拖欠工资而辞职",
    "no_social_insurance": "因单位不缴社保而辞职",
    "unsafe_conditions": "因单位不提供劳动保护或劳动条件而辞职",
    "unlawful_rules": "因单位规章制度违法损害权益而辞职",
    "deceptive_contract": "因单位欺诈订立合同而辞职",
    "forced_labor": "因单位以暴力、威胁强迫劳动而辞职",
}

# Priorities: protected status (孕期、产期、哺乳期; past retirement age) changes every rule that follows, so it comes
# first; then how the employment ended, which decides N, 2N or nothing; then the specific situations; the plain
# complaints (unpaid wages, no insurance) last, since they are usually part of a larger story.
ROUTES: tuple[Route, ...] = (
    Route("event.pregnant", True, "female_workers", 100, "正在怀孕"),
    Route("event.maternity", True, "female_workers", 100, "在产期（生育、产假）"),
    Route("event.nursing", True, "female_workers", 100, "在哺乳期"),
    Route("worker.past_retirement_age", True, "over_retirement_age", 95, "已超过法定退休年龄"),
    Route("worker.receiving_pension", True, "over_retirement_age", 95, "已领取养老保险待遇"),
    Route("event.last_place_elimination", True, "last_place_elimination", 92, "因末位淘汰被处理"),
    *(Route("event.resignation_reason", reason, "forced_resignation", 91, says)
      for reason, says in _EMPLOYER_FAULT_REASONS.items()),
    Route("event.termination", "dismissed", "unlawful_termination", 90, "被单位辞退"),
    Route("event.termination", "unlawful_dismissal", "unlawful_termination", 90, "被单位无故或违法辞退"),
    Route("event.termination", "employee_fault_dismissal", "unlawful_termination", 90, "单位以你有过错为由解除合同"),
    Route("event.termination", "no_fault_dismissal", "economic_layoff", 90,
          "单位以不能胜任、医疗期满或客观情况变化为由解除合同"),
    Route("event.termination", "layoff", "economic_layoff", 90, "被经济性裁员"),
    Route("event.termination", "employer_closed", "economic_layoff", 90, "单位倒闭、破产或注销"),
    Route("event.termination", "mutual_by_employer", "mutual_termination", 90, "单位提出协商解除"),
    Route("event.termination", "mutual_by_worker", "mutual_termination", 90, "你提出协商解除"),
    Route("event.termination", "mutual", "mutual_termination", 90, "与单位协商解除"),
    Route("event.termination", "contract_expired", "contract_expiry", 90, "劳动合同到期"),
    Route("event.termination", "employer_fault_resignation", "forced_resignation", 90, "因单位违法在先而辞职"),
    Route("event.termination", "resigned", "resignation", 90, "自己辞职"),
    Route("event.termination", "retired", "over_retirement_age", 85, "因达到退休年龄或领取养老金而终止"),
    Route("event.wage_iou", True, "wage_iou", 85, "单位出具了工资欠条"),
    Route("event.injury", True, "work_injury", 80, "在工作中受伤"),
    Route("event.death", True, "work_injury", 80, "因工死亡"),
    Route("event.occupational_disease", True, "occupational_disease", 80, "患职业病"),
    Route("employment.platform_work", True, "platform_work", 75, "平台用工（外卖、骑手、网约车等）"),
    Route("employment.dispatch", True, "labor_dispatch", 70, "劳务派遣"),
    # whether there is an employment at all decides whether any labor claim stands
    Route("event.relationship_disputed", True, "labor_relation_confirmation", 88, "单位不承认劳动关系"),
    Route("pay.all_inclusive", True, "all_inclusive_pay", 70, "约定的工资里包含加班费"),
    Route("employment.contract_signed", False, "no_written_contract", 65, "没有签书面劳动合同"),
    Route("event.low_insurance_base", True, "low_insurance_base", 65, "社保缴费基数过低"),
    Route("event.termination", "no_fault_dismissal", "unlawful_termination", 60, "单位给出的解除理由可能不成立"),
    Route("employment.probation", True, "probation", 60, "在试用期"),
    Route("employment.part_time", True, "part_time_work", 60, "非全日制用工"),
    Route("event.pay_cut", True, "job_transfer_pay_cut", 50, "被降薪"),
    Route("event.transfer", True, "job_transfer_pay_cut", 50, "被调岗"),
    Route("event.no_social_insurance", True, "social_insurance", 45, "单位没交社保"),
    Route("event.unpaid_wages", True, "wage_arrears", 40, "被拖欠工资"),
)


@dataclass(frozen=True)
class DecisiveGuide:
    """A guide the facts call for: its id, the highest priority among its facts, and those facts in words."""

    guide: str
    priority: int
    says: tuple[str, ...]
    paths: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return "根据你说的情况（" + "；".join(self.says) + "）选择"


def _holds(route: Route, value: Any) -> bool:
    # a bool route wants exactly that bool: 1 or a non-empty string is not "True" for a yes/no fact
    if isinstance(route.value, bool):
        return value is route.value
    return value == route.value


def decisive_guides(facts: CaseFacts) -> list[DecisiveGuide]:
    """The guides the stated facts call for, highest priority first (table order breaks ties)."""
    doubtful = facts.doubtful()
    found: dict[str, DecisiveGuide] = {}
    for route in ROUTES:
        if route.path in doubtful or not _holds(route, facts.get(route.path)):
            continue
        seen = found.get(route.guide)
        if seen is None:
            found[route.guide] = DecisiveGuide(route.guide, route.priority, (route.says,), (route.path,))
        elif route.says not in seen.says:
            found[route.guide] = DecisiveGuide(route.guide, max(seen.priority, route.priority),
                                               (*seen.says, route.says), (*seen.paths, route.path))
    return sorted(found.values(), key=lambda d: -d.priority)  # stable: table order among equal priorities


def route(facts: CaseFacts | None, matches: list[GuideMatch], *, k: int | None = None,
          new_question: str | None = None) -> list[GuideMatch]:
    """``matches`` reordered by the decisive facts: guides the facts call for first, then the lexical rest.

    A guide the facts call for that the words did not match is inserted (score 0, no matched terms) with a
    ``reason`` naming the fact. At most ``k`` guides are returned; by default :data:`DEFAULT_K` (the classifier's
    default), or as many as ``matches`` held or the facts call for when that is more. Without facts the matches come
    back unchanged.

    ``new_question``: the turn, when it is a question of its own in an ongoing conversation; the guide its words
    match best then comes before the guides that only facts of earlier turns call for (below :data:`PROTECTED`).
    """
    if facts is None:
        return list(matches) if k is None else list(matches)[:max(k, 0)]
    by_id = {m.guide.id: m for m in matches}
    chosen: list[tuple[int, float, GuideMatch]] = []
    for decisive in decisive_guides(facts):
        lexical = by_id.get(decisive.guide)
        if lexical is not None:
            match = lexical.model_copy(update={"reason": decisive.reason})
        else:
            try:
                guide = get_guide(decisive.guide)
            except KeyError:  # a staff-edited guide set without this guide: route by the others
                continue
            match = GuideMatch(guide=guide, score=0.0, matched=[], reason=decisive.reason)
        chosen.append((decisive.priority, match.score, match))
    # equal priority: the guide the words also matched, and matched better, first
    chosen.sort(key=lambda c: (-c[0], -c[1]))
    first = [m for _, _, m in chosen]
    if new_question and matches:
        own = matches[0]
        earlier = {d.guide for d in decisive_guides(facts)
                   if d.priority < PROTECTED and d.guide != own.guide.id and _said_before(facts, d, new_question)}
        lead = [m for m in first if m.guide.id not in earlier]
        if len(lead) < len(first):
            first = lead + ([own] if own not in lead else []) + [m for m in first if m.guide.id in earlier]
    ids = {m.guide.id for m in first}
    ordered = first + [m for m in matches if m.guide.id not in ids]
    limit = max(DEFAULT_K, len(matches), len(first)) if k is None else max(k, 0)
    return ordered[:limit]


def _said_before(facts: CaseFacts, decisive: DecisiveGuide, question: str) -> bool:
    """Every fact calling for this guide was read from an earlier turn (its quoted words are not in this one)."""
    sources = [facts.sources.get(path) for path in decisive.paths]
    return all(src is not None and src.quote and src.quote not in question for src in sources)


__all__ = ["DEFAULT_K", "ROUTES", "DecisiveGuide", "Route", "decisive_guides", "route"]
