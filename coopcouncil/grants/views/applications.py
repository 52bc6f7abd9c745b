"""The group's pages: start, save and submit an application, attach documents, and see its
status, scores and feedback; the officers', assessors' and panel's forms hang off it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal, refusal_page, stored_file_open
from coopcouncil.grants import forms, policy, selectors, services


@login_required
def application_create(request: HttpRequest, slug: str) -> HttpResponse:
    grant_round = found(selectors.round_get, slug)
    form = forms.ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_draft_create(
                actor=request.user,
                round_=grant_round,
                organisation=form.cleaned_data["organisation"],
                draft=form.draft(),
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Your draft is saved."))
            return redirect("grants:application", application_id=application.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "round": grant_round}
    return render(request, "grants/application_form.html", context, status=status)


@login_required
def application_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.apply", application.organisation)
    if denied:
        return denied
    form = forms.ApplicationForm(
        request.POST or None, initial=forms.application_initial(application), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_draft_update(
                actor=request.user, application=application, draft=form.draft()
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Your draft is saved."))
            return redirect("grants:application", application_id=application.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "round": application.round, "application": application}
    return render(request, "grants/application_form.html", context, status=status)


def _detail_context(request: HttpRequest, application) -> dict:
    user = request.user
    can_see_scores = check(user, "grants.see_scores", application)
    return {
        "application": application,
        "can_edit": application.status == "draft"
        and check(user, "grants.apply", application.organisation),
        "can_check": application.status == "submitted"
        and check(user, "grants.check_eligibility", application),
        "assess": check(user, "grants.assess", application),
        "is_assessor": application.round.assessors.filter(pk=user.pk).exists(),
        "can_see_scores": can_see_scores,
        "scores": selectors.application_scores(application) if can_see_scores else (),
        "moderation": selectors.application_moderation(application) if can_see_scores else None,
        "can_decide": application.status == "eligible"
        and check(user, "grants.decide", application),
        "can_schedule": application.holds_award
        and check(user, "grants.schedule_payments", application),
        "can_approve": application.is_awarded
        and check(user, "grants.approve_payment", application),
        "can_report": application.holds_award
        and check(user, "grants.report_monitoring", application),
        "can_claw_back": application.holds_award
        and check(user, "grants.record_clawback", application),
        "reports": [
            (report, selectors.report_is_late(report))
            for report in application.monitoring_reports.all()
        ],
        "instalments": application.instalments.all(),
        "eligibility_form": forms.EligibilityForm(),
        "attachment_form": forms.AttachmentForm(),
        "interest_form": forms.InterestForm(),
        "instalment_form": forms.InstalmentForm(),
        "report_request_form": forms.ReportRequestForm(),
        "clawback_form": forms.ClawbackForm(),
        "score_top": policy.score_scale_top(),
    }


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.view_application", application)
    if denied:
        return denied
    return render(request, "grants/application.html", _detail_context(request, application))


def _back(
    request: HttpRequest, application, error: DomainError | None, success: str
) -> HttpResponse:
    """After a small POST form on the application page: the message, then the page again."""
    if error is None:
        messages.success(request, success)
    elif error.status == 403:
        return refusal_page(request, error.message)
    else:
        messages.error(request, error.message)
        for field, problems in error.errors.items():
            for problem in problems:
                if problem != error.message:
                    messages.error(request, f"{field}: {problem}")
    return redirect("grants:application", application_id=application.pk)


@login_required
@require_POST
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    try:
        services.application_submit(actor=request.user, application=application)
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("Your application is submitted."))


@login_required
@require_POST
def attachment_upload(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    form = forms.AttachmentForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                application=application,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except DomainError as refused:
            error = refused
    else:
        error = DomainError("file_required", gettext("Choose the file to upload."), "file")
    return _back(request, application, error, gettext("The document is attached."))


@login_required
def attachment_download(request: HttpRequest, application_id: int, attachment_id: int):
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.view_application", application)
    if denied:
        return denied
    attachment = application.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        stored_file_open(attachment.file, gettext("The document's file is missing.")),
        as_attachment=True,
        filename=f"{attachment.title}.{attachment.extension}",
        content_type=attachment.content_type,
    )
