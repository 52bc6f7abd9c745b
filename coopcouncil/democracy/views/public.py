"""Public and resident pages: partnerships, meetings, questions, decisions, call-in, archive."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.caching import public_page
from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_run, form_show_error, found, rate_limited
from coopcouncil.democracy import forms, policy, selectors
from coopcouncil.democracy.ical import borough_calendar, district_calendar
from coopcouncil.democracy.models import MeetingPaper
from coopcouncil.democracy.services.decisions import call_in_sign
from coopcouncil.democracy.services.questions import QuestionsClosed, question_ask
from coopcouncil.places import selectors as places


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "democracy/index.html",
        {
            "partnerships": selectors.partnership_list(),
            "upcoming": selectors.meeting_list(upcoming=True)[:10],
            "decisions": selectors.decision_list()[:10],
        },
    )


def partnership(request: HttpRequest, slug: str) -> HttpResponse:
    body = found(selectors.partnership_by_slug, slug)
    return render(
        request,
        "democracy/partnership.html",
        {
            "partnership": body,
            "councillors": selectors.partnership_councillors(body),
            "members": selectors.partnership_members(body),
            "history": selectors.partnership_member_history(body)[:20],
            "sub_groups": selectors.sub_groups_with_meetings(body),
            "upcoming": selectors.meeting_list(partnership=body, upcoming=True),
            "past": selectors.meeting_list(partnership=body, upcoming=False)[:12],
            "decisions": selectors.decision_list(partnership=body)[:20],
            "surveys": selectors.pulse_surveys(partnership=body),
            "can_manage": check(request.user, "democracy.manage_meetings", body).allowed,
        },
    )


def _meeting_context(request, meeting, question_form=None, refusal=None) -> dict:
    taking_questions = selectors.is_taking_questions(meeting)
    papers = selectors.meeting_papers(meeting, include_drafts=False)
    return {
        "meeting": meeting,
        "papers": papers,
        "rule_days": policy.papers_days_before(),
        "minutes_document": next(
            (row.paper for row in papers if row.paper.kind == MeetingPaper.Kind.MINUTES), None
        ),
        "agenda": selectors.meeting_agenda(meeting),
        "minutes": selectors.meeting_minutes(meeting) if meeting.minutes_published_at else None,
        "cutoff": selectors.question_cutoff_for(meeting),
        "taking_questions": taking_questions,
        "next_meeting": None
        if taking_questions
        else selectors.next_meeting_taking_questions(meeting, now=timezone.now()),
        "question_form": question_form or forms.QuestionForm(),
        "can_ask": check(request.user, "democracy.ask_question", meeting),
        "refusal": refusal,
        "my_questions": (
            # The page shows the answer a merged question got through the one it joined.
            meeting.questions.filter(asker=request.user).select_related("merged_into")
            if request.user.is_authenticated
            else []
        ),
        "can_manage": check(request.user, "democracy.manage_meetings", meeting).allowed,
    }


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    found_meeting = found(selectors.meeting_get, pk)
    return render(request, "democracy/meeting.html", _meeting_context(request, found_meeting))


@login_required
@require_POST
@rate_limited(policy.question_rate_limit)
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a question; after the cut-off the page says when it was and offers the next."""
    found_meeting = found(selectors.meeting_get, pk)
    form = forms.QuestionForm(request.POST)
    refusal = None
    if form.is_valid():
        try:
            question_ask(asker=request.user, meeting=found_meeting, text=form.cleaned_data["text"])
        except QuestionsClosed as closed:
            refusal = closed
            form.add_error("text", closed.message)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(
                request, gettext("Thank you: your question has been sent to the clerk.")
            )
            return redirect("democracy:meeting", pk=pk)
    context = _meeting_context(request, found_meeting, form, refusal)
    return render(request, "democracy/meeting.html", context, status=400)


def _decision_context(request, decision, sign_form=None) -> dict:
    petition = getattr(decision, "call_in", None)
    return {
        "decision": decision,
        "petition": petition,
        "counts": selectors.call_in_counts_by_ward(petition) if petition else [],
        "names": selectors.call_in_public_names(petition) if petition else [],
        "has_signed": petition is not None and selectors.has_signed(request.user, petition),
        "can_sign": check(request.user, "democracy.sign_call_in", decision),
        "is_open": selectors.call_in_is_open(petition, now=timezone.now()),
        "sign_form": sign_form or forms.SignForm(),
        "outcome_form": forms.OutcomeForm(),
        "can_record": check(request.user, "democracy.record_minutes", decision).allowed,
        "can_review_signatures": check(
            request.user, "democracy.review_call_in_signatures", decision
        ).allowed,
    }


@public_page(
    # The signers' wards and chosen names are shown beside the count.
    lambda pk: ["democracy", "places", "people", selectors.call_in_page_topic(pk)]
)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    found_decision = found(selectors.decision_get, pk)
    return render(request, "democracy/decision.html", _decision_context(request, found_decision))


@login_required
@require_POST
@rate_limited(policy.call_in_signature_rate_limit)
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    found_decision = found(selectors.decision_get, pk)
    form = forms.SignForm(request.POST)
    if form_run(
        form,
        lambda data: call_in_sign(
            resident=request.user, decision=found_decision, show_name=data["show_name"]
        ),
    ):
        messages.success(request, gettext("You have signed the call-in."))
        return redirect("democracy:decision", pk=pk)
    found_decision = found(selectors.decision_get, pk)
    context = _decision_context(request, found_decision, form)
    return render(request, "democracy/decision.html", context, status=400)


def archive(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    try:
        district = places.district_get(request.GET.get("district", ""))
    except NotFound:
        district = None
    return render(
        request,
        "democracy/archive.html",
        {
            "q": text,
            "district": district,
            "districts": places.district_list(with_wards=False),
            "results": selectors.archive_search(text=text, district=district),
        },
    )


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def district_ical(request: HttpRequest, slug: str) -> HttpResponse:
    body = found(selectors.partnership_by_slug, slug)
    return _calendar_response(district_calendar(body.district), f"{slug}-meetings.ics")


def borough_ical(request: HttpRequest) -> HttpResponse:
    return _calendar_response(borough_calendar(), "borough-meetings.ics")
