"""The council's settings of policy for grants, each changed by a council decision.

Set as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment; the defaults below
apply otherwise.
"""

from coopcouncil.core.policy import policy_int, policy_str


def minimum_assessors() -> int:
    """How many assessors must score an application before the panel decides (3)."""
    return policy_int("COOPCOUNCIL_GRANTS_MINIMUM_ASSESSORS", 3)


def score_scale_top() -> int:
    """The highest mark an assessor may give a criterion (0 to 10)."""
    return policy_int("COOPCOUNCIL_GRANTS_SCORE_SCALE_TOP", 10)


def disagreement_threshold_percent() -> int:
    """How far, in points of the weighted score out of 100, an assessor may stray from the
    panel's median before moderation flags them (15)."""
    return policy_int("COOPCOUNCIL_GRANTS_DISAGREEMENT_THRESHOLD", 15)


def dividend_share_percent() -> int:
    """The share of a verified co-production saving credited to the group's dividend (50 %)."""
    return policy_int("COOPCOUNCIL_GRANTS_DIVIDEND_SHARE_PERCENT", 50)


def identifier_prefix() -> str:
    """The council's 360Giving prefix: grants are ``360G-<prefix>-<number>``."""
    return policy_str("COOPCOUNCIL_GRANTS_360G_PREFIX", "coopcouncil")


def report_grace_days() -> int:
    """Days after a monitoring report's due date before it is flagged late (0)."""
    return policy_int("COOPCOUNCIL_GRANTS_REPORT_GRACE_DAYS", 0)
