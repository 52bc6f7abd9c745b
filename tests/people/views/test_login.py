"""Failed sign-ins are counted per account and per address; at the limit sign-in pauses (429).

django-axes counts them (config/settings.py, AXES_*); these tests sign in through the real
sign-in page, as a resident's browser does.
"""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from coopcouncil.people.models import User

PASSWORD = "a-long-test-password"
HOME = "192.0.2.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def resident(db):
    return User.objects.create_user("resident@example.org", PASSWORD, full_name="Rhys Resident")


@pytest.fixture
def neighbour(db):
    return User.objects.create_user("neighbour@example.org", PASSWORD, full_name="Nia Neighbour")


def _sign_in(client, email, password, address=HOME):
    return client.post(
        reverse("people:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def _fail(client, email, times, address=HOME):
    for _ in range(times):
        _sign_in(client, email, "not-the-password", address)


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_five_failures_the_right_password_is_refused_with_the_pause_page(client, resident):
    _fail(client, resident.email, 4)
    assert _sign_in(client, resident.email, "not-the-password").status_code == 429

    response = _sign_in(client, resident.email, PASSWORD)

    assert response.status_code == 429
    assert "people/login_locked_out.html" in [t.name for t in response.templates]
    assert "try again in 15 minutes" in response.content.decode()
    assert not _is_signed_in(client)


def test_four_failures_still_let_the_right_password_in(client, resident):
    _fail(client, resident.email, 4)

    assert _sign_in(client, resident.email, PASSWORD).status_code == 302
    assert _is_signed_in(client)


def test_the_account_is_paused_from_any_address(client, resident):
    _fail(client, resident.email, 5, address=HOME)

    assert _sign_in(client, resident.email, PASSWORD, address=ELSEWHERE).status_code == 429


def test_an_address_that_failed_five_times_is_paused_for_every_account(client, resident, neighbour):
    _fail(client, resident.email, 3)
    _fail(client, "nobody@example.org", 2)

    assert _sign_in(client, neighbour.email, PASSWORD).status_code == 429


def test_other_accounts_at_other_addresses_are_not_paused(client, resident, neighbour):
    _fail(client, resident.email, 5, address=HOME)

    assert _sign_in(client, neighbour.email, PASSWORD, address=ELSEWHERE).status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, resident):
    _fail(client, resident.email, 4)
    assert _sign_in(client, resident.email, PASSWORD).status_code == 302
    client.logout()

    _fail(client, resident.email, 4)

    assert _sign_in(client, resident.email, PASSWORD).status_code == 302


def test_the_limit_and_the_pause_are_settings(client, resident, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _fail(client, resident.email, 2)

    assert _sign_in(client, resident.email, PASSWORD).status_code == 429


def test_sign_in_opens_again_after_the_pause(client, resident):
    _fail(client, resident.email, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert _sign_in(client, resident.email, PASSWORD).status_code == 302


def test_the_pause_page_is_served_the_same_under_asgi(async_client, resident):
    # `coopcouncil serve` runs Django under ASGI, where django-axes' middleware takes its
    # asynchronous path to the pause page.
    sign_in = async_to_sync(async_client.post)
    form = {"username": resident.email, "password": "not-the-password"}
    for _ in range(5):
        sign_in(reverse("people:login"), form)

    response = sign_in(reverse("people:login"), {**form, "password": PASSWORD})

    assert response.status_code == 429
    assert "try again in 15 minutes" in response.content.decode()
