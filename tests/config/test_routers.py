"""The replica router's choices: shared reads to a replica, everything else to the primary.

tests/config/test_replica.py shows the same on a real streaming replica (PostgreSQL).
"""

from __future__ import annotations

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from coopcouncil.config.routers import PrimaryReplicaRouter, replica_aliases
from coopcouncil.core.freshness import WROTE_COOKIE, ReadYourWritesMiddleware
from coopcouncil.democracy.models import CallInSignature

factory = RequestFactory()


@pytest.fixture
def router(monkeypatch) -> PrimaryReplicaRouter:
    """The router with two replicas configured (never connected to: only names are read)."""
    default = connections.settings["default"]
    monkeypatch.setitem(connections.settings, "replica", dict(default))
    monkeypatch.setitem(connections.settings, "replica_2", dict(default))
    return PrimaryReplicaRouter()


def _read_during(router: PrimaryReplicaRouter, request) -> tuple[str, HttpResponse]:
    """Where the router sends a read made while ``request`` is served, and the response."""
    chosen = {}

    def view(_request):
        chosen["db"] = router.db_for_read(CallInSignature)
        return HttpResponse("ok")

    response = ReadYourWritesMiddleware(view)(request)
    return chosen["db"], response


def test_replicas_are_named_replica_then_replica_2_and_on():
    assert replica_aliases(["default", "replica", "replica_2", "replicas", "archive"]) == [
        "replica",
        "replica_2",
    ]


def test_a_read_for_someone_who_has_not_written_goes_to_a_replica(router):
    chosen = {_read_during(router, factory.get("/"))[0] for _ in range(40)}
    assert chosen == {"replica", "replica_2"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_read_of_a_request_that_may_write_goes_to_the_primary(router, method):
    assert _read_during(router, getattr(factory, method)("/"))[0] == "default"


def test_the_writers_next_reads_go_to_the_primary(router):
    _, response = _read_during(router, factory.post("/"))
    request = factory.get("/")
    request.COOKIES[WROTE_COOKIE] = response.cookies[WROTE_COOKIE].value
    assert _read_during(router, request)[0] == "default"


def test_reads_outside_a_request_go_to_the_primary(router):
    """Commands, tasks and the signing lane's threshold check never read a replica."""
    assert router.db_for_read(CallInSignature) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(router):
    """A service reads under row locks what it is about to write: the primary's rows."""

    def view(_request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(CallInSignature))

    assert ReadYourWritesMiddleware(view)(factory.get("/")).content == b"default"


def test_writes_go_to_the_primary_and_only_the_primary_is_migrated(router):
    assert router.db_for_write(CallInSignature) == "default"
    assert router.allow_migrate("default", "democracy") is True
    assert router.allow_migrate("replica", "democracy") is False
    assert router.allow_relation(object(), object()) is True


def test_without_replicas_every_read_goes_to_the_primary():
    assert _read_during(PrimaryReplicaRouter(), factory.get("/"))[0] == "default"
