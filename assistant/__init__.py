"""劳动维权助手: statute retrieval, answers, calculators and document drafting behind one ``Assistant``."""

from assistant import _env  # noqa: F401  (offline environment before any third-party import)
from assistant.facade import Assistant, SearchHit

__all__ = ["Assistant", "SearchHit"]
