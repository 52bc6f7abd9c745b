"""Opening and editing a PB process: one service for web and API, voting terms fixed at voting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.audit import AuditEvent
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.participation import counting_rules, services
from coopcouncil.participation.logic.counting import RULE_NAMES
from coopcouncil.participation.models import Heading, PBProcess

pytestmark = pytest.mark.django_db

PROJECTS = [("Benches", 300_000), ("Playground", 600_000)]


def test_every_rule_in_the_logic_registry_has_a_plain_english_description():
    assert set(RULE_NAMES) <= set(counting_rules.RULE_DESCRIPTIONS)
    assert all(" — " in label for _, label in counting_rules.rule_choices())
    assert counting_rules.official_rule_choices()


def test_phase_dates_out_of_order_are_refused_on_the_later_date(make_process):
    now = timezone.now()
    with pytest.raises(DomainError) as refused:
        make_process(
            dates={"voting_open_at": now, "voting_close_at": now - timedelta(days=1)},
        )
    assert refused.value.field == "voting_close_at"
    assert "after voting opens" in refused.value.message
    assert not PBProcess.objects.exists()


def test_rule_for_approval_ballots_only_is_refused_for_ordinal_ballots(make_process):
    with pytest.raises(DomainError) as refused:
        make_process(
            ballot_type="ordinal",
            rule="phragmen",
        )
    assert refused.value.errors == {"rule": ["The phragmen rule counts approval ballots only."]}


def test_limits_of_other_ballot_types_are_dropped(make_process):
    process = make_process(
        ballot_type="approval",
        points_to_spread=10,
        max_total_cost_pence=50,
    )
    assert process.points_to_spread is None
    assert process.max_total_cost_pence == 50


def test_cumulative_points_per_project_may_not_exceed_the_points_to_spread(make_process):
    with pytest.raises(DomainError) as refused:
        make_process(
            ballot_type="cumulative",
            points_to_spread=5,
            max_points_per_project=6,
        )
    assert refused.value.field == "max_points_per_project"


def test_officer_edits_terms_and_headings_before_voting_with_audit(make_process, clerk, ward):
    process = make_process(headings=(services.HeadingPlan("Parks", 400_000),))
    services.process_update(
        actor=clerk,
        process=process,
        budget_pence=2_000_000,
        rule="mes-cost",
        headings=(
            services.HeadingPlan("Parks", 500_000),
            services.HeadingPlan("Coldhurst", 600_000, ward=ward),
        ),
    )
    process.refresh_from_db()
    assert (process.budget_pence, process.rule) == (2_000_000, "mes-cost")
    assert sorted(process.headings.values_list("name", "kind", "budget_pence")) == [
        ("Coldhurst", "ward", 600_000),
        ("Parks", "theme", 500_000),
    ]
    event = AuditEvent.objects.get(action="pb.process_updated")
    assert set(event.details["changed"]) == {"budget_pence", "rule", "headings"}


def test_saving_the_same_values_again_records_nothing(make_process, clerk):
    process = make_process()
    services.process_update(actor=clerk, process=process, title=process.title)
    assert not AuditEvent.objects.filter(action="pb.process_updated").exists()


def test_edit_breaking_the_heading_budget_is_refused_and_nothing_changes(make_process, clerk):
    process = make_process(headings=(services.HeadingPlan("Parks", 400_000),))
    with pytest.raises(DomainError) as refused:
        services.process_update(actor=clerk, process=process, budget_pence=300_000)
    assert refused.value.field == "headings"
    assert "more than the whole budget of £3,000.00" in refused.value.message
    assert PBProcess.objects.get().budget_pence == 1_000_000


def test_heading_with_proposals_cannot_be_removed(make_process, clerk, make_resident, ward):
    process = make_process(headings=(services.HeadingPlan("Parks", 400_000),))
    services.proposal_submit(
        actor=make_resident(ward),
        process=process,
        title="Bench",
        description="",
        estimated_cost_pence=100,
        heading=process.headings.get(),
    )
    with pytest.raises(DomainError) as refused:
        services.process_update(actor=clerk, process=process, headings=())
    assert refused.value.code == "pb_heading_in_use"
    assert Heading.objects.filter(process=process).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("budget_pence", 5), ("rule", "mes-cost"), ("ballot_type", "ordinal"), ("min_voter_age", 16)],
)
def test_voting_terms_cannot_change_once_voting_opens(make_process, clerk, field, value):
    process = make_process(PROJECTS)
    with pytest.raises(Conflict) as refused:
        services.process_update(actor=clerk, process=process, **{field: value})
    assert refused.value.code == "pb_voting_terms_fixed"
    assert refused.value.field == field
    assert "Voting has opened" in refused.value.message
    assert getattr(PBProcess.objects.get(), field) == getattr(process, field)


def test_title_and_closing_date_may_change_during_voting(make_process, clerk):
    process = make_process(PROJECTS)
    closes = timezone.now() + timedelta(days=7)
    services.process_update(
        actor=clerk, process=process, title="Renamed", dates={"voting_close_at": closes}
    )
    process.refresh_from_db()
    assert (process.title, process.voting_close_at) == ("Renamed", closes)


def test_resident_may_not_edit_a_process(make_process, make_resident, ward):
    process = make_process()
    with pytest.raises(NotAllowed):
        services.process_update(actor=make_resident(ward), process=process, title="Mine")
    assert PBProcess.objects.get().title == "Test pot"
