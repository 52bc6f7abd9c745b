"""Who may do what with the council's evidence (``insight.*``), registered at start-up.

Everything insight holds is public to read. Officers and administrators keep the outcomes
framework, the commitments, the principles and the service assessments; a district's own
team (or an administrator) keeps its neighbourhood standards and their monthly figures.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.people.permissions import staff_decision
from coopcouncil.people.selectors import Actor, is_administrator, is_officer


def _officers(user: Actor, target: Any) -> Decision:
    """Any council officer or an administrator: the evidence is the whole council's to keep."""
    return staff_decision(
        user, reason=gettext("Only council officers and administrators may do this.")
    )


for _action in (
    "insight.refresh_participation",
    "insight.manage_outcomes",
    "insight.import_measurements",
    "insight.link_activities",
    "insight.manage_commitments",
    "insight.manage_principles",
    "insight.tag",
    "insight.assess_services",
):
    register(_action, _officers)


@rule("insight.manage_standards")
def _insight_manage_standards(user: Actor, target: Any) -> Decision:
    """The district team agrees its standards with the partnership and records performance;
    ``target`` is the district (None: any district's team)."""
    if is_administrator(user) or is_officer(user, teams=("district_team",), district=target):
        return ALLOW
    return deny(gettext("Only the district's team and administrators may keep its standards."))
