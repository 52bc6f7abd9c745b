"""Running the democracy: partnership members and sub-groups, moving or cancelling
meetings, the Local Leaders Programme register, pulse surveys and 360-degree rounds."""

from __future__ import annotations

from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.api import Problem
from coopcouncil.core.permissions import require
from coopcouncil.democracy import selectors
from coopcouncil.democracy.api.schemas import (
    AttendanceIn,
    AttendanceOut,
    CancelIn,
    FeedbackRoundIn,
    FeedbackRoundOut,
    MeetingOut,
    MemberEndIn,
    MemberIn,
    MemberOut,
    MembersOut,
    ModuleIn,
    ModuleOut,
    ModuleSessionIn,
    ModuleSessionOut,
    ProgrammeYearIn,
    ProgrammeYearOut,
    PulseSurveyIn,
    PulseSurveyOut,
    RescheduleIn,
    SubGroupIn,
    SubGroupOut,
)
from coopcouncil.democracy.services import leaders as leader_services
from coopcouncil.democracy.services import meetings as meeting_services
from coopcouncil.democracy.services import surveys as survey_services
from coopcouncil.people import selectors as people

router = Router()
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}


# --- Partnership members and sub-groups ---


@router.get(
    "/partnerships/{district}/members",
    response={200: MembersOut, 404: Problem},
    summary="Councillors (from their ward seats) and dated district team and partner members",
)
def members(request, district: str):
    partnership = selectors.partnership_by_slug(district)
    return {
        "councillors": list(selectors.partnership_councillors(partnership)),
        "members": list(selectors.partnership_member_rows(partnership)),
    }


@router.post(
    "/partnerships/{district}/members",
    response={201: MemberOut, **ERRORS},
    auth=django_auth,
    summary="Seat a district team or partner member (clerk or district team)",
)
def member_add(request, district: str, payload: MemberIn):
    organisation = None
    if payload.organisation_id is not None:
        organisation = people.organisation_get_by_id(
            payload.organisation_id, field="organisation_id"
        )
    member = meeting_services.member_add(
        actor=request.user,
        partnership=selectors.partnership_by_slug(district),
        user=people.user_get(payload.user_id, field="user_id"),
        kind=payload.kind,
        title=payload.title,
        organisation=organisation,
        start_date=payload.start_date,
    )
    return 201, member


@router.post(
    "/members/{member_id}/end",
    response={200: MemberOut, **ERRORS},
    auth=django_auth,
    summary="End a membership on a date (the record stays)",
)
def member_end(request, member_id: int, payload: MemberEndIn):
    return meeting_services.member_end(
        actor=request.user, member=selectors.member_get(member_id), end_date=payload.end_date
    )


@router.get(
    "/partnerships/{district}/sub-groups",
    response={200: list[SubGroupOut], 404: Problem},
    summary="Sub-groups with their meetings",
)
def sub_groups(request, district: str):
    return list(selectors.sub_groups_with_meetings(selectors.partnership_by_slug(district)))


@router.post(
    "/partnerships/{district}/sub-groups",
    response={201: SubGroupOut, **ERRORS},
    auth=django_auth,
    summary="Set up a sub-group (clerk or district team)",
)
def sub_group_create(request, district: str, payload: SubGroupIn):
    group = meeting_services.sub_group_create(
        actor=request.user,
        partnership=selectors.partnership_by_slug(district),
        name=payload.name,
        purpose=payload.purpose,
    )
    return 201, selectors.sub_groups_with_meetings(group.partnership).get(pk=group.pk)


# --- Moving or cancelling a meeting ---


def _meeting_out(meeting):
    meeting = selectors.meeting_get(meeting.pk)
    meeting.question_cutoff = selectors.question_cutoff_for(meeting)
    return meeting


@router.post(
    "/meetings/{meeting_id}/reschedule",
    response={200: MeetingOut, **ERRORS},
    auth=django_auth,
    summary="Move a meeting; people who asked questions to it are emailed",
)
def meeting_reschedule(request, meeting_id: int, payload: RescheduleIn):
    meeting = meeting_services.meeting_reschedule(
        actor=request.user, meeting=selectors.meeting_get(meeting_id), **payload.dict()
    )
    return _meeting_out(meeting)


