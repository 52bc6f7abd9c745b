"""Devolved money in a browser: compare and adopt a formula; allocate and approve a ward budget."""

import pytest

from coopcouncil.budgets import services
from coopcouncil.budgets.models import WardBudgetAllocation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finance(make_role, places):
    return make_role("officer", "Fran Finance", team="finance")


@pytest.fixture
def two_formulas(finance):
    line = services.budget_line_create(
        actor=finance, name="Youth Service", slug="youth-service", financial_year="2026/27",
        amount_pence=120_000_000,
    )  # fmt: skip
    equal = services.formula_create(
        actor=finance, line=line, name="Equal shares", equal_share_percent=100
    )
    need = services.formula_create(
        actor=finance, line=line, name="Need-led", equal_share_percent=40, population_percent=30,
        need_percent=30, need_indicator="imd_score",
    )  # fmt: skip
    return equal, need


@pytest.fixture
def councillor(make_role, ward, finance):
    councillor = make_role("councillor", "Cllr Cole", ward=ward)
    services.ward_budgets_open(actor=finance, financial_year="2026/27")
    return councillor


@pytest.fixture
def district_team(make_role, ward):
    return make_role("officer", "Dee District", team="district_team", district=ward.district)


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My account").wait_for()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_finance_compares_two_formulas_adopts_one_and_the_district_page_shows_it(
    page, finance, two_formulas
):
    need_formula = two_formulas[1]
    _sign_in(page, finance)
    page.goto("/budgets/lines/youth-service/")
    page.get_by_role("button", name="Compare formulas").click()
    page.get_by_role("heading", name="Compare formulas for Youth Service 2026/27").wait_for()
    assert page.get_by_role("columnheader", name="Need-led").is_visible()
    page.get_by_label("Why this formula (published)").last.fill("Cabinet, 1 March 2026")
    page.get_by_role("button", name="Adopt “Need-led”").click()
    page.get_by_text("adopted and published as version 1").wait_for()
    _sign_out(page)

    page.goto("/districts/west-oldham/")
    section = page.get_by_role("region", name="Devolved budgets")
    section.get_by_role("link", name="Youth Service 2026/27").wait_for()
    amount = (
        need_formula.allocations.get()
        .rows.get(district__slug="west-oldham", ward__isnull=True)
        .amount_pence
    )
    assert f"£{amount // 100:,}.{amount % 100:02d}" in section.inner_text()
    assert "Need-led (version 1)" in section.inner_text()


def test_a_councillor_allocates_from_their_ward_budget_and_the_district_team_approves(
    page, councillor, district_team
):
    _sign_in(page, councillor)
    page.get_by_role("link", name="Allocate from my ward budget").click()
    page.get_by_label("Amount from your ward budget (£)").fill("450")
    page.get_by_label("Or the project").fill("Coldhurst bulb planting")
    page.get_by_label("What it is for").fill("Bulbs and tools for the spring planting day")
    page.get_by_label("Co-funding partner").fill("First Choice Homes Oldham")
    page.get_by_label("Partner's co-funding (£)").fill("200")
    page.get_by_role("button", name="Send for approval").click()
    page.get_by_text("Sent to the district team for approval.").wait_for()
    assert "£2,850.00 left" in page.content()
    _sign_out(page)

    _sign_in(page, district_team)
    page.get_by_role("link", name="1 ward budget allocation waiting").click()
    page.get_by_label("Decision").select_option("yes")
    page.get_by_role("button", name="Record decision for Coldhurst bulb planting").click()
    page.get_by_text("Decision recorded for Coldhurst bulb planting.").wait_for()
    allocation = WardBudgetAllocation.objects.get()
    assert allocation.status == "approved" and allocation.partner_co_funding_pence == 20_000

    page.goto("/budgets/ward-budgets/?ward=coldhurst")
    assert "Coldhurst bulb planting" in page.content() and "Approved" in page.content()
