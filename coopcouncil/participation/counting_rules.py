"""The counting rules an officer can choose for a PB process, each in plain English.

The rules themselves live in the pure `logic` package (`RULE_NAMES`, `OFFICIAL_RULES`); this
module only says, for the officer's form and the public pages, what each one does, which
ballots it can count, and how a tie it broke reads to a resident.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext, gettext_lazy, ngettext

from coopcouncil.participation.logic.counting import OFFICIAL, RULE_NAMES
from coopcouncil.participation.logic.official import OFFICIAL_RULES
from coopcouncil.participation.logic.ties import (
    LOAD,
    LOWER_COST,
    POINTS,
    SMALLER_ID,
    VOTES,
    VOTES_PER_COST,
)

RULE_DESCRIPTIONS = {
    "greedy-cost": gettext_lazy(
        "Most votes first: fund the projects with the most support, skipping any that no "
        "longer fit the money left."
    ),
    "greedy-card": gettext_lazy(
        "Most votes per pound first: favours cheaper projects, so more projects are funded. "
        "Approval ballots only."
    ),
    "mes-cost": gettext_lazy(
        "Method of Equal Shares: the budget is split equally between voters and a project is "
        "funded when its supporters can pay for it from their shares, so every group gets its "
        "fair share. Can leave money unspent."
    ),
    "mes-card": gettext_lazy(
        "Method of Equal Shares counting how many of a voter's projects are funded rather "
        "than their cost: favours more, cheaper projects. Approval ballots only."
    ),
    "mes-cost-completed": gettext_lazy(
        "Method of Equal Shares, with each voter's share raised step by step until it would "
        "overspend, then the money left goes to the most-voted projects that fit (as Equal "
        "Shares cities count). Recommended."
    ),
    "phragmen": gettext_lazy(
        "Sequential Phragmén: voters earn money at the same rate and a project is bought as "
        "soon as its supporters have earned its cost, spreading the load evenly. Stops at the "
        "first project that does not fit. Approval ballots only."
    ),
    OFFICIAL: gettext_lazy("A city's own published rule, chosen below, with its constraints."),
}

OFFICIAL_RULE_DESCRIPTIONS = {
    "greedy": gettext_lazy(
        "Most votes first, skipping projects that no longer fit the money left."
    ),
    "greedy-no-skip": gettext_lazy(
        "Most votes first, stopping at the first project that does not fit (Wrocław, Gdynia)."
    ),
    "greedy-custom": gettext_lazy(
        "Most votes first without skipping; the first project that does not fit is funded "
        "from the reserve too when the money left covers 80 % of it (Poznań)."
    ),
    "equalshares/add1": gettext_lazy(
        "Method of Equal Shares, raising each voter's share £1 at a time while the result "
        "still fits the budget (Assen, Świecie)."
    ),
    "equalshares/add1-comparison": gettext_lazy(
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
        return str(OFFICIAL_RULE_DESCRIPTIONS.get(official_rule, ""))
    return str(RULE_DESCRIPTIONS.get(rule, ""))


TIE_BREAK_WORDS = {
    LOWER_COST: gettext_lazy("lower cost first"),
    SMALLER_ID: gettext_lazy("smaller project code first"),
}


def tie_sentence(tie: Mapping, titles: Mapping[str, str]) -> str:
    """A tie the count broke, for residents: "Tie at 172 votes between A and B, broken by
    lower cost first: A funded." `tie` is one entry of a stored outcome's `ties`
    (`logic.counting.outcome_as_json`); `titles` names projects by code."""
    names = [titles.get(code, code) for code in tie["projects"]]
    funded = [titles.get(code, code) for code in tie["funded"]]
    values = {
        "support": _support(tie["measure"], tie["support"]),
        "projects": _listed(names),
        "tie_break": gettext(", then ").join(str(TIE_BREAK_WORDS[s]) for s in tie["broken_by"]),
        "funded": _listed(funded),
    }
    if not funded:
        return (
            gettext(
                "Tie at %(support)s between %(projects)s, broken by %(tie_break)s: "
                "none of them funded."
            )
            % values
        )
    return (
        gettext(
            "Tie at %(support)s between %(projects)s, broken by %(tie_break)s: %(funded)s funded."
        )
        % values
    )


def _support(measure: str, support: str) -> str:
    count = int(support) if support.isdigit() else 2  # a fraction reads as plural
    if measure == VOTES:
        return ngettext("%(count)s vote", "%(count)s votes", count) % {"count": support}
    if measure == POINTS:
        return ngettext("%(count)s point", "%(count)s points", count) % {"count": support}
    if measure == VOTES_PER_COST:
        return gettext("%(count)s votes per unit of cost") % {"count": support}
    if measure == LOAD:
        return gettext("a load of %(count)s per voter") % {"count": support}
    return support


def _listed(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _label(name: str, descriptions: Mapping[str, str]) -> str:
    description = descriptions.get(name)
    return f"{name} — {description}" if description else name
