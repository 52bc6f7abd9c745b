"""Fixtures for the PB Django layer: a clerk, voters of age, and processes in each phase."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def clerk(make_role):
    return make_role("officer", "Clara Clerk", team="clerk")


@pytest.fixture
def district(ward):
    return ward.district


@pytest.fixture
def make_voter(make_resident):
    """A verified resident of ``ward`` old enough to vote (born 1990)."""

    def make(ward, name: str = "", born: date | None = date(1990, 1, 1)):
        voter = make_resident(ward, name)
        voter.date_of_birth = born
        voter.save(update_fields=["date_of_birth"])
        return voter

    return make


@pytest.fixture
def make_process(clerk, district, ward, make_resident):
    """A process for the Coldhurst district; ``projects`` (title, cost in pence, and
    optionally the heading's name) are put on the ballot and voting opened when
    ``open_voting`` is true."""
    from coopcouncil.participation import services

    def make(projects=(), *, open_voting=True, **fields):
        fields.setdefault("title", "Test pot")
        fields.setdefault("budget_pence", 1_000_000)
        fields.setdefault("district", district)
        fields.setdefault("rule", "greedy-cost")
        process = services.process_create(actor=clerk, **fields)
        proposer = make_resident(ward, "Pat Proposer") if projects else None
        for title, cost, *heading_name in projects:
            heading = process.headings.get(name=heading_name[0]) if heading_name else None
            project = services.proposal_submit(
                actor=proposer,
                process=process,
                title=title,
                description="",
                ward=ward,
                estimated_cost_pence=cost,
                heading=heading,
            )
            services.proposal_review(
                actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=cost
            )
        if open_voting and projects:
            services.process_phase_advance(actor=clerk, process=process)
            services.process_phase_advance(actor=clerk, process=process)
        process.refresh_from_db()
        return process

    return make


def codes(process) -> dict[str, str]:
    """Project title → code, for writing ballots in tests."""
    return {p.title: p.code for p in process.projects.all()}
