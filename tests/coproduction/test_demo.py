"""The co-production demo loads every part of the issue and is safe to run twice."""

import pytest

from coopcouncil.coproduction.models import (
    CommunityAsset,
    CommunityValueNomination,
    CreditEntry,
    CreditOffer,
    GrittingRoute,
    LeaseAgreement,
    MeanwhileLicence,
    Opportunity,
    Shift,
    SignUp,
    StaffVolunteeringRequest,
)
from coopcouncil.coproduction.selectors import community_value_dates

pytestmark = pytest.mark.django_db

MODELS = (
    CommunityAsset,
    CommunityValueNomination,
    CreditEntry,
    CreditOffer,
    GrittingRoute,
    LeaseAgreement,
    MeanwhileLicence,
    Opportunity,
    Shift,
    SignUp,
    StaffVolunteeringRequest,
)


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_each_part_once_and_an_acv_in_its_moratorium():
    from coopcouncil.coproduction.demo import demo_load
    from coopcouncil.demo.borough import demo_load_borough

    demo_load_borough()
    demo_load()
    first = _counts()
    assert first["LeaseAgreement"] == 2 and first["CommunityValueNomination"] == 1
    assert first["Opportunity"] == 3 and first["GrittingRoute"] == 4
    assert first["StaffVolunteeringRequest"] == 2 and first["CreditOffer"] == 4
    assert CreditEntry.objects.filter(amount__lt=0).exists()
    dates = community_value_dates(CommunityValueNomination.objects.get())
    assert dates.disposal is not None and dates.disposal.moratorium_ends_on is not None
    demo_load()
    assert _counts() == first
