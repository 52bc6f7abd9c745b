"""Pages for commissioning and contracts: thin, each calling one service or selector."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check
from coopcouncil.core.web import (
    form_create,
    form_show_error,
    form_submit,
    found,
    refusal,
    refusal_page,
)
from coopcouncil.people.selectors import user_find_by_email
from coopcouncil.procurement import forms, ocds, policy, selectors, services
from coopcouncil.procurement.logic.delivery import ReturnRow, chart_bars, quantity_read


def _form_page(request, form, *, title: str, submit: str, intro: str = "", status: int = 200):
    context = {"form": form, "title": title, "submit": submit, "intro": intro}
    return render(request, "procurement/form_page.html", context, status=status)


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "tenders": selectors.tender_list()[:20],
        "contracts": selectors.contract_list()[:20],
        "exercises": selectors.exercise_list()[:20],
        "can_commission": check(request.user, "procurement.commission"),
        "can_award_quotation": check(request.user, "procurement.start_quotation"),
    }
    return render(request, "procurement/index.html", context)


@login_required
def exercise_create(request: HttpRequest) -> HttpResponse:
    if denied := refusal(request, "procurement.commission"):
        return denied
    form = forms.ExerciseForm(request.POST or None)
    if request.method == "POST":
        exercise = form_create(
            form, lambda data: services.exercise_create(actor=request.user, **data)
        )
        if exercise is not None:
            messages.success(request, gettext("The commissioning exercise is recorded."))
            return redirect("procurement:exercise", slug=exercise.slug)
    return _form_page(
        request,
        form,
        title=gettext("New commissioning exercise"),
        submit=gettext("Record the exercise"),
        status=400 if form.errors else 200,
    )


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = found(selectors.exercise_get, slug)
    context = {
        "exercise": exercise,
        "panel_form": forms.PanelMemberForm(),
        "can_commission": check(request.user, "procurement.commission", exercise),
    }
    return render(request, "procurement/exercise.html", context)


@login_required
@require_POST
def panel_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = found(selectors.exercise_get, slug)
    form = forms.PanelMemberForm(request.POST)

    def save(data) -> None:
        person = user_find_by_email(data["email"])
        if person is None:
            raise DomainError("user_not_found", gettext("Nobody has that email."), "email")
        services.panel_member_add(
            actor=request.user,
            exercise=exercise,
            user=person,
            kind=data["kind"],
            has_scoring_rights=data["has_scoring_rights"],
        )

    done = form_submit(
        request,
        form,
        save,
        success_message=gettext("Panel member added."),
        success_url=reverse("procurement:exercise", args=[slug]),
    )
    if done is not None:
        return done
    context = {"exercise": exercise, "panel_form": form, "can_commission": True}
    return render(request, "procurement/exercise.html", context, status=400)


@login_required
def tender_create(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = found(selectors.exercise_get, slug)
    if denied := refusal(request, "procurement.publish_tender", exercise):
        return denied
    form = forms.TenderForm(request.POST or None)
    if request.method == "POST":
        tender = form_create(
            form,
            lambda data: services.tender_publish(actor=request.user, exercise=exercise, **data),
        )
        if tender is not None:
            messages.success(request, gettext("The tender is published."))
            return redirect("procurement:tender", tender_id=tender.pk)
    return _form_page(
        request,
        form,
        title=gettext("New tender for %(exercise)s") % {"exercise": exercise.title},
        submit=gettext("Publish the tender"),
        status=400 if form.errors else 200,
    )


def tender_detail(request: HttpRequest, tender_id: int) -> HttpResponse:
    tender = found(selectors.tender_get, tender_id)
    context = {
        "tender": tender,
        "is_open": tender.deadline > timezone.now() and tender.status == "open",
        "living_wage": format_pence(services.living_wage_now()),
        "can_award": check(request.user, "procurement.award", tender),
        "is_panel_member": selectors.is_panel_member(request.user, tender.exercise),
        "contracts": selectors.contract_list().filter(lot__tender=tender),
    }
    return render(request, "procurement/tender.html", context)


@login_required
def bid_submit(request: HttpRequest, tender_id: int, number: int) -> HttpResponse:
    tender = found(selectors.tender_get, tender_id)
    lot = found(selectors.lot_get, tender, number)
    organisations = selectors.my_organisations(request.user)
    if not organisations.exists():
        return refusal_page(request, gettext("Only members of a supplier organisation may bid."))
    form = forms.BidForm(
        request.POST or None,
        organisations=organisations,
        measures=selectors.measure_list(),
        living_wage=format_pence(services.living_wage_now()),
    )
    if request.method == "POST":
        bid = form_create(
            form,
            lambda data: services.bid_submit(
                actor=request.user,
                lot=lot,
                organisation=data["organisation"],
                price_pence=data["price_pence"],
                pays_real_living_wage=data["pays_real_living_wage"],
                accepts_local_clauses=data["accepts_local_clauses"],
                quantities=form.quantities(),
                summary=data["summary"],
            ),
        )
        if bid is not None:
            messages.success(request, gettext("Your bid is received."))
            return redirect("procurement:bid", bid_id=bid.pk)
    return _form_page(
        request,
        form,
        title=gettext("Bid for %(lot)s of %(tender)s") % {"lot": lot, "tender": tender.title},
        submit=gettext("Submit the bid"),
        intro=gettext("Social value is counted against the council's measures catalogue."),
        status=400 if form.errors else 200,
    )


@login_required
def bid_detail(request: HttpRequest, bid_id: int) -> HttpResponse:
    bid = found(selectors.bid_get, bid_id)
    if denied := refusal(request, "procurement.see_bid", bid):
        return denied
    context = {"bid": bid, "breakdown": selectors.bid_breakdown(bid)}
    return render(request, "procurement/bid.html", context)


@login_required
def lot_evaluate(request: HttpRequest, tender_id: int, number: int) -> HttpResponse:
    """The evaluator's list: each bid, with a score link or the reason they may not score it."""
    tender = found(selectors.tender_get, tender_id)
    lot = found(selectors.lot_get, tender, number)
    if not selectors.is_panel_member(request.user, tender.exercise):
        return refusal_page(request, gettext("Only the panel evaluates bids."))
    rows = [
        (
            bid,
            check(request.user, "procurement.evaluate", bid),
            selectors.evaluator_scores(bid, request.user),
        )
        for bid in selectors.lot_bids(lot)
    ]
    return render(
        request, "procurement/evaluate.html", {"tender": tender, "lot": lot, "rows": rows}
    )


