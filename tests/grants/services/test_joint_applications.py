"""Joint applications (issue 17): the lead names partner organisations while drafting; a
partner's members may read the bid but not change it; an interest in a partner is an
interest in the bid; the award is published with its partners, 360Giving keeping the lead
as the one recipient."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.core.permissions import check
from coopcouncil.grants import selectors, services, threesixtygiving
from coopcouncil.people.models import Organisation
from coopcouncil.people.services import interest_declare

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def partner(ward):
    return Organisation.objects.create(
        name="Werneth Litter Pickers",
        slug="werneth-litter-pickers",
        kind=Organisation.Kind.COMMUNITY_GROUP,
        district=ward.district,
    )


@pytest.fixture
def partner_member(make_role, partner):
    return make_role("group_member", "Pat Partner", organisation=partner)


@pytest.fixture
def joint(make_application, partner):
    return make_application("draft", partners=[partner])


def test_the_lead_names_partners_while_drafting_and_may_change_them(
    joint, partner, member, draft_fields
):
    assert list(joint.partners.all()) == [partner]
    changed = services.application_draft_update(
        actor=member, application=joint, draft=draft_fields(partners=[])
    )
    assert list(changed.partners.all()) == []
    assert AuditEvent.objects.filter(action="grants.application_saved").exists()


def test_the_lead_cannot_be_its_own_partner(make_application, group):
    with pytest.raises(DomainError) as refused:
        make_application("draft", partners=[group])
    assert (refused.value.code, refused.value.field) == ("partner_is_lead", "partners")


def test_a_partners_member_sees_the_application_but_cannot_change_it(
    joint, partner_member, member, make_role, draft_fields
):
    assert check(partner_member, "grants.view_application", joint).allowed
    outsider = make_role("resident", "Oscar Outsider")
    assert not check(outsider, "grants.view_application", joint).allowed
    with pytest.raises(NotAllowed):
        services.application_draft_update(
            actor=partner_member, application=joint, draft=draft_fields(title="Taken over")
        )


def test_an_assessor_with_an_interest_in_a_partner_may_not_score_the_bid(
    make_application, partner, assessors
):
    application = make_application("eligible", partners=[partner])
    interested = assessors[0]
    interest_declare(actor=interested, organisation=partner, reason="I volunteer with them.")
    assert not check(interested, "grants.assess", application).allowed
    assert application not in selectors.applications_to_assess(interested)
    assert check(assessors[1], "grants.assess", application).allowed


def test_the_award_is_published_with_its_partners_and_360giving_names_the_lead(
    client, make_application, score_all, district_officer, partnership, partner, group
):
    application = score_all(make_application(partners=[partner]))
    services.application_decide(
        actor=district_officer, application=application, outcome=services.AWARD, reasons="Good"
    )
    page = client.get(reverse("grants:awards")).content.decode()
    assert partner.name in page
    [award] = client.get("/api/v1/grants/awards").json()
    assert award["partners"] == [partner.name]
    [grant] = json.loads("".join(threesixtygiving.json_chunks()))["grants"]
    assert [r["name"] for r in grant["recipientOrganization"]] == [group.name]
    assert partner.name in grant["description"]


def test_the_api_takes_partners_on_create_and_update(
    client, member, grant_round, group, ward, partner
):
    client.force_login(member, backend=BACKEND)
    body = {
        "round": grant_round.slug,
        "organisation": group.slug,
        "title": "Clean-up days",
        "ward": ward.code,
        "partners": [partner.slug],
    }
    created = client.post("/api/v1/grants/applications", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["partners"] == [{"slug": partner.slug, "name": partner.name}]
    url = f"/api/v1/grants/applications/{created.json()['id']}"
    updated = client.put(url, {**body, "partners": []}, content_type="application/json")
    assert updated.json()["partners"] == []


def test_an_unknown_partner_is_a_field_error_and_nothing_is_saved(
    client, member, grant_round, group, ward
):
    from coopcouncil.grants.models import Application

    client.force_login(member, backend=BACKEND)
    body = {
        "round": grant_round.slug,
        "organisation": group.slug,
        "title": "Clean-up days",
        "partners": ["no-such-group"],
    }
    refused = client.post("/api/v1/grants/applications", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "partner_not_found"
    assert "partners" in refused.json()["errors"]
    assert not Application.objects.exists()


def test_the_web_form_names_partners(client, member, grant_round, group, partner):
    client.force_login(member, backend=BACKEND)
    url = reverse("grants:apply", args=[grant_round.slug])
    response = client.post(
        url,
        {
            "organisation": group.pk,
            "title": "Clean-up days",
            "partners": [partner.pk],
            "volunteers": 0,
            "volunteer_hours": 0,
        },
    )
    assert response.status_code == 302
    application = group.grant_applications.get()
    assert list(application.partners.all()) == [partner]
    detail = client.get(reverse("grants:application", args=[application.pk]))
    assert partner.name in detail.content.decode()
