"""The illustrative demo borough, modelled on Oldham's published figures.

``demo_load`` is idempotent: every record is found by a natural key before it is
created, so running ``coopcouncil demo`` twice changes nothing the second time.
Each domain adds its own demo records in ``coopcouncil/<domain>/demo.py`` with a
``demo_load()`` function, listed here and called after places and people.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from coopcouncil.budgets import demo as budgets_demo
from coopcouncil.coproduction import demo as coproduction_demo
from coopcouncil.demo.borough import demo_load_borough
from coopcouncil.democracy import demo as democracy_demo
from coopcouncil.grants import demo as grants_demo
from coopcouncil.insight import demo as insight_demo
from coopcouncil.membership import demo as membership_demo
from coopcouncil.mutuals import demo as mutuals_demo
from coopcouncil.participation import demo as participation_demo
from coopcouncil.procurement import demo as procurement_demo
from coopcouncil.servicerequests import demo as servicerequests_demo

# In the order they load; a new app with demo records adds its ``demo_load`` here.
DOMAIN_DEMOS: tuple[Callable[[], str], ...] = (
    democracy_demo.demo_load,
    participation_demo.demo_load,
    budgets_demo.demo_load,
    coproduction_demo.demo_load,
    procurement_demo.demo_load,
    grants_demo.demo_load,
    servicerequests_demo.demo_load,
    mutuals_demo.demo_load,
    membership_demo.demo_load,
    # Last: insight tags, links and counts what the other apps' demos recorded.
    insight_demo.demo_load,
)


def demo_load() -> str:
    """Load (or top up) the demo borough and every domain's demo records."""
    lines = []
    with transaction.atomic():
        lines.append(demo_load_borough())
    for domain_demo_load in DOMAIN_DEMOS:
        with transaction.atomic():
            lines.append(domain_demo_load())
    return "\n".join(line for line in lines if line)
