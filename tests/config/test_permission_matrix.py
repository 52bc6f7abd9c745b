"""The permission matrix (issue 18): every registered rule decides as the table says.

``coopcouncil.config.permission_matrix.RULES`` lists, per action, the roles it allows in the
matrix's borough; here each rule is asked for every role, against that role's own objects
(``TARGETS``), and must agree. A rule registered without a row fails, naming where to add it;
so does ``docs/permissions.md`` when it no longer matches the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coopcouncil.config import permission_matrix
from coopcouncil.config.permission_matrix import RULES
from coopcouncil.core.permissions import check, registered_rules

REPO_ROOT = Path(__file__).resolve().parents[2]


def _value(borough, value: Any) -> Any:
    """ "@role" is that role's person, "$name" one of the borough's objects; else as given."""
    if isinstance(value, str) and value[:1] == "@":
        return borough.people[value[1:]]
    if isinstance(value, str) and value[:1] == "$":
        return getattr(borough, value[1:])
    return value


def _unsaved(model_path: str, **fields) -> Callable[[Any, Any], Any]:
    """A target the rule reads only fields of: an unsaved instance is enough."""

    def make(borough, user):
        from django.apps import apps

        app_label, model_name = model_path.split(".")
        values = {name: _value(borough, value) for name, value in fields.items()}
        return apps.get_model(app_label, model_name)(**values)

    return make


def _object(name: str) -> Callable[[Any, Any], Any]:
    return lambda borough, user: getattr(borough, name)


# What each rule is asked about; an action not named here is asked with no target.
TARGETS: dict[str, Callable[[Any, Any], Any]] = {
    "budgets.record_commitment": _object("district"),
    "budgets.request_autonomy": _object("district"),
    "budgets.approve_ward_allocation": _object("ward"),
    "budgets.allocate_ward_budget": _unsaved(
        "budgets.WardBudget", councillor="@councillor", ward="$ward"
    ),
    "budgets.run_ward_poll": _unsaved("budgets.WardBudget", councillor="@councillor", ward="$ward"),
    "budgets.vote_in_ward_poll": _unsaved("budgets.WardPoll", ward="$ward"),
    "coproduction.post_opportunity": _object("leisure"),
    "coproduction.organise": _unsaved(
        "coproduction.Opportunity", organisation="$leisure", organiser="@partner"
    ),
    "coproduction.manage_offers": _object("leisure"),
    "coproduction.redeem_credit": _object("leisure"),
    "coproduction.log_gritting": _unsaved("coproduction.GrittingRoute", volunteer="@resident"),
    "coproduction.decide_staff_days": _unsaved(
        "coproduction.StaffVolunteeringRequest",
        employee="@finance",
        manager="@district_coordinator",
    ),
    "coproduction.apply_for_asset": _object("group"),
    "coproduction.submit_return": _unsaved("coproduction.LeaseAgreement", organisation="$group"),
    "coproduction.nominate_asset": _object("group"),
    "democracy.vote_on_decision": _unsaved(
        "democracy.Decision", partnership="$partnership", budget_pence=100_000
    ),
    "democracy.vote_on_budget": _unsaved(
        "democracy.Decision", partnership="$partnership", budget_pence=100_000
    ),
    "democracy.give_feedback": _unsaved("democracy.FeedbackRound", subject="@administrator"),
    "democracy.answer_pulse": _unsaved(
        "democracy.PulseSurvey", partnership="$partnership", audience="residents"
    ),
    "grants.manage_funds": _object("fund"),
    "grants.apply": _object("group"),
    "membership.redeem": _unsaved("membership.Benefit", partner="$leisure"),
    "membership.energy_bid": _object("supplier_organisation"),
    "mutuals.vote_in_ballot": _object("mutual_ballot"),
    "mutuals.vote_in_election": _object("mutual_election"),
    "people.two_factor_enrol": lambda borough, user: user,
    "people.manage_api_keys": lambda borough, user: user,
    "resident.take_part": _object("ward"),
    "procurement.bid": _object("supplier_organisation"),
    "procurement.evaluate": _object("bid"),
    "procurement.see_bid": _object("bid"),
    "procurement.submit_return": _unsaved(
        "procurement.Contract", supplier="$supplier_organisation"
    ),
    "procurement.award_quotation": _object("district"),
    "servicerequests.handle": _object("service_request"),
    "servicerequests.join_reference_group": _object("district"),
    "servicerequests.comment": _object("district"),
    "servicerequests.preview_demand": _object("district"),
    "insight.manage_standards": _object("district"),
}
for _action in RULES:
    if _action.startswith("democracy.") and _action not in TARGETS:
        TARGETS[_action] = _object("partnership")
    elif _action.startswith("pb."):
        TARGETS[_action] = _object("pb_process")
    elif _action.startswith("mutuals.") and _action not in TARGETS:
        TARGETS[_action] = _object("mutual")
    elif _action.startswith("grants.") and _action not in TARGETS:
        TARGETS[_action] = _object("application")

APPS = sorted({action.split(".")[0] for action in RULES})


def test_every_registered_rule_has_a_row_in_the_matrix():
    """A rule registered in core.permissions but missing from RULES fails, saying where."""
    registered = set(registered_rules())
    missing = sorted(registered - set(RULES))
    assert not missing, (
        f"Add a row for each of {missing} to RULES in coopcouncil/config/permission_matrix.py"
        " (the roles it allows), then run `make permissions`."
    )
    assert not sorted(set(RULES) - registered), "RULES names actions no app registers"


def test_every_row_names_only_known_roles():
    unknown = {
        action: set(roles) - set(permission_matrix.ROLES)
        for action, roles in RULES.items()
        if set(roles) - set(permission_matrix.ROLES)
    }
    assert not unknown


@pytest.mark.parametrize("app", APPS)
def test_each_rule_allows_exactly_the_roles_in_the_matrix(borough, db, app):
    """Every role is asked about every rule of ``app``; the answers must be the table's."""
    wrong = []
    for action, allowed in RULES.items():
        if action.split(".")[0] != app:
            continue
        for role, user in borough.people.items():
            target = TARGETS[action](borough, user) if action in TARGETS else None
            decision = check(user, action, target)
            if decision.allowed != (role in allowed):
                wrong.append(f"{action} × {role}: rule says {decision.allowed} ({decision.reason})")
    assert not wrong, "\n".join(wrong)


def test_the_conflicted_assessor_cannot_see_or_give_scores(borough, db):
    """The object-level conflict rule: an interest in the applicant hides its scores."""
    application = borough.application
    conflicted = borough.people["assessor_conflicted"]
    assert check(borough.people["assessor"], "grants.see_scores", application)
    assert not check(conflicted, "grants.see_scores", application)
    assert not check(conflicted, "grants.assess", application)
    assert not check(conflicted, "procurement.evaluate", borough.bid)


def test_the_permissions_doc_is_the_matrix_rendered():
    """docs/permissions.md is written from the table; a stale copy fails."""
    written = (REPO_ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert written == permission_matrix.permissions_markdown(), (
        "docs/permissions.md is out of date: run `make permissions`."
    )
