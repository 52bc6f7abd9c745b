import re

from django.core import mail
from django.urls import reverse

from coopcouncil.core.models import AuditEvent
from coopcouncil.people import services
from coopcouncil.people.models import User


def test_sign_up_confirm_and_see_profile(client, places, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "full_name": "Sam Resident",
                "email": "sam@example.org",
                "password": "a-Long-pass-123",
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "Confirm your email address" in response.content.decode()
    link = re.search(r"http://\S+/accounts/verify/\S+/", mail.outbox[0].body).group(0)
    client.post(link.replace("http://127.0.0.1:8000", ""))
    assert User.objects.get(email="sam@example.org").has_verified_email


def _confirmation_link(user) -> str:
    return services.user_verification_link(user).replace("http://127.0.0.1:8000", "")


def test_opening_the_confirmation_link_shows_the_button_and_confirms_nothing(client, make_user):
    # Mail systems that scan links open them with GET; only the resident's press confirms.
    user = make_user(verified_email=False)

    response = client.get(_confirmation_link(user))

    assert response.status_code == 200
    assert "Confirm my email address" in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert not User.objects.get(pk=user.pk).has_verified_email
    assert not AuditEvent.objects.filter(action="people.email_verified").exists()


def test_pressing_the_button_confirms_the_email(client, make_user):
    user = make_user(verified_email=False)
    strict = type(client)(enforce_csrf_checks=True)
    link = _confirmation_link(user)
    page = strict.get(link)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())

    response = strict.post(link, {"csrfmiddlewaretoken": token.group(1)}, follow=True)

    assert "your email address is confirmed" in response.content.decode()
    assert User.objects.get(pk=user.pk).has_verified_email
    assert AuditEvent.objects.filter(action="people.email_verified").count() == 1


def test_the_button_without_a_csrf_token_confirms_nothing(client, make_user):
    user = make_user(verified_email=False)
    strict = type(client)(enforce_csrf_checks=True)

    assert strict.post(_confirmation_link(user)).status_code == 403
    assert not User.objects.get(pk=user.pk).has_verified_email


def test_a_forged_or_unknown_confirmation_link_is_refused(client, make_user):
    user = make_user(verified_email=False)
    forged = _confirmation_link(user).rstrip("/").rsplit("/", 1)[0] + "/1-forged/"
    unknown = reverse("people:verify_email", args=["bm9ib2R5", "1-forged"])

    assert client.get(unknown).status_code == 400
    assert client.post(unknown).status_code == 400
    assert client.post(forged).status_code == 400
    assert not User.objects.get(pk=user.pk).has_verified_email


def test_sign_up_form_shows_field_errors(client, places):
    response = client.post("/accounts/signup/", {"full_name": "", "email": "x", "password": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address" in page
    assert "This field is required" in page


def test_sign_up_shows_every_password_rule_broken_on_the_password_field(client, places):
    response = client.post(
        "/accounts/signup/",
        {"full_name": "Sam Resident", "email": "sam@example.org", "password": "12345678"},
    )

    assert response.status_code == 200
    password_errors = response.context["form"].errors["password"]
    assert any("at least 10 characters" in text for text in password_errors)
    assert any("too common" in text for text in password_errors)
    assert any("entirely numeric" in text for text in password_errors)
    assert not User.objects.filter(email="sam@example.org").exists()


def test_residency_claim_with_bad_postcode_shows_error(client, addresses, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post("/accounts/profile/residency/", {"address": "1 St", "postcode": "OL"})
    assert response.status_code == 400
    assert "Enter a full UK postcode, like OL1 1AA." in response.content.decode()


def test_officer_downloads_letter_pdf_and_csv(client, ward, make_user, make_role, addresses):
    from coopcouncil.people.services import residency_claim

    residency_claim(user=make_user(), address="1 St", postcode="OL1 9CK")
    officer = make_role("officer", team="district_team", district=ward.district)
    client.force_login(officer)
    assert "Nobody is waiting" not in client.get("/accounts/residency/queue/").content.decode()
    response = client.post("/accounts/residency/letters/", {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_residents_cannot_open_the_verification_queue(client, ward, make_resident):
    client.force_login(make_resident(ward))
    assert client.get("/accounts/residency/queue/").status_code == 403


def test_api_me_requires_sign_in_and_reports_standing(client, ward, make_resident):
    assert client.get("/api/v1/me").status_code == 401
    client.force_login(make_resident(ward))
    body = client.get("/api/v1/me").json()
    assert body["can_take_part"] is True and body["ward"] == "coldhurst"


def test_password_reset_email_lets_the_person_choose_a_new_password(client, make_user):
    user = make_user()
    client.post("/accounts/password-reset/", {"email": user.email})
    path = re.search(r"/accounts/password-reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": "Another-long-pw-77", "new_password2": "Another-long-pw-77"},
    )
    user.refresh_from_db()
    assert user.check_password("Another-long-pw-77")


def test_profile_offers_data_export_as_json(client, ward, make_resident):
    client.force_login(make_resident(ward, "Jo Export"))
    response = client.get("/accounts/profile/export/")
    assert response["Content-Type"] == "application/json"
    assert response.json()["account"]["full_name"] == "Jo Export"


def test_account_sign_ups_are_limited_per_address(
    client, places, settings, rate_limit_window_passes
):
    settings.COOPCOUNCIL_RATE_LIMIT_ACCOUNT_SIGN_UP_PER_ADDRESS = 2

    def sign_up(n, address):
        body = {"full_name": f"Resident {n}", "email": f"r{n}@example.org", "password": "x"}
        client.logout()
        return client.post("/accounts/signup/", body, REMOTE_ADDR=address)

    assert [sign_up(n, "198.51.100.7").status_code for n in range(3)] == [200, 200, 429]
    assert sign_up(3, "203.0.113.9").status_code == 200  # another address
    rate_limit_window_passes()
    assert sign_up(4, "198.51.100.7").status_code == 200
