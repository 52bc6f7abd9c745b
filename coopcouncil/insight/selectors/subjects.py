"""What insight's tags and outcome links point at: other apps' records, by kind and id.

A typed registry instead of a generic foreign key: each kind names the app's own selector
that finds its records, so insight never queries another app's models. Issue 17 says which
kinds each use takes: principles tag decisions, PB projects, grants, contracts and assets
(``TAG_KINDS``); the outcomes framework links PB projects, grants, volunteering and
contracts to outcomes (``LINK_KINDS``). Every subject links to its public page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.selectors import asset_list, opportunities_by_id
from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.democracy.selectors import decision_list
from coopcouncil.grants.selectors import awards_public
from coopcouncil.participation.selectors import projects_by_id
from coopcouncil.procurement.selectors import contract_list


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


def _grants(ids: Collection[int]) -> dict[int, Subject]:
    """Awards in force, by application number: an application not awarded is the group's
    own business, and an award's public page is the partnership's decision."""
    return {
        a.pk: Subject(
            "grant",
            a.pk,
            f"{a.title} ({a.organisation.name})",
            reverse("democracy:decision", args=[a.decision_id])
            if a.decision_id
            else reverse("grants:awards"),
        )
        for a in awards_public().filter(pk__in=ids)
    }


def _contracts(ids: Collection[int]) -> dict[int, Subject]:
    return {
        c.pk: Subject(
            "contract",
            c.pk,
            f"{c.title} ({c.supplier.name})",
            reverse("procurement:contract", args=[c.pk]),
        )
        for c in contract_list().filter(pk__in=ids)
    }


def _assets(ids: Collection[int]) -> dict[int, Subject]:
    return {
        a.pk: Subject("asset", a.pk, a.name, reverse("coproduction:asset", args=[a.reference]))
        for a in asset_list().filter(pk__in=ids)
    }


def _volunteering(ids: Collection[int]) -> dict[int, Subject]:
    return {
        o.pk: Subject(
            "volunteering",
            o.pk,
            f"{o.role} ({o.ward.name})",
            reverse("coproduction:opportunity", args=[o.pk]),
        )
        for o in opportunities_by_id(ids)
    }


SUBJECT_KINDS: dict[str, SubjectKind] = {
    "decision": SubjectKind(_("Decision"), _decisions),
    "pb_project": SubjectKind(_("PB project"), _pb_projects),
    "grant": SubjectKind(_("Grant award"), _grants),
    "contract": SubjectKind(_("Contract"), _contracts),
    "asset": SubjectKind(_("Community asset"), _assets),
    "volunteering": SubjectKind(_("Volunteering opportunity"), _volunteering),
}

# What a principle may tag, and what may be linked to an outcome (issue 17's two lists).
TAG_KINDS: tuple[str, ...] = ("decision", "pb_project", "grant", "contract", "asset")
LINK_KINDS: tuple[str, ...] = ("pb_project", "grant", "volunteering", "contract")


def subject_choices(kinds: Collection[str]) -> list[tuple[str, Promise]]:
    """The kinds as form choices, in the registry's order."""
    return [(kind, found.label) for kind, found in SUBJECT_KINDS.items() if kind in kinds]


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


def subject_get(kind: str, subject_id: int, *, kinds: Collection[str]) -> Subject:
    """One record to tag or link, of one of ``kinds``; refuses any other kind, or a record
    that is not there (or not public)."""
    if kind not in kinds or kind not in SUBJECT_KINDS:
        choices = ", ".join(k for k in SUBJECT_KINDS if k in kinds)
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
