"""Commissioning, bids, evaluation and award through the services: state, audit, error codes."""

from datetime import date, timedelta

import pytest

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.procurement.models import Bid, Commitment, Contract, Tender
from coopcouncil.procurement.services import (
    bid_submit,
    lot_award,
    moderated_score_record,
    quality_scores_record,
    tender_publish,
)

pytestmark = pytest.mark.django_db


def _bid(tender, supplier, **changes):
    organisation, member = supplier
    values = {
        "actor": member,
        "lot": tender.lots.get(),
        "organisation": organisation,
        "price_pence": 10_000_000,
        "pays_real_living_wage": True,
        "accepts_local_clauses": True,
        "quantities": {"local-fte": "1"},
        "now": tender.deadline - timedelta(days=1),
    }
    return bid_submit(**{**values, **changes})


def test_a_tender_whose_weights_break_the_rules_is_refused_with_every_reason(officer, exercise):
    with pytest.raises(DomainError) as refused:
        tender_publish(
            actor=officer,
            exercise=exercise,
            title="Too cheap",
            deadline=exercise.created_at + timedelta(days=30),
            price_weight=80,
            quality_weight=15,
            social_value_weight=5,
            lots=[("Lot", 100)],
            criteria=[("Quality", 100)],
        )
    assert refused.value.code == "social_value_weight_below_minimum"
    assert not Tender.objects.exists()


def test_the_minimum_social_value_weight_is_a_setting(officer, exercise, settings):
    settings.COOPCOUNCIL_MINIMUM_SOCIAL_VALUE_WEIGHT = 30
    with pytest.raises(DomainError, match="at least 30"):
        tender_publish(
            actor=officer,
            exercise=exercise,
            title="Twenty is not enough",
            deadline=exercise.created_at + timedelta(days=30),
            price_weight=40,
            quality_weight=40,
            social_value_weight=20,
            lots=[("Lot", 100)],
            criteria=[("Quality", 100)],
        )


def test_only_procurement_officers_publish_tenders(make_user, exercise):
    with pytest.raises(NotAllowed):
        tender_publish(
            actor=make_user(),
            exercise=exercise,
            title="Not mine",
            deadline=exercise.created_at + timedelta(days=30),
            price_weight=40,
            quality_weight=40,
            social_value_weight=20,
            lots=[("Lot", 100)],
            criteria=[("Quality", 100)],
        )


def test_a_bid_is_received_with_its_offer_and_the_living_wage_in_force(tender, make_supplier):
    bid = _bid(tender, make_supplier("Bidder"), quantities={"local-fte": "2.5", "carbon-saved": ""})
    offer = bid.offers.get()
    assert (offer.measure.code, str(offer.quantity), offer.proxy_value_pence) == (
        "local-fte",
        "2.50",
        3_000_000,
    )
    assert bid.living_wage_rate_pence in (1260, 1345)
    assert AuditEvent.objects.filter(action="procurement.bid_submitted").count() == 1


def test_a_bid_after_the_deadline_is_refused(tender, make_supplier):
    with pytest.raises(DomainError) as refused:
        _bid(tender, make_supplier("Late"), now=tender.deadline + timedelta(seconds=1))
    assert refused.value.code == "bid_after_deadline"
    assert not Bid.objects.exists()


def test_a_bid_without_the_mandatory_conditions_is_refused(tender, make_supplier):
    with pytest.raises(DomainError) as refused:
        _bid(tender, make_supplier("Low pay"), pays_real_living_wage=False)
    assert refused.value.code == "living_wage_required"
    assert refused.value.errors == {"pays_real_living_wage": [refused.value.message]}
    assert not Bid.objects.exists()


@pytest.mark.parametrize("quantity", ["-3", "three", "nan"])
def test_a_bid_with_a_negative_or_non_numeric_quantity_is_refused(tender, make_supplier, quantity):
    with pytest.raises(DomainError) as refused:
        _bid(tender, make_supplier("Odd"), quantities={"local-fte": quantity})
    assert refused.value.code == "quantity_invalid"
    assert "quantity_local-fte" in refused.value.errors
    assert not Bid.objects.exists()


def test_only_the_organisations_members_bid_for_it(tender, make_supplier, make_user):
    organisation, _ = make_supplier("Someone else's")
    with pytest.raises(NotAllowed):
        _bid(tender, (organisation, make_user("Stranger")))


def test_a_second_bid_for_the_same_lot_is_a_conflict(tender, make_supplier):
    supplier = make_supplier("Twice")
    _bid(tender, supplier)
    with pytest.raises(Conflict):
        _bid(tender, supplier)


def test_an_evaluator_with_a_declared_interest_may_not_score_the_bid(bids, young_person):
    from coopcouncil.people.services import interest_declare

    bid, _ = bids[0]
    interest_declare(actor=young_person, organisation=bid.organisation, reason="My aunt runs it")
    with pytest.raises(NotAllowed, match="My aunt runs it"):
        quality_scores_record(
            actor=young_person, bid=bid, scores={c.pk: 3 for c in bid.lot.tender.criteria.all()}
        )


