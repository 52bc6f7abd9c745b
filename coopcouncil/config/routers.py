"""Which database each query goes to when the council runs read replicas.

With ``COOPCOUNCIL_REPLICA_URL`` set, the settings add the replicas (``replica``, then
``replica_2``, ``replica_3``...) and this router (docs/deploy.md, "Scaling out"). A replica
trails the primary by a moment, so a read goes to one only when that cannot show anyone a
stale page of their own making:

- the read belongs to a request whose reads need not be fresh: a GET (or HEAD) from someone
  who has not written in the last ``COOPCOUNCIL_READ_YOUR_WRITES_SECONDS`` (core/freshness.py);
- and the primary is not inside a transaction: services read under row locks what they are
  about to write, and must see it as the primary has it.

Everything else reads from the primary: writes, every request that may write, commands, the
task worker, the signing lane (its own connection to the primary). Migrations run on the
primary only; the replicas copy its schema.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from coopcouncil.core.freshness import reads_must_be_fresh

REPLICA = "replica"


def replica_aliases(databases: Iterable[str]) -> list[str]:
    """The replicas among the database aliases."""
    return [alias for alias in databases if alias == REPLICA or alias.startswith(f"{REPLICA}_")]


class PrimaryReplicaRouter:
    """Shared reads to a replica; writes, locked reads and a writer's own reads to the primary."""

    def __init__(self) -> None:
        self.replicas = replica_aliases(settings.DATABASES)

    def db_for_read(self, model: type, **hints: Any) -> str:
        if (
            not self.replicas
            or reads_must_be_fresh()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        # Any replica will do (spreading the load): each trails the primary about as much.
        return random.choice(self.replicas)

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # A row read from a replica is the primary's row: it may be linked to any other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
