"""The counting rules an officer can choose for a PB process, each in plain English.

The rules themselves live in the pure `logic` package (`RULE_NAMES`, `OFFICIAL_RULES`); this
module only says, for the officer's form and the public pages, what each one does and which
ballots it can count.
"""

from __future__ import annotations

from coopcouncil.participation.logic.counting import OFFICIAL, RULE_NAMES
from coopcouncil.participation.logic.official import OFFICIAL_RULES

RULE_DESCRIPTIONS = {
    "greedy-cost": (
        "Most votes first: fund the projects with the most support, skipping any that no "
        "longer fit the money left."
    ),
    "greedy-card": (
        "Most votes per pound first: favours cheaper projects, so more projects are funded. "
        "Approval ballots only."
    ),
    "mes-cost": (
        "Method of Equal Shares: the budget is split equally between voters and a project is "
        "funded when its supporters can pay for it from their shares, so every group gets its "
        "fair share. Can leave money unspent."
    ),
    "mes-card": (
        "Method of Equal Shares counting how many of a voter's projects are funded rather "
        "than their cost: favours more, cheaper projects. Approval ballots only."
    ),
    "mes-cost-completed": (
        "Method of Equal Shares, with each voter's share raised step by step until it would "
        "overspend, then the money left goes to the most-voted projects that fit (as Equal "
        "Shares cities count). Recommended."
    ),
    "phragmen": (
        "Sequential Phragmén: voters earn money at the same rate and a project is bought as "
        "soon as its supporters have earned its cost, spreading the load evenly. Stops at the "
        "first project that does not fit. Approval ballots only."
    ),
    OFFICIAL: "A city's own published rule, chosen below, with its constraints.",
}

OFFICIAL_RULE_DESCRIPTIONS = {
    "greedy": "Most votes first, skipping projects that no longer fit the money left.",
    "greedy-no-skip": (
        "Most votes first, stopping at the first project that does not fit (Wrocław, Gdynia)."
    ),
    "greedy-custom": (
        "Most votes first without skipping; the first project that does not fit is funded "
        "from the reserve too when the money left covers 80 % of it (Poznań)."
    ),
    "equalshares/add1": (
        "Method of Equal Shares, raising each voter's share £1 at a time while the result "
        "still fits the budget (Assen, Świecie)."
    ),
    "equalshares/add1-comparison": (
        "As equalshares/add1, then compared with most-votes-first; the latter is kept when it "
        "gives more voters a funded project they voted for (Wieliczka)."
    ),
}
"""City rules a council can choose; `greedy-threshold` is left out because its threshold
comes from an imported file's META, which a process opened on the platform does not have."""


def rule_choices() -> list[tuple[str, str]]:
    """(name, "name — description") for every rule the logic package can count."""
    return [(name, _label(name, RULE_DESCRIPTIONS)) for name in RULE_NAMES]


def official_rule_choices() -> list[tuple[str, str]]:
    """(name, "name — description") for the city rules a platform process may apply."""
    names = [name for name in OFFICIAL_RULES if name in OFFICIAL_RULE_DESCRIPTIONS]
    return [(name, _label(name, OFFICIAL_RULE_DESCRIPTIONS)) for name in names]


def describe(rule: str, official_rule: str = "") -> str:
    """The rule's description; for `official`, the city rule's own."""
    if rule == OFFICIAL and official_rule:
        return OFFICIAL_RULE_DESCRIPTIONS.get(official_rule, "")
    return RULE_DESCRIPTIONS.get(rule, "")


def _label(name: str, descriptions: dict[str, str]) -> str:
    description = descriptions.get(name)
    return f"{name} — {description}" if description else name
