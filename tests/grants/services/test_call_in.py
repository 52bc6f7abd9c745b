"""An award whose decision is called in: suspended, it is not published and nothing is paid,
but its money stays reserved in the round until the review; withdrawn, the money is released."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from coopcouncil.core.errors import Conflict
from coopcouncil.grants import selectors, services, threesixtygiving


@pytest.fixture
def call_in(make_resident):
    """Call an award's decision in: one resident's signature reaches a threshold of one."""
    from coopcouncil.democracy.models import CallInPetition
    from coopcouncil.democracy.services import decisions

    def suspend(application):
        CallInPetition.objects.filter(decision=application.decision).update(threshold=1)
        decision = decisions.call_in_decision_get(application.decision_id)
        decisions.call_in_sign(resident=make_resident(application.ward), decision=decision)
        return selectors.application_get(application.pk)

    return suspend


@pytest.fixture
def review(district_officer):
    """Record the call-in review's outcome: confirmed, amended or withdrawn."""
    from coopcouncil.democracy.services import decisions

    def record(application, outcome: str):
        decisions.call_in_outcome_record(
            actor=district_officer, decision=application.decision, outcome=outcome
        )
        return selectors.application_get(application.pk)

    return record


def _published_ids() -> list[str]:
    package = json.loads("".join(threesixtygiving.json_chunks()))
    return [grant["id"] for grant in package["grants"]]


def test_a_suspended_award_is_not_shown_as_awarded_anywhere(client, awarded, call_in, fund):
    suspended = call_in(awarded)
    assert suspended.award_standing == "suspended"
    assert not suspended.is_awarded
    assert list(selectors.awards_public()) == []
    assert _published_ids() == []
    figures = selectors.dashboard(fund=fund)
    assert (figures.awarded, figures.awarded_pence, figures.decided) == (0, 0, 0)
    assert selectors.fund_last_updated() is None
    assert awarded.title not in client.get(reverse("grants:awards")).content.decode()


def test_a_confirmed_award_is_published_again(awarded, call_in, review, fund):
    confirmed = review(call_in(awarded), "confirmed")
    assert confirmed.award_standing == "in_force"
    assert [a.pk for a in selectors.awards_public()] == [awarded.pk]
    assert len(_published_ids()) == 1
    assert selectors.dashboard(fund=fund).awarded_pence == awarded.awarded_pence


def test_no_instalment_is_paid_while_the_award_is_suspended(
    awarded, call_in, review, district_officer, finance
):
    instalment = services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Turbine ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    suspended = call_in(awarded)
    with pytest.raises(Conflict) as refused:
        services.instalment_approve(actor=finance, instalment=instalment)
    assert refused.value.code == "award_suspended"
    instalment.refresh_from_db()
    assert instalment.status == "scheduled" and instalment.commitment_id is None
    review(suspended, "confirmed")
    assert services.instalment_approve(actor=finance, instalment=instalment).status == "approved"


def test_a_suspended_awards_money_stays_reserved_and_a_withdrawal_releases_it(
    make_round, make_application, score_all, district_officer, partnership, call_in, review
):
    small = make_round("Small grants", amount_pence=3_000_000, max_award_pence=2_500_000)
    first = services.application_decide(
        actor=district_officer,
        application=score_all(make_application(round_=small)),
        outcome=services.AWARD,
        reasons="Strong",
    )
    suspended = call_in(first)
    assert selectors.round_awarded_pence(small) == 2_000_000
    second = score_all(make_application(round_=small, title="Second hydro"))
    with pytest.raises(Conflict):
        services.application_decide(
            actor=district_officer, application=second, outcome=services.AWARD, reasons="Good"
        )
    withdrawn = review(suspended, "withdrawn")
    assert withdrawn.award_standing == "withdrawn"
    assert selectors.round_awarded_pence(small) == 0
    awarded = services.application_decide(
        actor=district_officer, application=second, outcome=services.AWARD, reasons="Good"
    )
    assert selectors.round_awarded_pence(small) == awarded.awarded_pence == 2_000_000


