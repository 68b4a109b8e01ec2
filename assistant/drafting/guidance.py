"""What the issue guides add to an offline draft: the deciding articles when the case names none, and for staff the
evidence and time limits the guide lists. Used only when ``assistant.guides`` is installed and a guide that lists this
document type matches the case."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from assistant.drafting.case import Case
from assistant.drafting.claims import basis_text

log = logging.getLogger(__name__)

MAX_ARTICLES = 3


def _case_text(case: Case) -> str:
    parts = [case.facts or "", case.reasons or "", *case.violations, *case.requests,
             *(c.item or "" for c in case.claims), *(g.detail or "" for g in case.grounds)]
    if case.unpaid_wages is not None:
        parts.append("拖欠工资")
    return "。".join(p for p in parts if p)


def matching_guides(doc_type: str, case: Case) -> list[Any]:
    text = _case_text(case)
    if not text:
        return []
    try:
        from assistant.guides import classify
    except ImportError:
        return []
    try:
        matches = classify(text[:4000], k=3)
    except Exception as exc:  # a broken guide file must not stop a document
        log.warning("guide classification failed: %s", type(exc).__name__)
        return []
    return [m.guide for m in matches if doc_type in m.guide.documents]


def guide_basis(guides: list[Any], resolve: Callable[[str], Any] | None) -> str:
    """《劳动合同法》第三十条、第八十五条: the guides' articles that resolve and are in force; none without a
    resolver."""
    if resolve is None:
        return ""
    ids: list[str] = []
    for guide in guides:
        for aid in guide.articles:
            try:
                provision = resolve(aid)
            except Exception:
                provision = None
            if provision is not None and getattr(provision, "status", "in_force") == "in_force" and aid not in ids:
                ids.append(aid)
            if len(ids) >= MAX_ARTICLES:
                return basis_text(ids)
    return basis_text(ids)


def guide_hints(guides: list[Any], case: Case) -> list[str]:
    """Evidence the guide recommends that the case does not list yet, its time limits, and any notice it carries."""
    have = "".join(e.name or "" for e in case.evidence)
    hints: list[str] = []
    for guide in guides:
        wanted = [e for e in guide.evidence if e[:4] not in have]
        if wanted:
            hints.append(f"参照「{guide.title}」，可补充的证据：" + "；".join(wanted))
        hints += [f"参照「{guide.title}」，时限：{d}" for d in guide.deadlines]
        if guide.notice:
            hints.append(guide.notice)
    return list(dict.fromkeys(hints))
