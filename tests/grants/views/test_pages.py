"""The grants pages for each role, and the public ones with query counts that do not grow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopcouncil.grants.models import Application
from tests.conftest import counted_get

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _sign_in(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def test_the_index_lists_open_rounds(client, grant_round):
    response = client.get(reverse("grants:index"))
    assert grant_round.title in response.content.decode()


def test_the_round_page_publishes_its_scoring_scheme(client, grant_round):
    page = client.get(reverse("grants:round", args=[grant_round.slug])).content.decode()
    assert "Outcomes for the neighbourhood" in page and "60%" in page


def test_a_member_saves_a_draft_through_the_form(client, member, group, grant_round, ward):
    _sign_in(client, member)
    response = client.post(
        reverse("grants:apply", args=[grant_round.slug]),
        {
            "organisation": group.pk,
            "title": "Hydro",
            "project": "A turbine",
            "amount_pence": "1,000.00",
            "outcomes": "Power",
            "ward": ward.pk,
            "budget_lines": "Turbine, 600\nFitting, 400.00",
            "volunteers": 3,
            "volunteer_hours": 10,
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.amount_pence == 100_000
    assert [line.amount_pence for line in application.budget_lines.all()] == [60_000, 40_000]
    submitted = client.post(reverse("grants:application_submit", args=[application.pk]))
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_member_reopens_a_saved_draft_with_its_fields_filled(client, member, make_application):
    """The edit page starts from the saved draft (it once failed with a server error)."""
    application = make_application("draft")
    _sign_in(client, member)
    response = client.get(reverse("grants:application_edit", args=[application.pk]))
    assert response.status_code == 200
    assert application.title in response.content.decode()


def test_a_failed_submit_shows_each_problem(client, member, make_application):
    draft = make_application("draft", budget_lines=[("Turbine", 1)])
    _sign_in(client, member)
    response = client.post(reverse("grants:application_submit", args=[draft.pk]), follow=True)
    assert "budget lines add up" in response.content.decode()


def test_an_outsider_is_refused_the_application_page(client, make_application, make_user):
    application = make_application("submitted")
    _sign_in(client, make_user())
    response = client.get(reverse("grants:application", args=[application.pk]))
    assert response.status_code == 403


def test_an_assessor_scores_through_the_form(client, make_application, assessors):
    application = make_application()
    _sign_in(client, assessors[0])
    data = {f"mark_{c.pk}": 6 for c in application.round.criteria.all()}
    response = client.post(reverse("grants:score", args=[application.pk]), data)
    assert response.status_code == 302
    assert application.scores.filter(assessor=assessors[0]).count() == 2


def test_an_assessor_who_declares_an_interest_is_blocked_from_the_scores(
    client, make_application, assessors, score_all
):
    application = score_all(make_application())
    _sign_in(client, assessors[0])
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Moderation" in page
    client.post(
        reverse("grants:declare_interest", args=[application.pk]), {"reason": "My neighbour"}
    )
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Moderation" not in page
    assert "My neighbour" in page
    assert client.get(reverse("grants:score", args=[application.pk])).status_code == 403


def test_the_panel_decides_through_the_form(
    client, make_application, score_all, district_officer, partnership
):
    application = score_all(make_application())
    _sign_in(client, district_officer)
    response = client.post(
        reverse("grants:decide", args=[application.pk]),
        {"outcome": "award", "reasons": "Strong", "feedback": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED


def test_finance_approves_an_instalment(client, awarded, district_officer, finance):
    from datetime import date

    from coopcouncil.grants.services import instalment_schedule

    instalment = instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    _sign_in(client, finance)
    client.post(reverse("grants:instalment_approve", args=[awarded.pk, instalment.pk]))
    instalment.refresh_from_db()
    assert instalment.status == "approved"


def test_the_awards_page_lists_an_award(client, awarded):
    page = client.get(reverse("grants:awards")).content.decode()
    assert awarded.title in page


@pytest.mark.parametrize("url_name", ["grants:awards", "grants:fund"])
def test_public_pages_read_the_same_number_of_queries_however_many_awards(
    client, make_application, score_all, district_officer, partnership, fund, url_name
):
    from coopcouncil.grants import services

    def award_one():
        services.application_decide(
            actor=district_officer,
            application=score_all(
                make_application(amount_pence=100_000, budget_lines=[("Item", 100_000)])
            ),
            outcome=services.AWARD,
            reasons="Good",
        )

    url = reverse(url_name, args=[fund.slug] if url_name == "grants:fund" else [])
    award_one()
    few, _ = counted_get(client, url)
    for _ in range(3):
        award_one()
    many, _ = counted_get(client, url)
    assert many == few


def test_the_dashboard_draws_its_chart_without_script(client, awarded, fund):
    page = client.get(reverse("grants:fund", args=[fund.slug])).content.decode()
    assert "<svg" in page and "<circle" in page
    assert "<script>" not in page  # no inline script: only the site's own script files


def test_the_dashboard_exports_its_ward_table_as_csv(client, awarded, fund):
    response = client.get(reverse("grants:fund_csv", args=[fund.slug]))
    rows = response.content.decode().splitlines()
    assert rows[0] == "ward,ward_code,imd_score,awards,awarded_pence"
    assert any(awarded.ward.code in row and "2000000" in row for row in rows)


def test_the_open_data_page_lists_the_grants_dataset(client, db):
    page = client.get(reverse("opendata:index")).content.decode()
    assert "360Giving" in page


def test_the_district_page_shows_its_grants(client, awarded):
    page = client.get(reverse("places:district", args=[awarded.ward.district.slug]))
    assert awarded.title in page.content.decode()


def test_a_members_profile_shows_the_groups_grants(client, awarded, member):
    _sign_in(client, member)
    page = client.get(reverse("people:profile")).content.decode()
    assert awarded.title in page


def test_each_district_has_its_own_dashboard_and_csv(client, awarded):
    district = awarded.ward.district
    page = client.get(reverse("grants:district", args=[district.slug])).content.decode()
    assert "<svg" in page and district.name in page
    rows = client.get(reverse("grants:district_csv", args=[district.slug])).content.decode()
    assert awarded.ward.code in rows


def test_finance_sees_the_payments_waiting_and_others_are_refused(
    client, awarded, district_officer, finance, member
):
    from datetime import date

    from coopcouncil.grants.services import instalment_schedule

    instalment_schedule(
        actor=district_officer,
        application=awarded,
        milestone="Turbine ordered",
        amount_pence=1_000_000,
        due_on=date(2027, 1, 1),
    )
    _sign_in(client, finance)
    assert "Turbine ordered" in client.get(reverse("grants:payments")).content.decode()
    _sign_in(client, member)
    assert client.get(reverse("grants:payments")).status_code == 403


def test_the_district_team_sees_the_rounds_applications(
    client, make_application, district_officer, member
):
    application = make_application("submitted")
    url = reverse("grants:round", args=[application.round.slug])
    _sign_in(client, district_officer)
    assert application.title in client.get(url).content.decode()
    _sign_in(client, member)
    assert "Applications received" not in client.get(url).content.decode()


def test_the_district_team_opens_a_round_through_the_form(client, district_officer, fund):
    _sign_in(client, district_officer)
    data = {
        "fund": fund.pk,
        "title": "Green spaces 2027",
        "amount_pence": "50,000",
        "max_award_pence": "10,000",
        "opens_at": "2027-01-04T09:00",
        "closes_at": "2027-02-26T17:00",
        "match_funding_percent": 10,
        "eligible_kinds": ["community_group"],
        "outcome_themes": "Healthy neighbourhoods, Greener streets",
        "criteria": "Outcomes, 70\nValues, 20",
    }
    refused = client.post(reverse("grants:round_create"), data)
    assert refused.status_code == 400
    assert "90%" in refused.content.decode()
    data["criteria"] = "Outcomes, 70\nValues, 30%"
    response = client.post(reverse("grants:round_create"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Green spaces 2027" in page and "Greener streets" in page


def test_a_member_may_not_open_a_round(client, member):
    _sign_in(client, member)
    assert client.get(reverse("grants:round_create")).status_code == 403


def test_an_attachment_whose_file_is_missing_is_the_404_page_not_a_server_error(
    client, make_application, member
):
    """A record can outlive its file (a restore without the files): the reader gets a 404."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coopcouncil.grants import services

    draft = make_application("draft")
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    attachment = services.attachment_add(actor=member, application=draft, upload=pdf)
    attachment.file.storage.delete(attachment.file.name)
    _sign_in(client, member)
    response = client.get(reverse("grants:attachment", args=[draft.pk, attachment.pk]))
    assert response.status_code == 404
    assert "file is missing" in response.content.decode()
