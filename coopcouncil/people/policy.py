"""People policy settings: each is a council rule on how residents prove where they live.

Override any of them as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment;
the defaults are the published ones.
"""

from coopcouncil.core.policy import RateLimit, policy_bool, policy_int, rate_limit_policy


def _setting(name: str, default: int) -> int:
    return policy_int(f"COOPCOUNCIL_{name}", default)


def register_match_attempts() -> int:
    """Failed register matches allowed per account, and per IP address, within the window.

    Past it the resident verifies by post or in person: an elector number is short enough
    to guess, so unlimited tries would let one person verify as their neighbour.
    """
    return _setting("REGISTER_MATCH_ATTEMPTS", 5)


def register_match_window_hours() -> int:
    """The window, in hours, over which failed register matches are counted."""
    return _setting("REGISTER_MATCH_WINDOW_HOURS", 24)


def two_factor_required_for_administrators() -> bool:
    """Whether administrators must sign in with a second factor (a TOTP code) as well.

    Off by default: the second factor is offered to staff and administrators, and a
    council turns this on once its administrators have enrolled
    (``COOPCOUNCIL_TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS=1``).
    """
    return policy_bool("COOPCOUNCIL_TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS", False)


def account_sign_up_rate_limit() -> RateLimit:
    """New accounts one address may create per hour (there is no account yet to count)."""
    return rate_limit_policy("account_sign_up", per_account=0, per_address=10, window_minutes=60)


def api_key_rate_limit() -> RateLimit:
    """Calls one API key may make to the JSON API per minute (default 120).

    Counted per key, whichever address it calls from: a partner's system behind one
    gateway is one client.
    """
    return rate_limit_policy("api_key_call", per_account=120, per_address=0, window_minutes=1)
