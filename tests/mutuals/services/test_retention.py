"""A former member loses their person ten years after leaving; the membership row, their
share applications' amounts and every ballot's turnout and tally stay."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict
from coopcouncil.core.retention import retention_apply
from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import BallotParticipation, Member, ShareApplication
from coopcouncil.mutuals.selectors.ballots import ballot_result
from coopcouncil.mutuals.services.retention import MUTUALS_RETENTION_RULES
from coopcouncil.people.models import User

pytestmark = pytest.mark.django_db

RULE = MUTUALS_RETENTION_RULES[0]
PERIOD = timedelta(days=10 * 365)


@pytest.fixture
def voted(make_member, open_ballot, mutual, secretary):
    """Two members who voted and applied for shares; the first left ``days`` ago."""
    leaver, stayer = make_member(days_ago=5000), make_member(days_ago=5000)
    ballot = open_ballot()
    now = timezone.now()
    offer = services.share_offer_create(
        actor=secretary,
        mutual=mutual,
        title="Solar shares",
        offer_pence=100_000,
        min_holding_pence=10_000,
        max_holding_pence=90_000,
        interest_cap_percent=Decimal("4"),
        community_fund_percent=20,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )
    for member, choice, amount in ((leaver, "yes", 60_000), (stayer, "no", 90_000)):
        services.ballot_vote(actor=member.user, ballot=ballot, choice=choice)
        services.share_apply(actor=member.user, offer=offer, requested_pence=amount)
    services.share_offer_allocate(actor=secretary, offer=offer, now=offer.closes_at)

    def leave(days: int):
        Member.objects.filter(pk=leaver.pk).update(
            left_on=timezone.localdate() - timedelta(days=days), is_tenant=True
        )
        return leaver, stayer, ballot

    return leave


def _register():
    return (
        list(
            ShareApplication.objects.order_by("pk").values_list(
                "requested_pence", "allocated_pence"
            )
        ),
        BallotParticipation.objects.count(),
        list(Member.objects.order_by("pk").values_list("pk", "share_paid_pence", "left_on")),
    )


def test_dry_run_counts_and_changes_nothing(voted):
    leaver, *_ = voted(days=10 * 365 + 1)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=True) == 1
    assert Member.objects.get(pk=leaver.pk).user_id == leaver.user_id


def test_a_former_member_is_anonymised_after_the_period_and_ballots_and_shares_stay(voted):
    leaver, stayer, ballot = voted(days=10 * 365 + 1)
    register, result = _register(), ballot_result(ballot)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 1
    former = Member.objects.get(pk=leaver.pk)
    assert (former.user, former.is_tenant) == (None, False)
    assert not ShareApplication.objects.filter(user=leaver.user).exists()
    assert ShareApplication.objects.filter(user=stayer.user).count() == 1
    assert Member.objects.get(pk=stayer.pk).user_id == stayer.user_id
    assert (_register(), ballot_result(ballot)) == (register, result)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0


def test_a_member_who_left_within_the_period_is_kept(voted):
    leaver, *_ = voted(days=365)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0
    assert Member.objects.get(pk=leaver.pk).user_id == leaver.user_id


def test_an_anonymised_former_members_facts_cannot_change(voted, secretary):
    leaver, *_ = voted(days=10 * 365 + 1)
    RULE.enforce(before=timezone.now() - PERIOD, dry_run=False)
    with pytest.raises(Conflict) as refused:
        services.member_facts_change(
            actor=secretary,
            member=Member.objects.get(pk=leaver.pk),
            share_paid_pence=0,
            is_tenant=True,
            is_employee=False,
        )
    assert refused.value.code == "member_anonymised"


def test_the_run_reports_the_rule_and_its_setting(settings, voted):
    voted(days=31)
    settings.COOPCOUNCIL_RETENTION_MUTUALS_FORMER_MEMBERS_DAYS = 30
    report = {o.record_type: o for o in retention_apply(dry_run=True)}["mutuals.former_members"]
    assert (report.action, report.days, report.count) == ("anonymised", 30, 1)


def test_an_unconfirmed_member_with_a_share_application_keeps_account_and_records(
    make_user, make_member, mutual, secretary
):
    """people.unconfirmed_accounts: a member a secretary added before they confirmed their
    email is in use; their membership, electorate place and share application stay."""
    now = timezone.now()
    unconfirmed = make_user(verified_email=False, date_of_birth=date(2010, 1, 1))
    member = make_member(user=unconfirmed)
    offer = services.share_offer_create(
        actor=secretary,
        mutual=mutual,
        title="Solar shares",
        offer_pence=100_000,
        min_holding_pence=10_000,
        max_holding_pence=90_000,
        interest_cap_percent=Decimal("4"),
        community_fund_percent=20,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )
    ShareApplication.objects.create(offer=offer, user=unconfirmed, requested_pence=20_000)
    unused = make_user(verified_email=False)
    User.objects.filter(pk__in=[unconfirmed.pk, unused.pk]).update(
        date_joined=now - timedelta(days=40)
    )
    held = {"mutuals.Member.user": 1, "mutuals.ShareApplication.user": 1}
    register = _register()

    dry = {o.record_type: o for o in retention_apply(dry_run=True)}["people.unconfirmed_accounts"]
    assert (dry.count, dry.held) == (1, held)
    done = {o.record_type: o for o in retention_apply()}["people.unconfirmed_accounts"]
    assert (done.count, done.held) == (1, held)

    assert set(User.objects.filter(pk__in=[unconfirmed.pk, unused.pk])) == {unconfirmed}
    assert Member.objects.get(pk=member.pk).user == unconfirmed
    assert _register() == register and register[0] == [(20_000, None)]
