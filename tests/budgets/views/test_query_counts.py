"""Devolved-money pages and API reads run as many queries for ten times the content.

Each test adds SMALL of something (budget lines, commitments and spend, autonomy requests,
ladder services, ward budget allocations), counts the queries of its pages, adds more up to
LARGE and counts again: the counts must be equal.
"""

from __future__ import annotations

from datetime import date

import pytest

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import Allocation, AutonomyRequest, WardBudget
from coopcouncil.people.models import Organisation
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db

SMALL = 2
LARGE = 10 * SMALL


def _counts_for_both(client, add, urls, *people) -> list[dict[str, int]]:
    """Query counts of each page after `add(0, SMALL)` and again after `add(SMALL, LARGE)`.

    `urls()` names the pages, read after each addition, for each of `people` (None: signed
    out; nobody given: signed out only).
    """
    counts = []
    for start, stop in ((0, SMALL), (SMALL, LARGE)):
        add(start, stop)
        seen = {}
        for person in people or (None,):
            if person is None:
                client.logout()
            else:
                client.force_login(person)
            for name, url in urls().items():
                seen[f"{person or 'signed out'}: {name}"] = counted_get(client, url)[0]
        counts.append(seen)
    return counts


@pytest.fixture
def wards(ward):
    return list(ward.district.wards.order_by("name"))


@pytest.fixture
def add_lines(finance, line, wards):
    """Lines `start`…`stop` with an adopted formula (odd ones devolved on to wards), and one
    more formula adopted as a new version of the Youth Service line each time."""

    def add(start: int, stop: int) -> None:
        for i in range(start, stop):
            new = services.budget_line_create(
                actor=finance, name=f"Line {i}", slug=f"line-{i}", financial_year="2026/27",
                amount_pence=1_000_000 * (i + 1), is_devolved_to_wards=bool(i % 2),
            )  # fmt: skip
            formula = services.formula_create(
                actor=finance, line=new, name="Half and half", equal_share_percent=50,
                population_percent=50,
            )  # fmt: skip
            services.allocation_adopt(actor=finance, formula=formula)
            version = services.formula_create(
                actor=finance, line=line, name=f"Mix {i}", equal_share_percent=100 - i,
                population_percent=i,
            )  # fmt: skip
            services.allocation_adopt(actor=finance, formula=version)

    return add


@pytest.fixture
def add_money_movements(finance, add_lines, ward, wards):
    """Lines as `add_lines`, each with a commitment and a row of imported spend (odd ones
    naming a ward)."""

    def add(start: int, stop: int) -> None:
        add_lines(start, stop)
        csv = "date,district,line,amount_pounds,description,reference,ward\n"
        for i in range(start, stop):
            named = wards[i % len(wards)] if i % 2 else None
            services.commitment_record(
                actor=finance, district=ward.district, line=selectors.line_get(f"line-{i}"),
                amount_pence=1_000 + i, description=f"Commitment {i}",
                committed_on=date(2026, 5, 1), ward=named,
            )  # fmt: skip
            csv += (
                f"2026-05-0{1 + i % 9},{ward.district.slug},line-{i},{10 + i}.00,Spend {i},"
                f"REF-{i},{named.slug if named else ''}\n"
            )
        services.spend_import(actor=finance, text=csv, file_name=f"spend-{start}.csv")

    return add


@pytest.fixture
def add_autonomy_requests(finance, district_team, administrator, ward):
    """Assessed autonomy requests `start`…`stop`; Cabinet grants the odd ones."""

    def add(start: int, stop: int) -> None:
        for i in range(start, stop):
            request = services.autonomy_request_submit(
                actor=district_team, district=ward.district, title=f"Power {i}",
                justification="We know the area.", outcomes_promised="More done locally.",
                amount_pence=100 * (i + 1),
            )  # fmt: skip
            services.autonomy_request_assess(actor=finance, request=request)
            if i % 2:
                services.autonomy_cabinet_decide(
                    actor=administrator, request=request, is_granted=True, reason="Agreed",
                    decided_on=date(2026, 3, 1),
                )  # fmt: skip

    return add


@pytest.fixture
def add_ladder_services(administrator, make_resident, ward):
    """Services `start`…`stop` on the ladder, each challenged; the odd challenges answered."""

    def add(start: int, stop: int) -> None:
        for i in range(start, stop):
            placement = services.ladder_place(
                actor=administrator, service=f"Service {i}", rung="consultation",
                reason_not_further="Not yet.",
            )  # fmt: skip
            challenge = services.ladder_challenge_submit(
                actor=make_resident(ward), placement=placement, proposed_rung="co_production",
                argument="We can run it.",
            )  # fmt: skip
            if i % 2:
                services.ladder_challenge_answer(
                    actor=administrator, challenge=challenge, is_upheld=True, answer="Yes."
                )

    return add


