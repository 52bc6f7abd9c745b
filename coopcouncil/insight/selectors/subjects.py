"""What insight's tags and outcome links point at: other apps' records, by kind and id.

A typed registry instead of a generic foreign key: each kind names the app's own selector
that finds its records, so insight never queries another app's models. Grants, contracts
and assets join by adding one ``SubjectKind`` to ``SUBJECT_KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.democracy.selectors import decision_list
from coopcouncil.participation.selectors import projects_by_id


@dataclass(frozen=True)
class Subject:
    """A record of another app, as insight shows it: what it is, its title and its page."""

    kind: str
    id: int
    title: str
    url: str


@dataclass(frozen=True)
class SubjectKind:
    label: Promise
    find: Callable[[Collection[int]], dict[int, Subject]]


def _decisions(ids: Collection[int]) -> dict[int, Subject]:
    return {
        d.pk: Subject("decision", d.pk, d.title, reverse("democracy:decision", args=[d.pk]))
        for d in decision_list().filter(pk__in=ids)
    }


def _pb_projects(ids: Collection[int]) -> dict[int, Subject]:
    return {
        p.pk: Subject(
            "pb_project",
            p.pk,
            p.title,
            reverse("participation:project", args=[p.process_id, p.pk]),
        )
        for p in projects_by_id(ids)
    }


SUBJECT_KINDS: dict[str, SubjectKind] = {
    "decision": SubjectKind(_("Decision"), _decisions),
    "pb_project": SubjectKind(_("PB project"), _pb_projects),
}


def subjects_find(pairs: Collection[tuple[str, int]]) -> dict[tuple[str, int], Subject]:
    """The records named by (kind, id) pairs, one query per kind; missing ones are left out."""
    by_kind: dict[str, set[int]] = {}
    for kind, subject_id in pairs:
        if kind in SUBJECT_KINDS:
            by_kind.setdefault(kind, set()).add(subject_id)
    found: dict[tuple[str, int], Subject] = {}
    for kind, ids in by_kind.items():
        for subject_id, subject in SUBJECT_KINDS[kind].find(ids).items():
            found[(kind, subject_id)] = subject
    return found


def subject_get(kind: str, subject_id: int) -> Subject:
    """One record to tag or link; refuses an unknown kind or a record that is not there."""
    if kind not in SUBJECT_KINDS:
        choices = ", ".join(SUBJECT_KINDS)
        raise DomainError(
            "subject_kind_unknown",
            gettext("Choose one of: %(choices)s.") % {"choices": choices},
            "subject_kind",
        )
    subject = SUBJECT_KINDS[kind].find([subject_id]).get(subject_id)
    if subject is None:
        raise NotFound(
            "subject_not_found",
            gettext("There is no %(kind)s %(id)s.") % {"kind": kind, "id": subject_id},
            "subject_id",
        )
    return subject
