"""PB journey: a resident proposes, an officer finds it feasible, three residents vote, the
clerk closes voting and the results page shows the winners the process's rule selects."""

from __future__ import annotations

from datetime import date

import pytest

from coopcouncil.participation import pabulib_adapter, services
from coopcouncil.participation.logic.counting import count_election
from coopcouncil.participation.models import PBProcess, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def _sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_proposal_review_vote_close_and_results(page, places, ward, make_resident, make_role):
    clerk = make_role("officer", "Clara Clerk", team="clerk")
    process = services.process_create(
        actor=clerk,
        title="Coldhurst pot",
        district=ward.district,
        budget_pence=1_000_000,
        rule="mes-cost-completed",
    )
    resident = make_resident(ward, "Rita Resident")
    for title, cost in [("Benches", 400_000), ("Mural", 500_000)]:
        project = services.proposal_submit(
            actor=resident, process=process, title=title, description="", estimated_cost_pence=cost
        )
        services.proposal_review(
            actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=cost
        )

    # A resident proposes a project.
    _sign_in(page, resident)
    page.goto(f"/pb/{process.pk}/")
    page.get_by_role("link", name="Propose a project").click()
    page.get_by_label("Project title").fill("Community fridge")
    page.get_by_label("What would it do, and for whom?").fill("Share surplus food.")
    page.get_by_label("Ward").select_option(label="Coldhurst")
    page.get_by_label("Estimated cost (£)").fill("2,500")
    page.get_by_role("button", name="Submit proposal").click()
    page.get_by_text("is submitted for a feasibility review").wait_for()
    _sign_out(page)

    # An officer finds it feasible at a final cost, then opens voting.
    _sign_in(page, clerk)
    page.goto(f"/pb/{process.pk}/review/")
    card = page.locator("section", has=page.get_by_role("heading", name="Community fridge"))
    card.get_by_label("Feasible: put it on the ballot").check()
    card.get_by_label("Reason").fill("The community centre can host it.")
    card.get_by_label("Final cost (£)").fill("3,000")
    card.get_by_role("button", name="Save review of Community fridge").click()
    page.get_by_text("Review of 'Community fridge' saved.").wait_for()
    assert Project.objects.get(title="Community fridge").final_cost_pence == 300_000
    page.goto(f"/pb/{process.pk}/")
    page.get_by_role("button", name="Move to the next phase").click()
    page.get_by_text("feasibility review phase").wait_for()
    page.get_by_role("button", name="Move to the next phase").click()
    page.get_by_text("voting phase").wait_for()
    _sign_out(page)

    # Three residents vote; the running total is shown as they tick.
    for number, picks in enumerate(
        [["Community fridge", "Benches"], ["Mural"], ["Community fridge", "Mural"]], start=1
    ):
        voter = make_resident(ward, f"Voter {number}")
        voter.date_of_birth = date(2000, 1, number)
        voter.save()
        _sign_in(page, voter)
        page.goto(f"/pb/{process.pk}/vote/")
        for title in picks:
            page.get_by_label(title).check()
        assert "projects chosen" in page.locator("#running-total").inner_text()
        page.get_by_role("button", name="Cast my vote").click()
        page.get_by_text("Your vote is saved").wait_for()
        _sign_out(page)

    # The clerk closes voting; the results page shows what the rule itself selects.
    process = PBProcess.objects.get(pk=process.pk)
    expected = count_election(pabulib_adapter.process_election(process), process.rule)
    winners = list(
        Project.objects.filter(code__in=expected.selected).values_list("title", flat=True)
    )
    losers = Project.objects.exclude(code__in=expected.selected).values_list("title", flat=True)
    assert winners
    _sign_in(page, clerk)
    page.goto(f"/pb/{process.pk}/")
    page.get_by_role("button", name="Close voting and count").click()
    page.get_by_role("heading", name="Funded projects").wait_for()
    funded = page.locator("h2:text('Funded projects') + ol").inner_text()
    for title in winners:
        assert title in funded
    for title in losers:
        assert title not in funded
    assert "mes-cost-completed" in page.content()
