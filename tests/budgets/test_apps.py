"""At start-up budgets hands democracy the ward budget figure democracy may not import."""

from coopcouncil.budgets.services import ward_allocation_decide, ward_budget_allocate
from coopcouncil.democracy.selectors import annual_report_figures


def test_the_councillor_annual_report_shows_the_ward_budget_the_district_approved(
    ward_budget, councillor, district_team
):
    assert annual_report_figures(councillor, year=2026)["budget_allocated_pence"] == 0
    allocation = ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=100_000,
        purpose="Bulbs",
        recipient_project="Bulb planting on Rochdale Road",
    )
    ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)
    assert annual_report_figures(councillor, year=2026)["budget_allocated_pence"] == 100_000
