"""The asset register and its import, leases with commitments and returns, meanwhile licences,
and assets of community value with their dates told to the nominators."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.coproduction.models import CommunityAsset, LeaseAgreement
from coopcouncil.coproduction.selectors import (
    asset_list,
    commitments_missed,
    community_value_dates,
    leases_for_organisation,
    licences_ending_soon,
)
from coopcouncil.coproduction.services import (
    assets_import,
    commitment_return_record,
    community_value_list,
    community_value_nominate,
    community_value_notice_record,
    lease_apply,
    lease_decide,
    meanwhile_licence_grant,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors

pytestmark = pytest.mark.django_db

HEADER = "reference,name,kind,ward,condition,running_cost_pence,current_use\n"
GOOD = "hall,Coldhurst Hall,building,coldhurst,fair,120000,Community hall\n"


@pytest.fixture
def hall(asset_officer):
    assets_import(actor=asset_officer, text=HEADER + GOOD)
    return CommunityAsset.objects.get(reference="hall")


def test_import_adds_the_register_and_a_second_import_changes_nothing(asset_officer, hall):
    assert hall.ward.slug == "coldhurst" and hall.running_cost_pence == 120000
    assets_import(actor=asset_officer, text=HEADER + GOOD)
    assert CommunityAsset.objects.count() == 1


def test_an_import_with_one_bad_row_writes_nothing_and_names_each_row(asset_officer, places):
    bad = "park,,castle,nowhere,fair,12.5,\n"
    with pytest.raises(RowErrors) as refused:
        assets_import(actor=asset_officer, text=HEADER + GOOD + bad)
    assert not CommunityAsset.objects.exists()
    assert {row for row, _field, _message in refused.value.rows} == {3}
    assert {field for _row, field, _m in refused.value.rows} == {
        "name",
        "kind",
        "ward",
        "running_cost_pence",
    }


def test_only_asset_officers_import(volunteer):
    with pytest.raises(NotAllowed):
        assets_import(actor=volunteer, text=HEADER + GOOD)


def _agreed(asset_officer, group_member, group, hall, *, years=25):
    application = lease_apply(
        actor=group_member,
        asset=hall,
        organisation=group,
        terms="peppercorn",
        proposal="A community hub",
        commitments=[("opening_hours", "Hours open a week", 30)],
    )
    today = timezone.localdate()
    lease_decide(
        actor=asset_officer,
        application=application,
        is_agreed=True,
        assessment="Good",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=365 * years),
        rent_pence=100,
        next_review_on=today + timedelta(days=365),
    )
    return application


def test_a_group_applies_with_commitments_and_the_officer_agrees_a_lease(
    asset_officer, group_member, group, hall
):
    application = _agreed(asset_officer, group_member, group, hall)
    agreement = LeaseAgreement.objects.get(application=application)
    assert agreement.rent_pence == 100 and agreement.terms == "peppercorn"
    assert list(leases_for_organisation(group)) == [agreement]
    assert asset_list().get(pk=hall.pk).is_in_community_hands


def test_someone_outside_the_group_cannot_apply_for_it(volunteer, group, hall):
    with pytest.raises(NotAllowed):
        lease_apply(
            actor=volunteer,
            asset=hall,
            organisation=group,
            terms="transfer",
            proposal="x",
            commitments=[("activities", "Activities", 10)],
        )


def test_an_application_without_commitments_is_refused(group_member, group, hall):
    with pytest.raises(DomainError) as refused:
        lease_apply(
            actor=group_member,
            asset=hall,
            organisation=group,
            terms="nominal",
            proposal="x",
            commitments=[],
        )
    assert refused.value.field == "commitments"


def test_a_lease_needs_an_end_date_but_a_transfer_does_not(
    asset_officer, group_member, group, hall
):
    lease = lease_apply(
        actor=group_member,
        asset=hall,
        organisation=group,
        terms="nominal",
        proposal="x",
        commitments=[("activities", "Activities", 10)],
    )
    with pytest.raises(DomainError) as refused:
        lease_decide(
            actor=asset_officer,
            application=lease,
            is_agreed=True,
            assessment="",
            starts_on=date(2026, 4, 1),
            next_review_on=date(2027, 4, 1),
        )
    assert refused.value.code == "term_required"


def test_a_missed_commitment_is_flagged_and_a_met_one_is_not(
    asset_officer, group_member, group, hall
):
    application = _agreed(asset_officer, group_member, group, hall)
    commitment = application.commitments.get()
    met = commitment_return_record(
        actor=group_member, commitment=commitment, year=2025, achieved=31
    )
    missed = commitment_return_record(
        actor=group_member, commitment=commitment, year=2026, achieved=12
    )
    assert met.is_met and not missed.is_met
    assert list(commitments_missed()) == [missed]


def test_a_licence_ending_within_eight_weeks_is_flagged(asset_officer, group, hall):
    today = timezone.localdate()
    soon = meanwhile_licence_grant(
        actor=asset_officer,
        asset=hall,
        organisation=group,
        use="Garden",
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=20),
    )
    meanwhile_licence_grant(
        actor=asset_officer,
        asset=hall,
        organisation=group,
        use="Market",
        starts_on=today,
        ends_on=today + timedelta(days=200),
    )
    assert licences_ending_soon() == [soon]


@pytest.fixture
def listed(asset_officer, group_member, group, ward):
    nomination = community_value_nominate(
        actor=group_member,
        name="The Royal Oak",
        address="High Street",
        ward=ward,
        reason="The last pub",
        organisation=group,
    )
    return community_value_list(
        actor=asset_officer, nomination=nomination, is_listed=True, decided_on=date(2025, 6, 1)
    )


def test_the_owners_notice_sets_the_dates_and_tells_the_nominators(
    asset_officer, group_member, group, listed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        community_value_notice_record(
            actor=asset_officer,
            nomination=listed,
            notice_on=date(2026, 1, 15),
            intention_to_bid_on=date(2026, 2, 1),
        )
    dates = community_value_dates(listed)
    assert dates.listing_ends_on == date(2030, 6, 1)
    assert dates.disposal.moratorium_ends_on == date(2026, 7, 15)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [group_member.email, group.contact_email]
    )
    assert all("15 July 2026" in m.body and "15 July 2027" in m.body for m in mail.outbox)


def test_a_notice_on_an_asset_not_listed_is_refused(asset_officer, group_member, group, ward):
    nomination = community_value_nominate(
        actor=group_member,
        name="Field",
        address="Lane",
        ward=ward,
        reason="Walks",
        organisation=group,
    )
    with pytest.raises(Conflict):
        community_value_notice_record(
            actor=asset_officer, nomination=nomination, notice_on=date(2026, 1, 1)
        )


def test_a_resident_without_verified_residency_cannot_nominate_alone(make_user, ward):
    with pytest.raises(NotAllowed):
        community_value_nominate(
            actor=make_user(), name="Field", address="Lane", ward=ward, reason="Walks"
        )