@login_required
def bid_score(request: HttpRequest, bid_id: int) -> HttpResponse:
    bid = found(selectors.bid_get, bid_id)
    if denied := refusal(request, "procurement.evaluate", bid):
        return denied
    form = forms.ScoreForm(
        request.POST or None,
        criteria=bid.lot.tender.criteria.all(),
        initial_scores=selectors.evaluator_scores(bid, request.user),
    )
    if request.method == "POST":
        done = form_submit(
            request,
            form,
            lambda data: services.quality_scores_record(
                actor=request.user, bid=bid, scores=form.scores(), comment=data["comment"]
            ),
            success_message=gettext("Your scores are saved."),
            success_url=reverse("procurement:evaluate", args=[bid.lot.tender_id, bid.lot.number]),
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form,
        title=gettext("Score the bid of %(organisation)s") % {"organisation": bid.organisation},
        submit=gettext("Save scores"),
        intro=gettext("0 = no evidence, 5 = excellent. Score each criterion on its own."),
        status=400 if form.errors else 200,
    )


@login_required
def lot_award(request: HttpRequest, tender_id: int, number: int) -> HttpResponse:
    """The award decision page: every bid's scores and how they were computed; the award form."""
    tender = found(selectors.tender_get, tender_id)
    lot = found(selectors.lot_get, tender, number)
    if denied := refusal(request, "procurement.award", tender):
        return denied
    evaluation = selectors.lot_evaluation(lot)
    form = forms.AwardForm(request.POST or None, bids=selectors.lot_bids(lot))
    status = 200
    if request.method == "POST":
        contract = form_create(
            form,
            lambda data: services.lot_award(actor=request.user, lot=lot, **data),
        )
        if contract is not None:
            messages.success(request, gettext("The lot is awarded."))
            return redirect("procurement:contract", contract_id=contract.pk)
        status = 400
    context = {
        "tender": tender,
        "lot": lot,
        "found": evaluation,
        "breakdown": selectors.evaluation_breakdown(evaluation),
        "form": form,
        # Prefixed: the award form on the same page has a "bid" field too.
        "moderation_form": forms.ModerationForm(
            prefix="moderation", bids=selectors.lot_bids(lot), criteria=tender.criteria.all()
        ),
    }
    return render(request, "procurement/award.html", context, status=status)


