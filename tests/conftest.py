"""Shared fixtures. Tests never touch the network: an audit hook turns any connection outside loopback into an
error, so a library that tries to phone home fails loudly instead of hanging."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

import pytest

from assistant import Assistant  # importing the package sets the offline environment first
from assistant.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = (ROOT / ".." / "shared").resolve()
LAWS_DIR = SHARED_DIR / "corpus" / "laws"
CASES_DIR = SHARED_DIR / "corpus" / "cases"


def _loopback(host) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _no_network(event: str, args: tuple) -> None:
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
    elif event == "socket.getaddrinfo":
        if not _loopback(args[0]):
            raise RuntimeError(f"test tried to resolve a host name: {args[0]!r}")


sys.addaudithook(_no_network)


def make_settings(data_dir: Path, **overrides) -> Settings:
    """Settings for tests: no .env, no language model, lexical retrieval unless a test asks for more."""
    values = {"data_dir": data_dir, "retrieval_mode": "lexical", "corpus_dirs": [], "llm_base_url": None,
              "llm_model": None, "llm_api_key": None}
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not LAWS_DIR.is_dir():
        pytest.fail(f"the statute corpus is expected at {LAWS_DIR} (../shared beside the repository)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def everything(tmp_path_factory, shared_dir) -> Assistant:
    """The whole default corpus (national texts, cases, the extra folder, the local rules of seven provinces),
    ingested once for every test that needs it."""
    a = Assistant(make_settings(tmp_path_factory.mktemp("labor-all")))
    corpus = shared_dir / "corpus"
    report = a.ingest([corpus / "laws", corpus / "cases", corpus / "extra", corpus / "local"])
    assert not report.rejected, report.summary()
    return a


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, shared_dir) -> Assistant:
    """An Assistant over a lexical index of the labor statutes and the typical cases in ../shared/corpus."""
    settings = make_settings(tmp_path_factory.mktemp("labor-data"))
    a = Assistant(settings)
    report = a.ingest([LAWS_DIR, CASES_DIR])
    assert not report.rejected, report.summary()
    return a


@pytest.fixture
def fresh_settings(tmp_path) -> Settings:
    return make_settings(tmp_path / "data")
