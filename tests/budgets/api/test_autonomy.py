"""API for autonomy requests, scorecards, Cabinet decisions and the ladder."""

BASE = "/api/v1/budgets"
REQUEST = {
    "district": "west-oldham",
    "title": "Youth Service budget",
    "justification": "Closer to young people",
    "outcomes_promised": "Two more youth nights",
    "amount_pence": 5_000_000,
}


def test_the_request_journey_through_assessment_and_cabinet(
    post, client, district_team, finance, administrator, places
):
    created = post(f"{BASE}/autonomy-requests", REQUEST, district_team)
    assert created.status_code == 201
    url = f"{BASE}/autonomy-requests/{created.json()['id']}"
    assessed = post(f"{url}/assessment", {"is_risk_assessment_passed": True}, finance)
    assert assessed.status_code == 200 and assessed.json()["recommendation"] == "devolve"
    rows = {row["key"]: row for row in client.get(url).json()["scorecard"]}
    assert rows["risk_mitigation"]["outcome"] == "pass"
    assert rows["financial_aptitude"]["outcome"] == "no data"
    assert rows["financial_aptitude"]["data_from"].startswith("no data")
    decided = post(
        f"{url}/cabinet-decision",
        {"is_granted": True, "reason": "Cabinet 12 March", "decided_on": "2026-03-12"},
        administrator,
    )
    assert decided.json()["status"] == "granted"
    assert client.get(f"{BASE}/autonomy-requests?district=west-oldham").json()[0]["id"]


def test_requests_and_decisions_are_refused_to_the_wrong_people(
    post, councillor, district_team, finance, places
):
    assert post(f"{BASE}/autonomy-requests", {**REQUEST, "district": "chadderton"},
                district_team).status_code == 403  # fmt: skip
    created = post(f"{BASE}/autonomy-requests", REQUEST, district_team).json()
    url = f"{BASE}/autonomy-requests/{created['id']}"
    assert post(f"{url}/assessment", {}, councillor).status_code == 403
    post(f"{url}/assessment", {}, finance)
    body = {"is_granted": True, "reason": "x", "decided_on": "2026-03-12"}
    assert post(f"{url}/cabinet-decision", body, finance).status_code == 403


def test_bad_autonomy_input_is_400_with_fields(post, district_team, finance, places):
    response = post(f"{BASE}/autonomy-requests", {**REQUEST, "outcomes_promised": ""},
                    district_team)  # fmt: skip
    assert response.status_code == 400 and "outcomes_promised" in response.json()["errors"]
    created = post(f"{BASE}/autonomy-requests", REQUEST, district_team).json()
    url = f"{BASE}/autonomy-requests/{created['id']}/assessment"
    response = post(url, {"reasons_failure_matters": {"vibes": "x"}}, finance)
    assert response.status_code == 400 and "reasons_failure_matters" in response.json()["errors"]
    response = post(url, {"pulse_survey_score": "high"}, finance)
    assert response.status_code == 400 and "pulse_survey_score" in response.json()["errors"]


def test_the_ladder_placement_challenge_and_answer(
    post, client, administrator, make_resident, ward
):
    placed = post(
        f"{BASE}/ladder",
        {"service": "Parks", "rung": "consultation", "reason_not_further": "Contract"},
        administrator,
    )
    assert placed.status_code == 201
    resident = make_resident(ward)
    challenge = post(
        f"{BASE}/ladder/parks/challenges",
        {"proposed_rung": "devolved_control", "argument": "Friends groups run them"},
        resident,
    )
    assert challenge.status_code == 201
    answered = post(
        f"{BASE}/ladder/challenges/{challenge.json()['id']}/answer",
        {"is_upheld": False, "answer": "Contract runs to 2027"},
        administrator,
    )
    assert answered.json()["status"] == "not_upheld"
    ladder = client.get(f"{BASE}/ladder").json()
    assert ladder[0]["challenges"][0]["answer"] == "Contract runs to 2027"


def test_the_ladder_refuses_the_wrong_people_and_bad_input(post, administrator, make_user, places):
    body = {"service": "Parks", "rung": "consultation", "reason_not_further": "Contract"}
    assert post(f"{BASE}/ladder", body, make_user()).status_code == 403
    response = post(f"{BASE}/ladder", {**body, "rung": "top"}, administrator)
    assert response.status_code == 400 and "rung" in response.json()["errors"]
    post(f"{BASE}/ladder", body, administrator)
    challenge = {"proposed_rung": "co_production", "argument": "x"}
    assert post(f"{BASE}/ladder/parks/challenges", challenge, make_user()).status_code == 403
    assert post(f"{BASE}/ladder/none/challenges", challenge, make_user()).status_code == 404
    answer = {"is_upheld": True, "answer": "ok"}
    assert post(f"{BASE}/ladder/challenges/9/answer", answer, administrator).status_code == 404


def test_an_assessment_may_not_send_a_computed_figure_but_may_comment(
    post, client, district_team, finance, places
):
    created = post(f"{BASE}/autonomy-requests", REQUEST, district_team).json()
    url = f"{BASE}/autonomy-requests/{created['id']}"
    typed_over = post(f"{url}/assessment", {"questions_asked": 9_999}, finance)
    assert typed_over.status_code in (400, 422) and "code" in typed_over.json()
    assert client.get(url).json()["status"] == "submitted"
    commented = post(
        f"{url}/assessment", {"commentary": {"transparency": "The clerk was off sick."}}, finance
    )
    rows = {row["key"]: row for row in commented.json()["scorecard"]}
    assert rows["transparency"]["commentary"] == "The clerk was off sick."


def test_thresholds_are_set_by_finance_and_shown_with_who_and_when(
    post, client, district_team, finance, places
):
    body = {"district": "west-oldham", "benchmark": "minutes_on_time", "value": "80",
            "reason": "Agreed at the partnership, 4 March"}  # fmt: skip
    assert post(f"{BASE}/autonomy-thresholds", body, district_team).status_code == 403
    assert post(f"{BASE}/autonomy-thresholds", body, finance).status_code == 201
    bad = post(f"{BASE}/autonomy-thresholds", {**body, "benchmark": "vibes"}, finance)
    assert bad.status_code == 400 and bad.json()["errors"]["benchmark"]
    in_force = {
        row["benchmark"]: row
        for row in client.get(f"{BASE}/autonomy-thresholds?district=west-oldham").json()
    }
    assert in_force["minutes_on_time"]["scope"] == "district"
    assert in_force["minutes_on_time"]["set_by"] == "Fran Finance"
    assert in_force["local_leaders"]["scope"] == "policy"
    history = client.get(f"{BASE}/autonomy-thresholds/history?district=west-oldham").json()
    assert [(t["benchmark"], t["reason"]) for t in history] == [
        ("minutes_on_time", "Agreed at the partnership, 4 March")
    ]
