"""Council policy for co-operatives and mutuals, each readable from the environment.

Set as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment; the defaults below
apply otherwise.
"""

from coopcouncil.core.policy import policy_str
from coopcouncil.mutuals.logic.counting import RULES


def default_election_rule() -> str:
    """The counting rule a new co-operative's elections use until its rules say otherwise.

    The Scottish local government STV rule by default (SSI 2007/42).
    """
    return policy_str("COOPCOUNCIL_MUTUALS_ELECTION_RULE", "scottish", choices=RULES)