@router.post(
    "/meetings/{meeting_id}/cancel",
    response={200: MeetingOut, **ERRORS},
    auth=django_auth,
    summary="Cancel a meeting; people who asked questions to it are emailed",
)
def meeting_cancel(request, meeting_id: int, payload: CancelIn):
    meeting = meeting_services.meeting_cancel(
        actor=request.user, meeting=selectors.meeting_get(meeting_id), reason=payload.reason
    )
    return _meeting_out(meeting)


# --- Local Leaders Programme ---


@router.get("/programme-years", response=list[ProgrammeYearOut], summary="Programme years")
def programme_years(request):
    return list(selectors.programme_years().prefetch_related("modules__sessions"))


@router.post(
    "/programme-years",
    response={201: ProgrammeYearOut, **ERRORS},
    auth=django_auth,
    summary="Open a programme year (democratic services)",
)
def programme_year_create(request, payload: ProgrammeYearIn):
    return 201, leader_services.programme_year_create(actor=request.user, **payload.dict())


@router.post(
    "/programme-years/{year_id}/modules",
    response={201: ModuleOut, **ERRORS},
    auth=django_auth,
    summary="Add a module (specialised modules do not count towards eligibility)",
)
def module_create(request, year_id: int, payload: ModuleIn):
    module = leader_services.module_add(
        actor=request.user, programme=selectors.programme_get(year_id), **payload.dict()
    )
    return 201, module


@router.post(
    "/modules/{module_id}/sessions",
    response={201: ModuleSessionOut, **ERRORS},
    auth=django_auth,
    summary="Date a session of a module",
)
def session_create(request, module_id: int, payload: ModuleSessionIn):
    session = leader_services.module_session_add(
        actor=request.user, module=selectors.module_get(module_id), **payload.dict()
    )
    return 201, session


def _register(session) -> dict:
    return {
        "session_id": session.pk,
        "councillor_ids": sorted(session.attendance.values_list("councillor_id", flat=True)),
    }


@router.get(
    "/sessions/{session_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    auth=django_auth,
    summary="The register of a programme session (democratic services)",
)
def attendance(request, session_id: int):
    session = selectors.module_session_get(session_id)
    require(request.user, "democracy.manage_programme", session)
    return _register(session)


@router.post(
    "/sessions/{session_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    auth=django_auth,
    summary="Add councillors to a session's register; eligibility follows at once",
)
def attendance_add(request, session_id: int, payload: AttendanceIn):
    session = selectors.module_session_get(session_id)
    leader_services.session_attendance_record(
        actor=request.user,
        session=session,
        councillors=people.users_get(payload.councillor_ids, field="councillor_ids"),
    )
    return _register(session)


@router.put(
    "/sessions/{session_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    auth=django_auth,
    summary="Replace a session's register with exactly these councillors",
)
def attendance_set(request, session_id: int, payload: AttendanceIn):
    session = selectors.module_session_get(session_id)
    leader_services.session_attendance_set(
        actor=request.user,
        session=session,
        councillors=people.users_get(payload.councillor_ids, field="councillor_ids"),
    )
    return _register(session)


# --- Pulse surveys and 360-degree feedback ---


@router.post(
    "/pulse-surveys",
    response={201: PulseSurveyOut, **ERRORS},
    auth=django_auth,
    summary="Set up a pulse survey of a district's residents or councillors",
)
def pulse_survey_create(request, payload: PulseSurveyIn):
    survey = survey_services.pulse_survey_create(
        actor=request.user,
        partnership=selectors.partnership_by_slug(payload.district),
        title=payload.title,
        audience=payload.audience,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        questions=[(q.text, q.kind) for q in payload.questions],
    )
    return 201, selectors.pulse_survey_get(survey.pk)


@router.post(
    "/feedback-rounds",
    response={201: FeedbackRoundOut, **ERRORS},
    auth=django_auth,
    summary="Open a 360-degree feedback round about the Leader or a Cabinet member",
)
def feedback_round_create(request, payload: FeedbackRoundIn):
    feedback_round = survey_services.feedback_round_create(
        actor=request.user,
        subject=people.user_get(payload.subject_id, field="subject_id"),
        subject_role=payload.subject_role,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
    )
    return 201, feedback_round
