"""Staff keep the evidence through the pages: the same services, the same messages."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coopcouncil.insight.models import Commitment, PrincipleTag, ServiceAssessment

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("m.csv", text.encode(), content_type="text/csv")


def test_a_bad_measurements_file_is_shown_back_with_its_rows_and_a_good_one_is_charted(
    client, officer, ward, make_indicator
):
    indicator = make_indicator("taking-part", "district")
    client.force_login(officer, backend=BACKEND)
    bad = "indicator,period,district,value\ntaking-part,2026-01,,4\n"
    response = client.post(reverse("insight:measurements_import"), {"file": _csv(bad)})
    assert response.status_code == 400
    assert "row 2" in response.content.decode()
    good = f"indicator,period,district,value\ntaking-part,2026-01,{ward.district.slug},4\n"
    response = client.post(reverse("insight:measurements_import"), {"file": _csv(good)})
    assert response.status_code == 302
    page = client.get(reverse("insight:indicator", args=[indicator.code])).content.decode()
    assert "<svg" in page and "January 2026" in page


def test_a_resident_is_refused_the_commitment_form_with_the_reason(client, ward, make_resident):
    client.force_login(make_resident(ward), backend=BACKEND)
    response = client.post(
        reverse("insight:commitment_create"),
        {"title": "Mine", "owner": "Me", "made_on": "2026-01-01", "due_on": "2026-02-01"},
    )
    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_an_officer_publishes_a_commitment_and_its_progress(client, officer):
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        reverse("insight:commitment_create"),
        {"title": "Open data", "owner": "Digital", "made_on": "2026-01-01", "due_on": "2026-02-01"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("insight:commitment_update", args=["open-data"]), {"status": "done"}
    )
    assert response.status_code == 400
    assert "Give the evidence" in response.content.decode()
    client.post(
        reverse("insight:commitment_update", args=["open-data"]),
        {"status": "done", "evidence": "Catalogue live"},
    )
    assert Commitment.objects.get().status == "done"


def test_the_district_team_records_a_standards_month(client, officer, ward):
    from decimal import Decimal

    from coopcouncil.insight.services import standard_create

    standard = standard_create(
        actor=officer,
        district=ward.district,
        outcome="Clean",
        council_does="a",
        community_does="b",
        residents_do="c",
        measure="d",
        unit="%",
        target=Decimal(90),
        direction="at_least",
        consequence="e",
        agreed_on=date(2026, 1, 1),
    )
    client.force_login(officer, backend=BACKEND)
    url = reverse("insight:standard_figure", args=[ward.district.slug, standard.pk])
    response = client.post(url, {"month": timezone.localdate().isoformat(), "value": "95"})
    assert response.status_code == 302
    page = client.get(reverse("insight:district_standards", args=[ward.district.slug]))
    assert "95" in page.content.decode()


def test_an_officer_assesses_a_service_beside_its_ladder_rung(client, officer):
    from coopcouncil.budgets.models import LadderPlacement

    LadderPlacement.objects.create(service="Parks", slug="parks", rung="consultation")
    client.force_login(officer, backend=BACKEND)
    answers = {"assessed_on": "2026-01-01"}
    for key in ("social_value", "autonomy", "resources", "networks"):
        answers[f"{key}_rating"] = "3"
        answers[f"{key}_evidence"] = "Seen at the friends group"
    response = client.post(reverse("insight:service_assess", args=["parks"]), answers)
    assert response.status_code == 302
    assert ServiceAssessment.objects.count() == 1
    assert "3.0 / 5" in client.get(reverse("insight:productivity")).content.decode()


def test_an_officer_tags_a_decision_with_a_principle(client, officer, ward):
    from coopcouncil.democracy.models import Decision, DistrictPartnership
    from coopcouncil.insight.services import principles_adopt

    version = principles_adopt(
        actor=officer, name="2016", adopted_on=date(2016, 1, 1), principles=[("Co-production", "")]
    )
    partnership = DistrictPartnership.objects.create(district=ward.district, name="P")
    decision = Decision.objects.create(
        partnership=partnership, title="Youth club", status="published", published_at=timezone.now()
    )
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        reverse("insight:principle_tag"),
        {
            "principle": version.principles.get().pk,
            "subject_kind": "decision",
            "subject_id": decision.pk,
        },
    )
    assert response.status_code == 302
    assert PrincipleTag.objects.count() == 1
    assert "Youth club" in client.get(reverse("insight:principles")).content.decode()
