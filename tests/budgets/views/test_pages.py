"""Web pages: public reading, forms that show the services' messages, and who sees what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coopcouncil.budgets.models import (
    AllocationFormula,
    AutonomyRequest,
    LadderChallenge,
    SpendRecord,
    WardBudgetAllocation,
)
from coopcouncil.budgets.services import (
    allocation_adopt,
    autonomy_request_assess,
    autonomy_request_submit,
    ladder_place,
)


@pytest.fixture
def adopted(finance, need_formula):
    return allocation_adopt(actor=finance, formula=need_formula)


def test_the_public_sees_adopted_allocations_with_formula_and_explanation(client, adopted):
    index = client.get("/budgets/").content.decode()
    assert "Youth Service 2026/27" in index and "West Oldham" in index
    page = client.get("/budgets/lines/youth-service/").content.decode()
    assert "Need-led" in page and "imd_score" in page and "Tackling poverty" in page
    assert "Why West Oldham gets" in page and "Rounding to whole pence" in page
    assert client.get(f"/budgets/allocations/{adopted.pk}/").status_code == 200
    assert client.get("/budgets/lines/nowhere/").status_code == 404


def test_the_district_page_shows_its_allocation(client, adopted):
    page = client.get("/districts/west-oldham/").content.decode()
    assert "Devolved budgets" in page and "Youth Service 2026/27" in page


def test_a_bad_formula_shows_the_message_on_the_form(client, finance, line):
    client.force_login(finance)
    response = client.post(
        "/budgets/lines/youth-service/formulas/",
        {"name": "Bad", "equal_share_percent": "60", "population_percent": "30",
         "need_percent": "0", "ring_fence_percent": "0"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "must add up to exactly 100%" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not AllocationFormula.objects.exists()


def test_the_finance_officer_compares_and_adopts(client, finance, equal_formula, need_formula):
    client.force_login(finance)
    page = client.get(
        f"/budgets/lines/youth-service/compare/?formula={equal_formula.pk}&formula={need_formula.pk}"
    ).content.decode()
    assert "Equal shares" in page and "Need-led" in page and "Adopt “Need-led”" in page
    response = client.post(f"/budgets/formulas/{need_formula.pk}/adopt/", {"note": "Cabinet"})
    assert response.status_code == 302
    assert "version 1" in client.get("/budgets/lines/youth-service/").content.decode().lower()


def test_comparing_a_single_formula_says_what_is_wrong(client, equal_formula):
    page = client.get(f"/budgets/lines/youth-service/compare/?formula={equal_formula.pk}")
    assert "Compare at least two formulas." in page.content.decode()


def test_a_councillor_sees_no_adopt_buttons_and_cannot_adopt(client, councillor, need_formula):
    client.force_login(councillor)
    page = client.get(f"/budgets/lines/youth-service/compare/?formula={need_formula.pk}")
    assert "Adopt" not in page.content.decode()
    client.post(f"/budgets/formulas/{need_formula.pk}/adopt/")
    assert not need_formula.allocations.exists()


CSV = (
    "date,district,line,amount_pounds,description,reference\n"
    "2026-05-01,west-oldham,youth-service,1500.00,Hall hire,INV-1\n"
)


def test_spend_import_form_imports_and_lists_row_errors(client, finance, line):
    client.force_login(finance)
    bad = CSV + "2026-05-01,atlantis,youth-service,1,x,y\n"
    response = client.post(
        "/budgets/monitoring/import/", {"file": SimpleUploadedFile("s.csv", bad.encode())}
    )
    assert response.status_code == 400
    assert "row 3: district: Unknown district &#x27;atlantis&#x27;" in response.content.decode()
    assert not SpendRecord.objects.exists()
    response = client.post(
        "/budgets/monitoring/import/", {"file": SimpleUploadedFile("s.csv", CSV.encode())}
    )
    assert response.status_code == 302 and SpendRecord.objects.count() == 1


def test_monitoring_report_and_exports_are_public(client, finance, adopted):
    page = client.get("/budgets/monitoring/").content.decode()
    assert "Budget monitoring 2026/27" in page and "West Oldham" in page
    assert client.get("/budgets/monitoring/export.csv")["Content-Type"] == "text/csv"
    assert client.get("/budgets/monitoring/export.json").json()["financial_year"] == "2026/27"


def test_the_district_team_records_a_commitment_and_errors_show(client, district_team, line, ward):
    client.force_login(district_team)
    data = {"district": ward.district.pk, "line": line.pk, "amount_pence": "£500",
            "description": "Summer scheme", "committed_on": "2026-05-01"}  # fmt: skip
    response = client.post("/budgets/monitoring/commitments/new/", {**data, "amount_pence": "x"})
    assert response.status_code == 400 and "is not an amount of money" in response.content.decode()
    assert client.post("/budgets/monitoring/commitments/new/", data).status_code == 302
    assert line.commitments.get().amount_pence == 50_000


def test_a_district_team_asks_for_autonomy_and_finance_assesses(
    client, district_team, finance, ward
):
    client.force_login(district_team)
    response = client.post(
        "/budgets/autonomy/",
        {"district": ward.district.pk, "title": "Youth budget", "justification": "Local",
         "amount_pence": "1000", "outcomes_promised": "More youth nights"},
    )  # fmt: skip
    request = AutonomyRequest.objects.get()
    assert response.status_code == 302
    client.force_login(finance)
    response = client.post(
        f"/budgets/autonomy/{request.pk}/assess/",
        {"is_risk_assessment_passed": "false", "reason_risk_mitigation": "No safeguarding lead"},
    )
    assert response.status_code == 302
    page = client.get(f"/budgets/autonomy/{request.pk}/").content.decode()
    assert "Not yet" in page and "No safeguarding lead" in page


def test_cabinet_decision_form_needs_a_reason(client, administrator, district_team, finance, ward):
    request = autonomy_request_submit(
        actor=district_team, district=ward.district, title="T", justification="J",
        outcomes_promised="O",
    )  # fmt: skip
    autonomy_request_assess(actor=finance, request=request)
    client.force_login(administrator)
    url = f"/budgets/autonomy/{request.pk}/cabinet/"
    response = client.post(url, {"is_granted": "yes", "reason": "", "decided_on": "2026-03-01"})
    assert response.status_code == 400
    client.post(url, {"is_granted": "yes", "reason": "Agreed", "decided_on": "2026-03-01"})
    assert "Youth" not in client.get("/districts/west-oldham/").content.decode()
    assert ">T</a>" in client.get("/districts/west-oldham/").content.decode()


def test_a_resident_challenges_the_ladder_and_the_answer_is_published(
    client, administrator, make_resident, ward
):
    ladder_place(actor=administrator, service="Parks", rung="consultation", reason_not_further="C")
    client.force_login(make_resident(ward))
    response = client.post(
        "/budgets/ladder/parks/challenge/", {"proposed_rung": "co_production", "argument": "We can"}
    )
    assert response.status_code == 302
    challenge = LadderChallenge.objects.get()
    client.force_login(administrator)
    client.post(f"/budgets/ladder/answers/{challenge.pk}/", {"is_upheld": "yes", "answer": "Yes"})
    page = client.get("/budgets/ladder/").content.decode()
    assert "Co-production" in page and "Upheld" in page


def test_an_empty_challenge_shows_an_error(client, administrator, make_resident, ward):
    ladder_place(actor=administrator, service="Parks", rung="consultation", reason_not_further="C")
    client.force_login(make_resident(ward))
    response = client.post(
        "/budgets/ladder/parks/challenge/", {"proposed_rung": "consultation", "argument": "x"}
    )
    assert response.status_code == 400 and "Choose a different rung" in response.content.decode()


def test_a_councillor_allocates_from_the_ward_budget_page(client, ward_budget, councillor):
    client.force_login(councillor)
    assert "£3,300.00 left" in client.get("/budgets/ward-budgets/mine/").content.decode()
    response = client.post(
        "/budgets/ward-budgets/mine/",
        {"amount_pence": "5000", "recipient_project": "Bulbs", "purpose": "Planting"},
    )
    assert (
        response.status_code == 400
        and "is more than the £3,300.00 left" in response.content.decode()
    )
    client.post(
        "/budgets/ward-budgets/mine/",
        {"amount_pence": "500", "recipient_project": "Bulbs", "purpose": "Planting"},
    )
    assert WardBudgetAllocation.objects.get().amount_pence == 50_000
    assert "£2,800.00 left" in client.get("/accounts/profile/").content.decode()


def test_an_ineligible_councillor_is_told_why(
    client, ward_budget, councillor, programme_without_attendance
):
    client.force_login(councillor)
    page = client.get("/budgets/ward-budgets/mine/").content.decode()
    assert "You cannot allocate your ward budget" in page and "Local Leaders" in page


def test_the_decision_queue_shows_only_the_officers_own_districts(
    client, ward_budget, councillor, make_role, other_ward
):
    client.force_login(councillor)
    client.post(
        "/budgets/ward-budgets/mine/",
        {"amount_pence": "500", "recipient_project": "Bulbs", "purpose": "Planting"},
    )
    elsewhere = make_role(
        "officer", "Olu Other", team="district_team", district=other_ward.district
    )
    client.force_login(elsewhere)
    page = client.get("/budgets/ward-budgets/decisions/").content.decode()
    assert "Bulbs" not in page and "This page is for district team officers." not in page


def test_the_district_team_approves_and_the_ward_page_publishes_it(
    client, ward_budget, councillor, district_team
):
    client.force_login(councillor)
    client.post(
        "/budgets/ward-budgets/mine/",
        {"amount_pence": "500", "recipient_project": "Bulbs", "purpose": "Planting"},
    )
    allocation = WardBudgetAllocation.objects.get()
    client.force_login(district_team)
    assert "Bulbs" in client.get("/budgets/ward-budgets/decisions/").content.decode()
    client.post(
        f"/budgets/ward-budgets/allocations/{allocation.pk}/decide/", {"is_approved": "yes"}
    )
    allocation.refresh_from_db()
    assert allocation.status == "approved"
    page = client.get("/budgets/ward-budgets/?ward=coldhurst").content.decode()
    assert "Bulbs" in page and "Approved" in page


def test_finance_opens_the_ward_budget_year_from_the_web_and_again_is_harmless(
    client, finance, councillor
):
    from coopcouncil.budgets.models import WardBudget

    client.force_login(finance)
    page = client.get("/budgets/ward-budgets/open/").content.decode()
    assert 'value="3,300.00"' in page
    data = {"financial_year": "2026/27", "amount_pence": "3,300.00"}
    assert client.post("/budgets/ward-budgets/open/", data).status_code == 302
    assert WardBudget.objects.get(councillor=councillor).amount_pence == 330_000
    response = client.post("/budgets/ward-budgets/open/", data, follow=True)
    assert "0 new ward budgets opened for 2026/27" in response.content.decode()
    assert WardBudget.objects.count() == 1


def test_opening_ward_budgets_shows_field_errors_and_is_for_finance(client, finance, councillor):
    from coopcouncil.budgets.models import WardBudget

    client.force_login(finance)
    response = client.post(
        "/budgets/ward-budgets/open/", {"financial_year": "2026", "amount_pence": "3300"}
    )
    assert response.status_code == 400 and "write it like 2026/27" in response.content.decode()
    response = client.post(
        "/budgets/ward-budgets/open/", {"financial_year": "2026/27", "amount_pence": "-1"}
    )
    assert response.status_code == 400 and "£0.00 or more" in response.content.decode()
    client.force_login(councillor)
    response = client.post(
        "/budgets/ward-budgets/open/", {"financial_year": "2026/27", "amount_pence": "3300"}
    )
    assert response.status_code == 403 and not WardBudget.objects.exists()


def _page_queries(client, django_assert_max_num_queries, url, most):
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_public_pages_do_not_query_per_row(
    client, django_assert_max_num_queries, finance, need_formula, equal_formula, ward_budget,
    councillor, community_group,
):  # fmt: skip
    """Query counts stay flat however many districts, wards, lines and allocations there are."""
    from coopcouncil.budgets.services import (
        budget_line_create,
        budget_line_devolve_to_wards,
        formula_create,
        ward_budget_allocate,
    )

    allocation_adopt(actor=finance, formula=need_formula)
    second = budget_line_create(
        actor=finance, name="Parks", slug="parks", financial_year="2026/27", amount_pence=9_000_000
    )
    formula = formula_create(actor=finance, line=second, name="Equal", equal_share_percent=100)
    allocation_adopt(actor=finance, formula=formula)
    budget_line_devolve_to_wards(actor=finance, line=second)
    for amount in (10_000, 20_000, 30_000):
        ward_budget_allocate(
            actor=councillor, ward_budget=ward_budget, amount_pence=amount, purpose="Bulbs",
            recipient_organisation=community_group,
        )  # fmt: skip
    for url, most in (
        ("/budgets/", 8),
        ("/budgets/lines/youth-service/", 10),
        ("/budgets/ward-budgets/", 8),
        ("/budgets/ward-budgets/?ward=coldhurst", 10),
        ("/budgets/monitoring/", 15),
    ):
        _page_queries(client, django_assert_max_num_queries, url, most)


def test_the_assessor_comments_beside_figures_and_each_bar_says_who_set_it(
    client, district_team, finance, ward
):
    from decimal import Decimal

    from coopcouncil.budgets.services import autonomy_threshold_set

    request = autonomy_request_submit(
        actor=district_team, district=ward.district, title="T", justification="J",
        outcomes_promised="O",
    )  # fmt: skip
    autonomy_threshold_set(
        actor=finance, district=ward.district, benchmark="citizen_participation",
        value=Decimal(40), reason="Agreed with the partnership",
    )  # fmt: skip
    client.force_login(finance)
    form = client.get(f"/budgets/autonomy/{request.pk}/").content.decode()
    assert 'name="comment_local_leaders"' in form and 'name="questions_asked"' not in form
    response = client.post(
        f"/budgets/autonomy/{request.pk}/assess/",
        {"is_risk_assessment_passed": "true", "comment_minutes_on_time": "Clerk vacancy"},
    )
    assert response.status_code == 302
    page = client.get(f"/budgets/autonomy/{request.pk}/").content.decode()
    assert "Assessor's commentary: Clerk vacancy" in page
    assert "Minutes published on time (%)" in page
    assert "for this district, set by Fran Finance on" in page
