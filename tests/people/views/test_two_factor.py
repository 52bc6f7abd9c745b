"""The optional second factor (TOTP): staff enrol, then signing in asks for a code before any
page, the admin and the API included; a council may require it of administrators."""

from base64 import b32decode
from time import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.core.models import AuditEvent

PASSWORD = "a-long-test-password"


def _code(secret_bytes: bytes, *, steps_ahead: int = 0) -> str:
    totp = TOTP(secret_bytes)
    totp.time = time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _sign_in(client, user):
    response = client.post(reverse("people:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Olu Officer", team="district_team")


@pytest.fixture
def enrolled(officer):
    device = TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    return officer, device.bin_key


def test_staff_enrol_with_a_secret_shown_once_and_a_code_from_it(client, officer):
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    page = client.post(reverse("people:two_factor_enrol"), {"start": "1"})
    secret = page.context["enrolment"].secret
    assert secret in page.content.decode()
    assert page.context["enrolment"].link.startswith("otpauth://totp/")
    response = client.post(reverse("people:two_factor_enrol"), {"code": _code(b32decode(secret))})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert AuditEvent.objects.filter(action="people.two_factor_enrolled", actor=officer).exists()
    again = client.get(reverse("people:two_factor_enrol")).content.decode()
    assert secret not in again


def test_a_wrong_code_does_not_turn_on_the_second_factor(client, officer):
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("people:two_factor_enrol"), {"start": "1"})
    page = client.post(reverse("people:two_factor_enrol"), {"code": "000000"})
    assert "That code is not right" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_a_resident_without_a_staff_role_is_not_offered_a_second_factor(client, make_user):
    resident = make_user("Rhys Resident")
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(reverse("people:two_factor_enrol"), {"start": "1"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=resident).exists()


def test_after_the_password_every_page_asks_for_the_code_first(client, enrolled):
    officer, _key = enrolled
    _sign_in(client, officer)
    profile = client.get(reverse("people:profile"))
    assert profile.status_code == 302
    assert profile["Location"].startswith(reverse("people:two_factor_verify"))
    assert client.get("/admin/")["Location"].startswith(reverse("people:two_factor_verify"))
    api = client.get("/api/v1/councillors")
    assert api.status_code == 403 and api.json()["code"] == "two_factor_required"


def test_the_right_code_completes_sign_in_and_returns_to_the_page_asked_for(client, enrolled):
    officer, key = enrolled
    _sign_in(client, officer)
    before = client.session.session_key
    response = client.post(
        reverse("people:two_factor_verify"), {"code": _code(key), "next": "/accounts/profile/"}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    assert client.session.session_key != before
    assert client.get(reverse("people:profile")).status_code == 200


def test_a_wrong_code_leaves_the_session_waiting_for_the_right_one(client, enrolled):
    officer, _key = enrolled
    _sign_in(client, officer)
    page = client.post(reverse("people:two_factor_verify"), {"code": "123456"})
    assert page.status_code == 200 and "That code is not right" in page.content.decode()
    assert client.get(reverse("people:profile")).status_code == 302


def test_a_code_is_not_accepted_twice(client, enrolled):
    officer, key = enrolled
    code = _code(key)
    _sign_in(client, officer)
    client.post(reverse("people:two_factor_verify"), {"code": code})
    client.post(reverse("people:logout"))
    _sign_in(client, officer)
    page = client.post(reverse("people:two_factor_verify"), {"code": code})
    assert page.status_code == 200


def test_a_next_page_on_another_site_is_not_followed(client, enrolled):
    officer, key = enrolled
    _sign_in(client, officer)
    response = client.post(
        reverse("people:two_factor_verify"), {"code": _code(key), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/accounts/profile/"


def test_without_a_second_factor_signing_in_is_the_password_alone(client, officer):
    _sign_in(client, officer)
    assert client.get(reverse("people:profile")).status_code == 200


def test_when_required_an_administrator_must_enrol_before_anything_else(
    client, administrator, make_user, settings
):
    settings.COOPCOUNCIL_TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = True
    _sign_in(client, administrator)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("people:two_factor_enrol"))
    resident = make_user("Rhys Resident")
    client.post(reverse("people:logout"))
    _sign_in(client, resident)
    assert client.get(reverse("people:profile")).status_code == 200


def test_an_administrator_removes_a_lost_second_factor_from_the_command_line(enrolled):
    officer, _key = enrolled
    result = CliRunner().invoke(app, ["people", "two-factor-remove", officer.email])
    assert result.exit_code == 0, result.output
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert AuditEvent.objects.filter(action="people.two_factor_removed").exists()


def test_removing_a_second_factor_that_is_not_there_fails_with_a_message(officer):
    result = CliRunner().invoke(app, ["people", "two-factor-remove", officer.email])
    assert result.exit_code == 1
    assert "No second factor is set up" in result.output
