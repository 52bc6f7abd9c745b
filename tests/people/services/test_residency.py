import csv
import io

import pytest

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.core.permissions import check
from coopcouncil.people import services
from coopcouncil.people.models import PostalCode, Residency


@pytest.fixture
def district_officer(make_role, ward, addresses):
    return make_role("officer", team="district_team", district=ward.district)


def test_postal_code_journey_verifies_residency_and_forgets_the_address(
    ward, make_user, district_officer
):
    resident = make_user("Rita Resident")
    services.residency_claim(user=resident, address="1 Union St", postcode="ol19ck")
    batch, pdf, csv_text = services.residency_letters_issue(officer=district_officer)
    assert batch.letter_count == 1
    assert pdf.startswith(b"%PDF")
    row = next(csv.DictReader(io.StringIO(csv_text)))
    assert row["postcode"] == "OL1 9CK" and row["ward"] == "Coldhurst"
    # only a hash is stored
    assert row["code"].replace("-", "") not in PostalCode.objects.get().code_hash
    residency = services.residency_confirm_code(user=resident, code=row["code"])
    assert residency.method == Residency.Method.POSTAL_CODE
    assert residency.address == ""
    assert check(resident, "resident.take_part", ward).allowed
    assert AuditEvent.objects.filter(action="people.residency_verified").count() == 1


def test_letters_are_not_reissued_while_a_code_is_live(ward, make_user, district_officer):
    services.residency_claim(user=make_user(), address="1 Union St", postcode="OL1 9CK")
    services.residency_letters_issue(officer=district_officer)
    batch, _, _ = services.residency_letters_issue(officer=district_officer)
    assert batch.letter_count == 0


def test_a_wrong_code_is_refused_and_attempts_are_limited(ward, make_user, district_officer):
    resident = make_user()
    services.residency_claim(user=resident, address="1 Union St", postcode="OL1 9CK")
    services.residency_letters_issue(officer=district_officer)
    for _ in range(services.MAX_CODE_ATTEMPTS):
        with pytest.raises(DomainError) as error:
            services.residency_confirm_code(user=resident, code="AAAA-AAAA")
        assert error.value.code == "code_wrong"
    with pytest.raises(DomainError) as error:
        services.residency_confirm_code(user=resident, code="AAAA-AAAA")
    assert error.value.code == "too_many_attempts"


def test_in_person_verification_records_the_officer(ward, make_user, district_officer):
    resident = make_user()
    claim = services.residency_claim(user=resident, address="x", postcode="OL1 9CK")
    residency = services.residency_verify_in_person(officer=district_officer, residency=claim)
    assert residency.verified_by == district_officer
    assert residency.method == Residency.Method.IN_PERSON
    assert residency.expires_at > residency.verified_at


def test_only_officers_may_verify_in_person(ward, make_user, addresses):
    resident = make_user()
    claim = services.residency_claim(user=resident, address="x", postcode="OL1 9CK")
    with pytest.raises(NotAllowed):
        services.residency_verify_in_person(officer=make_user(), residency=claim)
