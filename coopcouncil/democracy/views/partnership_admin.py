"""Running a partnership: its district team and partner members, sub-groups and pulse surveys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.web import (
    form_create,
    form_errors_text,
    form_run,
    found,
    refusal,
)
from coopcouncil.democracy import forms, selectors
from coopcouncil.democracy.services import meetings as meeting_services
from coopcouncil.democracy.services import surveys as survey_services


def _page(request, partnership, *, status: int = 200, **given) -> HttpResponse:
    return render(
        request,
        "democracy/partnership_manage.html",
        {
            "partnership": partnership,
            "councillors": selectors.partnership_councillors(partnership),
            "members": selectors.partnership_member_rows(partnership),
            "history": selectors.partnership_member_history(partnership)[:50],
            "sub_groups": selectors.sub_groups_with_meetings(partnership),
            "surveys": selectors.pulse_surveys(partnership=partnership),
            "member_form": given.get("member_form") or forms.MemberForm(),
            "end_form": forms.MemberEndForm(),
            "sub_group_form": given.get("sub_group_form") or forms.SubGroupForm(),
            "error": given.get("error"),
        },
        status=status,
    )


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The clerk's and district team's page for one partnership."""
    partnership = found(selectors.partnership_by_slug, slug)
    return refusal(request, "democracy.manage_membership", partnership) or _page(
        request, partnership
    )


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = found(selectors.partnership_by_slug, slug)
    if refused := refusal(request, "democracy.manage_membership", partnership):
        return refused
    form = forms.MemberForm(request.POST)
    is_done = form_run(
        form,
        lambda d: meeting_services.member_add(
            actor=request.user,
            partnership=partnership,
            user=d["email"],
            kind=d["kind"],
            title=d["title"],
            organisation=d["organisation"],
            start_date=d["start_date"],
        ),
    )
    if is_done:
        messages.success(request, gettext("Member added."))
        return redirect("democracy:partnership_manage", slug=slug)
    return _page(request, partnership, status=400, member_form=form)


@login_required
@require_POST
def member_end(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    partnership = found(selectors.partnership_by_slug, slug)
    member = found(selectors.partnership_member_get, partnership, member_id)
    if refused := refusal(request, "democracy.manage_membership", partnership):
        return refused
    form = forms.MemberEndForm(request.POST)
    is_done = form_run(
        form,
        lambda d: meeting_services.member_end(
            actor=request.user, member=member, end_date=d["end_date"]
        ),
    )
    if is_done:
        messages.success(
            request, gettext("%(name)s's membership ends.") % {"name": member.user.full_name}
        )
        return redirect("democracy:partnership_manage", slug=slug)
    error = f"{member.user.full_name}: {form_errors_text(form)}"
    return _page(request, partnership, status=400, error=error)


@login_required
@require_POST
def sub_group_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = found(selectors.partnership_by_slug, slug)
    if refused := refusal(request, "democracy.manage_meetings", partnership):
        return refused
    form = forms.SubGroupForm(request.POST)
    is_done = form_run(
        form,
        lambda d: meeting_services.sub_group_create(
            actor=request.user, partnership=partnership, **d
        ),
    )
    if is_done:
        messages.success(request, gettext("Sub-group set up."))
        return redirect("democracy:partnership_manage", slug=slug)
    return _page(request, partnership, status=400, sub_group_form=form)


@login_required
def pulse_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Set up a pulse survey of the district's residents or councillors."""
    partnership = found(selectors.partnership_by_slug, slug)
    if refused := refusal(request, "democracy.manage_surveys", partnership):
        return refused
    form = forms.PulseSurveyForm(request.POST or None)
    if request.method == "POST" and (
        survey := form_create(
            form,
            lambda d: survey_services.pulse_survey_create(
                actor=request.user,
                partnership=partnership,
                title=d["title"],
                audience=d["audience"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
                questions=form.questions(),
            ),
        )
    ):
        messages.success(request, gettext("Pulse survey set up."))
        return redirect("democracy:pulse", pk=survey.pk)
    return render(
        request,
        "democracy/pulse_new.html",
        {"form": form, "partnership": partnership},
        status=400 if request.method == "POST" else 200,
    )
