"""Password hashing with scrypt (memory-hard, in the standard library).

Stored form: ``scrypt$n$r$p$salt_hex$hash_hex``. Passwords are never stored or logged.

The cost is OWASP's current recommendation for scrypt (N=2^17, r=8, p=1: 128 MiB and about half a
second per hash). A hash made with a lower cost (older StudioDesk used N=2^14) is made again at the
user's next successful sign-in (:func:`needs_rehash`). Only the test suite lowers the cost, through
``STUDIODESK_TEST_SCRYPT_LOG2_N`` (README, "Run the tests"); a desk never sets it, and a lowered cost
never replaces a stronger stored hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import NamedTuple


class ScryptCost(NamedTuple):
    n: int
    r: int
    p: int


OWASP_COST = ScryptCost(n=2**17, r=8, p=1)
TEST_COST_VARIABLE = "STUDIODESK_TEST_SCRYPT_LOG2_N"


def current_cost() -> ScryptCost:
    """OWASP's cost, or the test suite's lower N when its variable is set."""
    log2_n = os.environ.get(TEST_COST_VARIABLE, "")
    if log2_n.isdigit() and 1 <= int(log2_n) < 17:
        return OWASP_COST._replace(n=2 ** int(log2_n))
    return OWASP_COST


def _scrypt(password: str, salt: bytes, cost: ScryptCost) -> bytes:
    # hashlib's default memory cap is 32 MiB; scrypt needs 128·r·(N + p + 2) bytes (128 MiB at OWASP's cost).
    maxmem = 128 * cost.r * (cost.n + cost.p + 2) + 2**20
    return hashlib.scrypt(
        password.encode("utf-8", "surrogatepass"), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=32, maxmem=maxmem
    )


def hash_password(password: str) -> str:
    cost = current_cost()
    salt = os.urandom(16)
    return f"scrypt${cost.n}${cost.r}${cost.p}${salt.hex()}${_scrypt(password, salt, cost).hex()}"


def _parse(stored: str) -> tuple[ScryptCost, bytes, str]:
    scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(scheme)
    return ScryptCost(int(n), int(r), int(p)), bytes.fromhex(salt_hex), hash_hex


def verify_password(password: str, stored: str) -> bool:
    try:
        cost, salt, hash_hex = _parse(stored)
        if cost.n > 2**20 or cost.r > 32 or cost.p > 16:  # a planted hash must not eat the desk's memory
            return False
        digest = _scrypt(password, salt, cost)
    except ValueError:  # a damaged stored hash refuses the sign-in instead of crashing it
        return False
    return hmac.compare_digest(digest.hex(), hash_hex)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with less work than today's cost in any parameter."""
    try:
        cost, _salt, _hash = _parse(stored)
    except ValueError:
        return False
    target = current_cost()
    return cost.n < target.n or cost.r < target.r or cost.p < target.p
