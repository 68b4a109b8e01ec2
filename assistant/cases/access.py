"""Case codes, secrets and who may do what.

A case code is public-ish (said on the phone, written on paper); the secret beside it is the key. Only a salted
scrypt hash of the secret is stored, and it is compared in constant time. A wrong secret, an unknown code and another
organisation's case all raise the same :class:`CaseNotFound`, after the same amount of hashing work, so neither the
answer nor its timing tells whether a code exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from assistant.cases.errors import AccessDenied, CaseNotFound
from assistant.cases.models import Actor

# No 0/O, 1/I/L: codes and secrets are read aloud and copied by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
SECRET_LENGTH = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_DUMMY_SALT = b"\x00" * 16

# what each role may do; "worker" acts only on the case whose code and secret it holds
PERMISSIONS: dict[str, frozenset[str]] = {
    "worker": frozenset({"view_own", "request_review", "erase", "attach"}),
    "staff": frozenset({"open", "view", "list", "edit", "attach", "draft", "refer", "note", "assign", "status", "export",
                        "record_answer", "request_review"}),
    "reviewer": frozenset({"view", "list", "review", "note", "record_answer", "request_review"}),
    "admin": frozenset({"open", "view", "list", "edit", "attach", "draft", "refer", "note", "assign", "status", "export",
                        "record_answer", "request_review", "review", "erase", "verify"}),
    "system": frozenset({"open", "record_answer", "request_review", "verify"}),
}


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def normalize(text: str) -> str:
    """What a person typed (lower case, spaces, a missing dash) → the stored form."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == CODE_LENGTH else cleaned


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(_secret_bytes(secret), salt=salt, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def secret_matches(secret: str | None, stored: str | None) -> bool:
    """Constant-time comparison; an absent case is checked against a dummy hash, so both take as long."""
    try:
        _, salt_b64, digest_b64 = (stored or "").split("$")
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        salt, expected = _DUMMY_SALT, b""
    given = hashlib.scrypt(_secret_bytes(secret or ""), salt=salt, **_SCRYPT)
    return hmac.compare_digest(given, expected) and stored is not None


def _secret_bytes(secret: str) -> bytes:
    return "".join(ch for ch in secret.upper() if ch.isalnum()).encode("utf-8")


def require(actor: Actor, action: str) -> None:
    if action not in PERMISSIONS.get(actor.role, frozenset()):
        raise AccessDenied()


def may_see(actor: Actor, organisation: str) -> bool:
    """Staff and reviewers see their organisation's cases only; admins and the system see all."""
    if actor.role in ("admin", "system"):
        return True
    if actor.role in ("staff", "reviewer"):
        return bool(actor.organisation) and actor.organisation == organisation
    return False


def check_worker(actor: Actor, code: str, stored_hash: str | None) -> None:
    secret = actor.secret.get_secret_value() if actor.secret is not None else None
    same_case = actor.case_code is not None and normalize(actor.case_code) == code
    if not secret_matches(secret, stored_hash) or not same_case:
        raise CaseNotFound()
