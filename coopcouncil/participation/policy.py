"""Participatory-budgeting policy settings, each a published council rule.

Override as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment, e.g.
``COOPCOUNCIL_PB_MIN_VOTER_AGE=16``.
"""

from coopcouncil.core.policy import RateLimit, policy_int, policy_str, rate_limit_policy
from coopcouncil.participation.logic.counting import RULE_NAMES


def default_min_voter_age() -> int:
    """The youngest age at which a resident may vote in a new PB process (default 11).

    Eleven lets the Youth Council and secondary-school pupils take part, as Oldham's and
    Lambeth's young people's budgets do.
    """
    return policy_int("COOPCOUNCIL_PB_MIN_VOTER_AGE", 11)


def default_rule() -> str:
    """The counting rule a new process uses unless the council chooses another."""
    return policy_str("COOPCOUNCIL_PB_DEFAULT_RULE", "mes-cost-completed", choices=RULE_NAMES)


def ballot_rate_limit() -> RateLimit:
    """PB ballots an account, and an address (a polling station tablet, say), may cast an hour."""
    return rate_limit_policy("pb_ballot", per_account=10, per_address=300, window_minutes=60)
