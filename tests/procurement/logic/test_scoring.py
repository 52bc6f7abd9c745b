"""Tender scoring: hand-worked examples and the properties the council publishes."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.procurement.logic.scoring import (
    BidToScore,
    EvaluatorScore,
    Offer,
    Weights,
    bids_evaluate,
    points,
    quality_moderated,
    social_value_pence,
)

ONE_CRITERION = Weights(price=40, quality=40, social_value=20, criteria={1: 100})


def _bid(bid_id, price, quality, offer_pence):
    return BidToScore(
        bid_id=bid_id,
        price_pence=price,
        offers=(Offer("local-fte", Decimal(1), offer_pence),) if offer_pence else (),
        quality={1: Fraction(quality)},
    )


def test_worked_example_from_the_docstring_scores_84_and_74():
    evaluation = bids_evaluate(
        [_bid(1, 10_000_000, 4, 5_000_000), _bid(2, 8_000_000, 3, 2_500_000)], ONE_CRITERION
    )
    first, second = evaluation.scores
    assert (first.bid_id, points(first.total)) == (1, Decimal("84.00"))
    assert (second.bid_id, points(second.total)) == (2, Decimal("74.00"))
    assert (first.price_score, first.quality_score, first.social_value_score) == (32, 32, 20)
    assert evaluation.leaders == (1,) and evaluation.ties == ()


def test_social_value_is_quantity_times_proxy_summed():
    offers = [Offer("fte", Decimal("2.5"), 3_000_000), Offer("spend", Decimal("20000"), 19)]
    assert social_value_pence(offers) == Fraction(7_500_000 + 380_000)


def test_no_social_value_offered_by_anyone_scores_zero_not_an_error():
    evaluation = bids_evaluate([_bid(1, 100, 5, 0), _bid(2, 200, 5, 0)], ONE_CRITERION)
    assert all(score.social_value_score == 0 for score in evaluation.scores)


def test_service_users_scores_count_with_the_stated_weight():
    scores = [
        EvaluatorScore(1, 4, is_service_user=False),
        EvaluatorScore(1, 2, is_service_user=False),
        EvaluatorScore(1, 5, is_service_user=True),
    ]
    moderated = quality_moderated(scores, service_user_weight=40, agreed={})
    assert moderated == {1: Fraction(38, 10)}


def test_moderators_agreed_score_stands_over_the_panels_mean():
    scores = [EvaluatorScore(1, 1, False), EvaluatorScore(2, 4, True)]
    moderated = quality_moderated(scores, service_user_weight=50, agreed={1: Fraction(3)})
    assert moderated == {1: Fraction(3), 2: Fraction(4)}


def test_equal_totals_share_a_rank_and_are_reported_as_a_tie():
    evaluation = bids_evaluate(
        [_bid(1, 100, 3, 50), _bid(2, 100, 3, 50), _bid(3, 200, 1, 10)], ONE_CRITERION
    )
    assert evaluation.ties == ((1, 2),)
    assert evaluation.is_tied_at_top and evaluation.leaders == (1, 2)
    assert [score.rank for score in evaluation.scores] == [1, 1, 3]


weights = st.tuples(st.integers(0, 100), st.integers(0, 100)).filter(lambda w: sum(w) <= 100)
bids = st.lists(
    st.tuples(
        st.integers(1, 10**9),
        st.lists(st.integers(0, 5), min_size=2, max_size=2),
        st.integers(0, 10**6),
    ),
    min_size=1,
    max_size=8,
)


def _weights(pair) -> Weights:
    price, quality = pair
    return Weights(price, quality, 100 - price - quality, criteria={1: 30, 2: 70})


def _inputs(rows) -> list[BidToScore]:
    return [
        BidToScore(
            bid_id=number,
            price_pence=price,
            offers=(Offer("fte", Decimal(quantity), 100),),
            quality={1: Fraction(q[0]), 2: Fraction(q[1])},
        )
        for number, (price, q, quantity) in enumerate(rows, start=1)
    ]


@given(weights, bids)
def test_every_score_stays_in_range(pair, rows):
    w = _weights(pair)
    for score in bids_evaluate(_inputs(rows), w).scores:
        assert 0 <= score.price_score <= w.price
        assert 0 <= score.quality_score <= w.quality
        assert 0 <= score.social_value_score <= w.social_value
        assert 0 <= score.total <= 100


@given(weights, bids)
def test_the_weights_are_respected(pair, rows):
    w = _weights(pair)
    evaluation = bids_evaluate(_inputs(rows), w)
    cheapest = min(price for price, _, _ in rows)
    best_offer = max(quantity for _, _, quantity in rows)
    for score, (price, q, quantity) in zip(
        sorted(evaluation.scores, key=lambda s: s.bid_id), rows, strict=True
    ):
        assert (score.price_score == w.price) == (price == cheapest or w.price == 0)
        if best_offer and quantity == best_offer:
            assert score.social_value_score == w.social_value
        expected_quality = Fraction(w.quality) * (Fraction(30 * q[0] + 70 * q[1], 100) / 5)
        assert score.quality_score == expected_quality


@given(weights, bids, st.randoms(use_true_random=False))
def test_the_order_of_the_bids_does_not_matter(pair, rows, random):
    w = _weights(pair)
    inputs = _inputs(rows)
    shuffled = list(inputs)
    random.shuffle(shuffled)
    assert bids_evaluate(inputs, w) == bids_evaluate(shuffled, w)


@given(weights, bids)
def test_ties_are_reported_exactly_when_totals_are_equal(pair, rows):
    evaluation = bids_evaluate(_inputs(rows + rows[:1]), _weights(pair))
    first, copy = 1, len(rows) + 1
    assert any(first in group and copy in group for group in evaluation.ties)
    totals = [score.total for score in evaluation.scores]
    tied = {bid for group in evaluation.ties for bid in group}
    for score in evaluation.scores:
        assert (score.bid_id in tied) == (totals.count(score.total) > 1)
