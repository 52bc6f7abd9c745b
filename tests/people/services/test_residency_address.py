"""A resident's ward comes from their address or postcode, never from their own choice.

The demo's illustrative postcodes (coopcouncil/demo/README.md): OL1 9CK is wholly in
Coldhurst; OL1 9VK straddles Coldhurst (2 and 4 Boundary Lane) and St Mary's (6 and 8);
OL4 9CM is in St Mary's with no listed address; OL4 9OC is terminated.
"""

import csv
import io

import pytest

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.people import services
from coopcouncil.places.models import Ward

pytestmark = pytest.mark.usefixtures("addresses")

SIX_BOUNDARY_LANE = 990000000303


@pytest.fixture
def district_officer(make_role, ward):
    return make_role("officer", team="district_team", district=ward.district)


def test_the_ward_comes_from_the_chosen_address(make_user):
    residency = services.residency_claim(
        user=make_user(), postcode="ol1 9vk", uprn=SIX_BOUNDARY_LANE
    )
    assert residency.ward.name == "St Mary's"
    assert (residency.uprn, residency.postcode) == (SIX_BOUNDARY_LANE, "OL1 9VK")
    assert residency.address == "6 Boundary Lane\nOldham"


def test_the_ward_comes_from_the_postcode_where_no_address_is_listed(make_user):
    residency = services.residency_claim(user=make_user(), postcode="OL4 9CM", address="9 Moor Rd")
    assert residency.ward.name == "St Mary's" and residency.uprn is None


def test_a_straddling_postcode_without_an_address_waits_for_an_officer_who_decides(
    make_user, district_officer
):
    residency = services.residency_claim(user=make_user(), postcode="OL1 9VK", address="10 Lane")
    assert residency.ward is None
    with pytest.raises(Conflict):  # no verification before the ward is known
        services.residency_verify_in_person(officer=district_officer, residency=residency)
    _, _, letters = services.residency_letters_issue(officer=district_officer)
    assert list(csv.DictReader(io.StringIO(letters))) == []  # no letter naming no ward
    with pytest.raises(DomainError) as error:
        services.residency_ward_decide(
            officer=district_officer, residency=residency, ward=Ward.objects.get(slug="shaw")
        )
    assert error.value.field == "ward"
    st_marys = Ward.objects.get(name="St Mary's")
    decided = services.residency_ward_decide(
        officer=district_officer, residency=residency, ward=st_marys
    )
    assert decided.ward == st_marys
    assert AuditEvent.objects.filter(action="people.residency_ward_decided").count() == 1
    verified = services.residency_verify_in_person(officer=district_officer, residency=decided)
    assert verified.ward == st_marys


def test_only_officers_decide_a_ward(make_user):
    residency = services.residency_claim(user=make_user(), postcode="OL1 9VK", address="10 Lane")
    with pytest.raises(NotAllowed):
        services.residency_ward_decide(
            officer=make_user(), residency=residency, ward=Ward.objects.get(name="Coldhurst")
        )


@pytest.mark.parametrize(
    ("postcode", "code"),
    [
        ("M1 1AE", "postcode_outside_borough"),
        ("OL4 9OC", "postcode_terminated"),
        ("OL", "postcode_invalid"),
    ],
)
def test_a_postcode_the_borough_cannot_use_is_refused_on_the_postcode_field(
    make_user, postcode, code
):
    with pytest.raises(DomainError) as error:
        services.residency_claim(user=make_user(), postcode=postcode, address="1 High St")
    assert (error.value.code, error.value.field) == (code, "postcode")


def test_an_address_from_another_postcode_is_refused(make_user):
    with pytest.raises(DomainError) as error:
        services.residency_claim(user=make_user(), postcode="OL1 9CK", uprn=SIX_BOUNDARY_LANE)
    assert error.value.field == "uprn"


def test_the_letter_goes_to_the_chosen_address(make_user, district_officer):
    services.residency_claim(user=make_user("Rita"), postcode="OL1 9MC", uprn=990000000202)
    _, _, letters = services.residency_letters_issue(officer=district_officer)
    (letter,) = csv.DictReader(io.StringIO(letters))
    assert letter["address"] == "Flat 2, Bobbin House, Weavers Way, Oldham"
    assert (letter["postcode"], letter["ward"]) == ("OL1 9MC", "Coldhurst")


def test_a_verified_residency_keeps_the_uprn_and_postcode_but_not_the_address(
    make_user, district_officer
):
    claim = services.residency_claim(user=make_user(), postcode="OL1 9CK", uprn=990000000103)
    residency = services.residency_verify_in_person(officer=district_officer, residency=claim)
    assert (residency.uprn, residency.postcode, residency.address) == (990000000103, "OL1 9CK", "")
