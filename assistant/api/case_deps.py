"""Who acts on the case desk, as ``Annotated`` aliases: ``def assign(…, desk: CaseDeskDep, actor: DeskActor)``.

An API key's role and organisation (``assistant.access``) become the case desk's :class:`Actor`; what that
actor may do to which case is decided by the desk itself (``assistant.cases.access``), not here.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.access import actor_for
from assistant.api.deps import PublicCaller, ReviewerCaller, StaffCaller
from assistant.api.errors import InvalidInput
from assistant.api.security import Caller
from assistant.cases import Actor, CaseDesk


def get_case_desk(request: Request) -> CaseDesk:
    return request.app.state.services.cases


def _organisation(request: Request, caller: Caller) -> str:
    """A key without an organisation works for the deployment's default one (LABOR_CASE_ORGANISATION)."""
    return caller.org or request.app.state.services.settings.case_organisation


def desk_actor(request: Request, caller: StaffCaller) -> Actor:
    return actor_for(caller, _organisation(request, caller))


def reviewer_actor(request: Request, caller: ReviewerCaller) -> Actor:
    return actor_for(caller, _organisation(request, caller))


def intake_actor(request: Request, caller: PublicCaller) -> Actor:
    """Who opens a case: staff act as themselves; a worker's chat or another app acts as the intake desk, recorded
    by its key's fingerprint (an anonymous worker as 劳动者（对话）, no address kept)."""
    if caller.can("staff"):
        return desk_actor(request, caller)
    return Actor.system(name="劳动者（对话）" if caller.role == "anonymous" else f"应用 {caller.key_id}")


def intake_organisation(request: Request, caller: PublicCaller, wanted: str | None) -> str | None:
    """The organisation a case opened through the public door goes to: the app key's own, else one the
    deployment knows (a key's organisation or the default), so a stranger cannot invent organisations."""
    if caller.can("staff"):
        return wanted  # the desk refuses staff another organisation; an admin may name any
    if caller.org:
        return caller.org
    if not wanted:
        return None
    services = request.app.state.services
    known = set(services.api_settings.key_orgs.values()) | {services.settings.case_organisation}
    if wanted not in known:
        raise InvalidInput(f"没有这个承办组织：{wanted[:40]}", field="organisation")
    return wanted


CaseDeskDep = Annotated[CaseDesk, Depends(get_case_desk)]
DeskActor = Annotated[Actor, Depends(desk_actor)]
ReviewerActor = Annotated[Actor, Depends(reviewer_actor)]
IntakeActor = Annotated[Actor, Depends(intake_actor)]
