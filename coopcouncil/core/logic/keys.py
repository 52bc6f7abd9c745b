"""API keys: made at random, shown once, kept only as a SHA-256 hash.

A key is a short prefix naming its kind (``o311_`` for Open311, ``cck_`` for the JSON API)
and 32 random bytes in URL-safe base64. The database keeps its hash and its first
characters (to tell keys apart in lists), so a stolen database reveals no usable key. A
key with 256 random bits needs no slow, salted hash: nobody can guess it from its hash.
Open311's keys and the accounts' API keys share these functions.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SHOWN_CHARACTERS = 12


def key_generate(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


def key_matches(key: str, stored_hash: str) -> bool:
    """Whether ``key`` hashes to ``stored_hash``, compared in constant time.

    The look-up by hash finds the row; this check keeps a comparison's timing from
    telling a caller how much of a hash it guessed.
    """
    return hmac.compare_digest(key_hash(key), stored_hash)


def key_shown(key: str) -> str:
    """The start of a key, safe to list: ``o311_AbCdEfG``."""
    return key[:SHOWN_CHARACTERS]