def measure_list(request: HttpRequest) -> HttpResponse:
    """The measures catalogue: what a bid's social value is counted in, and at what proxy."""
    context = {
        "themes": selectors.theme_list(),
        "can_manage": check(request.user, "procurement.manage_catalogue"),
    }
    return render(request, "procurement/measures.html", context)


def _catalogue_form_page(request, form, done, *, title: str) -> HttpResponse:
    """A catalogue form: saved, back to the catalogue; refused, the form with its errors."""
    if request.method == "POST":
        answer = form_submit(
            request,
            form,
            done,
            success_message=gettext("The catalogue is saved."),
            success_url=reverse("procurement:measures"),
        )
        if answer is not None:
            return answer
    status = 400 if form.errors else 200
    return _form_page(request, form, title=title, submit=gettext("Save"), status=status)


@login_required
def theme_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Add a theme to the catalogue, or rename one."""
    if denied := refusal(request, "procurement.manage_catalogue"):
        return denied
    theme = found(selectors.theme_get, slug) if slug else None
    initial = {"name": theme.name} if theme else None
    form = forms.ThemeForm(request.POST or None, initial=initial)

    def save(data):
        if theme is None:
            return services.measure_theme_create(actor=request.user, name=data["name"])
        return services.measure_theme_update(actor=request.user, theme=theme, name=data["name"])

    title = gettext("Rename the theme") if theme else gettext("Add a theme")
    return _catalogue_form_page(request, form, save, title=title)


@login_required
def outcome_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Add an outcome under a theme, or rename or move one."""
    if denied := refusal(request, "procurement.manage_catalogue"):
        return denied
    outcome = found(selectors.outcome_get, slug) if slug else None
    initial = {"theme": outcome.theme, "name": outcome.name} if outcome else None
    form = forms.OutcomeForm(request.POST or None, initial=initial)

    def save(data):
        if outcome is None:
            return services.measure_outcome_create(
                actor=request.user, theme=data["theme"], name=data["name"]
            )
        return services.measure_outcome_update(
            actor=request.user, outcome=outcome, theme=data["theme"], name=data["name"]
        )

    title = gettext("Change the outcome") if outcome else gettext("Add an outcome")
    return _catalogue_form_page(request, form, save, title=title)


@login_required
def measure_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Add a measure under an outcome, or change one's name, unit or proxy value."""
    if denied := refusal(request, "procurement.manage_catalogue"):
        return denied
    measure = found(selectors.measure_get, code) if code else None
    initial = None
    if measure is not None:
        initial = {
            "outcome": measure.outcome,
            "code": measure.code,
            "name": measure.name,
            "unit": measure.unit,
            "proxy_value_pence": f"{measure.proxy_value_pence / 100:.2f}",
        }
    form = forms.MeasureForm(request.POST or None, initial=initial, is_new=measure is None)

    def save(data):
        if measure is None:
            return services.measure_create(actor=request.user, **data)
        data = {key: value for key, value in data.items() if key != "code"}
        return services.measure_update(actor=request.user, measure=measure, **data)

    title = gettext("Change the measure") if measure else gettext("Add a measure")
    return _catalogue_form_page(request, form, save, title=title)


