"""Ward polls: the councillor asks, residents verified in the ward vote once, the count decides
whether an allocation departs from what residents chose."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from coopcouncil.budgets.models import WardPollVote
from coopcouncil.budgets.selectors import ward_poll_result
from coopcouncil.budgets.services import ward_budget_allocate, ward_poll_open, ward_poll_vote
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent


def _open(ward_budget, councillor, **changes):
    now = timezone.now()
    terms = {
        "question": "What should the ward budget fund?",
        "options": ["Benches", "Bulbs", "Bins"],
        "opens_at": now - timedelta(minutes=1),
        "closes_at": now + timedelta(days=7),
    } | changes
    return ward_poll_open(actor=councillor, ward_budget=ward_budget, **terms)


def _close(poll):
    poll.opens_at = timezone.now() - timedelta(days=8)
    poll.closes_at = timezone.now() - timedelta(seconds=1)
    poll.save()
    return poll


@pytest.fixture
def poll(ward_budget, councillor):
    return _open(ward_budget, councillor)


def test_the_councillor_opens_a_poll_of_their_options_and_it_is_audited(poll, ward_budget):
    assert [o.label for o in poll.options.all()] == ["Benches", "Bulbs", "Bins"]
    assert poll.ward == ward_budget.ward
    assert AuditEvent.objects.filter(
        action="budgets.ward_poll_opened", target_id=str(poll.pk)
    ).exists()


def test_a_poll_with_one_option_is_refused_on_the_options_field(ward_budget, councillor):
    with pytest.raises(DomainError) as error:
        _open(ward_budget, councillor, options=["Benches"])
    assert error.value.code == "options_count" and "options" in error.value.errors


def test_another_councillor_may_not_poll_on_someone_elses_budget(ward_budget, make_role, ward):
    with pytest.raises(NotAllowed):
        _open(ward_budget, make_role("councillor", ward=ward))


def test_a_resident_verified_in_the_ward_votes_and_the_audit_does_not_say_how(
    poll, make_resident, ward
):
    resident = make_resident(ward)
    ward_poll_vote(actor=resident, poll=poll, option=poll.options.get(label="Bulbs"))
    assert WardPollVote.objects.get(poll=poll, voter=resident).option.label == "Bulbs"
    audit = AuditEvent.objects.get(action="budgets.ward_poll_voted")
    assert "Bulbs" not in audit.summary and audit.details == {}


def test_a_resident_of_another_ward_cannot_vote(poll, make_resident, other_ward):
    with pytest.raises(NotAllowed) as error:
        ward_poll_vote(actor=make_resident(other_ward), poll=poll, option=poll.options.first())
    assert "verified in" in error.value.message
    assert not WardPollVote.objects.exists()


def test_a_person_without_a_verified_residency_cannot_vote(poll, make_user):
    with pytest.raises(NotAllowed):
        ward_poll_vote(actor=make_user(), poll=poll, option=poll.options.first())


def test_a_second_vote_is_refused_and_the_first_stands(poll, make_resident, ward):
    resident = make_resident(ward)
    ward_poll_vote(actor=resident, poll=poll, option=poll.options.get(label="Benches"))
    with pytest.raises(Conflict) as error:
        ward_poll_vote(actor=resident, poll=poll, option=poll.options.get(label="Bins"))
    assert error.value.code == "ward_poll_already_voted"
    assert WardPollVote.objects.get(voter=resident).option.label == "Benches"


def test_the_database_itself_holds_one_vote_per_resident(poll, make_resident, ward):
    resident = make_resident(ward)
    WardPollVote.objects.create(poll=poll, option=poll.options.first(), voter=resident)
    with pytest.raises(IntegrityError):
        WardPollVote.objects.create(poll=poll, option=poll.options.last(), voter=resident)


def test_a_vote_after_the_close_is_refused(poll, make_resident, ward):
    _close(poll)
    with pytest.raises(Conflict) as error:
        ward_poll_vote(actor=make_resident(ward), poll=poll, option=poll.options.first())
    assert error.value.code == "ward_poll_closed"


def test_the_count_gives_turnout_over_the_wards_verified_residents(
    poll, make_resident, ward, other_ward
):
    voters = [make_resident(ward) for _ in range(3)]
    make_resident(ward)  # verified but does not vote
    make_resident(other_ward)  # another ward's resident is not in the turnout
    for voter, label in zip(voters, ["Bulbs", "Bulbs", "Bins"], strict=True):
        ward_poll_vote(actor=voter, poll=poll, option=poll.options.get(label=label))
    result = ward_poll_result(poll)
    assert [(o.label, o.votes) for o in result.options] == [
        ("Benches", 0),
        ("Bulbs", 2),
        ("Bins", 1),
    ]
    assert (result.votes, result.eligible) == (3, 4)


def _voted(poll, make_resident, ward, labels):
    for label in labels:
        ward_poll_vote(actor=make_resident(ward), poll=poll, option=poll.options.get(label=label))
    return _close(poll)


def _allocate(ward_budget, councillor, option, **extra):
    return ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=50_000,
        purpose="For the ward",
        recipient_project=option.label,
        ward_poll_option=option,
        **extra,
    )


def test_funding_the_option_residents_chose_is_not_an_override(
    poll, make_resident, ward, ward_budget, councillor
):
    _voted(poll, make_resident, ward, ["Bulbs", "Bulbs", "Bins"])
    allocation = _allocate(ward_budget, councillor, poll.options.get(label="Bulbs"))
    assert not allocation.is_override_of_residents_choice
    assert allocation.ward_poll_option.label == "Bulbs"


def test_funding_another_option_is_an_override_that_needs_a_published_reason(
    poll, make_resident, ward, ward_budget, councillor
):
    _voted(poll, make_resident, ward, ["Bulbs", "Bulbs", "Bins"])
    with pytest.raises(DomainError) as error:
        _allocate(ward_budget, councillor, poll.options.get(label="Bins"))
    assert error.value.code == "override_needs_justification"
    allocation = _allocate(
        ward_budget,
        councillor,
        poll.options.get(label="Bins"),
        override_justification="Bulbs are funded by the parish this year",
        councillor_reason="Bins were the runner-up",
    )
    assert allocation.is_override_of_residents_choice
    assert allocation.councillor_reason == "Bins were the runner-up"


def test_an_allocation_may_not_cite_a_poll_still_open(poll, ward_budget, councillor):
    with pytest.raises(DomainError) as error:
        _allocate(ward_budget, councillor, poll.options.first())
    assert (error.value.code, error.value.field) == ("ward_poll_still_open", "ward_poll_option")


def test_an_allocation_may_not_cite_a_poll_nobody_voted_in(poll, ward_budget, councillor):
    _close(poll)
    with pytest.raises(DomainError) as error:
        _allocate(ward_budget, councillor, poll.options.first())
    assert error.value.code == "ward_poll_no_votes"


def test_an_allocation_may_not_cite_another_budgets_poll(
    poll, make_resident, ward, make_role, finance
):
    from coopcouncil.budgets.models import WardBudget
    from coopcouncil.budgets.services import ward_budgets_open

    colleague = make_role("councillor", ward=ward)
    ward_budgets_open(actor=finance, financial_year="2026/27")
    theirs = WardBudget.objects.get(councillor=colleague)
    _voted(poll, make_resident, ward, ["Bulbs"])
    with pytest.raises(DomainError) as error:
        _allocate(theirs, colleague, poll.options.get(label="Bulbs"))
    assert error.value.code == "ward_poll_other_budget"
