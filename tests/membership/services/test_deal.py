"""The membership deal's writes: joining, pledges ticked from records, codes, erasure."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, NotFound
from coopcouncil.core.models import AuditEvent
from coopcouncil.membership import selectors, services
from coopcouncil.membership.models import BenefitClaim, HouseholdRegistration, Membership
from tests.membership.conftest import household

pytestmark = pytest.mark.django_db


def test_a_verified_resident_joins_in_their_ward(make_resident, ward):
    resident = make_resident(ward)
    membership = services.membership_join(user=resident)
    assert membership.ward == ward
    assert AuditEvent.objects.filter(action="membership.join").count() == 1
    with pytest.raises(Conflict):
        services.membership_join(user=resident)


def test_someone_without_a_verified_residency_cannot_join(make_user):
    with pytest.raises(NotAllowed) as error:
        services.membership_join(user=make_user())
    assert "Verify your home address" in error.value.message


def test_a_self_reported_pledge_is_taken_then_kept(member):
    services.pledge_take(user=member, kind="recycle")
    services.pledge_keep(user=member, kind="recycle")
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert statuses["recycle"].is_kept
    assert not statuses["neighbour"].taken


def test_a_pledge_another_app_records_cannot_be_typed_in(member):
    services.pledge_take(user=member, kind="pb_vote")
    with pytest.raises(DomainError) as error:
        services.pledge_keep(user=member, kind="pb_vote")
    assert error.value.code == "membership_pledge_from_record"


def test_the_call_in_pledge_is_ticked_by_a_call_in_signature(member, ward, make_role):
    from coopcouncil.democracy.models import DistrictPartnership
    from coopcouncil.democracy.services.decisions import (
        call_in_sign,
        decision_create,
        decision_publish,
    )

    services.pledge_take(user=member, kind="have_a_say")
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert not statuses["have_a_say"].is_kept
    clerk = make_role("officer", team="clerk")
    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=ward.district, defaults={"name": f"{ward.district} partnership"}
    )
    decision = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Pool")
    )
    call_in_sign(resident=member, decision=decision)
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert statuses["have_a_say"].is_kept


def test_the_pb_pledge_is_ticked_by_a_ballot(member):
    from coopcouncil.participation.models import Ballot, PBProcess

    services.pledge_take(user=member, kind="pb_vote")
    process = PBProcess.objects.create(title="Pot", budget_pence=100)
    Ballot.objects.create(process=process, voter=member, choices=[])
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert statuses["pb_vote"].is_kept


def test_the_volunteering_pledge_is_ticked_by_confirmed_volunteering_hours(member, ward, make_role):
    from datetime import timedelta
    from decimal import Decimal

    from coopcouncil.coproduction.services import (
        attendance_confirm,
        opportunity_post,
        shift_add,
        shift_sign_up,
    )

    services.pledge_take(user=member, kind="volunteer")
    with pytest.raises(DomainError):
        services.pledge_keep(user=member, kind="volunteer")
    organiser = make_role("officer", team="district_team", district=ward.district)
    opportunity = opportunity_post(
        actor=organiser, role="Food bank packer", place="Hall", ward=ward, organisation=None
    )
    starts = timezone.now() + timedelta(days=2)
    shift = shift_add(
        actor=organiser,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        places=5,
    )
    sign_up = shift_sign_up(actor=member, shift=shift)
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert not statuses["volunteer"].is_kept
    attendance_confirm(
        actor=organiser, sign_up=sign_up, hours=Decimal(3), now=starts + timedelta(hours=3)
    )
    statuses = {p.kind.code: p for p in selectors.pledges_of(member.coop_membership)}
    assert statuses["volunteer"].is_kept


def test_only_members_take_pledges(make_user):
    with pytest.raises(NotAllowed):
        services.pledge_take(user=make_user(), kind="recycle")


def test_a_member_claims_a_one_time_code_once(member, benefit):
    claim = services.benefit_claim(user=member, benefit=benefit)
    assert len(claim.code) == 10
    with pytest.raises(Conflict):
        services.benefit_claim(user=member, benefit=benefit)


def test_a_member_outside_the_rule_is_told_why(member, benefit):
    benefit.min_age = 80
    benefit.save()
    with pytest.raises(DomainError) as error:
        services.benefit_claim(user=member, benefit=benefit)
    assert "aged 80 or over" in error.value.message


def test_the_partner_sees_the_offer_and_whether_the_code_is_used_never_the_member(
    member, benefit, partner_person
):
    claim = services.benefit_claim(user=member, benefit=benefit)
    checked = services.code_check(actor=partner_person, code=claim.code.lower())
    assert checked.benefit == benefit
    assert checked.redeemed_at is None
    used = services.code_redeem(actor=partner_person, code=claim.code)
    assert used.redeemed_at is not None
    with pytest.raises(Conflict) as error:
        services.code_redeem(actor=partner_person, code=claim.code)
    assert error.value.code == "membership_code_used"


def test_another_partner_cannot_see_a_code(member, benefit, make_role):
    from coopcouncil.people.models import Organisation

    claim = services.benefit_claim(user=member, benefit=benefit)
    other = Organisation.objects.create(name="Other", slug="other", kind="business")
    stranger = make_role("partner", organisation=other)
    with pytest.raises(NotFound):
        services.code_check(actor=stranger, code=claim.code)


def test_a_resident_cannot_check_codes(member, benefit):
    claim = services.benefit_claim(user=member, benefit=benefit)
    with pytest.raises(NotAllowed):
        services.code_check(actor=member, code=claim.code)


def test_a_code_is_not_used_after_its_offer_ends(member, benefit, partner_person):
    claim = services.benefit_claim(user=member, benefit=benefit)
    benefit.valid_until = timezone.localdate() - timezone.timedelta(days=1)
    benefit.save()
    with pytest.raises(DomainError) as error:
        services.code_redeem(actor=partner_person, code=claim.code)
    assert error.value.code == "membership_benefit_expired"


def test_a_benefit_ending_before_it_starts_is_refused(officer, partner):
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        services.benefit_create(
            actor=officer,
            partner=partner,
            title="x",
            kind="other",
            description="",
            valid_from=today,
            valid_until=today - timezone.timedelta(days=1),
            wards=[],
        )
    assert error.value.field == "valid_until"


def test_personal_data_lists_membership_pledges_codes_and_energy(member, benefit, open_round):
    services.pledge_take(user=member, kind="recycle")
    claim = services.benefit_claim(user=member, benefit=benefit)
    services.household_register(user=member, switching_round=open_round, entry=household())
    data = selectors.membership_personal_data(user=member)
    assert data["membership"]["pledges"][0]["pledge"].startswith("Recycle")
    assert data["membership"]["benefit_claims"][0]["code"].replace("-", "") == claim.code
    assert data["energy_registrations"][0]["electricity_kwh"] == 2_700


def test_erasure_removes_the_member_and_unused_codes_and_keeps_figures_without_the_person(
    member, benefit, partner_person, open_round, make_resident, ward
):
    other = make_resident(ward)
    services.membership_join(user=other)
    used = services.benefit_claim(user=member, benefit=benefit)
    services.code_redeem(actor=partner_person, code=used.code)
    services.benefit_claim(user=other, benefit=benefit)
    services.household_register(user=member, switching_round=open_round, entry=household())
    services.membership_erase(user=member)
    assert not Membership.objects.filter(user=member).exists()
    assert BenefitClaim.objects.filter(pk=used.pk, membership=None).exists()
    assert BenefitClaim.objects.count() == 2
    assert HouseholdRegistration.objects.get().user is None
    assert selectors.membership_personal_data(user=member) == {
        "membership": None,
        "energy_registrations": [],
    }


def test_the_persons_data_export_and_erasure_reach_the_membership(member, benefit):
    from coopcouncil.people.services.accounts import user_erase, user_export

    services.pledge_take(user=member, kind="recycle")
    exported = user_export(user=member)
    assert exported["membership"]["membership"]["pledges"][0]["pledge"].startswith("Recycle")
    user_erase(user=member)
    assert not Membership.objects.filter(user=member).exists()


def test_kept_pledges_are_offered_to_insight_as_supporting(member):
    services.pledge_take(user=member, kind="recycle")
    services.pledge_keep(user=member, kind="recycle")
    (source,) = selectors.participation_sources()
    assert source.role == "supporting"
    assert list(source.events.values_list("user_id", flat=True)) == [member.pk]


def test_uptake_counts_members_and_claims_by_ward(member, benefit, ward):
    services.benefit_claim(user=member, benefit=benefit)
    rows = {row.ward: row for row in selectors.uptake_by_ward()}
    assert rows[ward].members == 1
    assert rows[ward].claims == 1
    assert rows[ward].members_per_thousand == 1000 / ward.population