@login_required
@require_POST
def score_moderate(request: HttpRequest, tender_id: int, number: int) -> HttpResponse:
    """The moderator records the panel's agreed score on one criterion of one bid."""
    tender = found(selectors.tender_get, tender_id)
    lot = found(selectors.lot_get, tender, number)
    form = forms.ModerationForm(
        request.POST,
        prefix="moderation",
        bids=selectors.lot_bids(lot),
        criteria=tender.criteria.all(),
    )
    done = form_submit(
        request,
        form,
        lambda data: services.moderated_score_record(actor=request.user, **data),
        success_message=gettext("The moderated score is recorded."),
        success_url=reverse("procurement:award", args=[tender_id, number]),
    )
    if done is not None:
        return done
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("procurement:award", tender_id=tender_id, number=number)


def contract_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "procurement/contracts.html", {"contracts": selectors.contract_list()[:200]}
    )


def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = found(selectors.contract_get, contract_id)
    context = {
        "contract": contract,
        "breakdown": contract.award_breakdown,
        "can_report": check(request.user, "procurement.submit_return", contract),
        "can_remedy": check(request.user, "procurement.record_remedy", contract),
        "remedy_form": forms.RemedyForm(),
    }
    return render(request, "procurement/contract.html", context)


@login_required
def return_submit(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = found(selectors.contract_get, contract_id)
    if denied := refusal(request, "procurement.submit_return", contract):
        return denied
    form = forms.ReturnForm(
        request.POST or None, request.FILES or None, commitments=contract.commitments.all()
    )
    if request.method == "POST" and form.is_valid():
        try:
            _return_save(request, contract, form)
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your quarterly return is recorded."))
            return redirect("procurement:contract", contract_id=contract.pk)
    return _form_page(
        request,
        form,
        title=gettext("Quarterly return for %(contract)s") % {"contract": contract.title},
        submit=gettext("Submit the return"),
        intro=gettext("Fill in the form, or upload a CSV with a row per commitment."),
        status=400 if form.errors else 200,
    )


def _return_save(request: HttpRequest, contract, form: forms.ReturnForm) -> None:
    data = form.cleaned_data
    upload = data.get("file")
    if upload:
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise DomainError(
                "file_not_utf8", gettext("Save the file as UTF-8 CSV."), "file"
            ) from None
        services.quarterly_return_import(
            actor=request.user,
            contract=contract,
            year=data["year"],
            quarter=data["quarter"],
            text=text,
        )
        return
    rows = []
    for commitment in form.commitments:
        code = commitment.measure.code
        try:
            delivered = quantity_read(data[f"delivered_{code}"])
        except ValueError as error:
            raise DomainError("quantity_invalid", str(error), f"delivered_{code}") from None
        rows.append(ReturnRow(code, delivered, data[f"evidence_{code}"]))
    services.quarterly_return_submit(
        actor=request.user,
        contract=contract,
        year=data["year"],
        quarter=data["quarter"],
        rows=rows,
    )


@login_required
@require_POST
def remedy_record(request: HttpRequest, line_id: int) -> HttpResponse:
    line = found(selectors.return_line_get, line_id)
    contract_id = line.quarterly_return.contract_id
    form = forms.RemedyForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.remedy_record(actor=request.user, line=line, remedy=data["remedy"]),
        success_message=gettext("The remedy is recorded."),
        success_url=reverse("procurement:contract", args=[contract_id]),
    )
    if done is not None:
        return done
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("procurement:contract", contract_id=contract_id)


