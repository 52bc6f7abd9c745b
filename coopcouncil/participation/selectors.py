"""Reads for participatory budgeting: processes, ballots, published results, turnout."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.errors import NotFound
from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.participation import counting_rules, pabulib_adapter
from coopcouncil.participation.logic.pabulib import pabulib_text
from coopcouncil.participation.models import (
    Ballot,
    Delivery,
    Heading,
    PBProcess,
    Project,
    Result,
)
from coopcouncil.participation.policy import default_min_voter_age
from coopcouncil.people.selectors import verified_resident_count


def process_list(*, district=None, phase: str = "") -> QuerySet[PBProcess]:
    """Processes, newest first, with their area and project counts."""
    processes = PBProcess.objects.select_related("district").annotate(
        feasible_count=Count("projects", filter=Q(projects__status=Project.Status.FEASIBLE))
    )
    if district is not None:
        processes = processes.filter(district=district)
    if phase:
        processes = processes.filter(phase=phase)
    return processes


def ballots_page_topic(process_id: int) -> str:
    """The page-cache topic of one process's ballots (core/caching.py): a ballot re-renders
    that process's pages, not every PB page, while a vote is in the news."""
    return f"participation.ballots.{process_id}"


def process_page_topics(process_id: int) -> list[str]:
    """What a process's public pages show: PB data, its area, and its own ballots."""
    return ["participation", "places", ballots_page_topic(process_id)]


def process_get(process_id: int) -> PBProcess:
    """The process with its area and headings (each with its ward, which the API names)."""
    process = (
        PBProcess.objects.select_related("district__borough")
        .prefetch_related(Prefetch("headings", queryset=Heading.objects.select_related("ward")))
        .filter(pk=process_id)
        .first()
    )
    if process is None:
        raise NotFound("pb_process_not_found", f"There is no PB process {process_id}.", "process")
    return process


