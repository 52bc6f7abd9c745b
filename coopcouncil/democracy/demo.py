"""Demo records for local democracy (idempotent: natural keys first, then create).

Six partnerships with their district team and partner members; past meetings with
minutes (and their PDF), agenda packs and decisions; coming meetings with agendas, agenda
packs and questions; one decision with an open call-in window and some signatures; the
2011 Local Leaders Programme with varied attendance (so some councillors are not
eligible); a pulse survey and a 360-degree feedback round about the Leader with enough
responses to show. The papers are illustrative PDFs, marked as such.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF

from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.aggregates import FEEDBACK_COMPETENCIES
from coopcouncil.democracy.logic.deadlines import call_in_closes_at
from coopcouncil.democracy.logic.papers import PDF
from coopcouncil.democracy.minutes_document import minutes_pdf
from coopcouncil.democracy.models import (
    AgendaItem,
    CallInPetition,
    CallInSignature,
    Decision,
    DistrictPartnership,
    FeedbackReceipt,
    FeedbackResponse,
    FeedbackRound,
    Meeting,
    MeetingAttendance,
    MeetingPaper,
    Module,
    ModuleSession,
    PartnershipMember,
    ProgrammeYear,
    PulseAnswer,
    PulseQuestion,
    PulseReceipt,
    PulseSurvey,
    Question,
    SessionAttendance,
    SubGroup,
    Vote,
)
from coopcouncil.democracy.selectors import meeting_minutes
from coopcouncil.people.models import Residency, RoleAssignment, User
from coopcouncil.places.models import District

LLP_2011 = [
    "The local leadership role",
    "Personal leadership skills and understanding",
    "Working inside the organisation and the politics",
    "Community leadership in the borough",
    "Issues and challenges workshop",
    "Neighbourhoods, partnerships and outward communication",
]
PULSE_QUESTIONS = [
    "I know how to raise an issue with the District Partnership",
    "The partnership listens to people like me",
    "I can see what the partnership has changed in my area",
]


def _at(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _partnership(district: District) -> DistrictPartnership:
    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=district,
        defaults={
            "name": f"{district.name} District Partnership",
            "description": "Councillors, the district team and partners working together"
            f" for {district.name}.",
        },
    )
    for seat in RoleAssignment.objects.filter(role__in=["officer", "partner"], district=district):
        kind = "district_team" if seat.role == "officer" else "partner"
        PartnershipMember.objects.get_or_create(
            partnership=partnership,
            user=seat.user,
            defaults={
                "kind": kind,
                "title": seat.title,
                "organisation": seat.organisation,
                "start_date": seat.start_date,
            },
        )
    SubGroup.objects.get_or_create(
        partnership=partnership,
        name="Finance sub-committee",
        defaults={"purpose": "Checks spending against the devolved budget."},
    )
    return partnership


def _meeting(partnership, starts_at: datetime, title: str, **fields) -> Meeting:
    meeting, created = Meeting.objects.get_or_create(
        partnership=partnership,
        title=title,
        defaults={
            "starts_at": starts_at,
            "venue": f"{partnership.district.name} civic hall",
            "webcast_url": "https://webcast.demo.coopcouncil.invalid/",
            **fields,
        },
    )
    if created:
        for part, item in ((2, "Police and NHS updates"), (3, "District budget monitoring")):
            AgendaItem.objects.create(meeting=meeting, part=part, position=1, title=item)
    return meeting


def _agenda_pack_pdf(meeting: Meeting) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        170, 8, f"Agenda pack: {meeting.title}".encode("latin-1", "replace").decode("latin-1")
    )
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(170, 6, "Illustrative demo paper: not a real council document.")
    for item in meeting.agenda_items.all():
        pdf.multi_cell(170, 6, f"{item.get_part_display()}: {item.title}")
    return bytes(pdf.output())


def _paper(meeting: Meeting, kind: str, title: str, content: bytes, published_at) -> None:
    """An illustrative paper, kept like an uploaded one (random name under PAPERS_ROOT)."""
    if meeting.papers.filter(kind=kind, title=title).exists():
        return
    paper = MeetingPaper(
        meeting=meeting,
        kind=kind,
        title=title,
        original_name=f"{kind.replace('_', '-')}.pdf",
        content_type=PDF.content_type,
        extension=PDF.extension,
        size_bytes=len(content),
        published_at=published_at,
    )
    paper.file.save(paper.original_name, ContentFile(content), save=False)
    paper.save()


def _residents(district: District):
    return list(
        User.objects.filter(
            residencies__status=Residency.Status.VERIFIED, residencies__ward__district=district
        ).order_by("email")
    )


def _past_meeting(partnership, councillors, residents, today: date) -> None:
    meeting = _meeting(
        partnership,
        _at(today - timedelta(days=42)),
        f"{partnership.district.name} District Partnership — autumn meeting",
        status=Meeting.Status.HELD,
        public_attendees=14,
        papers_published_at=_at(today - timedelta(days=50)),
        minutes_published_at=_at(today - timedelta(days=37)),
        minutes_notes="The meeting was quorate. The chair welcomed residents.",
    )
    for number, seat in enumerate(councillors):
        MeetingAttendance.objects.get_or_create(
            meeting=meeting,
            user=seat.user,
            defaults={"is_present": number % 4 != 3, "capacity": "Councillor"},
        )
    if residents:
        Question.objects.get_or_create(
            meeting=meeting,
            asker=residents[0],
            text="When will the broken street lights on the high street be fixed?",
            defaults={
                "status": Question.Status.ACCEPTED,
                "answer": "Highways will replace them by the end of next month.",
                "answered_at": meeting.starts_at,
            },
        )
    decision, created = Decision.objects.get_or_create(
        partnership=partnership,
        title=f"Grant to {partnership.district.name} youth clubs",
        defaults={
            "meeting": meeting,
            "summary": "Summer holiday activities in every ward.",
            "kind": Decision.Kind.GRANT_AWARD,
            "budget_pence": 1_500_000,
            "status": Decision.Status.CONFIRMED,
            "published_at": meeting.starts_at + timedelta(days=1),
        },
    )
    if created:
        decision.wards.set(partnership.district.wards.all())
        CallInPetition.objects.create(
            decision=decision,
            opens_at=decision.published_at,
            closes_at=decision.published_at + timedelta(days=14),
            threshold=policy.call_in_threshold(),
            status=CallInPetition.Status.CLOSED,
        )
        for number, seat in enumerate(councillors):
            choice = Vote.Choice.FOR if number % 5 else Vote.Choice.ABSTAIN
            Vote.objects.create(decision=decision, councillor=seat.user, choice=choice)
    _paper(
        meeting,
        MeetingPaper.Kind.AGENDA_PACK,
        "Agenda pack",
        _agenda_pack_pdf(meeting),
        meeting.papers_published_at,
    )
    _paper(
        meeting,
        MeetingPaper.Kind.MINUTES,
        f"Minutes of {meeting.title}",
        minutes_pdf(meeting, meeting_minutes(meeting), published_at=meeting.minutes_published_at),
        meeting.minutes_published_at,
    )


def _coming_meeting(partnership, residents, today: date) -> Meeting:
    meeting = _meeting(
        partnership,
        _at(today + timedelta(days=21)),
        f"{partnership.district.name} District Partnership — winter meeting",
        papers_published_at=_at(today - timedelta(days=1)),
    )
    for number, resident in enumerate(residents[1:3]):
        Question.objects.get_or_create(
            meeting=meeting,
            asker=resident,
            defaults={
                "text": [
                    "Can the partnership fund more benches in the park?",
                    "What is being done about fly-tipping behind the shops?",
                ][number],
                "status": Question.Status.ACCEPTED if number == 0 else Question.Status.SUBMITTED,
            },
        )
    _paper(
        meeting,
        MeetingPaper.Kind.AGENDA_PACK,
        "Agenda pack",
        _agenda_pack_pdf(meeting),
        meeting.papers_published_at,
    )
    return meeting


def _open_call_in(partnership, residents) -> None:
    """A recent budget decision whose call-in window is open, with some signatures."""
    now = timezone.now()
    decision, created = Decision.objects.get_or_create(
        partnership=partnership,
        title="Close the district's mobile library stop",
        defaults={
            "summary": "Saves £40,000 a year; the service moves to the town library.",
            "kind": Decision.Kind.BUDGET,
            "budget_pence": 4_000_000,
            "status": Decision.Status.PUBLISHED,
            "published_at": now - timedelta(days=2),
        },
    )
    if not created:
        return
    decision.wards.set(partnership.district.wards.all())
    petition = CallInPetition.objects.create(
        decision=decision,
        opens_at=decision.published_at,
        closes_at=call_in_closes_at(
            decision.published_at,
            working_days=policy.call_in_window_working_days(),
            zone=timezone.get_current_timezone(),
        ),
        threshold=policy.call_in_threshold(),
    )
    signers = residents[: max(len(residents) - 2, 0)]
    for number, resident in enumerate(signers):
        CallInSignature.objects.create(
            petition=petition,
            signer=resident,
            ward=resident.residencies.first().ward,
            show_name=number % 2 == 0,
        )


def _programme(councillors) -> int:
    """The 2011 programme; councillor n attends (n mod 7) of the six modules."""
    year, _ = ProgrammeYear.objects.get_or_create(
        title="Local Leaders Programme 2011",
        defaults={"starts_on": date(2011, 5, 1), "ends_on": date(2012, 4, 30)},
    )
    sessions = []
    for number, title in enumerate([*LLP_2011, "Chairs and vice-chairs of district partnerships"]):
        module, _ = Module.objects.get_or_create(
            programme=year,
            number=number + 1,
            defaults={"title": title, "is_specialised": number == len(LLP_2011)},
        )
        session, _ = ModuleSession.objects.get_or_create(
            module=module,
            defaults={"starts_at": _at(date(2011, 6 + number, 14)), "venue": "Oldham Civic Centre"},
        )
        sessions.append(session)
    for number, seat in enumerate(councillors):
        for session in sessions[: number % 7]:
            SessionAttendance.objects.get_or_create(session=session, councillor=seat.user)
    return len(sessions)


def _pulse(partnership, residents) -> None:
    now = timezone.now()
    survey, created = PulseSurvey.objects.get_or_create(
        partnership=partnership,
        title=f"{partnership.district.name} residents' pulse",
        defaults={
            "audience": PulseSurvey.Audience.RESIDENTS,
            "opens_at": now - timedelta(days=10),
            "closes_at": now + timedelta(days=20),
        },
    )
    if not created:
        return
    questions = [
        PulseQuestion.objects.create(survey=survey, position=n, text=text)
        for n, text in enumerate(PULSE_QUESTIONS)
    ]
    for number, resident in enumerate(residents[2:]):
        PulseReceipt.objects.create(survey=survey, respondent=resident)
        for offset, question in enumerate(questions):
            PulseAnswer.objects.create(question=question, rating=1 + (number + offset) % 5)


def _feedback(councillors) -> None:
    leader = councillors[0].user
    now = timezone.now()
    feedback_round, created = FeedbackRound.objects.get_or_create(
        subject=leader,
        subject_role="Leader of the Council",
        defaults={"opens_at": now - timedelta(days=7), "closes_at": now + timedelta(days=21)},
    )
    if not created:
        return
    for number, seat in enumerate(councillors[1:9]):
        FeedbackReceipt.objects.create(round=feedback_round, respondent=seat.user)
        ratings = {c: 2 + (number + k) % 4 for k, c in enumerate(FEEDBACK_COMPETENCIES)}
        FeedbackResponse.objects.create(
            round=feedback_round, respondent_group="councillor", ratings=ratings
        )


def demo_load() -> str:
    """Load (or top up) the democracy demo records."""
    today = timezone.localdate()
    councillors = list(
        RoleAssignment.objects.current()
        .filter(role="councillor")
        .select_related("user", "ward")
        .order_by("user__email")
    )
    for district in District.objects.order_by("name"):
        partnership = _partnership(district)
        seats = [s for s in councillors if s.ward.district_id == district.pk]
        residents = _residents(district)
        _past_meeting(partnership, seats, residents, today)
        _coming_meeting(partnership, residents, today)
        _pulse(partnership, residents)
        if district.slug == "west-oldham":
            _open_call_in(partnership, residents)
    modules = _programme(councillors)
    _feedback(councillors)
    return (
        f"Local democracy: {DistrictPartnership.objects.count()} partnerships,"
        f" {Meeting.objects.count()} meetings, {Decision.objects.count()} decisions,"
        f" Local Leaders Programme 2011 with {modules} modules."
    )
