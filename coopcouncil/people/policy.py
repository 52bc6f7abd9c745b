"""People policy settings: each is a council rule on how residents prove where they live.

Override any of them as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment;
the defaults are the published ones.
"""

from coopcouncil.core.policy import policy_int


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
