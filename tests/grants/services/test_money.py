"""After the award: instalments, finance's approval feeding budget monitoring, monitoring
reports (late ones flagged), clawback to the fund, and the co-production dividend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, NotAllowed
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import DividendEntry, FundIncome


def test_instalments_never_total_more_than_the_award(awarded, district_officer):
    services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Ordered",
        amount_pence=1_500_000,
        due_on=date(2027, 1, 1),
    )
    with pytest.raises(Conflict):
        services.instalment_schedule(
            actor=district_officer,
            application=awarded,
            milestone="Running",
            amount_pence=600_000,
            due_on=date(2027, 6, 1),
        )


def test_only_finance_approves_a_payment(awarded, district_officer, finance):
    instalment = services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    with pytest.raises(NotAllowed):
        services.instalment_approve(actor=district_officer, instalment=instalment)
    approved = services.instalment_approve(actor=finance, instalment=instalment)
    assert approved.status == "approved" and approved.approved_by == finance


def test_an_approved_payment_is_a_commitment_in_budget_monitoring(
    awarded, district_officer, finance, fund
):
    from coopcouncil.budgets.services import budget_line_create

    fund.budget_line = budget_line_create(
        actor=finance,
        name="Community grants",
        slug="community-grants",
        financial_year="2026/27",
        amount_pence=90_000_000,
    )
    fund.save()
    instalment = services.instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    approved = services.instalment_approve(actor=finance, instalment=instalment)
    commitment = approved.commitment
    assert commitment.amount_pence == 1_000_000
    assert commitment.decision_id == awarded.decision_id
    assert commitment.district == awarded.ward.district


def test_a_report_not_in_by_its_due_date_is_flagged_late(awarded, district_officer, member):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = services.monitoring_report_request(
        actor=district_officer, application=awarded, due_on=yesterday
    )
    assert selectors.report_is_late(late)
    on_time = services.monitoring_report_request(
        actor=district_officer, application=awarded, due_on=yesterday + timedelta(days=30)
    )
    submitted = services.monitoring_report_submit(
        actor=member,
        report=on_time,
        outcomes_achieved="Turbine ordered",
        volunteers=10,
        volunteer_hours=120,
        people_reached=300,
        spend_pence=900_000,
    )
    assert not selectors.report_is_late(submitted)
    assert selectors.dashboard(fund=awarded.round.fund).people_reached == 300


def test_clawed_back_money_returns_to_the_fund(awarded, finance, fund):
    before = selectors.fund_money(fund).income_pence
    services.clawback_record(
        actor=finance, application=awarded, amount_pence=250_000, reason="Unspent"
    )
    assert selectors.fund_money(fund).income_pence == before + 250_000
    assert FundIncome.objects.filter(source="clawback").count() == 1
    with pytest.raises(Conflict):
        services.clawback_record(
            actor=finance, application=awarded, amount_pence=2_000_000, reason="Too much"
        )


def test_a_verified_saving_credits_the_set_share(group, district_officer, settings):
    settings.COOPCOUNCIL_GRANTS_DIVIDEND_SHARE_PERCENT = 40
    services.saving_record(
        actor=district_officer,
        organisation=group,
        description="Grounds maintenance",
        saving_pence=1_000_000,
        verified_on=date(2026, 6, 1),
    )
    assert DividendEntry.objects.get().amount_pence == 400_000
    assert selectors.dividend_balance(group) == 400_000


def test_a_member_cannot_record_a_saving(group, member):
    with pytest.raises(NotAllowed):
        services.saving_record(
            actor=member,
            organisation=group,
            description="Grounds",
            saving_pence=100,
            verified_on=date(2026, 6, 1),
        )


def test_the_person_export_lists_drafts_and_scores_and_erasure_detaches_them(
    make_application, member, score_all, assessors
):
    application = score_all(make_application())
    assert selectors.grants_personal_data(user=member)["applications_drafted"][0]["id"] == (
        application.pk
    )
    assert len(selectors.grants_personal_data(user=assessors[0])["scores_given"]) == 2
    services.grants_erase(user=member)
    application.refresh_from_db()
    assert application.created_by is None


def test_peoples_export_carries_the_grants_section(make_application, member):
    from coopcouncil.people.services import user_export

    application = make_application("draft")
    exported = user_export(user=member)
    assert exported["grants"]["applications_drafted"][0]["title"] == application.title
