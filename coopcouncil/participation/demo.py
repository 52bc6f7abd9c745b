"""Demo PB processes: West Oldham voting now, Chadderton counted and being delivered.

Built through the services, as a council would run them, so the demo also exercises the rules.
Idempotent: a process is found by its title before anything is created.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from coopcouncil.participation import services
from coopcouncil.participation.models import Ballot, PBProcess, Phase
from coopcouncil.people.models import User
from coopcouncil.places.models import District

DEMO_DOMAIN = "demo.coopcouncil.invalid"
VOTING_TITLE = "West Oldham Community Pot 2026"
FINISHED_TITLE = "Chadderton Neighbourhood Fund 2025"

WEST_OLDHAM_PROJECTS = [
    ("Coldhurst playground resurfacing", "coldhurst", 1_800_000),
    ("Werneth Park bulb planting", "werneth", 250_000),
    ("Medlock Vale youth boxing sessions", "medlock-vale", 900_000),
    ("Coldhurst community fridge", "coldhurst", 400_000),
    ("Alexandra Road bench and bins", "werneth", 350_000),
    ("Holiday hunger lunches", "medlock-vale", 1_200_000),
    ("Women's cycling lessons", "coldhurst", 600_000),
    ("Werneth street-art mural", "werneth", 750_000),
    ("Homework club laptops", "medlock-vale", 1_000_000),
    ("Canal towpath clean-up kit", "coldhurst", 300_000),
]
CHADDERTON_PROJECTS = [
    ("Chadderton Hall Park pond restoration", 2_000_000),
    ("Foxdenton allotment water butts", 300_000),
    ("Library storytelling mornings", 500_000),
    ("Defibrillator for the precinct", 150_000),
    ("Junior football kits", 600_000),
    ("Street tree planting", 1_500_000),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _voter(email: str) -> User | None:
    voter = _user(email)
    if voter is not None and voter.date_of_birth is None:
        services.voter_date_of_birth_give(user=voter, date_of_birth=date(1980, 5, 17))
    return voter


def _district_wards(district: District) -> dict[str, object]:
    return {w.slug: w for w in district.wards.all()}


def _open_for_voting(clerk: User, process: PBProcess, projects, wards: dict) -> None:
    for title, ward_slug, cost in projects:
        ward = wards.get(ward_slug) or next(iter(wards.values()))
        proposer = _user(f"resident.{ward.slug}.1@{DEMO_DOMAIN}") or clerk
        project = services.proposal_submit(
            actor=proposer,
            process=process,
            title=title,
            description=f"{title}: proposed by residents of {ward}.",
            estimated_cost_pence=cost,
            ward=ward,
        )
        services.proposal_review(
            actor=clerk,
            project=project,
            is_feasible=True,
            reason="Checked with the district team: deliverable this year.",
            final_cost_pence=cost,
        )
    services.process_phase_advance(actor=clerk, process=process)
    services.process_phase_advance(actor=clerk, process=process)


def _vote(process: PBProcess, wards: dict, picks: list[list[int]]) -> None:
    codes = [p.code for p in process.projects.order_by("pk")]
    voters = [
        _voter(f"resident.{slug}.{n}@{DEMO_DOMAIN}") for slug in sorted(wards) for n in range(1, 6)
    ]
    for voter, pick in zip([v for v in voters if v], picks, strict=False):
        services.ballot_cast(voter=voter, process=process, choices=[codes[i] for i in pick])


def demo_load() -> str:
    """Load the two demo processes (idempotent)."""
    clerk = _user(f"clerk@{DEMO_DOMAIN}")
    west = District.objects.filter(slug="west-oldham").first()
    chadderton = District.objects.filter(slug="chadderton").first()
    if clerk is None or west is None or chadderton is None:
        return "Participatory budgeting: demo borough missing, nothing loaded."
    if not PBProcess.objects.filter(title=VOTING_TITLE).exists():
        process = services.process_create(
            actor=clerk,
            title=VOTING_TITLE,
            description="Residents of West Oldham decide how £50,000 of the district budget "
            "is spent. Tick the projects you support, up to £30,000 in all.",
            district=west,
            budget_pence=5_000_000,
            max_total_cost_pence=3_000_000,
            rule="mes-cost-completed",
            dates={"voting_close_at": timezone.now() + timedelta(days=21)},
        )
        wards = _district_wards(west)
        _open_for_voting(clerk, process, WEST_OLDHAM_PROJECTS, wards)
        _vote(process, wards, [[0, 1], [0, 3, 9], [2, 5], [5, 8], [1, 4, 7], [0, 6], [3, 9, 1]])
    if not PBProcess.objects.filter(title=FINISHED_TITLE).exists():
        wards = _district_wards(chadderton)
        slugs = sorted(wards)
        process = services.process_create(
            actor=clerk,
            title=FINISHED_TITLE,
            district=chadderton,
            budget_pence=3_000_000,
            max_projects=3,
            rule="greedy-cost",
        )
        projects = [
            (title, slugs[i % len(slugs)], cost)
            for i, (title, cost) in enumerate(CHADDERTON_PROJECTS)
        ]
        _open_for_voting(clerk, process, projects, wards)
        _vote(process, wards, [[0, 1], [0, 2], [1, 3], [2, 3, 4], [0, 5], [3, 4], [1, 2, 3]])
        result = services.voting_close(actor=clerk, process=process)
        services.process_phase_advance(actor=clerk, process=process)
        statuses = ["done", "in_progress", "planned", "cancelled"]
        for index, project in enumerate(process.projects.filter(code__in=result.winners)):
            status = statuses[index % len(statuses)]
            spent = project.cost_pence if status == "done" else project.cost_pence // 3
            services.delivery_update(
                actor=clerk,
                project=project,
                status=status,
                spent_pence=0 if status in ("planned", "cancelled") else spent,
                note="Reported by the district team.",
            )
    voting = PBProcess.objects.filter(phase=Phase.VOTING).count()
    return (
        f"Participatory budgeting: {PBProcess.objects.count()} processes ({voting} voting), "
        f"{Ballot.objects.count()} ballots."
    )
