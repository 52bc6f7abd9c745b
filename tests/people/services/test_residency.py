import csv
import io

import pytest

from coopcouncil.core.errors import DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.core.permissions import check
from coopcouncil.people import services
from coopcouncil.people.models import PostalCode, RegisterEntry, Residency


@pytest.fixture
def district_officer(make_role, ward):
    return make_role("officer", team="district_team", district=ward.district)


def test_postal_code_journey_verifies_residency_and_forgets_the_address(
    ward, make_user, district_officer
):
    resident = make_user("Rita Resident")
    services.residency_claim(user=resident, ward=ward, address="1 Union St", postcode="ol11aa")
    batch, pdf, csv_text = services.residency_letters_issue(officer=district_officer)
    assert batch.letter_count == 1
    assert pdf.startswith(b"%PDF")
    row = next(csv.DictReader(io.StringIO(csv_text)))
    assert row["postcode"] == "OL1 1AA" and row["ward"] == "Coldhurst"
    # only a hash is stored
    assert row["code"].replace("-", "") not in PostalCode.objects.get().code_hash
    residency = services.residency_confirm_code(user=resident, code=row["code"])
    assert residency.method == Residency.Method.POSTAL_CODE
    assert residency.address == ""
    assert check(resident, "resident.take_part", ward).allowed
    assert AuditEvent.objects.filter(action="people.residency_verified").count() == 1


def test_letters_are_not_reissued_while_a_code_is_live(ward, make_user, district_officer):
    services.residency_claim(user=make_user(), ward=ward, address="1 Union St", postcode="OL1 1AA")
    services.residency_letters_issue(officer=district_officer)
    batch, _, _ = services.residency_letters_issue(officer=district_officer)
    assert batch.letter_count == 0


def test_a_wrong_code_is_refused_and_attempts_are_limited(ward, make_user, district_officer):
    resident = make_user()
    services.residency_claim(user=resident, ward=ward, address="1 Union St", postcode="OL1 1AA")
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
    claim = services.residency_claim(user=resident, ward=ward, address="x", postcode="OL1 1AA")
    residency = services.residency_verify_in_person(officer=district_officer, residency=claim)
    assert residency.verified_by == district_officer
    assert residency.method == Residency.Method.IN_PERSON
    assert residency.expires_at > residency.verified_at


def test_only_officers_may_verify_in_person(ward, make_user):
    resident = make_user()
    claim = services.residency_claim(user=resident, ward=ward, address="x", postcode="OL1 1AA")
    with pytest.raises(NotAllowed):
        services.residency_verify_in_person(officer=make_user(), residency=claim)


def test_register_match_verifies_without_storing_references(ward, make_role, make_user):
    clerk = make_role("officer", team="clerk")
    text = f"reference,postcode,ward_code\nEA-1001,OL1 1AA,{ward.code}\n"
    assert services.register_import(officer=clerk, text=text, source="er-2026") == 1
    assert services.register_import(officer=clerk, text=text, source="er-2026") == 1
    assert RegisterEntry.objects.count() == 1
    assert "EA" not in RegisterEntry.objects.get().reference_hash
    resident = make_user()
    residency = services.residency_match_register(
        user=resident, reference="ea1001", postcode="ol1 1aa"
    )
    assert residency.ward == ward and residency.method == Residency.Method.REGISTER_MATCH
    with pytest.raises(DomainError) as error:
        services.residency_match_register(user=make_user(), reference="EA-9", postcode="OL1 1AA")
    assert error.value.field == "reference"


def test_a_bad_register_extract_imports_nothing(ward, make_role):
    clerk = make_role("officer", team="clerk")
    text = f"reference,postcode,ward_code\nEA-1,OL1 1AA,{ward.code}\n,OL1,NOPE\n"
    with pytest.raises(RowErrors) as error:
        services.register_import(officer=clerk, text=text, source="er")
    assert {(r, f) for r, f, _ in error.value.rows} == {
        (3, "reference"),
        (3, "postcode"),
        (3, "ward_code"),
    }
    assert RegisterEntry.objects.count() == 0
