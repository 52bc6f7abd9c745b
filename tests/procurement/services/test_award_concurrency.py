"""Two officers awarding the same lot at the same moment: one contract, one clear refusal.

Real threads, each on its own database connection; the lot's contract is unique in the
database, so the second award meets the constraint and is refused as a conflict, never a
500 or a second contract. SQLite serialises every writer, so this runs on PostgreSQL.
"""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from coopcouncil.core.errors import DomainError
from coopcouncil.procurement.models import Bid, Commitment, Contract
from coopcouncil.procurement.services import lot_award

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
ATTEMPTS = 6


def test_simultaneous_awards_of_one_lot_make_one_contract(officer, bids, score_all):
    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), balanced: (3, 3), local: (5, 4)})
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def award() -> None:
        try:
            barrier.wait()
            bid = Bid.objects.select_related("lot__tender__exercise").get(pk=local.pk)
            lot_award(
                actor=officer,
                lot=bid.lot,
                bid=bid,
                starts_on=date(2026, 4, 1),
                ends_on=date(2027, 3, 31),
            )
            result = "awarded"
        except DomainError as error:
            result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=award) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("awarded") == 1
    assert outcomes.count("lot_awarded") == ATTEMPTS - 1
    assert Contract.objects.count() == 1
    assert Commitment.objects.count() == 2
