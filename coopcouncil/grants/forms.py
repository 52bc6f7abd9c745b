"""Forms for grants. Field names match the services' arguments, so a ``DomainError`` lands on
the field it names; amounts are typed in pounds and cleaned to pence."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.money import parse_pounds
from coopcouncil.democracy.selectors import serving_councillors
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import Criterion
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places


class PoundsField(forms.CharField):
    """Pounds as typed ('1,250.50' or '£40'), cleaned to integer pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in ("", None):
            return 0
        try:
            pence = parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if pence < 0:
            raise forms.ValidationError(gettext("Enter £0.00 or more."))
        return pence


class BudgetLinesField(forms.CharField):
    """One budget line per line of text: ``item, cost in pounds``."""

    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        text = super().clean(value) or ""
        lines = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            item, _comma, cost = line.rpartition(",")
            try:
                lines.append((item.strip(), parse_pounds(cost)))
            except ValueError as error:
                raise forms.ValidationError(
                    gettext("Line %(number)d: %(error)s") % {"number": number, "error": error}
                ) from None
        return lines


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Applying for"))
    title = forms.CharField(label=_("Project title"), max_length=140)
    project = forms.CharField(label=_("The project"), widget=forms.Textarea, required=False)
    amount_pence = PoundsField(label=_("Amount asked (£)"))
    outcomes = forms.CharField(label=_("Outcomes promised"), widget=forms.Textarea, required=False)
    ward = forms.ModelChoiceField(
        queryset=None, label=_("Ward where the people who benefit live"), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Partner organisations applying with you"),
        required=False,
        help_text=_("Other groups on the platform that hold this grant jointly with yours."),
    )
    budget_lines = BudgetLinesField(
        label=_("Budget lines"), required=False, help_text=_("One per line: item, cost in £")
    )
    volunteers = forms.IntegerField(label=_("Volunteers"), min_value=0, initial=0)
    volunteer_hours = forms.IntegerField(label=_("Volunteer hours"), min_value=0, initial=0)
    in_kind_pence = PoundsField(label=_("In-kind contribution (£)"))
    match_funding_pence = PoundsField(label=_("Match funding (£)"))
    co_production_savings_pence = PoundsField(label=_("Co-production savings claimed (£)"))
    dividend_pence = PoundsField(label=_("Co-production dividend to put towards this (£)"))
    planned_start = forms.DateField(
        label=_("Planned start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_end = forms.DateField(
        label=_("Planned end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = places.ward_list()
        self.fields["partners"].queryset = people.organisation_list()
        if editing:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = people.organisation_list().filter(
                pk__in=people.current_roles(user).values("organisation_id")
            )

    def draft(self) -> services.ApplicationDraft:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return services.ApplicationDraft(**data)


def application_initial(application) -> dict:
    """A saved application as the form's starting values (amounts back in pounds)."""
    money = (
        "amount_pence",
        "in_kind_pence",
        "match_funding_pence",
        "co_production_savings_pence",
        "dividend_pence",
    )
    initial = {name: getattr(application, name) for name in services.DRAFT_FIELDS}
    for name in money:
        initial[name] = f"{initial[name] / 100:.2f}"
    initial["partners"] = [partner.pk for partner in application.partners.all()]
    initial["budget_lines"] = "\n".join(
        f"{line.description}, {line.amount_pence / 100:.2f}"
        for line in application.budget_lines.all()
    )
    return initial


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF or office document)"))


class EligibilityForm(forms.Form):
    is_eligible = forms.TypedChoiceField(
        label=_("Eligibility"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class ScoreForm(forms.Form):
    """One mark (and a comment) per criterion of the round."""

    def __init__(self, *args, criteria: list[Criterion], top: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"mark_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} ({criterion.weight_percent}%)",
                min_value=0,
                max_value=top,
                help_text=criterion.guidance,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )

    def marks(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"mark_{c.pk}"] for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"comment_{c.pk}"] for c in self.criteria}


class InterestForm(forms.Form):
    reason = forms.CharField(label=_("Your interest, in a few words"), max_length=300)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (services.AWARD, _("Award what was asked")),
            (services.PART_AWARD, _("Part award")),
            (services.DECLINE, _("Decline")),
        ],
    )
    amount_pence = PoundsField(label=_("Part award (£)"))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea)
    feedback = forms.CharField(
        label=_("Feedback to the group"), widget=forms.Textarea, required=False
    )
    votes_for = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Councillors voting for"), required=False
    )
    votes_against = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Councillors voting against"), required=False
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        seats = people.councillor_assignments(district=district).values("user_id")
        queryset = serving_councillors().filter(pk__in=seats)
        self.fields["votes_for"].queryset = queryset
        self.fields["votes_against"].queryset = queryset

    def votes(self) -> list[tuple[object, str]]:
        return [(c, "for") for c in self.cleaned_data["votes_for"]] + [
            (c, "against") for c in self.cleaned_data["votes_against"]
        ]


class InstalmentForm(forms.Form):
    milestone = forms.CharField(label=_("Milestone"), max_length=200)
    amount_pence = PoundsField(label=_("Amount (£)"))
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


class ReportRequestForm(forms.Form):
    due_on = forms.DateField(label=_("Report due"), widget=forms.DateInput(attrs={"type": "date"}))


class MonitoringReportForm(forms.Form):
    outcomes_achieved = forms.CharField(label=_("Outcomes achieved"), widget=forms.Textarea)
    volunteers = forms.IntegerField(label=_("Volunteers"), min_value=0)
    volunteer_hours = forms.IntegerField(label=_("Volunteer hours"), min_value=0)
    people_reached = forms.IntegerField(label=_("People reached"), min_value=0)
    spend_pence = PoundsField(label=_("Spent so far (£)"))


class ClawbackForm(forms.Form):
    amount_pence = PoundsField(label=_("Amount recovered (£)"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class SavingForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Group"))
    description = forms.CharField(label=_("The saving"), max_length=200)
    saving_pence = PoundsField(label=_("Saving verified (£)"))
    verified_on = forms.DateField(
        label=_("Verified on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = people.organisation_list()


class CommaListField(forms.CharField):
    """Words separated by commas, cleaned to a list (outcome themes, co-operative values)."""

    def clean(self, value):
        text = super().clean(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class CriteriaField(forms.CharField):
    """One criterion per line: ``name, weight in %``."""

    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        text = super().clean(value) or ""
        criteria = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            name, _comma, weight = line.rpartition(",")
            if not name.strip() or not weight.strip().rstrip("%").isdigit():
                raise forms.ValidationError(
                    gettext("Line %(number)d: write the criterion, a comma, then its weight.")
                    % {"number": number}
                )
            criteria.append((name.strip(), int(weight.strip().rstrip("%"))))
        return criteria


class RoundForm(forms.Form):
    fund = forms.ModelChoiceField(queryset=None, label=_("Fund"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    amount_pence = PoundsField(label=_("Amount (£)"), required=True)
    max_award_pence = PoundsField(label=_("Largest award (£)"), required=True)
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    match_funding_percent = forms.IntegerField(
        label=_("Match funding required (%)"), min_value=0, max_value=100, initial=0
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Who may apply"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outcome_themes = CommaListField(label=_("Outcome themes (comma separated)"), required=False)
    cooperative_values = CommaListField(
        label=_("Co-operative values (comma separated)"), required=False
    )
    criteria = CriteriaField(
        label=_("Scoring criteria"), help_text=_("One per line: criterion, weight in %")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = selectors.fund_list()
        self.fields["eligible_kinds"].choices = selectors.organisation_kinds()