def project_get(process: PBProcess, project_id: int) -> Project:
    project = (
        Project.objects.select_related("process", "ward", "heading", "community_group")
        .filter(process=process, pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound("pb_project_not_found", f"There is no project {project_id}.", "project")
    return project


def projects_by_id(project_ids: Collection[int]) -> QuerySet[Project]:
    """Projects with these ids, with their process, for other apps that tag or link them."""
    return Project.objects.filter(pk__in=project_ids).select_related("process", "ward")


def project_list(process: PBProcess, *, status: str = "") -> QuerySet[Project]:
    projects = Project.objects.filter(process=process).select_related(
        "ward", "heading", "community_group", "proposer"
    )
    return projects.filter(status=status) if status else projects


def ballot_projects(process: PBProcess) -> list[Project]:
    """The ballot paper: feasible projects grouped by heading, then by title."""
    return list(
        project_list(process, status=Project.Status.FEASIBLE).order_by(
            "heading__name", "title", "pk"
        )
    )


def ballot_of(process: PBProcess, voter) -> Ballot | None:
    if not getattr(voter, "is_authenticated", False):
        return None
    return Ballot.objects.filter(process=process, voter=voter).first()


def has_voted_since(voter, since: datetime) -> bool:
    """Whether the person cast a PB ballot at or after ``since`` (membership's "vote on
    neighbourhood money" pledge is ticked from this, not typed in)."""
    return Ballot.objects.filter(voter=voter, cast_at__gte=since).exists()


def result_latest(process: PBProcess) -> Result | None:
    return Result.objects.filter(process=process).order_by("-computed_at", "-pk").first()


def process_pabulib_text(process: PBProcess) -> str:
    """The process as a Pabulib `.pb` file; `selected` marks the latest result's winners."""
    result = result_latest(process)
    funded = result.winners if result and not process.is_imported else ()
    return pabulib_text(pabulib_adapter.process_election(process, funded=funded))


@dataclass(frozen=True)
class ResultRow:
    """One project on the results page, with the rule's reason for its fate."""

    project: Project
    is_funded: bool
    supporters: int
    points: str
    reason: str
    round: int | None
    stage: str
    bar_percent: int
    is_below_minimum: bool = False


@dataclass(frozen=True)
class ResultTie:
    """A tie the count broke where the order decided who was funded, as it is published.

    `sentence` is the resident's version ("Tie at 172 votes between A and B, broken by lower
    cost first: A funded."); the other fields are the rule's own record, by project code.
    """

    heading: str
    projects: list[str]
    support: str
    measure: str
    broken_by: list[str]
    funded: list[str]
    sentence: str


@dataclass(frozen=True)
class ResultPage:
    """Everything the public results page shows, from one stored result snapshot."""

    result: Result
    rows: list[ResultRow]
    share_with_funded_project: Fraction
    used_percent: int
    wards: list[dict]
    notes: list[str]
    ties: list[ResultTie]

    @property
    def winners(self) -> list[ResultRow]:
        return [row for row in self.rows if row.is_funded]


def result_page(process: PBProcess) -> ResultPage | None:
    """The latest result explained project by project, or None before any count."""
    result = result_latest(process)
    if result is None:
        return None
    projects = {p.code: p for p in ballot_projects(process)}
    supporters = result.summary.get("supporters", {})
    points = result.summary.get("points", {})
    explained = {}
    notes: list[str] = []
    for part in result.explanation.get("headings", []):
        notes += part["outcome"].get("notes", [])
        for item in part["outcome"]["projects"]:
            explained[item["project_id"]] = item
    most = max([*supporters.values(), 1])
    funded = set(result.winners)
    rows = []
    for code, project in projects.items():
        item = explained.get(code, {})
        rows.append(
            ResultRow(
                project=project,
                is_funded=code in funded,
                supporters=supporters.get(code, 0),
                points=points.get(code, ""),
                reason=item.get("reason", gettext("Not counted in this result.")),
                round=item.get("round"),
                stage=item.get("stage", ""),
                bar_percent=round(100 * supporters.get(code, 0) / most),
                is_below_minimum=item.get("below_minimum", False),
            )
        )
    rows.sort(key=lambda row: (not row.is_funded, row.round or 0, -row.supporters))
    voters = result.explanation.get("voters", 0)
    reached = result.explanation.get("voters_with_funded_project", 0)
    budget = process.budget_pence or 1
    return ResultPage(
        result=result,
        rows=rows,
        share_with_funded_project=Fraction(reached, voters) if voters else Fraction(0),
        used_percent=min(100, round(100 * result.budget_used_pence / budget)),
        wards=result.summary.get("wards", []),
        notes=notes,
        ties=_ties(result, {code: p.display_title for code, p in projects.items()}),
    )


def result_ties(result: Result) -> list[ResultTie]:
    """The ties the count broke, heading by heading, each with its sentence for residents."""
    codes = {code for _, tie in _stored_ties(result) for code in tie["projects"]}
    projects = Project.objects.filter(process_id=result.process_id, code__in=codes)
    return _ties(result, {p.code: p.display_title for p in projects})


def _ties(result: Result, titles: dict[str, str]) -> list[ResultTie]:
    return [
        ResultTie(
            heading=heading,
            projects=tie["projects"],
            support=tie["support"],
            measure=tie["measure"],
            broken_by=tie["broken_by"],
            funded=tie["funded"],
            sentence=counting_rules.tie_sentence(tie, titles),
        )
        for heading, tie in _stored_ties(result)
    ]


def _stored_ties(result: Result) -> list[tuple[str, dict]]:
    # Results counted before ties were recorded have no "ties" key: they publish none.
    return [
        (part["heading"], tie)
        for part in result.explanation.get("headings", [])
        for tie in part["outcome"].get("ties", [])
    ]


def delivery_list(process: PBProcess) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(project__process=process)
        .select_related("project__ward", "project__heading")
        .order_by("project__title")
    )


@dataclass(frozen=True)
class PBTurnout:
    """Who voted in a district's PB ballots, out of the residents who could have."""

    voters: int
    eligible: int


def district_pb_turnout(
    district, *, since: datetime, until: datetime, min_age: int | None = None
) -> PBTurnout:
    """Voters and eligible residents of a district in PB votes cast between `since` and `until`.

    Voters are distinct platform accounts whose ballot, cast or last changed in the window,
    was counted in a ward of the district (district processes and borough-wide ones alike).
    Eligible residents are accounts with a residency in the district verified and unexpired
    at `until`, and at least `min_age` years old on `until`'s date. `min_age` defaults to
    the lowest minimum voting age of the processes that received those ballots, or the
    council's default (`policy.default_min_voter_age`) when there were none.

    Residents who have not given a date of birth are counted as eligible: the platform asks
    for it only when someone first votes, where the age check happens, so leaving them out
    would make turnout look higher than it is. Ballots imported from Pabulib files have no
    account and are not counted.
    """
    ballots = Ballot.objects.filter(
        voter__isnull=False,
        ward__district=district,
        changed_at__gte=since,
        changed_at__lt=until,
    )
    voters = ballots.values("voter").distinct().count()
    if min_age is None:
        lowest = ballots.aggregate(age=Min("process__min_voter_age"))["age"]
        min_age = default_min_voter_age() if lowest is None else lowest
    born_by = _birthday_years_before(timezone.localdate(until), min_age)
    eligible = verified_resident_count(district=district, at=until, born_by=born_by)
    return PBTurnout(voters=voters, eligible=eligible)


def _birthday_years_before(day: date, years: int) -> date:
    """The latest birth date of someone `years` old on `day`; a 29 February `day` maps to
    28 February in a year without one (a leap-day birthday counts from 1 March)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def participation_personal_data(*, user) -> dict:
    """A resident's proposals and ballots, for their subject access request."""
    return {
        "proposals": [
            {"process": p.process.title, "title": p.title, "status": p.status}
            for p in Project.objects.filter(proposer=user).select_related("process")
        ],
        "ballots": [
            {"process": b.process.title, "choices": b.choices, "cast_at": b.cast_at.isoformat()}
            for b in Ballot.objects.filter(voter=user).select_related("process")
        ],
    }


def participation_sources() -> list[ParticipationSource]:
    """PB ballots cast on the platform, for insight's "participation at scale" ("deciding").

    Ballots imported from Pabulib files have no account, so they are not counted.
    """
    ballots = Ballot.objects.filter(voter__isnull=False).annotate(
        user_id=F("voter_id"), at=F("cast_at")
    )
    return [
        ParticipationSource(
            role="deciding",
            kind="pb_ballots",
            label=_("Participatory budgeting ballots"),
            events=ballots.values("user_id", "at"),
        )
    ]
