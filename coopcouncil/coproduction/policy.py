"""Council policy for co-production, each changed by a council decision.

Set as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment; the defaults below
apply otherwise.
"""

from coopcouncil.core.policy import RateLimit, policy_int, rate_limit_policy


def staff_volunteering_days() -> int:
    """Each employee's yearly volunteering days (the pilot gave three)."""
    return policy_int("COOPCOUNCIL_STAFF_VOLUNTEERING_DAYS", 3)


def staff_volunteering_target_hours() -> int:
    """The hours the borough's staff aim to give in a year (the pilot's target was 600)."""
    return policy_int("COOPCOUNCIL_STAFF_VOLUNTEERING_TARGET_HOURS", 600)


def licence_warning_days() -> int:
    """How long before a meanwhile licence or lease review ends it is flagged (eight weeks)."""
    return policy_int("COOPCOUNCIL_LICENCE_WARNING_DAYS", 56)


def shift_reminder_hours() -> int:
    """How long before a shift its volunteers are reminded."""
    return policy_int("COOPCOUNCIL_SHIFT_REMINDER_HOURS", 24)


def shift_sign_up_rate_limit() -> RateLimit:
    """Volunteering shift sign-ups an account, and an address, may make per hour."""
    return rate_limit_policy("shift_sign_up", per_account=30, per_address=100, window_minutes=60)
