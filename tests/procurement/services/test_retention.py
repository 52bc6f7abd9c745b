"""A lost bid's submitter is cleared a year after the award; the bids, scores, the winner
and the contract (the public record) stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.retention import retention_apply
from coopcouncil.procurement.models import Bid, Contract
from coopcouncil.procurement.selectors.evaluation import evaluation_breakdown, lot_evaluation
from coopcouncil.procurement.services.retention import PROCUREMENT_RETENTION_RULES

pytestmark = pytest.mark.django_db

RULE = PROCUREMENT_RETENTION_RULES[0]
PERIOD = timedelta(days=365)


def _award_age(contract, *, days: int) -> None:
    Contract.objects.filter(pk=contract.pk).update(awarded_at=timezone.now() - timedelta(days=days))


def test_dry_run_counts_the_lost_bids_and_changes_nothing(awarded):
    _award_age(awarded, days=366)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=True) == 2
    assert not Bid.objects.filter(submitted_by__isnull=True).exists()


def test_lost_bids_lose_their_submitter_after_the_period_and_the_award_stays(awarded):
    lot = awarded.lot
    _award_age(awarded, days=366)
    evaluation = evaluation_breakdown(lot_evaluation(lot))
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 2
    winner = Bid.objects.get(contract=awarded)
    assert winner.submitted_by_id is not None
    assert list(Bid.objects.exclude(pk=winner.pk).values_list("submitted_by", flat=True)) == [
        None,
        None,
    ]
    assert evaluation_breakdown(lot_evaluation(lot)) == evaluation
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0


def test_bids_on_a_recent_award_are_kept(awarded):
    _award_age(awarded, days=300)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0
    assert not Bid.objects.filter(submitted_by__isnull=True).exists()


def test_the_run_reports_the_rule_and_its_setting(settings, awarded):
    _award_age(awarded, days=10)
    settings.COOPCOUNCIL_RETENTION_PROCUREMENT_UNSUCCESSFUL_BIDDER_CONTACTS_DAYS = 7
    report = {o.record_type: o for o in retention_apply(dry_run=True)}[
        "procurement.unsuccessful_bidder_contacts"
    ]
    assert (report.action, report.days, report.count) == ("anonymised", 7, 2)
