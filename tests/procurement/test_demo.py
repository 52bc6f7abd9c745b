"""The procurement demo loads every part of the issue and running it again changes nothing."""

import pytest

from coopcouncil.procurement.models import (
    Bid,
    Contract,
    PanelMember,
    QuarterlyReturn,
    ReturnLine,
    SocialValueOffer,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    models = (Bid, Contract, PanelMember, QuarterlyReturn, ReturnLine, SocialValueOffer)
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_loads_everything_once():
    from coopcouncil.demo.borough import demo_load_borough
    from coopcouncil.procurement.demo import demo_load

    demo_load_borough()
    demo_load()
    first = _counts()
    demo_load()
    assert _counts() == first
    assert PanelMember.objects.filter(kind="service_user").count() == 2
    tendered = Contract.objects.get(route="tender")
    assert tendered.lot.bids.count() == 3 and tendered.award_breakdown["bids"]
    assert tendered.returns.count() == 2
    short = [line for line in ReturnLine.objects.all() if line.is_short]
    assert short and all(line.remedy for line in short)
    assert Contract.objects.filter(route="quotation", quotes__isnull=False).distinct().count() == 1
