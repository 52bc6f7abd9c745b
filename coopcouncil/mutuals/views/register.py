"""Pages for the register: the public list and each co-operative's page; its secretary's desk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal, stored_file_open
from coopcouncil.mutuals import forms, selectors, services
from coopcouncil.people import selectors as people


def index(request: HttpRequest) -> HttpResponse:
    """The public register of co-operatives, mutuals and spin-outs."""
    context = {
        "mutuals": selectors.mutual_list(),
        "offers": selectors.share_offer_list()[:10],
        "can_register": check(request.user, "mutuals.manage_register"),
    }
    return render(request, "mutuals/index.html", context)


def register_json(request: HttpRequest) -> JsonResponse:
    """The open dataset: register, ballot results and counted elections (no personal data)."""
    return JsonResponse(selectors.register_document(), json_dumps_params={"indent": 1})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    mutual = found(selectors.mutual_get, slug)
    today = timezone.localdate()
    member = selectors.member_of(request.user, mutual)
    context = {
        "mutual": mutual,
        "classes": selectors.class_list(mutual),
        "constituencies": selectors.constituency_list(mutual, today=today),
        "board": selectors.board_list(mutual, today=today),
        "papers": selectors.paper_list(mutual),
        "ballots": selectors.ballot_list(mutual=mutual),
        "elections": selectors.election_list(mutual=mutual),
        "offers": selectors.share_offer_list().filter(mutual=mutual),
        "member": member,
        "my_constituencies": selectors.my_constituencies(member, today=today) if member else [],
        "can_manage": check(request.user, "mutuals.manage_members", mutual),
    }
    return render(request, "mutuals/detail.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    denied = refusal(request, "mutuals.manage_register")
    if denied:
        return denied
    form = forms.MutualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mutual = services.mutual_register(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Added to the register."))
            return redirect("mutuals:detail", slug=mutual.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "mutuals/form.html",
        {"form": form, "title": gettext("Add to the register")},
        status=status,
    )


def _manage_context(request: HttpRequest, mutual, **forms_given) -> dict:
    context = {
        "mutual": mutual,
        "members": selectors.member_list(mutual),
        "classes": selectors.class_list(mutual),
        "member_form": forms.MemberForm(mutual=mutual),
        "class_form": forms.MembershipClassForm(),
        "import_form": forms.MembersImportForm(),
        "ballot_form": forms.BallotForm(mutual=mutual),
        "election_form": forms.ElectionForm(mutual=mutual),
        "offer_form": forms.ShareOfferForm(),
        "constituency_form": forms.ConstituencyForm(mutual=mutual),
        "board_form": forms.BoardSeatForm(),
        "paper_form": forms.PaperForm(),
        "service_forms": _service_forms(mutual, failed=forms_given.pop("service_form", None)),
    }
    context.update(forms_given)
    return context


def _service_form(service, choices, data=None) -> forms.ServiceLinkForm:
    return forms.ServiceLinkForm(
        data,
        prefix=f"service-{service.pk}",
        choices=choices,
        initial={"contract": service.contract_id, "asset": service.asset_id},
    )


def _service_forms(mutual, *, failed=None) -> list:
    """(service, its link form) for each service; the form just refused keeps its errors."""
    choices = selectors.service_link_choices(mutual)
    rows = []
    for service in selectors.service_list(mutual):
        is_failed = failed is not None and failed.prefix == f"service-{service.pk}"
        rows.append((service, failed if is_failed else _service_form(service, choices)))
    return rows


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The secretary's desk: members and classes, ballots, elections, offers, governance."""
    mutual = found(selectors.mutual_get, slug)
    denied = refusal(request, "mutuals.manage_members", mutual)
    if denied:
        return denied
    return render(request, "mutuals/manage.html", _manage_context(request, mutual))


def _manage_post(request: HttpRequest, slug: str, form_name: str, make_form, act, success: str):
    """Run one of the desk's forms; on a rule's refusal, show the desk with the form's errors."""
    mutual = found(selectors.mutual_get, slug)
    form = make_form(mutual)
    if form.is_valid():
        try:
            act(mutual, form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, success)
            return redirect("mutuals:manage", slug=mutual.slug)
    denied = refusal(request, "mutuals.manage_members", mutual)
    if denied:
        return denied
    return render(
        request,
        "mutuals/manage.html",
        _manage_context(request, mutual, **{form_name: form}),
        status=400,
    )


