"""Narrative → 案情 for a document: by a configured language model when it answers usably, else by the rule reader.

Its own module so the model step (``llm_steps``) and the check of its output (``extract``) point one way:
this chooses between them, ``llm_steps`` calls the model and ``extract`` judges what it returned.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.drafting.llm_steps import extract_with_model
from assistant.facts.model import CaseFacts


def read_narrative(narrative: str, chat_model: Any = None, *, today: date | None = None
                   ) -> tuple[CaseFacts, list[str]]:
    """The facts of the narrative: by the model when one is given and it answers usably, else by the rules."""
    from assistant.facts.reader import read_text

    if chat_model is not None:
        facts, notes = extract_with_model(chat_model, narrative)
        if not facts.is_empty() or not any("改用规则" in n for n in notes):
            return facts, notes
        return read_text(narrative, today=today), notes
    return read_text(narrative, today=today), []
