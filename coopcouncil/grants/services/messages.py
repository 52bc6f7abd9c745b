"""The words for each broken check the pure rules report (``logic.applications.Problem``),
translated when they are shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from coopcouncil.grants.logic.applications import Problem

MESSAGES = {
    "title_required": gettext_lazy("Give a project title."),
    "project_required": gettext_lazy("Say what the project will do."),
    "outcomes_required": gettext_lazy("Give the outcomes it promises."),
    "ward_required": gettext_lazy("Say which ward the people who benefit live in."),
    "ward_other_district": gettext_lazy("This round funds work in another district."),
    "amount_required": gettext_lazy("Say how much you are asking for."),
    "amount_over_largest": gettext_lazy("The most this round awards is %(largest)s."),
    "budget_lines_required": gettext_lazy("Add the budget lines the money will pay for."),
    "budget_lines_do_not_add_up": gettext_lazy(
        "The budget lines add up to %(total)s, not the %(asked)s asked for."
    ),
    "organisation_kind_ineligible": gettext_lazy(
        "This kind of organisation may not bid in this round."
    ),
    "match_funding_short": gettext_lazy(
        "This round needs %(percent)s%% match funding: at least %(needed)s."
    ),
    "dividend_short": gettext_lazy("The group's dividend balance is smaller than this."),
    "criteria_required": gettext_lazy("A scoring scheme needs at least one criterion."),
    "weight_not_positive": gettext_lazy("Every criterion needs a weight above 0%."),
    "weights_not_100": gettext_lazy(
        "The criteria's weights add up to %(total)s%%; they must add up to 100%%."
    ),
    "award_not_positive": gettext_lazy("An award must be more than £0.00."),
    "award_over_asked": gettext_lazy("The group asked for %(asked)s; award no more."),
    "round_exceeded": gettext_lazy(
        "Only %(left)s is left in this round; the award would exceed it."
    ),
}


def problem_message(*, problem: Problem) -> str:
    """The translated message for a broken check, with its figures."""
    message = str(MESSAGES[problem.code])
    return message % dict(problem.values) if problem.values else message