def test_a_withdrawn_award_pays_nothing_more(awarded, call_in, review, district_officer, finance):
    instalment = services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Turbine ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    review(call_in(awarded), "withdrawn")
    with pytest.raises(Conflict) as refused:
        services.instalment_approve(actor=finance, instalment=instalment)
    assert refused.value.code == "not_awarded"
    assert _published_ids() == []


def _pay(awarded, district_officer, finance, amount_pence: int):
    instalment = services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Turbine ordered",
        amount_pence=amount_pence,
        due_on=date(2027, 1, 1),
    )
    return services.instalment_approve(actor=finance, instalment=instalment)


def test_withdrawing_an_award_after_a_payment_records_what_must_be_recovered(
    awarded, call_in, review, district_officer, finance
):
    from coopcouncil.core.models import AuditEvent
    from coopcouncil.grants.models import ClawbackDue

    _pay(awarded, district_officer, finance, 600_000)
    services.clawback_record(
        actor=finance, application=awarded, amount_pence=100_000, reason="Unspent"
    )
    review(call_in(awarded), "withdrawn")
    due = ClawbackDue.objects.get(application=awarded)
    assert due.amount_pence == 500_000
    assert AuditEvent.objects.filter(action="grants.clawback_due").count() == 1


def test_withdrawing_an_unpaid_award_owes_nothing(awarded, call_in, review):
    from coopcouncil.grants.models import ClawbackDue

    review(call_in(awarded), "withdrawn")
    assert not ClawbackDue.objects.exists()


def test_grants_keeps_the_awards_standing_as_democracy_tells_it(awarded, call_in, review):
    """Democracy's call-in tells grants (democracy.interfaces), so the award's own standing
    follows: suspended, then in force again once the review confirms it."""
    from coopcouncil.grants.models import Application

    call_in(awarded)
    assert Application.objects.get(pk=awarded.pk).award_standing == "suspended"
    review(selectors.application_get(awarded.pk), "amended")
    assert Application.objects.get(pk=awarded.pk).award_standing == "in_force"


def test_the_awards_page_and_dashboard_do_not_read_the_decision_register(awarded, call_in, fund):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_in(awarded)
    with CaptureQueriesContext(connection) as captured:
        selectors.awards_page(None, size=50)
        selectors.dashboard(fund=fund)
    assert not [q for q in captured.captured_queries if "democracy_decision" in q["sql"]]


def test_finance_records_what_a_withdrawn_awards_group_repays_up_to_what_it_owes(
    awarded, call_in, review, district_officer, finance, fund
):
    _pay(awarded, district_officer, finance, 600_000)
    withdrawn = review(call_in(awarded), "withdrawn")
    income_before = selectors.fund_money(fund).income_pence
    with pytest.raises(Conflict) as refused:
        services.clawback_record(
            actor=finance, application=withdrawn, amount_pence=600_001, reason="Repaid"
        )
    assert refused.value.code == "clawback_exceeds_due"
    services.clawback_record(
        actor=finance, application=withdrawn, amount_pence=400_000, reason="First repayment"
    )
    assert selectors.clawback_owed_pence(withdrawn) == 200_000
    assert selectors.fund_money(fund).income_pence == income_before + 400_000
    services.clawback_record(
        actor=finance, application=withdrawn, amount_pence=200_000, reason="Repaid in full"
    )
    assert list(selectors.clawbacks_due()) == []


def test_a_withdrawn_award_that_owes_nothing_has_nothing_to_claw_back(
    awarded, call_in, review, finance
):
    withdrawn = review(call_in(awarded), "withdrawn")
    with pytest.raises(Conflict) as refused:
        services.clawback_record(
            actor=finance, application=withdrawn, amount_pence=1_000, reason="Nothing paid"
        )
    assert refused.value.code == "not_awarded"