@pytest.fixture
def add_ward_allocations(finance, district_team, ward_budget, make_role, wards):
    """Councillors `start`…`stop` in the district's wards, each giving from their ward budget,
    and as many gifts from Cllr Cole's budget to community groups (the odd ones approved)."""

    def add(start: int, stop: int) -> None:
        for i in range(start, stop):
            make_role("councillor", f"Cllr {i}", ward=wards[i % len(wards)])
        services.ward_budgets_open(actor=finance, financial_year="2026/27")
        for i in range(start, stop):
            group = Organisation.objects.create(
                name=f"Group {i}", slug=f"group-{i}", kind="community_group"
            )
            gift = services.ward_budget_allocate(
                actor=ward_budget.councillor, ward_budget=ward_budget, amount_pence=100 + i,
                purpose="Bulbs", recipient_organisation=group,
            )  # fmt: skip
            if i % 2:
                services.ward_allocation_decide(
                    actor=district_team, allocation=gift, is_approved=True
                )
            theirs = WardBudget.objects.get(councillor__full_name=f"Cllr {i}")
            services.ward_budget_allocate(
                actor=theirs.councillor, ward_budget=theirs, amount_pence=100 + i,
                purpose="Benches", recipient_project=f"Project {i}",
            )  # fmt: skip

    return add


def _line_pages() -> dict[str, str]:
    latest = Allocation.objects.filter(line__slug="youth-service").order_by("-version").first()
    return {
        "index": "/budgets/",
        "line": "/budgets/lines/youth-service/",
        "allocation": f"/budgets/allocations/{latest.pk}/",
        "district": "/districts/west-oldham/",
    }


def test_budget_pages_queries_do_not_grow_with_lines_and_versions(client, add_lines, finance):
    small, large = _counts_for_both(client, add_lines, _line_pages, None, finance)
    assert small == large


def test_scenario_comparison_queries_do_not_grow_with_formulas(client, add_lines, finance):
    def urls():
        formulas = selectors.formula_list(selectors.line_get("youth-service"))
        chosen = "&".join(f"formula={formula.pk}" for formula in formulas)
        return {"compare": f"/budgets/lines/youth-service/compare/?{chosen}"}

    small, large = _counts_for_both(client, add_lines, urls, finance)
    assert small == large


def test_allocation_api_reads_do_not_grow_with_lines_and_versions(client, add_lines):
    def urls():
        latest = Allocation.objects.order_by("-pk").first()
        return {
            "lines": "/api/v1/budgets/lines",
            "formulas": "/api/v1/budgets/lines/youth-service/formulas",
            "allocations": "/api/v1/budgets/allocations",
            "allocation": f"/api/v1/budgets/allocations/{latest.pk}",
        }

    small, large = _counts_for_both(client, add_lines, urls)
    assert small == large


def test_monitoring_page_queries_do_not_grow_with_commitments_and_spend(
    client, add_money_movements, finance
):
    def urls():
        return {
            "page": "/budgets/monitoring/",
            "csv": "/budgets/monitoring/export.csv",
            "json": "/budgets/monitoring/export.json",
            "district": "/districts/west-oldham/",
            "api": "/api/v1/budgets/monitoring",
            "api commitments": "/api/v1/budgets/commitments",
        }

    small, large = _counts_for_both(client, add_money_movements, urls, None, finance)
    assert small == large


def test_autonomy_pages_queries_do_not_grow_with_requests(
    client, add_autonomy_requests, district_team, finance, administrator
):
    def urls():
        first = AutonomyRequest.objects.order_by("pk").first()
        return {
            "list": "/budgets/autonomy/",
            "request": f"/budgets/autonomy/{first.pk}/",
            "district": "/districts/west-oldham/",
            "api list": "/api/v1/budgets/autonomy-requests",
            "api request": f"/api/v1/budgets/autonomy-requests/{first.pk}",
        }

    small, large = _counts_for_both(
        client, add_autonomy_requests, urls, None, district_team, finance, administrator
    )
    assert small == large


def test_ladder_queries_do_not_grow_with_services_and_challenges(
    client, add_ladder_services, administrator
):
    def urls():
        return {"page": "/budgets/ladder/", "api": "/api/v1/budgets/ladder"}

    small, large = _counts_for_both(client, add_ladder_services, urls, None, administrator)
    assert small == large


def test_ward_budgets_pages_queries_do_not_grow_with_allocations(client, add_ward_allocations):
    def urls():
        return {
            "all wards": "/budgets/ward-budgets/",
            "one ward": "/budgets/ward-budgets/?ward=coldhurst",
            "ward page": "/wards/coldhurst/",
            "api budgets": "/api/v1/budgets/ward-budgets",
            "api allocations": "/api/v1/budgets/ward-allocations",
        }

    small, large = _counts_for_both(client, add_ward_allocations, urls)
    assert small == large


def test_councillors_own_ward_budget_queries_do_not_grow_with_allocations(
    client, add_ward_allocations, councillor
):
    def urls():
        return {
            "page": "/budgets/ward-budgets/mine/",
            "api": "/api/v1/budgets/ward-budgets/mine",
            "profile": "/accounts/profile/",
        }

    small, large = _counts_for_both(client, add_ward_allocations, urls, councillor)
    assert small == large


def test_ward_decision_queue_queries_do_not_grow_with_pending_allocations(
    client, add_ward_allocations, district_team, administrator
):
    def urls():
        return {"queue": "/budgets/ward-budgets/decisions/"}

    small, large = _counts_for_both(
        client, add_ward_allocations, urls, district_team, administrator
    )
    assert small == large
