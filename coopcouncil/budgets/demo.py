"""Demo devolved money: three budget lines with adopted allocations, a scenario comparison,
commitments and spend, an autonomy request with its scorecard, the ladder, and ward budgets.

Highways minor works is devolved on to wards, with some spend and a commitment naming a ward.
Last financial year's Highways line, its allocation, a commitment and its outturn give the
negotiated-autonomy "financial aptitude" benchmark a real budget variance.

Idempotent: services return what already exists for the same request, and the rest is found
by a natural key before it is created. Figures are illustrative.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from coopcouncil.budgets import services
from coopcouncil.budgets.logic.monitoring import financial_quarter, financial_year_label
from coopcouncil.budgets.models import (
    AutonomyRequest,
    LadderChallenge,
    ServiceBudgetLine,
    WardBudget,
    WardBudgetAllocation,
    WardPoll,
)
from coopcouncil.core.permissions import check
from coopcouncil.people.models import Organisation, User
from coopcouncil.places.models import District, Ward

DEMO = "demo.coopcouncil.invalid"

LINES = [
    {
        "line": ("Highways minor works", "highways-minor-works", 120_000_000),
        "formulas": [
            ("Half equal, half population", {"equal_share_percent": 50, "population_percent": 50}),
            ("Need-led", {"equal_share_percent": 20, "population_percent": 40,
                          "need_percent": 40, "need_indicator": "imd_score"}),
        ],
        "adopt": "Half equal, half population",
        "scenario": "Need-led",
    },
    {
        "line": ("Youth Service", "youth-service", 80_000_000),
        "formulas": [
            ("Young people first", {"equal_share_percent": 20, "population_percent": 30,
                                    "need_percent": 50, "need_indicator": "under16_share"}),
        ],
        "adopt": "Young people first",
    },
    {
        "line": ("Tackling poverty fund", "tackling-poverty", 50_000_000),
        "formulas": [
            ("Deprivation with a poverty ring-fence", {
                "population_percent": 20, "need_percent": 80, "need_indicator": "imd_score",
                "ring_fence_percent": 25, "ring_fence_indicator": "unemployment_rate",
                "ring_fence_purpose": "Borough priority: tackling poverty",
            }),
        ],
        "adopt": "Deprivation with a poverty ring-fence",
    },
]  # fmt: skip

LADDER = [
    ("Highways minor works", "devolved_control", ""),
    ("Youth Service", "co_production", "The Youth Council co-designs the offer; the budget "
     "moves to districts once the new youth work contract starts in 2027."),
    ("Parks and green spaces", "co_production", "Friends groups run events; grounds "
     "maintenance is one borough-wide contract until 2028."),
    ("Libraries", "consultation", "Opening hours are consulted on; the book fund is bought "
     "borough-wide for price."),
    ("Street cleaning", "consultation", "One borough fleet; districts set the priority streets."),
    ("Planning applications", "information", "A statutory function decided by the Planning "
     "Committee (Town and Country Planning Act 1990)."),
    ("Adult social care", "information", "Statutory duties under the Care Act 2014 stay with "
     "the director; districts are told about local services."),
    ("Community safety", "co_production", "Shared with Greater Manchester Police through "
     "the district Community Safety partnership."),
]  # fmt: skip

SPEND_CSV = """date,district,line,amount_pounds,description,reference
2026-04-20,west-oldham,highways-minor-works,18250.00,Dropped kerbs Coldhurst,HMW-1001
2026-05-14,east-oldham,highways-minor-works,22100.50,Resurfacing Waterhead,HMW-1002
2026-06-03,chadderton,highways-minor-works,9800.00,Bollards Chadderton Hall Road,HMW-1003
2026-07-21,saddleworth-lees,highways-minor-works,31000.00,Drainage Delph,HMW-1004
2026-05-02,west-oldham,youth-service,12500.00,Detached youth work Werneth,YS-2001
2026-08-11,failsworth-hollinwood,youth-service,8400.00,Summer programme,YS-2002
2026-09-30,royton-shaw-crompton,youth-service,-600.00,Refund of hall hire,YS-2003
2026-06-15,west-oldham,tackling-poverty,40000.00,Hollinwood and Coldhurst food pantries,TP-3001
2026-10-01,east-oldham,tackling-poverty,15500.00,Warm spaces,TP-3002
"""


#: Spend charged to a ward's share of a line devolved on to wards (a separate file, so a demo
#: loaded before wards held budgets imports it once and the first file is not repeated).
WARD_SPEND_CSV = """date,district,line,amount_pounds,description,reference,ward
2026-08-04,west-oldham,highways-minor-works,4200.00,Potholes Coldhurst,HMW-1101,coldhurst
2026-09-12,west-oldham,highways-minor-works,2650.00,Gully cleaning Werneth,HMW-1102,werneth
2026-10-20,east-oldham,highways-minor-works,3900.00,Footway repairs Waterhead,HMW-1103,waterhead
"""

#: Last year's outturn as a share of each district's allocation (per mille), for the
#: budget-variance benchmark: West Oldham kept within 5 %, East Oldham overspent.
LAST_YEAR_OUTTURN = {
    "west-oldham": 978,
    "east-oldham": 1_081,
    "chadderton": 1_012,
    "failsworth-hollinwood": 934,
    "royton-shaw-crompton": 996,
    "saddleworth-lees": 1_046,
}


def _person(email: str) -> User:
    return User.objects.get(email=f"{email}@{DEMO}")


def _lines(finance: User) -> dict[str, ServiceBudgetLine]:
    year = financial_year_label(timezone.localdate())
    lines = {}
    for spec in LINES:
        name, slug, amount = spec["line"]
        line = services.budget_line_create(
            actor=finance, name=name, slug=slug, financial_year=year, amount_pence=amount
        )
        formulas = {}
        for formula_name, weights in spec["formulas"]:
            formulas[formula_name] = services.formula_create(
                actor=finance, line=line, name=formula_name, **weights
            )
        # Once only: a later version (Cabinet's devolution) must not be re-adopted over.
        if not line.allocations.filter(kind="adopted").exists():
            services.allocation_adopt(
                actor=finance, formula=formulas[spec["adopt"]], note="Adopted by Cabinet (demo)."
            )
        if "scenario" in spec:
            services.allocation_save_scenario(actor=finance, formula=formulas[spec["scenario"]])
        lines[slug] = line
    return lines


def _last_year(finance: User) -> None:
    """Last financial year's Highways line, adopted, with a commitment and its outturn."""
    today = timezone.localdate()
    year = financial_year_label(today - timedelta(days=365))
    start = date(financial_quarter(today - timedelta(days=365)).start_year, 4, 1)
    line = services.budget_line_create(
        actor=finance, name="Highways minor works", slug=f"highways-minor-works-{year[:4]}",
        financial_year=year, amount_pence=110_000_000,
    )  # fmt: skip
    formula = services.formula_create(
        actor=finance, line=line, name="Half equal, half population",
        equal_share_percent=50, population_percent=50,
    )  # fmt: skip
    allocation = services.allocation_adopt(
        actor=finance, formula=formula, note="Adopted by Cabinet (demo)."
    )
    rows = [["date", "district", "line", "amount_pounds", "description", "reference"]]
    for number, row in enumerate(allocation.rows.filter(ward__isnull=True).order_by("district")):
        outturn = row.amount_pence * LAST_YEAR_OUTTURN.get(row.district.slug, 1_000) // 1_000
        for half, (offset, share) in enumerate(((75, outturn // 2), (250, outturn - outturn // 2))):
            rows.append([(start + timedelta(days=offset + number)).isoformat(),
                         row.district.slug, line.slug, f"{share / 100:.2f}",
                         "Minor works programme", f"HMW-{year[:4]}-{number}{half}"])  # fmt: skip
    services.spend_import(
        actor=finance, text="".join(",".join(cells) + "\n" for cells in rows),
        file_name=f"finance-system-outturn-{year.replace('/', '-')}.csv",
    )  # fmt: skip
    if not line.commitments.exists():
        services.commitment_record(
            actor=finance, district=District.objects.get(slug="west-oldham"), line=line,
            amount_pence=1_200_000, description="Resurfacing Featherstall Road (carried forward)",
            committed_on=start + timedelta(days=300),
        )  # fmt: skip


def _monitoring(finance: User, lines: dict[str, ServiceBudgetLine]) -> None:
    services.spend_import(actor=finance, text=SPEND_CSV, file_name="finance-system-export.csv")
    highways = services.budget_line_devolve_to_wards(
        actor=finance, line=lines["highways-minor-works"]
    )
    services.spend_import(
        actor=finance, text=WARD_SPEND_CSV, file_name="finance-system-export-wards.csv"
    )
    if not highways.commitments.filter(ward__isnull=False).exists():
        services.commitment_record(
            actor=finance, district=District.objects.get(slug="west-oldham"), line=highways,
            amount_pence=900_000, description="Dropped kerbs chosen at the Coldhurst ward walk",
            committed_on=date(2026, 7, 1), ward=Ward.objects.get(slug="coldhurst"),
        )  # fmt: skip
    commitments = [
        ("west-oldham", "highways-minor-works", 2_500_000, "Pedestrian crossing, Featherstall Rd"),
        ("east-oldham", "youth-service", 1_200_000, "Youth club refurbishment"),
        ("saddleworth-lees", "tackling-poverty", 800_000, "Rural transport grants"),
    ]
    districts = {d.slug: d for d in District.objects.all()}
    for district_slug, line_slug, amount, description in commitments:
        line = lines[line_slug]
        if not line.commitments.filter(description=description).exists():
            services.commitment_record(
                actor=finance, district=districts[district_slug], line=line,
                amount_pence=amount, description=description, committed_on=date(2026, 6, 1),
            )  # fmt: skip


def _autonomy(finance: User, administrator: User, lines) -> None:
    west = District.objects.get(slug="west-oldham")
    coordinator = _person("coordinator.west-oldham")
    title = "Youth Service budget for West Oldham"
    request = AutonomyRequest.objects.filter(district=west, title=title).first()
    if request is None:
        request = services.autonomy_request_submit(
            actor=coordinator, district=west, title=title, line=lines["youth-service"],
            justification="Detached youth work is already planned with residents in Coldhurst.",
            outcomes_promised="Two more youth nights a week; 300 young people reached a year.",
            amount_pence=15_000_000,
        )  # fmt: skip
        services.autonomy_request_assess(
            actor=finance, request=request, is_risk_assessment_passed=True,
            risk_assessment_note="Safeguarding lead in post; youth work contract understood.",
            commentary={"community_cohesion": "Coldhurst's youth forum answered the pulse too."},
        )  # fmt: skip
    saddleworth = District.objects.get(slug="saddleworth-lees")
    title = "Highways minor works: local priorities"
    if not AutonomyRequest.objects.filter(district=saddleworth, title=title).exists():
        granted = services.autonomy_request_submit(
            actor=_person("coordinator.saddleworth-lees"), district=saddleworth, title=title,
            justification="Rural lanes and drainage need local judgement.",
            outcomes_promised="Every parish's top three jobs done within the year.",
            amount_pence=5_000_000, line=lines["highways-minor-works"],
        )  # fmt: skip
        services.autonomy_request_assess(
            actor=finance, request=granted, is_risk_assessment_passed=True
        )
        services.autonomy_cabinet_decide(
            actor=administrator, request=granted, is_granted=True,
            reason="Cabinet agreed the presumption to devolve.", decided_on=date(2026, 9, 10),
        )  # fmt: skip


def _ladder(administrator: User) -> None:
    placements = {
        service: services.ladder_place(
            actor=administrator, service=service, rung=rung, reason_not_further=reason
        )
        for service, rung, reason in LADDER
    }
    if not LadderChallenge.objects.exists():
        resident = _person("resident.coldhurst.1")
        services.ladder_challenge_submit(
            actor=resident, placement=placements["Parks and green spaces"],
            proposed_rung="devolved_control",
            argument="Friends groups already look after Alexandra Park's flower beds; give the "
            "district the grounds budget for small parks.",
        )  # fmt: skip


def _ward_budgets(finance: User) -> int:
    year = financial_year_label(timezone.localdate())
    services.ward_budgets_open(actor=finance, financial_year=year)
    groups = list(Organisation.objects.filter(kind="community_group").select_related("district"))
    made = 0
    for budget in WardBudget.objects.filter(financial_year=year).select_related(
        "ward__district", "councillor"
    )[:12]:
        if budget.allocations.exists():
            continue
        if not check(budget.councillor, "budgets.allocate_ward_budget", budget).allowed:
            continue
        group = next((g for g in groups if g.district_id == budget.ward.district_id), None)
        allocation = services.ward_budget_allocate(
            actor=budget.councillor, ward_budget=budget, amount_pence=75_000 + 5_000 * made,
            recipient_organisation=group, purpose="Equipment and room hire for the year",
            councillor_reason="Asked for at the ward residents' meeting",
            partner_name="First Choice Homes Oldham" if made % 3 == 0 else "",
            partner_co_funding_pence=50_000 if made % 3 == 0 else 0,
        )  # fmt: skip
        team = _person(f"coordinator.{budget.ward.district.slug}")
        if made % 2 == 0:
            services.ward_allocation_decide(actor=team, allocation=allocation, is_approved=True)
        made += 1
    return WardBudgetAllocation.objects.count()


def _ward_poll() -> None:
    """An open ward poll in Coldhurst with a few residents' votes (illustrative, like the rest)."""
    if WardPoll.objects.exists():
        return
    budget = (
        WardBudget.objects.filter(ward__slug="coldhurst")
        .select_related("councillor", "ward")
        .order_by("-financial_year", "pk")
        .first()
    )
    if budget is None or not check(budget.councillor, "budgets.run_ward_poll", budget).allowed:
        return
    now = timezone.now()
    poll = services.ward_poll_open(
        actor=budget.councillor, ward_budget=budget,
        question="What should Coldhurst's ward budget fund this spring?",
        options=["Benches on Rochdale Road", "Bulb planting in Stoneleigh Park", "Litter picks"],
        opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=12),
    )  # fmt: skip
    options = list(poll.options.all())
    for number, option in zip((1, 2, 3), (options[1], options[1], options[0]), strict=True):
        resident = User.objects.filter(email=f"resident.coldhurst.{number}@{DEMO}").first()
        if resident is not None and check(resident, "budgets.vote_in_ward_poll", poll).allowed:
            services.ward_poll_vote(actor=resident, poll=poll, option=option)


def demo_load() -> str:
    """Load the demo's devolved money (safe to run again)."""
    finance = _person("finance")
    administrator = _person("admin")
    lines = _lines(finance)
    _last_year(finance)
    _monitoring(finance, lines)
    _autonomy(finance, administrator, lines)
    _ladder(administrator)
    allocations = _ward_budgets(finance)
    _ward_poll()
    return (
        f"Devolved money ready: {ServiceBudgetLine.objects.count()} budget lines with adopted "
        f"allocations, {WardBudget.objects.count()} ward budgets, {allocations} ward budget "
        f"allocations, {AutonomyRequest.objects.count()} autonomy requests."
    )
