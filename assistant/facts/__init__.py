"""案情 (case facts): one typed model of the worker's situation and the one reader that fills it.

``read_conversation(user_messages)`` is the entry point: every turn read once by the rule reader, later statements
over earlier ones, the user's own corrections (``overrides``) last.
"""

from assistant.facts.conversation import merge, read_conversation, starts_new_case
from assistant.facts.model import CaseFacts, FactChange, FactNote, FactSource, fact_paths
from assistant.facts.overrides import FactsInputError, apply_overrides
from assistant.facts.reader import read_text

__all__ = ["CaseFacts", "FactChange", "FactNote", "FactSource", "FactsInputError", "apply_overrides", "fact_paths",
           "merge", "read_conversation", "read_text", "starts_new_case"]
