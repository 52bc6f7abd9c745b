import datetime

import pytest

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.people.models import RoleAssignment
from coopcouncil.people.services import role_assign, role_end


def test_role_changes_keep_history_and_an_audit_row(ward, make_user, administrator):
    person = make_user("Cllr New")
    seat = role_assign(actor=administrator, user=person, role="councillor", ward=ward)
    role_end(actor=administrator, assignment=seat, end_date=datetime.date(2026, 5, 1))
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2026, 5, 1)
    assert seat.history.count() == 2
    assert list(
        AuditEvent.objects.filter(target_id=str(seat.pk)).values_list("action", flat=True)
    ) == ["people.role_ended", "people.role_assigned"]


def test_a_councillor_role_needs_a_ward(make_user, administrator):
    with pytest.raises(DomainError):
        role_assign(actor=administrator, user=make_user(), role="councillor")
    assert not RoleAssignment.objects.filter(role="councillor").exists()


def test_only_administrators_assign_roles(ward, make_user, make_role):
    officer = make_role("officer", team="clerk")
    with pytest.raises(NotAllowed):
        role_assign(actor=officer, user=make_user(), role="councillor", ward=ward)
