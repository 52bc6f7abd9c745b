"""Commitments are created from published budget decisions, PB projects in delivery and
approved ward allocations: each linked to its source, once, with an audit record."""

from datetime import datetime

import pytest
from django.utils import timezone

from coopcouncil.budgets.models import Commitment
from coopcouncil.budgets.selectors import commitment_sources
from coopcouncil.budgets.services import (
    budget_line_create,
    commitments_sync,
    ward_allocation_decide,
    ward_budget_allocate,
)
from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent

YEAR = "2026/27"
IN_YEAR = timezone.make_aware(datetime(2026, 6, 1, 10))


@pytest.fixture
def decision(ward):
    from coopcouncil.democracy.models import Decision, DistrictPartnership

    partnership = DistrictPartnership.objects.create(
        district=ward.district, name="Oldham West District Partnership"
    )
    made = Decision.objects.create(
        partnership=partnership,
        title="Youth club summer programme",
        kind="budget",
        budget_pence=250_000,
        status="published",
        published_at=IN_YEAR,
    )
    made.wards.add(ward)
    Decision.objects.create(
        partnership=partnership, title="Draft spend", budget_pence=1_000, published_at=IN_YEAR
    )
    Decision.objects.create(
        partnership=partnership,
        title="A general decision",
        status="published",
        published_at=IN_YEAR,
    )
    return made


@pytest.fixture
def pb_project(ward):
    from coopcouncil.participation.models import Delivery, PBProcess, Project

    process = PBProcess.objects.create(
        title="Oldham West PB 2026",
        district=ward.district,
        budget_pence=1_000_000,
        phase="delivery",
        delivery_at=IN_YEAR,
    )
    project = Project.objects.create(
        process=process,
        code="7",
        title="Playground",
        ward=ward,
        estimated_cost_pence=400_000,
        final_cost_pence=420_000,
        status="feasible",
    )
    Delivery.objects.create(project=project)
    return project


@pytest.fixture
def approved_allocation(ward_budget, councillor, district_team):
    allocation = ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=60_000,
        purpose="Bulbs",
        recipient_project="Bulb planting",
    )
    return ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)


@pytest.fixture
def lines(finance, places):
    return {
        name: budget_line_create(
            actor=finance, name=name, slug=name, financial_year=YEAR, amount_pence=10_000_000
        )
        for name in ("district-grants", "pb", "ward-budgets")
    }


def _sync(finance, lines, **changes):
    arguments = {
        "decision_line": lines["district-grants"],
        "pb_line": lines["pb"],
        "ward_allocation_line": lines["ward-budgets"],
    } | changes
    return commitments_sync(actor=finance, financial_year=YEAR, **arguments)


def test_each_source_makes_one_commitment_linked_to_it_on_its_kinds_line(
    finance, lines, decision, pb_project, approved_allocation, ward
):
    synced = _sync(finance, lines)
    made = {c.source: c for c in synced.created}
    assert set(made) == {"decision", "pb_project", "ward_allocation"}
    assert (made["decision"].decision, made["decision"].amount_pence) == (decision, 250_000)
    assert made["decision"].line == lines["district-grants"] and made["decision"].ward == ward
    assert (made["pb_project"].pb_project, made["pb_project"].amount_pence) == (pb_project, 420_000)
    assert made["ward_allocation"].ward_allocation == approved_allocation
    assert made["ward_allocation"].line == lines["ward-budgets"]
    assert all(c.district == ward.district for c in synced.created)


def test_syncing_again_creates_no_duplicates(
    finance, lines, decision, pb_project, approved_allocation
):
    _sync(finance, lines)
    again = _sync(finance, lines)
    assert again.created == () and again.waiting == ()
    assert Commitment.objects.count() == 3
    assert commitment_sources(financial_year=YEAR) == []


def test_the_sync_is_audited_with_every_commitment_and_its_source(
    finance, lines, decision, pb_project
):
    synced = _sync(finance, lines)
    audit = AuditEvent.objects.get(action="budgets.commitments_synced")
    assert {(row["source"], row["source_id"]) for row in audit.details["commitments"]} == {
        ("decision", decision.pk),
        ("pb_project", pb_project.pk),
    }
    assert len(audit.details["commitments"]) == len(synced.created)


def test_drafts_general_decisions_and_withdrawn_ones_commit_nothing(finance, lines, decision):
    decision.status = "withdrawn"
    decision.save()
    assert _sync(finance, lines).created == ()


def test_a_decision_already_cited_by_a_recorded_commitment_is_not_committed_twice(
    finance, lines, decision, ward
):
    Commitment.objects.create(
        district=ward.district,
        line=lines["district-grants"],
        amount_pence=250_000,
        description="Recorded by hand",
        committed_on=IN_YEAR.date(),
        decision=decision,
    )
    assert _sync(finance, lines).created == ()


def test_a_kind_with_no_line_named_waits_and_is_listed(finance, lines, decision, pb_project):
    synced = _sync(finance, lines, pb_line=None)
    assert [c.source for c in synced.created] == ["decision"]
    assert [(s.kind, s.source_id) for s in synced.waiting] == [("pb_project", pb_project.pk)]


def test_a_line_of_another_year_is_refused_on_its_field(finance, lines, places):
    other = budget_line_create(
        actor=finance, name="Old", slug="old", financial_year="2025/26", amount_pence=1
    )
    with pytest.raises(DomainError) as error:
        _sync(finance, lines, pb_line=other)
    assert (error.value.code, error.value.field) == ("line_other_year", "pb_line")


def test_a_cancelled_pb_project_commits_nothing(finance, lines, pb_project):
    pb_project.delivery.status = "cancelled"
    pb_project.delivery.save()
    assert _sync(finance, lines).created == ()


def test_only_finance_may_sync(lines, district_team):
    with pytest.raises(NotAllowed):
        _sync(district_team, lines)
