"""The amounts an answer shows: the calculators the case (案情) allows, run on the facts the worker stated.

No headline amount is shown from a fact that is in doubt (two figures for one fact, or one that cannot be right):
the planner leaves such a calculator waiting for the fact, and the answer asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.calculators.plan import run_planned
from assistant.facts import CaseFacts

MAX_CALCULATIONS = 2


def calculations_for(case: CaseFacts, question: str, guide_kinds: Sequence[str] = ()) -> list[tuple]:
    """(SuggestedCalculation, CalcResult or None) pairs, best first."""
    return run_planned(case, question, guide_kinds, limit=MAX_CALCULATIONS)
