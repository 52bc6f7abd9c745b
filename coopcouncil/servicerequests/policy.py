"""Service-request policy settings, each a published council rule.

Override as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment, e.g.
``COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE=120``.
"""

from coopcouncil.core.policy import RateLimit, policy_int, rate_limit_policy


def open311_calls_per_minute() -> int:
    """How many Open311 calls one API key may make a minute (default 60)."""
    return policy_int("COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE", 60)


def reference_group_reports() -> int:
    """Reports in a district over the last year that earn an offer to join its reference
    group (default 5): the residents who tell the council most often about a place."""
    return policy_int("COOPCOUNCIL_REFERENCE_GROUP_REPORTS", 5)


def demand_preview_days() -> int:
    """Days after a month ends that its demand figures are published to everyone (default 7):
    until then only the district's reference group (and its team) see them."""
    return policy_int("COOPCOUNCIL_DEMAND_PREVIEW_DAYS", 7)


def repeat_location_reports() -> int:
    """Reports at one spot (about 100 m across) that make it a repeat location (default 3)."""
    return policy_int("COOPCOUNCIL_REPEAT_LOCATION_REPORTS", 3)


def repeat_location_months() -> int:
    """How many months, the newest shown included, the dashboard looks back for repeat
    locations (default 3: a spot that keeps coming back this season)."""
    return policy_int("COOPCOUNCIL_REPEAT_LOCATION_MONTHS", 3)


def report_rate_limit() -> RateLimit:
    """Reports an account, and an address, may make per hour (Open311 keys have their own)."""
    return rate_limit_policy(
        "service_request_report", per_account=20, per_address=60, window_minutes=60
    )
