"""Write a Pabulib `.pb` file into the database as a finished PB process, all or nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.logic.counting import RULE_NAMES
from coopcouncil.participation.logic.pabulib import PabulibFormatError, parse_pabulib
from coopcouncil.participation.models import Ballot, PBProcess, Project
from coopcouncil.participation.pabulib_adapter.importing import ImportedRows
from coopcouncil.participation.services.results import result_store
from coopcouncil.people.selectors import Actor, acting_user

IMPORT_BATCH = 5000


def process_import_pabulib(
    *,
    actor: Actor,
    text: str,
    district: Any = None,
    title: str = "",
    rule: str = "",
    check_permission: bool = True,
    now: datetime | None = None,
) -> PBProcess:
    """Import a `.pb` file as a new, finished process; all or nothing.

    A malformed file is refused with its line number and nothing is written. The imported
    process is counted at once under `rule` (by default the file's own city rule when we can
    apply it, else greedy by cost) unless the rule does not fit the ballots.
    """
    now = now or timezone.now()
    rows = _election_rows(text, district=district, title=title, rule=rule)
    process = rows.process
    process.created_by = acting_user(actor)
    if check_permission:
        require(actor, "pb.manage", process)
    with transaction.atomic():
        _save_rows(rows)
        audit_record(
            actor=actor,
            action="pb.process_imported",
            target=process,
            summary=f"Pabulib election '{process.title}' imported",
            details={"projects": len(rows.projects), "ballots": len(rows.ballots)},
        )
        try:
            with transaction.atomic():
                result_store(actor=actor, process=process, now=now)
        except DomainError:
            pass  # The rule does not fit these ballots; the election is still worth keeping.
    return process


def _election_rows(text: str, *, district: Any, title: str, rule: str) -> ImportedRows:
    # Everything that can be wrong with the file is found here, before anything is written.
    try:
        election = parse_pabulib(text)
    except PabulibFormatError as error:
        raise DomainError("pabulib_invalid", str(error), "file") from None
    rule = rule or pabulib_adapter.default_rule_for(election)
    if rule not in RULE_NAMES:
        raise DomainError(
            "pb_rule_unknown",
            gettext("Choose a rule: %(rules)s.") % {"rules": ", ".join(RULE_NAMES)},
            "rule",
        )
    title = title or election.meta.get("description", "").strip() or "Imported PB election"
    try:
        return pabulib_adapter.rows_from_election(
            election, title=title, district=district, rule=rule
        )
    except ValueError as error:
        raise DomainError("pabulib_invalid", str(error), "file") from None


def _save_rows(rows: ImportedRows) -> None:
    rows.process.save()
    for project in rows.projects:
        project.process = rows.process
    Project.objects.bulk_create(rows.projects, batch_size=IMPORT_BATCH)
    for ballot in rows.ballots:
        ballot.process = rows.process
    Ballot.objects.bulk_create(rows.ballots, batch_size=IMPORT_BATCH)
