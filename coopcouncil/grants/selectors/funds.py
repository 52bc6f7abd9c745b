"""Reads for funds and rounds: the community fund, a fund's money, open rounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.grants.models import Application, Clawback, Fund, FundIncome, Round
from coopcouncil.people.models import Organisation

AWARDED = (Application.Status.AWARDED, Application.Status.PART_AWARDED)


def fund_get(slug: str) -> Fund:
    """The fund with this slug; ``NotFound`` otherwise."""
    fund = Fund.objects.select_related("district").filter(slug=slug).first()
    if fund is None:
        raise NotFound("fund_not_found", gettext("There is no fund '%(slug)s'.") % {"slug": slug})
    return fund


def community_fund() -> Fund | None:
    """The borough-wide fund flagged as the community (Co-operative Dividend) fund."""
    return Fund.objects.filter(is_community_fund=True).first()


def fund_list(*, district=None) -> QuerySet[Fund]:
    funds = Fund.objects.select_related("district").order_by("name")
    if district is not None:
        funds = funds.filter(Q(district=district) | Q(district__isnull=True))
    return funds


def fund_list_with_money(*, district=None) -> QuerySet[Fund]:
    """Funds, each annotated with ``income_pence`` and ``awarded_pence`` (as ``fund_money``
    counts them) by subqueries: one query however many funds there are."""
    income = (
        FundIncome.objects.filter(fund=OuterRef("pk"))
        .order_by()
        .values("fund")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    awarded = (
        Application.objects.awards_reserved()
        .filter(round__fund=OuterRef("pk"))
        .order_by()
        .values("round__fund")
        .annotate(total=Sum("awarded_pence"))
        .values("total")
    )
    return fund_list(district=district).annotate(
        income_pence=Coalesce(Subquery(income), 0),
        awarded_pence=Coalesce(Subquery(awarded), 0),
    )


@dataclass(frozen=True)
class FundMoney:
    """A fund's money: what came in (income and clawbacks are both income rows), what rounds
    offered and what was awarded (awards suspended by a call-in still hold their money)."""

    income_pence: int
    rounds_pence: int
    awarded_pence: int
    clawed_back_pence: int

    @property
    def uncommitted_pence(self) -> int:
        return self.income_pence - self.awarded_pence


def fund_money(fund: Fund) -> FundMoney:
    income = FundIncome.objects.filter(fund=fund).aggregate(t=Sum("amount_pence"))["t"] or 0
    rounds = Round.objects.filter(fund=fund).aggregate(t=Sum("amount_pence"))["t"] or 0
    awarded = (
        Application.objects.filter(round__fund=fund)
        .awards_reserved()
        .aggregate(t=Sum("awarded_pence"))["t"]
        or 0
    )
    clawed = (
        Clawback.objects.filter(application__round__fund=fund).aggregate(t=Sum("amount_pence"))["t"]
        or 0
    )
    return FundMoney(income, rounds, awarded, clawed)


def fund_income_pence(fund: Fund) -> tuple[int, int]:
    """(everything paid in, of which clawed back): the dashboard's money in, in one query."""
    totals = FundIncome.objects.filter(fund=fund).aggregate(
        income=Sum("amount_pence"), clawed=Sum("amount_pence", filter=Q(source="clawback"))
    )
    return totals["income"] or 0, totals["clawed"] or 0


def fund_income_list(fund: Fund) -> QuerySet[FundIncome]:
    return FundIncome.objects.filter(fund=fund).order_by("-received_at", "-id")


def fund_last_updated() -> datetime | None:
    """When the published awards last changed (the open data catalogue's freshness)."""
    latest = Application.objects.awards_published().order_by("-decided_at").first()
    return latest.decided_at if latest else None


def organisation_kinds() -> list[tuple[str, str]]:
    """The kinds of organisation a round may be open to (people's ``Organisation.Kind``)."""
    return list(Organisation.Kind.choices)


def round_get(slug: str) -> Round:
    found = Round.objects.select_related("fund", "district").filter(slug=slug).first()
    if found is None:
        raise NotFound("round_not_found", gettext("There is no round '%(slug)s'.") % {"slug": slug})
    return found


def round_list(*, fund: Fund | None = None) -> QuerySet[Round]:
    rounds = Round.objects.select_related("fund", "district").prefetch_related("criteria")
    return rounds.filter(fund=fund) if fund is not None else rounds


def rounds_open(*, now: datetime | None = None) -> QuerySet[Round]:
    now = now or timezone.now()
    return round_list().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def round_awarded_pence(round_: Round) -> int:
    """What the round has awarded so far (the panel's running total), counting awards
    suspended by a call-in: their money stays reserved until the review's outcome."""
    total = (
        Application.objects.filter(round=round_)
        .awards_reserved()
        .aggregate(t=Sum("awarded_pence"))["t"]
    )
    return total or 0
