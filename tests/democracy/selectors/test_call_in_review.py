"""Suspicious batches of call-in signatures: one address, one minute, disposable domains."""

import pytest

from coopcouncil.democracy.models import CallInPetition, CallInSignature
from coopcouncil.democracy.selectors import suspicious_batches
from coopcouncil.democracy.services.decisions import decision_create, decision_publish
from coopcouncil.people.models import Residency

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(partnership, clerk) -> CallInPetition:
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    return decision_publish(actor=clerk, decision=decision).call_in


def _sign(petition, resident, ward, *, uprn=None, postcode="", address=""):
    Residency.objects.filter(user=resident).update(uprn=uprn, postcode=postcode, address=address)
    return CallInSignature.objects.create(petition=petition, signer=resident, ward=ward)


def test_signatures_from_one_address_form_a_batch(petition, ward, make_resident, settings):
    settings.COOPCOUNCIL_SUSPICIOUS_SAME_ADDRESS_SIGNATURES = 2
    settings.COOPCOUNCIL_SUSPICIOUS_SAME_MINUTE_SIGNATURES = 100
    flat = [_sign(petition, make_resident(ward), ward, uprn=422000123) for _ in range(2)]
    house = [
        _sign(petition, make_resident(ward), ward, postcode="ol1 1aa", address=line)
        for line in ("1 Mill Lane, Oldham", "1 MILL LANE")
    ]
    _sign(petition, make_resident(ward), ward, uprn=422000999)  # alone at its address
    batches = suspicious_batches(petition)
    assert [(b.kind, b.label, list(b.signatures)) for b in batches] == [
        ("same_address", "UPRN 422000123", flat),
        ("same_address", "1 MILL LANE, OL1 1AA", house),
    ]


def test_signatures_in_one_minute_and_disposable_domains_form_batches(
    petition, ward, make_resident, settings
):
    settings.COOPCOUNCIL_SUSPICIOUS_SAME_MINUTE_SIGNATURES = 3
    settings.COOPCOUNCIL_DISPOSABLE_EMAIL_DOMAINS = "mailinator.com"
    burst = [_sign(petition, make_resident(ward), ward) for _ in range(3)]
    throwaway = make_resident(ward)
    throwaway.email = "bot7@Mailinator.com"
    throwaway.save()
    disposable = _sign(petition, throwaway, ward)
    kinds = {b.kind: list(b.signatures) for b in suspicious_batches(petition)}
    assert kinds["same_minute"][:3] == burst
    assert kinds["disposable_email"] == [disposable]
