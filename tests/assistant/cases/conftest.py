"""The case tests run twice: on an SQLite file and on a real PostgreSQL server (``LABOR_TEST_DATABASE_URL``; .ci/run
starts one from Debian's postgresql package). Each PostgreSQL test gets a schema of its own, dropped afterwards."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from assistant.cases import Actor, CaseDesk
from assistant.config import Settings

ORG = "本会"


def _postgres_url() -> str | None:
    return Settings().test_database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cases.sqlite3'}"
        return
    base = _postgres_url()
    if not base:
        pytest.skip("PostgreSQL: LABOR_TEST_DATABASE_URL is not set (.ci/run and `make postgres` set it)")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def desk(database_url, assistant):
    """A desk over the test database, drafting and verifying against the statute corpus."""
    d = CaseDesk(database_url, draft=assistant.draft, resolve=assistant.provision_by_id)
    yield d
    d.db.dispose()


@pytest.fixture
def staff() -> Actor:
    return Actor.staff("李干事", ORG)


@pytest.fixture
def reviewer() -> Actor:
    return Actor.reviewer("王律师", ORG)
