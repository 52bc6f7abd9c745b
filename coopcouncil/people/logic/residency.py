"""Residency proofs that need no database: reference hashing and one-time codes.

Electoral-register and council-tax references are personal data the platform does
not need to keep. An extract is stored as HMAC-SHA256 digests of the normalised
reference and postcode under a key only the platform holds, so a resident who
types the same reference and postcode can be matched, while a stolen database
reveals nothing (GDPR Art. 5(1)(c), data minimisation).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: codes are read off paper and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def normalise_postcode(postcode: str) -> str:
    """'ol1 1aa' and 'OL11AA' are the same postcode: 'OL1 1AA'."""
    compact = "".join(postcode.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def normalise_reference(reference: str) -> str:
    return "".join(ch for ch in reference.upper() if ch.isalnum())


def register_digest(key: str, reference: str, postcode: str) -> str:
    """The keyed hash under which a register line is stored and later matched."""
    message = f"{normalise_reference(reference)}|{normalise_postcode(postcode)}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def new_one_time_code() -> str:
    """A random 8-character code from an alphabet safe to read and type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_digest(key: str, code: str) -> str:
    cleaned = "".join(code.split()).upper().replace("-", "")
    return hmac.new(key.encode(), cleaned.encode(), hashlib.sha256).hexdigest()


def codes_match(key: str, typed: str, stored_digest: str) -> bool:
    return hmac.compare_digest(code_digest(key, typed), stored_digest)
