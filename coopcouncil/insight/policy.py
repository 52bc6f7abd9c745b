"""Council policy for insight, each readable as ``COOPCOUNCIL_<NAME>`` (setting, then
environment, then the default below)."""

from coopcouncil.core.policy import policy_int


def participation_window_months() -> int:
    """How far back "taking part" looks: residents who took part in the last N months
    (12 by default, the Co-operative Councils Innovation Network's yearly reporting)."""
    return policy_int("COOPCOUNCIL_PARTICIPATION_WINDOW_MONTHS", 12)
