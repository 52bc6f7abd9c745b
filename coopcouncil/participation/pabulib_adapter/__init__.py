"""Pabulib adapter: database rows ↔ the logic package's `Election`, and counting a process.

The logic package (`participation.logic`) knows nothing of Django: it counts `Election`
dataclasses. This package builds them from a process's projects and ballots (`exporting`),
counts a process heading by heading (`counting`), and turns a parsed `.pb` file back into
unsaved model instances for the import service (`importing`). Money in the database is
integer pence (minor units); in an `Election` it is whole currency units as an exact
`Fraction` (pence / 100), so counting a process and counting its exported file agree exactly,
including rules that step the budget one currency unit at a time (`terms`).

Data the platform does not model (extra META keys, PROJECTS and VOTES columns, line endings)
is kept on the rows of an imported process, so `.pb` → import → export gives the same election.
"""

from coopcouncil.participation.pabulib_adapter.counting import process_count
from coopcouncil.participation.pabulib_adapter.exporting import process_election
from coopcouncil.participation.pabulib_adapter.importing import (
    default_rule_for,
    rows_from_election,
)
from coopcouncil.participation.pabulib_adapter.terms import (
    OFFICIAL,
    platform_ballot_types,
    units,
)

__all__ = [
    "OFFICIAL",
    "default_rule_for",
    "platform_ballot_types",
    "process_count",
    "process_election",
    "rows_from_election",
    "units",
]
