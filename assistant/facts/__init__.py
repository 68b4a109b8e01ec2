"""案情 (case facts): one typed model of the worker's situation and the one reader that fills it."""

from assistant.facts.model import CaseFacts, FactChange, FactNote, FactSource, fact_paths

__all__ = ["CaseFacts", "FactChange", "FactNote", "FactSource", "fact_paths"]
