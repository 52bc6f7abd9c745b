"""Democracy asks the app above it for the ward budget figure through one typed slot."""

import pytest

from coopcouncil.budgets.selectors import councillor_allocated_pence
from coopcouncil.democracy import interfaces


def test_a_second_app_may_not_claim_the_ward_budget_figure():
    with pytest.raises(RuntimeError):
        interfaces.ward_budget_allocated_register(lambda councillor, year: 0)
    # Budgets registering its own answer again (start-up run twice) is harmless.
    interfaces.ward_budget_allocated_register(councillor_allocated_pence)


def test_every_listener_is_told_of_a_status_change_once_however_often_registered(monkeypatch):
    """Democracy tells apps above it that a decision's status changed (grants listens)."""
    heard: list[tuple[int, str, str]] = []

    def listener(*, decision_id: int, status: str, previous: str) -> None:
        heard.append((decision_id, status, previous))

    monkeypatch.setattr(interfaces, "_status_listeners", [])
    interfaces.decision_status_listen(listener)
    interfaces.decision_status_listen(listener)
    interfaces.decision_status_changed(7, "suspended", "published")
    assert heard == [(7, "suspended", "published")]


def test_grants_listens_for_decision_status_changes():
    from coopcouncil.grants.services import award_standing_follow

    assert award_standing_follow in interfaces._status_listeners