def test_an_evaluator_holding_a_role_in_the_bidder_may_not_score_it(bids, officer, make_role):
    from coopcouncil.people.models import RoleAssignment
    from coopcouncil.procurement.services import panel_member_add

    bid, _ = bids[1]
    insider = make_role("partner", "Insider", organisation=bid.organisation)
    panel_member_add(actor=officer, exercise=bid.lot.tender.exercise, user=insider, kind="officer")
    assert RoleAssignment.objects.filter(user=insider, organisation=bid.organisation).exists()
    with pytest.raises(NotAllowed):
        quality_scores_record(
            actor=insider, bid=bid, scores={c.pk: 5 for c in bid.lot.tender.criteria.all()}
        )


def test_someone_off_the_panel_may_not_score(bids, make_user):
    bid, _ = bids[0]
    with pytest.raises(NotAllowed):
        quality_scores_record(
            actor=make_user(), bid=bid, scores={c.pk: 3 for c in bid.lot.tender.criteria.all()}
        )


def test_scores_outside_0_to_5_are_refused(bids, officer):
    bid, _ = bids[0]
    with pytest.raises(DomainError) as refused:
        quality_scores_record(
            actor=officer, bid=bid, scores={c.pk: 6 for c in bid.lot.tender.criteria.all()}
        )
    assert refused.value.code == "score_out_of_range"


def test_the_award_stores_every_score_and_makes_each_offer_a_commitment(awarded, bids):
    (cheap, _), (balanced, _), (local, _) = bids
    assert awarded.supplier == local.organisation and awarded.value_pence == 19_000_000
    breakdown = awarded.award_breakdown
    assert [row["organisation"] for row in breakdown["bids"]] == [
        "Local Trust",
        "Balanced CIC",
        "Cheap Ltd",
    ]
    top = breakdown["bids"][0]
    # Price 40 × 150/190, quality 40 × (0.6 × 5 + 0.4 × 4)/5, social value the best offer.
    assert (top["price_score"], top["quality_score"], top["social_value_score"]) == (
        "31.58",
        "36.80",
        "20.00",
    )
    assert top["total"] == "88.38"
    assert sorted(Commitment.objects.values_list("measure__code", flat=True)) == [
        "carbon-saved",
        "local-fte",
    ]
    assert Tender.objects.get().status == Tender.Status.AWARDED
    assert AuditEvent.objects.filter(action="procurement.lot_awarded").count() == 1


def test_bidders_are_told_of_the_award_by_email(
    officer, bids, score_all, mailoutbox, django_capture_on_commit_callbacks
):
    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), balanced: (3, 3), local: (5, 4)})
    with django_capture_on_commit_callbacks(execute=True):
        lot_award(
            actor=officer,
            lot=local.lot,
            bid=local,
            starts_on=date(2026, 4, 1),
            ends_on=date(2027, 3, 31),
        )
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        member.email for _, member in bids
    )


def test_a_lot_is_not_awarded_before_every_bid_is_scored(officer, bids, score_all):
    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), local: (5, 4)})
    with pytest.raises(Conflict) as refused:
        lot_award(
            actor=officer,
            lot=local.lot,
            bid=local,
            starts_on=date(2026, 4, 1),
            ends_on=date(2027, 3, 31),
        )
    assert refused.value.code == "scoring_incomplete"
    assert not Contract.objects.exists()


def test_awarding_a_bid_that_is_not_the_leader_needs_a_reason(officer, bids, score_all):
    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), balanced: (3, 3), local: (5, 4)})
    terms = {"starts_on": date(2026, 4, 1), "ends_on": date(2027, 3, 31)}
    with pytest.raises(DomainError) as refused:
        lot_award(actor=officer, lot=cheap.lot, bid=cheap, **terms)
    assert refused.value.code == "award_reason_required"
    contract = lot_award(
        actor=officer, lot=cheap.lot, bid=cheap, reason="Local Trust withdrew.", **terms
    )
    assert contract.award_reason == "Local Trust withdrew."


def test_a_moderated_score_stands_in_place_of_the_panels_mean(officer, bids, score_all):
    from coopcouncil.procurement.selectors import lot_evaluation

    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), balanced: (3, 3), local: (5, 4)})
    criterion = cheap.lot.tender.criteria.first()
    moderated_score_record(
        actor=officer, bid=cheap, criterion=criterion, score=5, note="Evidence found later."
    )
    quality = lot_evaluation(cheap.lot).evaluation.score_of(cheap.pk).criteria
    assert [str(c.moderated) for c in quality] == ["5", "2"]


def test_scores_are_final_once_the_lot_is_awarded(awarded, bids, officer):
    bid, _ = bids[0]
    with pytest.raises(Conflict):
        quality_scores_record(
            actor=officer, bid=bid, scores={c.pk: 5 for c in bid.lot.tender.criteria.all()}
        )
