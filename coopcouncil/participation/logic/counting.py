"""One entry point to count a PB election under a named rule, and a JSON view of the result.

The CLI (`coopcouncil pb count FILE.pb --rule mes-cost`) and the Django layer call
`count_election`; rule names are hyphenated (`greedy-cost`, `mes-cost-completed`...), and
underscores are accepted too. `official` applies the rule the file's META names (see
`official.py`), with the city's own constraints.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from coopcouncil.participation.logic.election import Election
from coopcouncil.participation.logic.official import official_outcome
from coopcouncil.participation.logic.outcome import Outcome
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.logic.profile import BallotProfile, ballot_profile
from coopcouncil.participation.logic.rules import (
    greedy_card,
    greedy_cost,
    mes_card,
    mes_cost,
    mes_cost_completed,
    phragmen,
)
from coopcouncil.participation.logic.ties import tie_sentence

OFFICIAL = "official"

RULES: dict[str, Callable[[BallotProfile], Outcome]] = {
    "greedy-cost": greedy_cost,
    "greedy-card": greedy_card,
    "mes-cost": mes_cost,
    "mes-card": mes_card,
    "mes-cost-completed": mes_cost_completed,
    "phragmen": phragmen,
}
"""Rules that count ballots only (pabutools-compatible), by CLI name."""

RULE_NAMES: tuple[str, ...] = (*RULES, OFFICIAL)
"""Every name `count_election` accepts, for CLI choices and forms."""


class UnknownRule(ValueError):
    """The rule name is not one of `RULE_NAMES`."""


def count_election(election: Election, rule: str) -> Outcome:
    """Count `election` under `rule` (a name from `RULE_NAMES`) and explain the result.

    Raises `UnknownRule` for an unknown name and `UnsupportedRule` when the rule does not
    apply to the ballots (e.g. `phragmen` on ordinal ballots).
    """
    name = rule.strip().lower().replace("_", "-")
    if name == OFFICIAL:
        return official_outcome(election)
    if name not in RULES:
        raise UnknownRule(f"unknown rule {rule!r}; choose one of {', '.join(RULE_NAMES)}")
    return RULES[name](ballot_profile(election))


def outcome_as_json(outcome: Outcome) -> dict:
    """A JSON-ready dict: winners, total cost, budget, rule and each project's explanation.

    Money is written as exact decimal strings ("827838.5"), never floats. `ties` lists the
    equal scores whose tie-break decided a project's fate, each with its plain-English
    sentence; `minimum_support` is the city's minimum score, or None.
    """
    return {
        "rule": outcome.rule,
        "budget": format_number(outcome.budget),
        "total_cost": format_number(outcome.total_cost),
        "budget_left": format_number(outcome.budget_left),
        "winners": list(outcome.selected),
        "notes": list(outcome.notes),
        "minimum_support": _exact(outcome.minimum_support),
        "ties": [
            {
                "projects": list(tie.projects),
                "support": format_number(tie.support),
                "measure": tie.measure,
                "broken_by": list(tie.broken_by),
                "funded": list(tie.funded),
                "sentence": tie_sentence(tie),
            }
            for tie in outcome.ties
        ],
        "projects": [
            {
                "project_id": p.project_id,
                "cost": format_number(p.cost),
                "selected": p.is_selected,
                "round": p.round,
                "stage": p.stage,
                "support": _exact(p.support),
                "rho": _exact(p.rho),
                "reason": p.reason,
                "below_minimum": p.is_below_minimum,
            }
            for p in outcome.projects
        ],
    }


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else format_number(value)
