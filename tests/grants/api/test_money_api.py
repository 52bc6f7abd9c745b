"""The grants API after the award: monitoring reports (requested, submitted, late ones
flagged), clawback into the fund, the fund list's fixed query count, and an award's standing
under a call-in. Allowed, refused and bad input, in the shared error shape."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from coopcouncil.grants import selectors

BACKEND = "django.contrib.auth.backends.ModelBackend"
BASE = "/api/v1/grants"


def _post(client, path, body):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def _request_report(client, officer, application, due_on):
    client.force_login(officer, backend=BACKEND)
    return _post(client, f"/applications/{application.pk}/reports", {"due_on": str(due_on)})


REPORT = {
    "outcomes_achieved": "Turbine ordered",
    "volunteers": 10,
    "volunteer_hours": 120,
    "people_reached": 300,
    "spend_pence": 900_000,
}


def test_the_district_team_requests_a_report_and_the_group_submits_it(
    client, awarded, district_officer, member
):
    due = timezone.localdate() + timedelta(days=30)
    requested = _request_report(client, district_officer, awarded, due)
    assert requested.status_code == 201, requested.json()
    assert requested.json()["submitted_at"] is None
    client.force_login(member, backend=BACKEND)
    path = f"/applications/{awarded.pk}/reports/{requested.json()['id']}/submit"
    submitted = _post(client, path, REPORT)
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["people_reached"] == 300
    assert submitted.json()["is_late"] is False
    assert _post(client, path, REPORT).json()["code"] == "report_submitted"


def test_only_the_district_team_requests_a_report(client, awarded, member, finance):
    due = timezone.localdate() + timedelta(days=30)
    assert _request_report(client, member, awarded, due).status_code == 403
    assert _request_report(client, finance, awarded, due).status_code == 403


def test_a_report_request_without_a_proper_date_is_invalid(client, awarded, district_officer):
    response = _request_report(client, district_officer, awarded, "next tuesday")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_report_is_requested_only_of_an_award(
    client, make_application, district_officer, partnership
):
    application = make_application()
    due = timezone.localdate() + timedelta(days=30)
    response = _request_report(client, district_officer, application, due)
    assert response.status_code == 409
    assert response.json()["code"] == "not_awarded"


def test_only_the_funded_group_submits_its_report(client, awarded, district_officer):
    due = timezone.localdate() + timedelta(days=30)
    report = _request_report(client, district_officer, awarded, due).json()
    path = f"/applications/{awarded.pk}/reports/{report['id']}/submit"
    assert _post(client, path, REPORT).status_code == 403


def test_a_report_with_negative_figures_or_no_outcomes_is_refused_field_by_field(
    client, awarded, district_officer, member
):
    due = timezone.localdate() + timedelta(days=30)
    report = _request_report(client, district_officer, awarded, due).json()
    client.force_login(member, backend=BACKEND)
    path = f"/applications/{awarded.pk}/reports/{report['id']}/submit"
    negative = _post(client, path, {**REPORT, "volunteers": -1})
    assert negative.status_code == 400
    assert "volunteers" in negative.json()["errors"]
    blank = _post(client, path, {**REPORT, "outcomes_achieved": " "})
    assert blank.status_code == 400
    assert "outcomes_achieved" in blank.json()["errors"]
    malformed = _post(client, path, {**REPORT, "spend_pence": "a lot"})
    assert malformed.status_code == 400
    assert malformed.json()["code"] == "invalid"


def test_an_unknown_report_is_404(client, awarded, member):
    client.force_login(member, backend=BACKEND)
    response = _post(client, f"/applications/{awarded.pk}/reports/999999/submit", REPORT)
    assert response.status_code == 404
    assert response.json()["code"] == "report_not_found"


def test_the_report_list_flags_late_reports(client, awarded, district_officer, member):
    today = timezone.localdate()
    _request_report(client, district_officer, awarded, today - timedelta(days=1))
    _request_report(client, district_officer, awarded, today + timedelta(days=30))
    client.force_login(member, backend=BACKEND)
    listed = client.get(f"{BASE}/applications/{awarded.pk}/reports").json()
    assert [report["is_late"] for report in listed] == [True, False]


def test_an_outsider_may_not_list_the_reports(client, awarded, make_user):
    client.force_login(make_user(), backend=BACKEND)
    assert client.get(f"{BASE}/applications/{awarded.pk}/reports").status_code == 403


def test_finance_claws_back_unspent_money_into_the_fund(client, awarded, finance, fund):
    before = selectors.fund_money(fund).income_pence
    client.force_login(finance, backend=BACKEND)
    body = {"amount_pence": 250_000, "reason": "Unspent"}
    response = _post(client, f"/applications/{awarded.pk}/clawbacks", body)
    assert response.status_code == 201, response.json()
    assert response.json()["fund"] == fund.slug
    assert selectors.fund_money(fund).income_pence == before + 250_000


def test_only_finance_claws_back(client, awarded, district_officer, member):
    body = {"amount_pence": 250_000, "reason": "Unspent"}
    for person in (district_officer, member):
        client.force_login(person, backend=BACKEND)
        assert _post(client, f"/applications/{awarded.pk}/clawbacks", body).status_code == 403


def test_a_clawback_beyond_the_award_or_of_nothing_is_refused(client, awarded, finance, fund):
    client.force_login(finance, backend=BACKEND)
    path = f"/applications/{awarded.pk}/clawbacks"
    too_much = _post(client, path, {"amount_pence": 2_000_001, "reason": "Unspent"})
    assert too_much.status_code == 409
    assert too_much.json()["code"] == "clawback_exceeds_award"
    nothing = _post(client, path, {"amount_pence": 0, "reason": "Unspent"})
    assert nothing.status_code == 400
    assert "amount_pence" in nothing.json()["errors"]
    no_reason = _post(client, path, {"amount_pence": 100, "reason": ""})
    assert "reason" in no_reason.json()["errors"]
    assert _post(client, path, {"amount_pence": "all"}).json()["code"] == "invalid"
    assert selectors.fund_money(fund).clawed_back_pence == 0


def test_the_fund_list_reads_the_same_queries_however_many_funds(
    client, awarded, district_officer, django_assert_max_num_queries
):
    """One query for every fund and its money, so the count does not grow with funds."""
    from coopcouncil.grants import services

    with django_assert_max_num_queries(1) as captured:
        assert client.get(f"{BASE}/funds").status_code == 200
    few = len(captured)
    for n in range(4):
        fund = services.fund_create(actor=district_officer, name=f"Fund {n}", slug=f"fund-{n}")
        services.fund_income_record(
            actor=None, fund=fund, amount_pence=1_000 + n, source="test", reference="r"
        )
    with django_assert_max_num_queries(few):
        listed = client.get(f"{BASE}/funds").json()
    assert len(listed) == 5
    for row in listed:
        money = selectors.fund_money(selectors.fund_get(row["slug"]))
        assert (row["income_pence"], row["awarded_pence"]) == (
            money.income_pence,
            money.awarded_pence,
        )


def test_an_award_shows_its_standing_under_a_call_in(client, awarded, member, make_resident):
    from coopcouncil.democracy.models import CallInPetition
    from coopcouncil.democracy.services import decisions

    client.force_login(member, backend=BACKEND)
    path = f"{BASE}/applications/{awarded.pk}"
    assert client.get(path).json()["award_standing"] == "in_force"
    CallInPetition.objects.filter(decision=awarded.decision).update(threshold=1)
    decision = decisions.call_in_decision_get(awarded.decision_id)
    decisions.call_in_sign(resident=make_resident(awarded.ward), decision=decision)
    assert client.get(path).json()["award_standing"] == "suspended"


def test_a_report_with_figures_too_large_to_hold_is_invalid(
    client, awarded, district_officer, member
):
    due = timezone.localdate() + timedelta(days=30)
    report = _request_report(client, district_officer, awarded, due).json()
    client.force_login(member, backend=BACKEND)
    path = f"/applications/{awarded.pk}/reports/{report['id']}/submit"
    response = _post(client, path, {**REPORT, "people_reached": 2**40})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
