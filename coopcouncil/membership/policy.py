"""The membership deal's and energy switching's settings of policy.

Override as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment.
"""

from coopcouncil.core.policy import policy_int, policy_str


def finder_fee_pence() -> int:
    """The finder's fee per switched household a new round asks of the winning supplier.

    Default £20.00 (2000p), credited to the community fund.
    """
    return policy_int("COOPCOUNCIL_ENERGY_FINDER_FEE_PENCE", 2000)


def acceptance_days() -> int:
    """Days a household has to accept its offer after the auction, for a new round (28)."""
    return policy_int("COOPCOUNCIL_ENERGY_ACCEPTANCE_DAYS", 28)


def officer_teams() -> tuple[str, ...]:
    """The officer teams that run the deal and energy switching (comma-separated).

    Default ``district_team,finance``: the district teams sign members up, finance handles
    the finder's fee.
    """
    text = policy_str("COOPCOUNCIL_MEMBERSHIP_OFFICER_TEAMS", "district_team,finance")
    return tuple(team.strip() for team in text.split(",") if team.strip())
