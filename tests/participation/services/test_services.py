"""PB services: each test names the council rule it proves and checks DB, audit and code."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.participation import pabulib_adapter, services
from coopcouncil.participation.logic.counting import count_election
from coopcouncil.participation.models import Ballot, Delivery, PBProcess, Phase, Project, Result
from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db

PROJECTS = [("Benches", 300_000), ("Playground", 600_000), ("Fridge", 200_000)]


def _audited(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("created_at")


# --- Processes ----------------------------------------------------------------------------


def test_clerk_creates_process_with_headings_and_audit(clerk, district, ward):
    process = services.process_create(
        actor=clerk,
        title="Pot",
        district=district,
        budget_pence=1_000_000,
        headings=(
            services.HeadingPlan("Coldhurst", 400_000, ward=ward),
            services.HeadingPlan("Green spaces", 300_000),
        ),
    )
    assert process.phase == Phase.PROPOSALS
    assert process.min_voter_age == 11
    assert sorted(process.headings.values_list("name", "kind")) == [
        ("Coldhurst", "ward"),
        ("Green spaces", "theme"),
    ]
    assert _audited("pb.process_created").target_id == str(process.pk)


def test_headings_over_the_budget_are_refused_and_nothing_written(clerk, district):
    with pytest.raises(DomainError) as refused:
        services.process_create(
            actor=clerk,
            title="Pot",
            district=district,
            budget_pence=100,
            headings=(services.HeadingPlan("A", 80), services.HeadingPlan("B", 80)),
        )
    assert refused.value.code == "pb_process_invalid"
    assert "headings" in refused.value.errors
    assert not PBProcess.objects.exists()


def test_cumulative_process_needs_points_to_spread(clerk, district):
    with pytest.raises(DomainError) as refused:
        services.process_create(
            actor=clerk, title="Pot", district=district, budget_pence=100, ballot_type="cumulative"
        )
    assert refused.value.field == "points_to_spread"


def test_resident_may_not_create_a_process(make_resident, ward, district):
    with pytest.raises(NotAllowed):
        services.process_create(
            actor=make_resident(ward), title="Pot", district=district, budget_pence=100
        )
    assert not PBProcess.objects.exists()


def test_district_officer_of_another_district_may_not_run_the_process(make_role, make_process):
    from coopcouncil.places.models import District

    elsewhere = District.objects.get(slug="saddleworth-lees")
    officer = make_role("officer", team="district_team", district=elsewhere)
    process = make_process(PROJECTS, open_voting=False)
    with pytest.raises(NotAllowed):
        services.process_phase_advance(actor=officer, process=process)


def test_voting_cannot_open_while_proposals_wait_for_review(
    clerk, make_process, make_resident, ward
):
    process = make_process(open_voting=False)
    services.proposal_submit(
        actor=make_resident(ward),
        process=process,
        title="Bins",
        description="",
        estimated_cost_pence=100,
    )
    services.process_phase_advance(actor=clerk, process=process)
    with pytest.raises(Conflict) as refused:
        services.process_phase_advance(actor=clerk, process=process)
    assert refused.value.code == "pb_reviews_outstanding"
    assert PBProcess.objects.get().phase == Phase.REVIEW


# --- Proposals ----------------------------------------------------------------------------


def test_resident_of_the_district_submits_a_proposal(make_process, make_resident, ward):
    process = make_process(open_voting=False)
    resident = make_resident(ward)
    project = services.proposal_submit(
        actor=resident,
        process=process,
        title="Bins",
        description="More bins",
        estimated_cost_pence=25_000,
        ward=ward,
    )
    assert project.code == str(project.pk)
    assert project.status == Project.Status.SUBMITTED
    assert _audited("pb.proposal_submitted").actor == resident


def test_resident_of_another_district_may_not_propose(make_process, make_resident, other_ward):
    process = make_process(open_voting=False)
    with pytest.raises(NotAllowed) as refused:
        services.proposal_submit(
            actor=make_resident(other_ward),
            process=process,
            title="Bins",
            description="",
            estimated_cost_pence=100,
        )
    assert "West Oldham" in refused.value.message
    assert not Project.objects.exists()


def test_community_group_member_proposes_for_their_group(make_process, make_role, district):
    from coopcouncil.people.models import Organisation

    group = Organisation.objects.create(
        name="Friends", slug="friends", kind="community_group", district=district
    )
    member = make_role("group_member", organisation=group)
    project = services.proposal_submit(
        actor=member,
        process=make_process(open_voting=False),
        title="Garden",
        description="",
        estimated_cost_pence=100,
        community_group=group,
    )
    assert project.community_group == group


def test_proposals_are_refused_after_the_proposals_phase(make_process, make_resident, ward):
    process = make_process(PROJECTS)
    with pytest.raises(Conflict) as refused:
        services.proposal_submit(
            actor=make_resident(ward),
            process=process,
            title="Late",
            description="",
            estimated_cost_pence=100,
        )
    assert refused.value.code == "pb_proposals_closed"


def test_feasible_review_needs_a_reason_and_final_cost(make_process, clerk):
    process = make_process(PROJECTS, open_voting=False)
    project = process.projects.first()
    with pytest.raises(DomainError) as no_cost:
        services.proposal_review(actor=clerk, project=project, is_feasible=True, reason="fine")
    assert no_cost.value.field == "final_cost"
    with pytest.raises(DomainError) as no_reason:
        services.proposal_review(
            actor=clerk, project=project, is_feasible=False, reason="  ", final_cost_pence=None
        )
    assert no_reason.value.field == "reason"


def test_only_feasible_projects_go_on_the_ballot(make_process, clerk):
    process = make_process(PROJECTS, open_voting=False)
    fridge = process.projects.get(title="Fridge")
    services.proposal_review(
        actor=clerk, project=fridge, is_feasible=False, reason="Not council land"
    )
    election = pabulib_adapter.process_election(process)
    assert [p.name for p in election.projects] == ["Benches", "Playground"]
    assert _audited("pb.proposal_reviewed").details["reason"] == "Not council land"


def test_residents_may_not_review(make_process, make_resident, ward):
    process = make_process(PROJECTS, open_voting=False)
    with pytest.raises(NotAllowed):
        services.proposal_review(
            actor=make_resident(ward),
            project=process.projects.first(),
            is_feasible=False,
            reason="no",
        )


# --- Voting -------------------------------------------------------------------------------


def test_voter_casts_and_changes_one_ballot(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    voter = make_voter(ward)
    ids = codes(process)
    services.ballot_cast(voter=voter, process=process, choices=[ids["Benches"]])
    services.ballot_cast(voter=voter, process=process, choices=[ids["Fridge"], ids["Benches"]])
    ballot = Ballot.objects.get()
    assert ballot.choices == [ids["Fridge"], ids["Benches"]]
    assert ballot.ward == ward
    assert _audited("pb.ballot_changed").actor == voter


def test_ballot_over_the_cost_limit_is_refused_and_not_stored(make_process, make_voter, ward):
    process = make_process(PROJECTS, max_total_cost_pence=700_000)
    voter = make_voter(ward)
    ids = codes(process)
    services.ballot_cast(voter=voter, process=process, choices=[ids["Benches"]])
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(
            voter=voter, process=process, choices=[ids["Benches"], ids["Playground"]]
        )
    assert refused.value.code == "pb_ballot_invalid"
    assert "limit is 7000" in refused.value.message
    assert Ballot.objects.get().choices == [ids["Benches"]]


def test_approval_ballot_above_max_projects_is_refused(make_process, make_voter, ward):
    process = make_process(PROJECTS, max_projects=1)
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(
            voter=make_voter(ward), process=process, choices=list(codes(process).values())
        )
    assert "at most 1" in refused.value.message
    assert not Ballot.objects.exists()


def test_cumulative_ballot_spreads_at_most_its_points(make_process, make_voter, ward):
    process = make_process(PROJECTS, ballot_type="cumulative", points_to_spread=5)
    ids = codes(process)
    voter = make_voter(ward)
    with pytest.raises(DomainError):
        services.ballot_cast(
            voter=voter, process=process, choices=[], points={ids["Benches"]: 4, ids["Fridge"]: 2}
        )
    services.ballot_cast(
        voter=voter, process=process, choices=[], points={ids["Benches"]: 4, ids["Fridge"]: 0}
    )
    ballot = Ballot.objects.get()
    assert (ballot.choices, ballot.points) == ([ids["Benches"]], [4])


def test_ordinal_ballot_ranks_up_to_k(make_process, make_voter, ward):
    process = make_process(PROJECTS, ballot_type="ordinal", max_projects=2)
    ids = list(codes(process).values())
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(voter=make_voter(ward), process=process, choices=ids)
    assert "at most 2" in refused.value.message


def test_voter_under_the_minimum_age_is_refused(make_process, make_voter, ward):
    process = make_process(PROJECTS, min_voter_age=16)
    young = make_voter(ward, born=timezone.localdate() - timedelta(days=365 * 14))
    with pytest.raises(NotAllowed) as refused:
        services.ballot_cast(voter=young, process=process, choices=[])
    assert "16 or over" in refused.value.message


def test_eleven_year_old_may_vote_by_default(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    today = timezone.localdate()
    eleven = make_voter(ward, born=date(today.year - 11, 1, 1))
    services.ballot_cast(voter=eleven, process=process, choices=[codes(process)["Fridge"]])
    assert Ballot.objects.filter(voter=eleven).exists()


def test_voter_without_date_of_birth_is_asked_for_it(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    voter = make_voter(ward, born=None)
    with pytest.raises(NotAllowed) as refused:
        services.ballot_cast(voter=voter, process=process, choices=[])
    assert "date of birth" in refused.value.message
    services.voter_date_of_birth_give(user=voter, date_of_birth=date(2000, 2, 29))
    services.ballot_cast(voter=voter, process=process, choices=[])
    assert _audited("pb.birth_date_given").actor == voter


def test_future_date_of_birth_is_refused(make_user):
    with pytest.raises(DomainError) as refused:
        services.voter_date_of_birth_give(
            user=make_user(), date_of_birth=timezone.localdate() + timedelta(days=1)
        )
    assert refused.value.field == "date_of_birth"


def test_resident_of_another_district_may_not_vote(make_process, make_voter, other_ward):
    process = make_process(PROJECTS)
    with pytest.raises(NotAllowed):
        services.ballot_cast(voter=make_voter(other_ward), process=process, choices=[])


def test_ballot_after_the_closing_time_is_refused(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    process.voting_close_at = timezone.now() - timedelta(minutes=1)
    process.save()
    with pytest.raises(Conflict) as refused:
        services.ballot_cast(voter=make_voter(ward), process=process, choices=[])
    assert refused.value.code == "pb_voting_closed"


# --- Results and delivery -----------------------------------------------------------------


def test_closing_voting_stores_the_rules_own_count(make_process, make_voter, ward, clerk):
    process = make_process(PROJECTS, rule="mes-cost")
    ids = codes(process)
    for choice in (["Benches", "Fridge"], ["Playground"], ["Benches"], ["Playground", "Fridge"]):
        services.ballot_cast(
            voter=make_voter(ward), process=process, choices=[ids[c] for c in choice]
        )
    expected = count_election(pabulib_adapter.process_election(process), "mes-cost")
    result = services.voting_close(actor=clerk, process=process)
    assert result.winners == list(expected.selected)
    assert result.rule == "mes-cost"
    assert result.budget_used_pence == sum(
        Project.objects.get(code=c).cost_pence for c in expected.selected
    )
    assert result.budget_left_pence == 1_000_000 - result.budget_used_pence
    assert result.voter_count == 4
    assert PBProcess.objects.get().phase == Phase.RESULTS
    assert set(Delivery.objects.values_list("project__code", flat=True)) == set(result.winners)
    assert _audited("pb.voting_closed").details["winners"] == result.winners


def test_only_staff_may_close_voting(make_process, make_voter, ward):
    process = make_process(PROJECTS)
    with pytest.raises(NotAllowed):
        services.voting_close(actor=make_voter(ward), process=process)
    assert not Result.objects.exists()
    assert PBProcess.objects.get().phase == Phase.VOTING


def test_a_rule_that_does_not_fit_the_ballots_leaves_voting_open(make_process, clerk):
    process = make_process(PROJECTS, ballot_type="ordinal", max_projects=3)
    # Opening such a process is refused now; one stored before that rule must still not count.
    PBProcess.objects.filter(pk=process.pk).update(rule="phragmen")
    with pytest.raises(DomainError) as refused:
        services.voting_close(actor=clerk, process=process)
    assert refused.value.code == "pb_rule_unsupported"
    assert PBProcess.objects.get().phase == Phase.VOTING
    assert not Result.objects.exists()


def test_headings_are_counted_each_with_its_own_budget(make_process, make_voter, ward, clerk):
    process = make_process(
        [("P1", 400, "Parks"), ("P2", 300, "Parks"), ("Y1", 500, "Youth")],
        budget_pence=1_000,
        headings=(services.HeadingPlan("Parks", 500), services.HeadingPlan("Youth", 500)),
    )
    ids = codes(process)
    for _ in range(2):
        services.ballot_cast(
            voter=make_voter(ward), process=process, choices=[ids["P1"], ids["P2"], ids["Y1"]]
        )
    result = services.voting_close(actor=clerk, process=process)
    # P1 and P2 together (£7) would fit the whole pot but not the Parks heading (£5).
    assert sorted(result.winners) == sorted([ids["P1"], ids["Y1"]])
    assert [h["heading"] for h in result.explanation["headings"]] == ["Parks", "Youth"]


def test_delivery_is_published_for_funded_projects_only(make_process, make_voter, ward, clerk):
    process = make_process(PROJECTS)
    ids = codes(process)
    services.ballot_cast(voter=make_voter(ward), process=process, choices=[ids["Fridge"]])
    services.voting_close(actor=clerk, process=process)
    fridge = Project.objects.get(title="Fridge")
    delivery = services.delivery_update(
        actor=clerk, project=fridge, status="in_progress", spent_pence=5_000, note="ordered"
    )
    assert (delivery.status, delivery.spent_pence) == ("in_progress", 5_000)
    assert _audited("pb.delivery_updated").target_id == str(delivery.pk)
    # The three projects cost £11,000 together, more than the £10,000 pot: one is not funded.
    loser = Project.objects.exclude(code__in=Result.objects.get().winners).first()
    with pytest.raises(Conflict) as refused:
        services.delivery_update(actor=clerk, project=loser, status="done", spent_pence=0)
    assert refused.value.code == "pb_not_funded"
    with pytest.raises(DomainError) as bad_status:
        services.delivery_update(actor=clerk, project=fridge, status="nonsense", spent_pence=0)
    assert bad_status.value.field == "status"


def test_approval_limits_apply_within_each_heading(make_process, make_voter, ward):
    process = make_process(
        [("P1", 400, "Parks"), ("P2", 300, "Parks"), ("Y1", 500, "Youth")],
        budget_pence=2_000,
        max_projects=1,
        max_total_cost_pence=500,
        headings=(services.HeadingPlan("Parks", 1_000), services.HeadingPlan("Youth", 1_000)),
    )
    ids = codes(process)
    voter = make_voter(ward)
    # One project per heading: two in all, £9 together, but within each heading's limits.
    ballot = services.ballot_cast(voter=voter, process=process, choices=[ids["P1"], ids["Y1"]])
    assert ballot.choices == [ids["P1"], ids["Y1"]]
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(voter=voter, process=process, choices=[ids["P1"], ids["P2"], "nope"])
    assert refused.value.code == "pb_ballot_invalid"
    messages = refused.value.errors["choices"]
    assert messages[0] == "Project 'nope' is not on the ballot."
    assert "In Parks, 2 projects chosen; at most 1 allowed." in messages
    assert "In Parks, the projects chosen cost 7 in total; the limit is 5." in messages
    assert Ballot.objects.get().choices == [ids["P1"], ids["Y1"]]
