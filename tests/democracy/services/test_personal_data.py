"""A resident's democracy records are in their data export, and erasure keeps counts right."""

import pytest

from coopcouncil.democracy.models import CallInPetition, CallInSignature
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish
from coopcouncil.people.interfaces import personal_data_sections
from coopcouncil.people.services import user_erase, user_export


@pytest.fixture
def published(partnership, clerk, ward, settings):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 100
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Close the library", wards=[ward]
    )
    return decision_publish(actor=clerk, decision=decision)


def test_democracy_and_participation_register_their_personal_data_sections():
    assert {"democracy", "participation"} <= {s.app_label for s in personal_data_sections()}


def test_a_signature_is_in_the_signers_data_export(published, ward, make_resident):
    resident = make_resident(ward)
    call_in_sign(resident=resident, decision=published, show_name=True)
    exported = user_export(user=resident)["democracy"]["call_in_signatures"]
    assert exported == [
        {
            "decision": "Close the library",
            "signed_at": CallInSignature.objects.get().signed_at.isoformat(),
            "show_name": True,
        }
    ]


def test_erasure_hides_the_name_but_keeps_the_signature_counted(published, ward, make_resident):
    resident = make_resident(ward)
    call_in_sign(resident=resident, decision=published, show_name=True)
    user_erase(user=resident)
    signature = CallInSignature.objects.get()
    assert signature.show_name is False
    assert CallInPetition.objects.get().signatures.count() == 1