@login_required
@require_POST
def class_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_post(
        request,
        slug,
        "class_form",
        lambda mutual: forms.MembershipClassForm(request.POST),
        lambda mutual, data: services.membership_class_add(
            actor=request.user, mutual=mutual, **data
        ),
        gettext("Class added."),
    )


def _join(request, mutual, data):
    person = people.user_find_by_email(data.pop("email"))
    if person is None:
        raise DomainError("user_not_found", gettext("No account has that email address."), "email")
    services.member_join(
        actor=request.user, mutual=mutual, user=person, classes=list(data.pop("classes")), **data
    )


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_post(
        request,
        slug,
        "member_form",
        lambda mutual: forms.MemberForm(request.POST, mutual=mutual),
        lambda mutual, data: _join(request, mutual, data),
        gettext("Member added."),
    )


@login_required
@require_POST
def members_import(request: HttpRequest, slug: str) -> HttpResponse:
    def act(mutual, data):
        text = data["file"].read().decode("utf-8-sig", errors="replace")
        services.members_import(actor=request.user, text=text)

    return _manage_post(
        request,
        slug,
        "import_form",
        lambda mutual: forms.MembersImportForm(request.POST, request.FILES),
        act,
        gettext("Members imported."),
    )


@login_required
@require_POST
def members_recheck(request: HttpRequest, slug: str) -> HttpResponse:
    mutual = found(selectors.mutual_get, slug)
    try:
        lapsed = services.members_recheck(actor=request.user, mutual=mutual)
    except DomainError as error:
        denied = refusal(request, "mutuals.manage_members", mutual)
        return denied or render(request, "403.html", {"reason": error.message}, status=error.status)
    messages.success(
        request, gettext("Re-checked: %(lapsed)s classes lapsed.") % {"lapsed": lapsed}
    )
    return redirect("mutuals:manage", slug=mutual.slug)


@login_required
@require_POST
def constituency_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_post(
        request,
        slug,
        "constituency_form",
        lambda mutual: forms.ConstituencyForm(request.POST, mutual=mutual),
        lambda mutual, data: services.constituency_add(actor=request.user, mutual=mutual, **data),
        gettext("Constituency added."),
    )


@login_required
@require_POST
def board_seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_post(
        request,
        slug,
        "board_form",
        lambda mutual: forms.BoardSeatForm(request.POST),
        lambda mutual, data: services.board_seat_fill(actor=request.user, mutual=mutual, **data),
        gettext("Board seat recorded."),
    )


@login_required
@require_POST
def paper_add(request: HttpRequest, slug: str) -> HttpResponse:
    def act(mutual, data):
        content = data.pop("file").read(services.PAPER_MAX_BYTES + 1)
        services.paper_publish(actor=request.user, mutual=mutual, content=content, **data)

    return _manage_post(
        request,
        slug,
        "paper_form",
        lambda mutual: forms.PaperForm(request.POST, request.FILES),
        act,
        gettext("Paper published."),
    )


@login_required
@require_POST
def service_link(request: HttpRequest, slug: str, service_id: int) -> HttpResponse:
    """Link a service to the contract it runs under and the asset it runs from."""
    service = found(selectors.service_get, found(selectors.mutual_get, slug), service_id)
    return _manage_post(
        request,
        slug,
        "service_form",
        lambda mutual: _service_form(service, selectors.service_link_choices(mutual), request.POST),
        lambda mutual, data: services.mutual_service_link(
            actor=request.user, service=service, **data
        ),
        gettext("Service linked."),
    )


def paper_download(request: HttpRequest, paper_id: int) -> HttpResponse:
    paper = found(selectors.paper_get, paper_id)
    stored = stored_file_open(paper.file, gettext("The paper's file is missing."))
    return FileResponse(stored, content_type=paper.content_type, as_attachment=False)
