"""Pages for ward polls, cost centres and the commitments sync: plain forms, no JavaScript."""

from datetime import timedelta

from django.utils import timezone

from coopcouncil.budgets.models import CostCentre, WardPoll, WardPollVote
from coopcouncil.budgets.services import ward_budget_allocate, ward_poll_open, ward_poll_vote
from coopcouncil.people.models import Residency
from tests.conftest import counted_get


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_councillor_sets_up_a_poll_from_a_form_and_errors_land_on_fields(
    client, ward_budget, councillor
):
    client.force_login(councillor)
    now = timezone.now()
    form = {
        "question": "What should we fund?",
        "options": "Benches\nBulbs\n",
        "opens_at": _local(now),
        "closes_at": _local(now + timedelta(days=7)),
    }
    refused = client.post("/budgets/ward-budgets/mine/polls/new/", {**form, "options": "Benches"})
    assert refused.status_code == 400 and "Give between 2 and 5 options" in refused.content.decode()
    response = client.post("/budgets/ward-budgets/mine/polls/new/", form)
    poll = WardPoll.objects.get()
    assert response.status_code == 302 and response.url == f"/budgets/ward-budgets/polls/{poll.pk}/"


def _poll(ward_budget, councillor):
    now = timezone.now()
    return ward_poll_open(
        actor=councillor,
        ward_budget=ward_budget,
        question="What should we fund?",
        options=["Benches", "Bulbs"],
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
    )


def test_a_resident_votes_on_the_page_and_another_wards_resident_is_told_why_not(
    client, ward_budget, councillor, make_resident, ward, other_ward
):
    poll = _poll(ward_budget, councillor)
    url = f"/budgets/ward-budgets/polls/{poll.pk}/"
    client.force_login(make_resident(other_ward))
    page = client.get(url).content.decode()
    assert "you are verified in" in page and 'name="option"' not in page
    refused = client.post(f"{url}vote/", {"option": poll.options.first().pk})
    assert refused.status_code == 403 and not WardPollVote.objects.exists()
    client.force_login(make_resident(ward))
    assert client.post(f"{url}vote/", {"option": poll.options.first().pk}).status_code == 302
    again = client.post(f"{url}vote/", {"option": poll.options.first().pk})
    assert again.status_code == 409 and WardPollVote.objects.count() == 1


def test_the_result_is_shown_next_to_the_allocation_with_the_councillors_reason(
    client, ward_budget, councillor, make_resident, ward
):
    poll = _poll(ward_budget, councillor)
    for label in ["Bulbs", "Bulbs", "Benches"]:
        ward_poll_vote(actor=make_resident(ward), poll=poll, option=poll.options.get(label=label))
    # Close the poll now: the residents were verified before it closed, so they count.
    Residency.objects.update(verified_at=timezone.now() - timedelta(hours=1))
    poll.closes_at = timezone.now() - timedelta(seconds=1)
    poll.save()
    ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=40_000,
        purpose="Spring bulbs",
        recipient_project="Bulbs",
        ward_poll_option=poll.options.get(label="Bulbs"),
        councillor_reason="Residents asked at two meetings",
    )
    page = client.get("/budgets/ward-budgets/?ward=coldhurst").content.decode()
    assert "Ward poll" in page and "What should we fund?" in page
    assert "2 votes" in page and "66.7%" in page and "Turnout: 3 of 3" in page
    assert "Residents asked at two meetings" in page


def test_finance_maps_a_cost_centre_on_the_page(client, finance, line, ward, district_team):
    client.force_login(finance)
    form = {"code": "CC4410", "district": ward.district.pk, "line": line.pk, "ward": ""}
    assert client.post("/budgets/monitoring/cost-centres/", form).status_code == 302
    assert CostCentre.objects.get().code == "CC4410"
    assert "CC4410" in client.get("/budgets/monitoring/cost-centres/").content.decode()
    client.force_login(district_team)
    refused = client.post("/budgets/monitoring/cost-centres/", {**form, "code": "CC2"})
    assert refused.status_code == 403


def test_the_sync_page_lists_what_is_not_yet_committed_and_commits_it(
    client, finance, line, ward_budget, councillor, district_team
):
    from coopcouncil.budgets.models import Commitment
    from coopcouncil.budgets.services import ward_allocation_decide

    allocation = ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=30_000,
        purpose="Bins",
        recipient_project="New bins",
    )
    ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)
    client.force_login(finance)
    page = client.get("/budgets/monitoring/commitments/sync/?year=2026/27").content.decode()
    assert "New bins" in page
    form = {"financial_year": "2026/27", "ward_allocation_line": line.pk}
    assert client.post("/budgets/monitoring/commitments/sync/", form).status_code == 302
    assert Commitment.objects.get().ward_allocation == allocation


def _allocate_citing_a_new_poll(ward_budget, councillor, make_resident, ward, label):
    poll = _poll(ward_budget, councillor)
    ward_poll_vote(actor=make_resident(ward), poll=poll, option=poll.options.get(label="Bulbs"))
    poll.closes_at = timezone.now() - timedelta(seconds=1)
    poll.save()
    ward_budget_allocate(
        actor=councillor,
        ward_budget=ward_budget,
        amount_pence=1_000,
        purpose=label,
        recipient_project=label,
        ward_poll_option=poll.options.get(label="Bulbs"),
        councillor_reason="The poll said so",
    )


def test_the_ward_budget_page_reads_the_same_queries_however_many_polls_it_cites(
    client, ward_budget, councillor, make_resident, ward
):
    url = "/budgets/ward-budgets/?ward=coldhurst"
    _allocate_citing_a_new_poll(ward_budget, councillor, make_resident, ward, "First")
    one_poll, _ = counted_get(client, url)
    for label in ["Second", "Third", "Fourth"]:
        _allocate_citing_a_new_poll(ward_budget, councillor, make_resident, ward, label)
    four_polls, response = counted_get(client, url)
    assert response.content.decode().count("Ward poll") >= 4
    assert four_polls == one_poll
