"""What the answer pipeline needs from the rest of the assistant (the ``Assistant`` facade satisfies it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assistant.citations import LawNames
    from assistant.index.hits import SearchHit
    from assistant.statutes import Provision


class ProvisionSource(Protocol):
    @property
    def laws(self) -> LawNames: ...

    def provision_by_id(self, provision_id: str) -> Provision | None: ...

    # The filters the pipeline passes (the case's place, the case facts already read); a source may take more.
    def search(self, query: str, k: int = 10, *, province: str | None = None, city: str | None = None,
               case: dict[str, Any] | None = None) -> list[SearchHit]: ...
