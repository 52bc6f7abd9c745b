"""The clerk's desk: schedule meetings, build agendas, moderate questions, write minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from coopcouncil.core.permissions import check
from coopcouncil.core.web import (
    form_create,
    form_errors_text,
    form_run,
    found,
    refusal,
    refusal_page,
)
from coopcouncil.democracy import forms, selectors
from coopcouncil.democracy.services import call_in_review
from coopcouncil.democracy.services import decisions as decision_services
from coopcouncil.democracy.services import meetings as meeting_services
from coopcouncil.democracy.services import papers as paper_services
from coopcouncil.democracy.services import questions as question_services


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """Questions waiting for moderation and the meetings to come."""
    if not check(request.user, "democracy.moderate_question", None).allowed:
        return refusal_page(request, "Only the clerk's desk sees this.")
    return render(
        request,
        "democracy/clerk_desk.html",
        {
            "waiting": selectors.questions_to_moderate(),
            "upcoming": selectors.meeting_list(upcoming=True),
            "partnerships": selectors.partnership_list(),
        },
    )


@login_required
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = found(selectors.partnership_by_slug, slug)
    form = forms.MeetingForm(
        request.POST or None,
        partnership=partnership,
        initial={"sub_group": request.GET.get("sub_group")},
    )
    if request.method == "POST" and (
        meeting := form_create(
            form,
            lambda data: meeting_services.meeting_schedule(
                actor=request.user, partnership=partnership, **data
            ),
        )
    ):
        messages.success(request, gettext("Meeting scheduled."))
        return redirect("democracy:manage", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "democracy/meeting_new.html",
        {"form": form, "partnership": partnership},
        status=status,
    )


def _manage_context(meeting, **given) -> dict:
    people = selectors.meeting_people(meeting)
    councillors = selectors.meeting_councillors(meeting)
    return {
        "meeting": meeting,
        "agenda": selectors.meeting_agenda(meeting),
        "questions": meeting.questions.select_related("asker", "merged_into"),
        "decisions": meeting.decisions.prefetch_related("votes__councillor", "wards"),
        "item_form": given.get("item_form") or forms.AgendaItemForm(),
        "paper_form": given.get("paper_form") or forms.PaperForm(),
        "papers": selectors.meeting_papers(meeting, include_drafts=True),
        "moderation_form": forms.ModerationForm(meeting=meeting),
        "answer_form": forms.AnswerForm(),
        "attendance_form": given.get("attendance_form")
        or forms.AttendanceForm(
            people=people, initial={"public_attendees": meeting.public_attendees}
        ),
        "declaration_form": given.get("declaration_form") or forms.DeclarationForm(people=people),
        "decision_form": given.get("decision_form")
        or forms.DecisionForm(district=meeting.partnership.district),
        "vote_form": given.get("vote_form") or forms.VoteForm(councillors=councillors),
        "reschedule_form": given.get("reschedule_form")
        or forms.RescheduleForm(
            initial={
                "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
                "venue": meeting.venue,
                "webcast_url": meeting.webcast_url,
            }
        ),
        "cancel_form": given.get("cancel_form") or forms.CancelForm(),
        "error": given.get("error"),
    }


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, pk)
    if refused := refusal(request, "democracy.manage_meetings", meeting):
        return refused
    return render(request, "democracy/manage.html", _manage_context(meeting))


def _form_for(action: str, request, meeting):
    people = selectors.meeting_people(meeting)
    councillors = selectors.meeting_councillors(meeting)
    builders = {
        "item": ("item_form", lambda: forms.AgendaItemForm(request.POST)),
        "paper": ("paper_form", lambda: forms.PaperForm(request.POST, request.FILES)),
        "attendance": (
            "attendance_form",
            lambda: forms.AttendanceForm(request.POST, people=people),
        ),
        "declaration": (
            "declaration_form",
            lambda: forms.DeclarationForm(request.POST, people=people),
        ),
        "decision": (
            "decision_form",
            lambda: forms.DecisionForm(request.POST, district=meeting.partnership.district),
        ),
        "vote": ("vote_form", lambda: forms.VoteForm(request.POST, councillors=councillors)),
        "moderate": ("error_form", lambda: forms.ModerationForm(request.POST, meeting=meeting)),
        "answer": ("error_form", lambda: forms.AnswerForm(request.POST)),
        "publish": ("error_form", lambda: forms.forms.Form(request.POST)),
        "reschedule": ("reschedule_form", lambda: forms.RescheduleForm(request.POST)),
        "cancel": ("cancel_form", lambda: forms.CancelForm(request.POST)),
    }
    name, build = builders[action]
    return name, build()


def _perform(action: str, request, meeting, target: int | None):
    actor = request.user
    question = (lambda: meeting.questions.get(pk=target)) if target else None
    decision = (lambda: meeting.decisions.get(pk=target)) if target else None
    return {
        "item": lambda d: meeting_services.agenda_item_add(actor=actor, meeting=meeting, **d),
        "paper": lambda d: paper_services.paper_upload(
            actor=actor,
            meeting=meeting,
            kind=d["kind"],
            title=d["title"],
            upload=d["file"],
            publish=d["publish"],
        ),
        "attendance": lambda d: meeting_services.attendance_record(
            actor=actor, meeting=meeting, **d
        ),
        "declaration": lambda d: meeting_services.declaration_add(
            actor=actor, meeting=meeting, user=d["member"], interest=d["interest"]
        ),
        "decision": lambda d: decision_services.decision_create(
            actor=actor,
            partnership=meeting.partnership,
            meeting=meeting,
            title=d["title"],
            summary=d["summary"],
            kind=d["kind"],
            budget_pence=d["budget"],
            wards=d["wards"],
        ),
        "vote": lambda d: decision_services.decision_vote_record(
            actor=actor, decision=decision(), councillor=d["councillor"], choice=d["choice"]
        ),
        "moderate": lambda d: question_services.question_moderate(
            actor=actor, question=question(), **d
        ),
        "answer": lambda d: question_services.question_answer(
            actor=actor, question=question(), answer=d["answer"]
        ),
        "reschedule": lambda d: meeting_services.meeting_reschedule(
            actor=actor, meeting=meeting, **d
        ),
        "cancel": lambda d: meeting_services.meeting_cancel(
            actor=actor, meeting=meeting, reason=d["reason"]
        ),
        "publish": lambda d: {
            "papers": lambda: paper_services.meeting_publish_papers(actor=actor, meeting=meeting),
            "minutes": lambda: meeting_services.meeting_publish_minutes(
                actor=actor, meeting=meeting
            ),
            "decision": lambda: decision_services.decision_publish(
                actor=actor, decision=decision()
            ),
        }[request.POST.get("what", "")](),
    }[action]


ACTIONS = {
    "item",
    "paper",
    "attendance",
    "declaration",
    "decision",
    "vote",
    "moderate",
    "answer",
    "publish",
    "reschedule",
    "cancel",
}


@login_required
@require_POST
def manage_action(request: HttpRequest, pk: int, action: str, target: int | None = None):
    """One POST endpoint per form on the clerk's meeting page; errors re-render the page."""
    meeting = found(selectors.meeting_get, pk)
    if refused := refusal(request, "democracy.manage_meetings", meeting):
        return refused
    if action not in ACTIONS:
        return render(request, "404.html", status=404)
    if target and not (
        meeting.questions.filter(pk=target).exists() or meeting.decisions.filter(pk=target).exists()
    ):
        return render(request, "404.html", status=404)
    if action == "publish" and request.POST.get("what") not in {"papers", "minutes", "decision"}:
        return render(request, "404.html", status=404)
    name, form = _form_for(action, request, meeting)
    if form_run(form, _perform(action, request, meeting, target)):
        messages.success(request, gettext("Saved."))
        return redirect("democracy:manage", pk=pk)
    if name == "error_form":
        context = _manage_context(meeting, error=form_errors_text(form))
    else:
        context = _manage_context(meeting, **{name: form})
    return render(request, "democracy/manage.html", context, status=400)


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a call-in review's outcome, from the decision page."""
    decision = found(selectors.decision_get, pk)
    form = forms.OutcomeForm(request.POST)
    if form_run(
        form,
        lambda d: decision_services.call_in_outcome_record(
            actor=request.user, decision=decision, **d
        ),
    ):
        messages.success(request, gettext("Outcome recorded."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect("democracy:decision", pk=pk)


@login_required
def signature_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The clerk's review of a call-in's suspicious batches, and removal with a reason."""
    decision = found(selectors.decision_get, pk)
    denied = refusal(request, "democracy.review_call_in_signatures", decision)
    if denied is not None:
        return denied
    petition = found(selectors.call_in_petition_of, decision)
    form = forms.SignatureRemovalForm(
        request.POST or None,
        signature_ids=list(petition.signatures.values_list("pk", flat=True)),
    )
    if request.method == "POST":
        removal = form_create(
            form,
            lambda d: call_in_review.call_in_signatures_remove(
                actor=request.user,
                petition=petition,
                signature_ids=d["signature_ids"],
                reason=d["reason"],
            ),
        )
        if removal is not None:
            messages.success(request, _removal_message(removal))
            return redirect("democracy:signature_review", pk=pk)
    context = {
        "decision": decision,
        "petition": petition,
        "signature_count": petition.signatures.count(),
        "batches": selectors.suspicious_batches(petition),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "democracy/signature_review.html", context, status=status)


def _removal_message(removal: call_in_review.SignaturesRemoved) -> str:
    message = ngettext(
        "%(removed)d signature removed; the call-in now has %(count)d.",
        "%(removed)d signatures removed; the call-in now has %(count)d.",
        removal.removed,
    ) % {"removed": removal.removed, "count": removal.signature_count}
    if removal.is_suspension_reversed:
        message += " " + gettext("It is below the threshold: the decision is no longer suspended.")
    return message
