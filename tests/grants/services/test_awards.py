"""The panel awards, part-awards or declines; each is the partnership's published decision."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.permissions import check
from coopcouncil.democracy.interfaces import decision_status_changed
from coopcouncil.democracy.models import Decision, Vote
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import Application, DividendEntry
from coopcouncil.people.services import interest_declare


@pytest.fixture
def scored(make_application, score_all, partnership):
    return score_all(make_application())


@pytest.fixture
def councillor(make_role, ward):
    return make_role("councillor", "Cllr Ann Ward", ward=ward, start_date=date(2024, 5, 3))


def test_an_award_is_published_as_the_partnerships_decision(
    scored, district_officer, councillor, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        awarded = services.application_decide(
            actor=district_officer,
            application=scored,
            outcome=services.AWARD,
            reasons="Strong neighbourhood outcomes",
            feedback="Well evidenced",
            votes=[(councillor, "for")],
        )
    assert awarded.status == Application.Status.AWARDED
    assert awarded.awarded_pence == scored.amount_pence
    decision = Decision.objects.get(pk=awarded.decision_id)
    assert decision.kind == Decision.Kind.GRANT_AWARD
    assert decision.status == Decision.Status.PUBLISHED
    assert decision.budget_pence == scored.amount_pence
    assert decision.call_in.status == "open"
    assert Vote.objects.get(decision=decision).councillor == councillor
    assert "Strong neighbourhood outcomes" in mail.outbox[-1].body
    assert check(member, "grants.see_scores", awarded)


def test_a_part_award_gives_less_than_was_asked(scored, district_officer):
    part = services.application_decide(
        actor=district_officer,
        application=scored,
        outcome=services.PART_AWARD,
        amount_pence=1_000_000,
        reasons="The turbine only",
    )
    assert (part.status, part.awarded_pence) == (Application.Status.PART_AWARDED, 1_000_000)


def test_a_decline_awards_nothing_but_is_still_decided(scored, district_officer):
    declined = services.application_decide(
        actor=district_officer, application=scored, outcome=services.DECLINE, reasons="Weak"
    )
    assert declined.awarded_pence == 0
    assert declined.decision.budget_pence == 0


def test_reasons_are_required(scored, district_officer):
    with pytest.raises(DomainError) as refused:
        services.application_decide(
            actor=district_officer, application=scored, outcome=services.AWARD, reasons=" "
        )
    assert refused.value.field == "reasons"


def test_the_panel_waits_for_enough_assessors(make_application, district_officer, partnership):
    with pytest.raises(Conflict) as refused:
        services.application_decide(
            actor=district_officer,
            application=make_application(),
            outcome=services.AWARD,
            reasons="Good",
        )
    assert refused.value.code == "scores_incomplete"


def test_the_rounds_amount_is_never_exceeded(
    make_round, make_application, score_all, district_officer, partnership
):
    small = make_round("Small round", amount_pence=3_000_000, max_award_pence=2_000_000)
    first = score_all(make_application(round_=small))
    second = score_all(make_application(round_=small))
    services.application_decide(
        actor=district_officer, application=first, outcome=services.AWARD, reasons="Good"
    )
    with pytest.raises(Conflict) as refused:
        services.application_decide(
            actor=district_officer, application=second, outcome=services.AWARD, reasons="Good"
        )
    assert refused.value.code == "round_exceeded"
    assert "£10,000.00" in refused.value.message
    assert selectors.round_awarded_pence(small) == 2_000_000


def test_a_councillor_with_an_interest_cannot_vote_on_the_award(
    scored, district_officer, councillor
):
    interest_declare(actor=councillor, organisation=scored.organisation, reason="Trustee")
    with pytest.raises(NotAllowed) as refused:
        services.application_decide(
            actor=district_officer,
            application=scored,
            outcome=services.AWARD,
            reasons="Good",
            votes=[(councillor, "for")],
        )
    assert refused.value.field == "votes"
    assert Application.objects.get(pk=scored.pk).status == Application.Status.ELIGIBLE


def test_a_councillor_not_eligible_under_the_llp_rule_cannot_vote(
    scored, district_officer, councillor
):
    from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear

    year = ProgrammeYear.objects.create(
        title="Local Leaders Programme", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    module = Module.objects.create(programme=year, number=1, title="Module 1")
    ModuleSession.objects.create(
        module=module, starts_at=timezone.make_aware(timezone.datetime(2026, 2, 1, 18))
    )
    with pytest.raises(NotAllowed) as refused:
        services.application_decide(
            actor=district_officer,
            application=scored,
            outcome=services.AWARD,
            reasons="Good",
            votes=[(councillor, "for")],
        )
    assert "may not vote on grant awards" in refused.value.message


def test_an_officer_with_an_interest_cannot_decide(scored, district_officer):
    interest_declare(actor=district_officer, organisation=scored.organisation, reason="Member")
    with pytest.raises(NotAllowed):
        services.application_decide(
            actor=district_officer, application=scored, outcome=services.AWARD, reasons="Good"
        )


def test_the_dividend_put_towards_a_bid_is_spent_on_the_award(
    make_application, score_all, district_officer, partnership, group
):
    services.saving_record(
        actor=district_officer,
        organisation=group,
        description="Grounds maintenance of Coldhurst Park",
        saving_pence=1_000_000,
        verified_on=date(2026, 6, 1),
    )
    assert selectors.dividend_balance(group) == 500_000
    application = score_all(make_application(dividend_pence=300_000))
    services.application_decide(
        actor=district_officer, application=application, outcome=services.AWARD, reasons="Good"
    )
    assert selectors.dividend_balance(group) == 200_000
    assert DividendEntry.objects.filter(kind="spend").get().application_id == application.pk


def test_an_award_withdrawn_after_call_in_frees_its_money_and_is_not_published(
    awarded, district_officer
):
    round_ = awarded.round
    assert selectors.round_awarded_pence(round_) == awarded.awarded_pence
    # The partnership's review withdrew the decision; democracy tells grants of it.
    Decision.objects.filter(pk=awarded.decision_id).update(status=Decision.Status.WITHDRAWN)
    decision_status_changed(awarded.decision_id, Decision.Status.WITHDRAWN, "published")
    assert selectors.round_awarded_pence(round_) == 0
    assert not selectors.awards_public().exists()
    assert selectors.dashboard(fund=round_.fund).awarded == 0
    assert not Application.objects.get(pk=awarded.pk).is_awarded
