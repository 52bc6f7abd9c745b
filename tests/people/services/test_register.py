"""The register route: dated extracts, one entry per account, officers' review, the try limit."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.core.permissions import check
from coopcouncil.people import services
from coopcouncil.people.models import (
    RegisterClaim,
    RegisterEntry,
    RegisterExtract,
    RegisterMatchAttempt,
    Residency,
)

ER = "electoral_register"


@pytest.fixture
def clerk(make_role):
    return make_role("officer", "Clara Clerk", team="clerk")


@pytest.fixture
def district_officer(make_role, ward):
    return make_role("officer", team="district_team", district=ward.district)


def extract_text(*lines: tuple[str, str, str]) -> str:
    rows = "".join(
        f"{reference},{postcode},{ward_code}\n" for reference, postcode, ward_code in lines
    )
    return "reference,postcode,ward_code\n" + rows


@pytest.fixture
def register(clerk, ward):
    """An electoral register extract with two electors in ``ward``."""
    text = extract_text(("EA-1001", "OL1 1AA", ward.code), ("EA-1002", "OL1 1AB", ward.code))
    return services.register_import(
        actor=clerk, text=text, source=ER, extract_date=date(2026, 1, 5)
    )


def match(user, reference="ea1001", postcode="ol1 1aa", ip_address="203.0.113.7"):
    return services.residency_match_register(
        user=user, reference=reference, postcode=postcode, ip_address=ip_address
    )


def test_an_extract_is_stored_as_keyed_hashes_with_its_date_and_loader(register, clerk):
    assert register.extract_date == date(2026, 1, 5)
    assert register.row_count == 2 and register.loaded_by == clerk
    assert RegisterEntry.objects.filter(extract=register).count() == 2
    assert not RegisterEntry.objects.filter(reference_hash__icontains="EA").exists()
    assert AuditEvent.objects.filter(action="people.register_imported").count() == 1


def test_a_bad_extract_imports_nothing_and_names_each_line_and_field(clerk, ward):
    text = extract_text(("EA-1", "OL1 1AA", ward.code), ("", "OL1", "NOPE"))
    with pytest.raises(RowErrors) as error:
        services.register_import(actor=clerk, text=text, source=ER, extract_date=date(2026, 1, 5))
    assert {(line, field) for line, field, _ in error.value.rows} == {
        (3, "reference"),
        (3, "postcode"),
        (3, "ward_code"),
    }
    assert not RegisterExtract.objects.exists() and not RegisterEntry.objects.exists()


def test_an_extract_without_a_column_is_refused_on_line_1(clerk):
    with pytest.raises(RowErrors) as error:
        services.register_import(
            actor=clerk,
            text="reference,postcode\nEA-1,OL1 1AA\n",
            source=ER,
            extract_date=date(2026, 1, 5),
        )
    assert error.value.rows[0][:2] == (1, "ward_code")


def test_a_newer_extract_replaces_the_older_one_and_keeps_it_as_history(
    register, clerk, ward, make_user
):
    holder = make_user()
    match(holder)
    newer = services.register_import(
        actor=clerk,
        text=extract_text(("EA-1001", "OL1 1AA", ward.code)),
        source=ER,
        extract_date=date(2026, 3, 1),
    )
    register.refresh_from_db()
    assert register.replaced_at is not None and newer.replaced_at is None
    assert list(RegisterEntry.objects.values_list("extract", flat=True)) == [newer.pk]
    # EA-1002 left the register: it no longer matches.
    with pytest.raises(DomainError) as error:
        match(make_user(), reference="EA-1002", postcode="OL1 1AB")
    assert error.value.code == "register_no_match"
    # The account verified before keeps its entry: a second account still waits for review.
    assert match(make_user()).status == RegisterClaim.Status.NEEDS_REVIEW


def test_an_extract_older_than_the_one_held_is_refused(register, clerk, ward):
    with pytest.raises(Conflict) as error:
        services.register_import(
            actor=clerk,
            text=extract_text(("EA-9", "OL1 1AA", ward.code)),
            source=ER,
            extract_date=date(2025, 12, 1),
        )
    assert error.value.code == "register_extract_older"
    assert error.value.field == "extract_date"
    assert "05 January 2026" in error.value.message
    assert RegisterExtract.objects.get().pk == register.pk
    assert RegisterEntry.objects.count() == 2


def test_each_source_keeps_its_own_current_extract(register, clerk, ward):
    services.register_import(
        actor=clerk,
        text=extract_text(("CT-77", "OL1 1AA", ward.code)),
        source="council_tax",
        extract_date=date(2025, 6, 1),
    )
    assert RegisterExtract.objects.filter(replaced_at__isnull=True).count() == 2


def test_only_democratic_services_may_load_an_extract(make_role, ward):
    finance = make_role("officer", team="finance")
    with pytest.raises(NotAllowed):
        services.register_import(
            actor=finance,
            text=extract_text(("EA-1", "OL1 1AA", ward.code)),
            source=ER,
            extract_date=date(2026, 1, 5),
        )


def test_a_match_verifies_the_account_in_the_entrys_ward(register, ward, make_user):
    resident = make_user()
    claim = match(resident)
    assert claim.status == RegisterClaim.Status.VERIFIED
    assert claim.residency.ward == ward
    assert claim.residency.method == Residency.Method.REGISTER_MATCH
    assert check(resident, "resident.take_part", ward).allowed


def test_a_second_account_matching_the_same_entry_waits_for_review_and_is_not_verified(
    register, ward, make_user
):
    first, second = make_user(), make_user()
    match(first)
    claim = match(second)
    assert claim.status == RegisterClaim.Status.NEEDS_REVIEW
    assert not Residency.objects.filter(user=second).exists()
    assert not check(second, "resident.take_part", ward).allowed
    # Trying again does not queue it twice.
    assert match(second).pk == claim.pk
    assert RegisterClaim.objects.filter(user=second).count() == 1
    assert AuditEvent.objects.filter(action="people.register_claim_held").count() == 1


def test_the_account_that_holds_an_entry_may_match_it_again(register, make_user):
    resident = make_user()
    first = match(resident)
    again = match(resident)
    assert again.pk == first.pk and again.status == RegisterClaim.Status.VERIFIED
    assert Residency.objects.filter(user=resident, status=Residency.Status.VERIFIED).count() == 1


def test_the_database_refuses_a_second_verified_claim_on_one_entry(register, make_user):
    from django.db import IntegrityError, transaction

    first = match(make_user())
    with pytest.raises(IntegrityError), transaction.atomic():
        RegisterClaim.objects.create(
            reference_hash=first.reference_hash,
            user=make_user(),
            ward=first.ward,
            status=RegisterClaim.Status.VERIFIED,
        )


def test_an_officer_verifies_the_waiting_account_and_the_holder_loses_the_entry(
    register, ward, make_user, district_officer
):
    holder, waiting = make_user(), make_user()
    held = match(holder)
    claim = services.register_claim_verify(officer=district_officer, claim=match(waiting))
    assert claim.status == RegisterClaim.Status.VERIFIED
    assert claim.residency.verified_by == district_officer
    assert check(waiting, "resident.take_part", ward).allowed
    held.refresh_from_db()
    assert held.status == RegisterClaim.Status.SUPERSEDED
    assert not check(holder, "resident.take_part", ward).allowed
    with pytest.raises(Conflict):
        services.register_claim_refuse(officer=district_officer, claim=claim)


def test_an_officer_refuses_the_waiting_account_which_cannot_queue_again(
    register, ward, make_user, district_officer
):
    holder, waiting = make_user(), make_user()
    match(holder)
    claim = services.register_claim_refuse(officer=district_officer, claim=match(waiting))
    assert claim.status == RegisterClaim.Status.REFUSED
    assert check(holder, "resident.take_part", ward).allowed
    assert not check(waiting, "resident.take_part", ward).allowed
    with pytest.raises(Conflict) as error:
        match(waiting)
    assert error.value.code == "register_claim_refused"
    assert AuditEvent.objects.filter(action="people.register_claim_refused").count() == 1


def test_only_district_officers_decide_register_reviews(register, make_user):
    match(make_user())
    claim = match(make_user())
    with pytest.raises(NotAllowed):
        services.register_claim_verify(officer=make_user(), claim=claim)
    with pytest.raises(NotAllowed):
        services.register_claim_refuse(officer=make_user(), claim=claim)


def test_a_sixth_failed_match_by_one_account_is_refused_even_with_the_right_reference(
    register, make_user
):
    resident = make_user()
    for number in range(5):
        with pytest.raises(DomainError) as error:
            match(resident, reference=f"EA-{number}", ip_address=f"203.0.113.{number}")
        assert error.value.code == "register_no_match"
    with pytest.raises(NotAllowed) as error:
        match(resident, ip_address="198.51.100.1")
    assert error.value.code == "register_attempts_exceeded"
    assert "district office" in error.value.message
    assert not Residency.objects.filter(user=resident).exists()
    assert RegisterMatchAttempt.objects.filter(user=resident).count() == 5


def test_a_sixth_failed_match_from_one_ip_address_is_refused_for_any_account(register, make_user):
    for number in range(5):
        with pytest.raises(DomainError):
            match(make_user(), reference=f"EA-{number}", ip_address="203.0.113.7")
    with pytest.raises(NotAllowed) as error:
        match(make_user(), ip_address="203.0.113.7")
    assert error.value.code == "register_attempts_exceeded"
    # Another address is not held back.
    assert match(make_user(), ip_address="198.51.100.1").status == RegisterClaim.Status.VERIFIED


def test_failed_matches_older_than_the_window_are_not_counted(register, make_user):
    resident = make_user()
    day_ago = timezone.now() - timedelta(hours=25)
    for number in range(5):
        with pytest.raises(DomainError):
            services.residency_match_register(
                user=resident,
                reference=f"EA-{number}",
                postcode="OL1 1AA",
                ip_address=None,
                now=day_ago,
            )
    assert match(resident).status == RegisterClaim.Status.VERIFIED
    # Tries from outside the window are deleted, not kept.
    assert not RegisterMatchAttempt.objects.filter(at__lt=timezone.now() - timedelta(hours=24))


def test_the_failed_match_limit_is_a_setting(register, make_user, settings):
    settings.COOPCOUNCIL_REGISTER_MATCH_ATTEMPTS = 2
    resident = make_user()
    for number in range(2):
        with pytest.raises(DomainError):
            match(resident, reference=f"EA-{number}")
    with pytest.raises(NotAllowed):
        match(resident)
