"""Passwords and the login slow-down, pure and testable with an injected clock.

Passwords are hashed with ``hashlib.scrypt`` (stdlib) and a random per-user salt; there is no default
user and no default password anywhere — the first administrator is created with
``python -m atlas users add NAME --role admin``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Role = Literal["editor", "admin"]
ROLES: tuple[str, ...] = ("editor", "admin")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")

_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SCRYPT_LENGTH = 32


class AuthError(ValueError):
    """A username, role or password that cannot be accepted; the message says why."""


def check_username(username: str) -> str:
    """Return ``username`` if it is 1–64 letters, digits or ``._@-`` (starting with a letter or digit)."""
    if not USERNAME_PATTERN.match(username or ""):
        raise AuthError("username: 1-64 characters, letters, digits and . _ @ - (starting with a letter or digit)")
    return username


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"role: one of {', '.join(ROLES)}, got {role!r}")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"password: at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AuthError(f"password: at most {MAX_PASSWORD_LENGTH} characters")
    return password


def hash_password(password: str, salt: bytes | None = None) -> str:
    """Return ``scrypt$N$r$p$<salt hex>$<hash hex>`` for ``password`` (a fresh 16-byte salt unless given)."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=_SCRYPT_LENGTH
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` hashes to ``stored`` (constant-time comparison); False for malformed hashes."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p),
            dklen=len(digest_hex) // 2, maxmem=2**26,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


@functools.cache
def dummy_hash() -> str:
    """A valid hash of no one's password: checking an unknown user costs as much as a known one.

    Made on first use, not at import (it costs a scrypt run, and the map never needs it)."""
    return hash_password("not a password of anyone", salt=b"\0" * 16)


@dataclass(frozen=True)
class ThrottlePolicy:
    """How repeated failed logins of one username are slowed down.

    Up to ``free_failures`` failures in a row cost nothing; from then on the next attempt must wait
    ``base_delay`` seconds after the last failure, doubling with each further failure up to
    ``max_delay``. Only failures within ``window`` seconds after the last successful login count.
    """

    free_failures: int = 3
    base_delay: float = 2.0
    max_delay: float = 900.0
    window: float = 3600.0

    def retry_after(self, attempts: Sequence[tuple[float, bool]], now: float) -> float:
        """Seconds until the next attempt is allowed, given ``(time, succeeded)`` attempts in any order.

        >>> ThrottlePolicy().retry_after([(0.0, False)] * 4, now=1.0)
        3.0
        """
        failures = [at for at, succeeded in sorted(attempts) if not succeeded]
        successes = [at for at, succeeded in attempts if succeeded]
        since = max([now - self.window, *successes])
        failures = [at for at in failures if at > since]
        if len(failures) < self.free_failures:
            return 0.0
        delay = min(self.base_delay * 2 ** (len(failures) - self.free_failures), self.max_delay)
        return max(0.0, failures[-1] + delay - now)
