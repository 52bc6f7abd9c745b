"""Property: whatever order people sign up and give up places in, a shift's count of booked
places equals its standing sign-ups and never passes its places."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopcouncil.coproduction.models import Shift, SignUp
from coopcouncil.coproduction.services import shift_sign_up, sign_up_cancel
from coopcouncil.core.errors import Conflict

from ..conftest import make_shift

pytestmark = pytest.mark.django_db

PEOPLE = 5


@pytest.fixture
def residents(make_resident, ward):
    return [make_resident(ward) for _ in range(PEOPLE)]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    places=st.integers(min_value=1, max_value=4),
    steps=st.lists(st.tuples(st.integers(0, PEOPLE - 1), st.booleans()), max_size=15),
)
def test_booked_places_match_the_standing_sign_ups_and_never_pass_the_limit(
    organiser, opportunity, residents, places, steps
):
    shift = make_shift(organiser, opportunity, places=places)
    for person, is_signing_up in steps:
        resident = residents[person]
        try:
            if is_signing_up:
                shift_sign_up(actor=resident, shift=shift)
            else:
                standing = SignUp.objects.filter(shift=shift, volunteer=resident, status="booked")
                if standing.exists():
                    sign_up_cancel(actor=resident, sign_up=standing.get())
        except Conflict:
            pass
        booked = Shift.objects.get(pk=shift.pk).booked
        assert booked == SignUp.objects.filter(shift=shift, status="booked").count() <= places