@login_required
def quotation_award(request: HttpRequest) -> HttpResponse:
    if denied := refusal(request, "procurement.start_quotation"):
        return denied
    form = forms.QuotationForm(request.POST or None)
    if request.method == "POST":
        contract = form_create(
            form,
            lambda data: services.quotation_award(
                actor=request.user,
                title=data["title"],
                supplier=data["supplier_organisation"],
                value_pence=data["value_pence"],
                quotes=data["quotes"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                district=data["district"],
                reason=data["reason"],
            ),
        )
        if contract is not None:
            messages.success(request, gettext("The contract is awarded."))
            return redirect("procurement:contract", contract_id=contract.pk)
    return _form_page(
        request,
        form,
        title=gettext("Award after quotations"),
        submit=gettext("Award the contract"),
        intro=gettext(
            "Under %(limit)s a district manager may award to a local supplier after three "
            "quotes, or fewer with a stated reason."
        )
        % {"limit": format_pence(policy.quotation_threshold_pence())},
        status=400 if form.errors else 200,
    )


def social_value(request: HttpRequest) -> HttpResponse:
    """Social value promised against delivered: borough-wide, per contract, per supplier."""
    contracts = selectors.delivery_by_contract()
    suppliers = selectors.delivery_by_supplier()

    def bars(rows):
        return chart_bars([(r.label, r.promised_pence, r.delivered_pence) for r in rows])

    context = {
        "borough": selectors.delivery_borough(gettext("Borough-wide")),
        "contracts": contracts,
        "suppliers": suppliers,
        "contract_bars": bars(contracts),
        "supplier_bars": bars(suppliers),
        "contract_chart_height": len(contracts) * 36 + 8,
        "supplier_chart_height": len(suppliers) * 36 + 8,
        "shortfalls": selectors.shortfalls(),
    }
    return render(request, "procurement/social_value.html", context)


def ocds_release_package(request: HttpRequest) -> StreamingHttpResponse:
    """Every contracting process's releases as one OCDS 1.1 release package, streamed.

    Processes are read in chunks and sent piece by piece, so memory stays flat however many
    contracts the council has let (the same writer as ``coopcouncil procurement export-ocds``).
    """
    pieces = ocds.release_package_stream(uri=request.build_absolute_uri(), published=timezone.now())
    return StreamingHttpResponse(pieces, content_type="application/json")


def ocds_record_package(request: HttpRequest) -> StreamingHttpResponse:
    """One OCDS 1.1 record per contracting process, as a record package, streamed."""
    pieces = ocds.record_package_stream(uri=request.build_absolute_uri(), published=timezone.now())
    return StreamingHttpResponse(pieces, content_type="application/json")


def contracts_csv(request: HttpRequest) -> HttpResponse:
    """Contracts let, one row each, with social value promised and delivered (pounds)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(CONTRACT_COLUMNS)
    delivery = {row.key: row for row in selectors.delivery_by_contract()}
    for contract in selectors.contract_list():
        sv = delivery.get(str(contract.pk))
        writer.writerow(
            [
                contract.pk,
                contract.title,
                contract.route,
                contract.supplier.name,
                ocds.party_id(contract.supplier),
                contract.district.slug if contract.district else "",
                f"{contract.value_pence / 100:.2f}",
                contract.starts_on.isoformat(),
                contract.ends_on.isoformat(),
                contract.awarded_at.isoformat(),
                f"{sv.promised_pence / 100:.2f}" if sv else "0.00",
                f"{sv.delivered_pence / 100:.2f}" if sv else "0.00",
            ]
        )
    return response


CONTRACT_COLUMNS = [
    "contract_id",
    "title",
    "route",
    "supplier",
    "supplier_id",
    "district",
    "value_pounds",
    "starts_on",
    "ends_on",
    "awarded_at",
    "social_value_promised_pounds",
    "social_value_delivered_pounds",
]
