"""Signing a call-in on its page is rate limited like the API (429 page, Retry-After)."""

import pytest

from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = pytest.mark.django_db


def test_signing_on_the_page_is_limited_per_account_and_address(
    client, partnership, clerk, ward, make_resident, rate_limit_holds
):
    decision = decision_create(actor=clerk, partnership=partnership, title="Bins", wards=[ward])
    decision = decision_publish(actor=clerk, decision=decision)

    def attempt(user, address):
        client.force_login(user)
        return client.post(f"/democracy/decisions/{decision.pk}/sign/", {}, REMOTE_ADDR=address)

    rate_limit_holds(
        "call_in_signature", attempt, make_resident(ward), make_resident(ward), api=False
    )
