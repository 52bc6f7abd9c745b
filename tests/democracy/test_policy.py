import pytest

from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = pytest.mark.django_db


def test_the_call_in_threshold_set_in_the_environment_applies_to_a_published_decision(
    monkeypatch, partnership, clerk, ward
):
    monkeypatch.setenv("COOPCOUNCIL_CALL_IN_THRESHOLD", "250")
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Grants to youth clubs", wards=[ward]
    )

    decision_publish(actor=clerk, decision=decision)

    assert decision.call_in.threshold == 250
