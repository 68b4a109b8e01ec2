"""The case desk (一端受理、多端联动、全程留痕): cases opened from a chat, the staff desk or the API; assignment,
status, notes, facts edited with the change traced, document versions, human review of answers, deadlines,
referrals, a bundle export, and a tamper-evident trace. Storage: SQLAlchemy 2 with Alembic migrations, an SQLite
file by default and PostgreSQL by URL (``LABOR_DATABASE_URL``).

    from assistant.cases import CaseDesk, CaseIntake, Actor
    desk = CaseDesk.from_settings(settings)      # or Assistant.cases
    opened = desk.open_case(CaseIntake(source="chat", consent=True, conversation=[...]), Actor.system())
    desk.check_progress(opened.code, opened.secret)

The methods are listed in :mod:`assistant.cases.service`; the shapes in :mod:`assistant.cases.models`; the errors
in :mod:`assistant.cases.errors`.
"""

from assistant.cases.errors import (
    AccessDenied,
    CaseClosed,
    CaseError,
    CaseInputError,
    CaseNotFound,
    InvalidTransition,
    RecordNotFound,
    StorageBusy,
)
from assistant.cases.models import (
    Actor,
    AnswerShown,
    CaseFilter,
    CaseIntake,
    CaseOpened,
    CaseSummary,
    CaseView,
    EvidenceItem,
    Message,
    WorkerView,
)
from assistant.cases.service import CaseDesk

__all__ = ["AccessDenied", "Actor", "AnswerShown", "CaseClosed", "CaseDesk", "CaseError", "CaseFilter", "CaseInputError",
           "CaseIntake", "CaseNotFound", "CaseOpened", "CaseSummary", "CaseView", "EvidenceItem", "InvalidTransition",
           "Message", "RecordNotFound", "StorageBusy", "WorkerView"]
