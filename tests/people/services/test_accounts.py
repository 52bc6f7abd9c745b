import pytest
from django.core import mail

from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.models import AuditEvent
from coopcouncil.people import services
from coopcouncil.people.models import User


def test_sign_up_sends_a_link_that_confirms_the_email(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_sign_up(
            email="Ann@Example.org", full_name="Ann", password="pw-x-123456"
        )
    assert user.email == "ann@example.org"
    assert not user.has_verified_email
    assert len(mail.outbox) == 1
    link = services.user_verification_link(user)
    token = link.rstrip("/").split("/")[-1]
    services.user_verify_email(user=user, token=token)
    assert User.objects.get(pk=user.pk).has_verified_email


def test_a_second_account_with_the_same_email_is_refused(db):
    services.user_sign_up(email="ann@example.org", full_name="Ann", password="pw-x-123456")
    with pytest.raises(Conflict) as error:
        services.user_sign_up(email="ANN@example.org", full_name="Ann 2", password="pw-x-123456")
    assert error.value.field == "email"


def test_a_forged_email_token_is_refused(make_user):
    user = make_user(verified_email=False)
    with pytest.raises(DomainError):
        services.user_verify_email(user=user, token="1-forged")


def test_export_and_erase_personal_data(ward, make_resident):
    resident = make_resident(ward, "Erin Erasable")
    exported = services.user_export(user=resident)
    assert exported["account"]["full_name"] == "Erin Erasable"
    assert exported["residencies"][0]["ward"] == "Coldhurst"
    services.user_erase(user=resident)
    resident.refresh_from_db()
    assert resident.full_name == "Erased account"
    assert "erased" in resident.email and not resident.is_active
    assert not resident.has_usable_password()


def test_date_of_birth_is_checked_and_audited(make_user):
    import datetime

    user = make_user()
    services.user_date_of_birth_set(
        user=user, date_of_birth=datetime.date(2010, 3, 1), reason="test age limit"
    )
    user.refresh_from_db()
    assert user.date_of_birth == datetime.date(2010, 3, 1)
    assert AuditEvent.objects.filter(action="people.birth_date_given").count() == 1
    with pytest.raises(DomainError) as error:
        services.user_date_of_birth_set(
            user=user, date_of_birth=datetime.date(2999, 1, 1), reason="test"
        )
    assert (error.value.code, error.value.field) == ("birth_date_invalid", "date_of_birth")


def test_register_claims_and_match_attempts_are_exported_and_erased(ward, make_role, make_user):
    from datetime import date

    clerk = make_role("officer", team="clerk")
    services.register_import(
        actor=clerk,
        text=f"reference,postcode,ward_code\nEA-1,OL1 1AA,{ward.code}\n",
        source="electoral_register",
        extract_date=date(2026, 1, 5),
    )
    resident = make_user()
    with pytest.raises(DomainError):
        services.residency_match_register(
            user=resident, reference="EA-9", postcode="OL1 1AA", ip_address="203.0.113.5"
        )
    services.residency_match_register(
        user=resident, reference="EA-1", postcode="OL1 1AA", ip_address="203.0.113.5"
    )
    exported = services.user_export(user=resident)
    assert [a["is_matched"] for a in exported["register_match_attempts"]] == [False, True]
    assert exported["register_match_attempts"][0]["ip_address"] == "203.0.113.5"
    assert exported["register_claims"][0]["status"] == "verified"
    services.user_erase(user=resident)
    assert not resident.register_match_attempts.exists()
    assert not resident.register_claims.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw", "at least 10 characters"),
        ("password123", "too common"),
        ("4815162342731", "entirely numeric"),
        ("annie.hall@example", "too similar to the email"),
    ],
)
def test_sign_up_refuses_a_weak_password_and_creates_nothing(db, password, message):
    with pytest.raises(DomainError) as error:
        services.user_sign_up(email="annie.hall@example.org", full_name="Ann", password=password)

    assert error.value.code == "password_too_weak"
    assert any(message in text for text in error.value.errors["password"])
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()
