"""Forms for devolved money. Field names match the services' arguments, so a ``DomainError``
lands on the field it names; amounts are typed in pounds and cleaned to pence."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models import INDICATOR_CHOICES, LadderRung, WardPollOption
from coopcouncil.core.money import parse_pounds
from coopcouncil.people import selectors as people

INDICATORS = [("", "None")] + INDICATOR_CHOICES


class PoundsField(forms.CharField):
    """Pounds as typed ('1,250.50' or '£40'), cleaned to integer pence."""

    def __init__(self, *, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in ("", None):
            return 0
        try:
            pence = parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if pence < 0 and not self.allow_negative:
            raise forms.ValidationError("Enter £0.00 or more.")
        return pence


class LineForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)
    slug = forms.SlugField(label="Code", help_text="Used in spend files, e.g. youth-2026-27")
    financial_year = forms.CharField(label="Financial year", max_length=7, initial="2026/27")
    amount_pence = PoundsField(label="Annual amount (£)")
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea)
    is_devolved_to_wards = forms.BooleanField(
        label="Devolved on to wards: each ward holds its share", required=False
    )


class WardDevolutionForm(forms.Form):
    is_devolved_to_wards = forms.BooleanField(
        label="Devolved on to wards: each ward holds its share", required=False
    )


class WardBudgetsOpenForm(forms.Form):
    financial_year = forms.CharField(label="Financial year", max_length=7, help_text="e.g. 2026/27")
    amount_pence = PoundsField(label="Each councillor's ward budget (£)")


class FormulaForm(forms.Form):
    name = forms.CharField(label="Formula name", max_length=120)
    equal_share_percent = forms.DecimalField(label="Equal share per ward (%)", initial=0)
    population_percent = forms.DecimalField(label="Population (%)", initial=0)
    need_percent = forms.DecimalField(label="Need (%)", initial=0)
    need_indicator = forms.ChoiceField(label="Need measured by", choices=INDICATORS, required=False)
    ring_fence_percent = forms.DecimalField(label="Ring-fence held back (% of the line)", initial=0)
    ring_fence_indicator = forms.ChoiceField(
        label="Ring-fence shared by", choices=INDICATORS, required=False
    )
    ring_fence_purpose = forms.CharField(label="Ring-fence purpose", required=False)


class AdoptForm(forms.Form):
    note = forms.CharField(
        label="Why this formula (published)", required=False, widget=forms.Textarea
    )


class SpendImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spend file (CSV)"),
        help_text=_(
            "Columns: date, district, line, amount_pounds, description, reference; or the "
            "ledger's cost_centre in place of district and line."
        ),
    )


class CommitmentForm(forms.Form):
    district = forms.ModelChoiceField(label="District", queryset=None)
    line = forms.ModelChoiceField(label="Budget line", queryset=None)
    amount_pence = PoundsField(label="Amount (£)")
    description = forms.CharField(label="What it is for", max_length=250)
    committed_on = forms.DateField(label="Committed on", widget=forms.DateInput({"type": "date"}))
    decision = forms.ModelChoiceField(
        label="District decision that committed it (optional)",
        queryset=None,
        required=False,
        empty_label="— none —",
    )
    ward = forms.ModelChoiceField(
        label="Ward whose share it comes from (optional)",
        queryset=None,
        required=False,
        empty_label="— the district as a whole —",
    )

    def __init__(self, *args, districts, lines, decisions, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["line"].queryset = lines
        self.fields["decision"].queryset = decisions
        self.fields["ward"].queryset = wards


class AutonomyRequestForm(forms.Form):
    district = forms.ModelChoiceField(label="District", queryset=None)
    title = forms.CharField(label="What power or budget are you asking for?", max_length=200)
    justification = forms.CharField(label="Why should the district hold it?", widget=forms.Textarea)
    amount_pence = PoundsField(label="How much (£)", required=False)
    outcomes_promised = forms.CharField(label="Outcomes you promise", widget=forms.Textarea)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


BENCHMARK_REASONS = (
    ("local_leaders", "Local Leaders Programme attendance"),
    ("citizen_participation", "Citizen participation"),
    ("financial_aptitude", "Budget variance"),
    ("transparency", "Papers on time"),
    ("minutes_on_time", "Minutes on time"),
    ("community_cohesion", "Community pulse survey"),
    ("risk_mitigation", "Risk mitigation"),
)


class AssessmentForm(forms.Form):
    is_risk_assessment_passed = forms.NullBooleanField(
        label="Officer risk assessment",
        widget=forms.Select(
            choices=[("unknown", "Not assessed"), ("true", "Passed"), ("false", "Failed")]
        ),
    )
    risk_assessment_note = forms.CharField(label="Risk note", required=False, widget=forms.Textarea)
    pulse_survey_score = forms.DecimalField(
        label="Pulse survey score (0–100), only if the platform holds none", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Computed figures are not fields: the assessor comments beside them instead.
        for key, name in BENCHMARK_REASONS:
            self.fields[f"comment_{key}"] = forms.CharField(
                label=gettext("Your commentary on “%(name)s”") % {"name": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=f"Why a failure of “{name}” matters (leave blank if it does not)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "is_risk_assessment_passed": data["is_risk_assessment_passed"],
            "risk_assessment_note": data["risk_assessment_note"],
            "pulse_survey_score": data["pulse_survey_score"],
            "reasons_failure_matters": {
                key: data[f"reason_{key}"] for key, _ in BENCHMARK_REASONS if data[f"reason_{key}"]
            },
            "commentary": {
                key: data[f"comment_{key}"]
                for key, _ in BENCHMARK_REASONS
                if data[f"comment_{key}"]
            },
        }


class CabinetDecisionForm(forms.Form):
    is_granted = forms.TypedChoiceField(
        label="Cabinet's decision",
        choices=[("yes", "Granted"), ("no", "Refused")],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label="Cabinet's reason", widget=forms.Textarea)
    decided_on = forms.DateField(label="Decided on", widget=forms.DateInput({"type": "date"}))
    granted_amount_pence = PoundsField(label="Amount granted (£; blank = as asked)", required=False)

    def clean_granted_amount_pence(self) -> int | None:
        # Blank means "as asked", which is not the same as granting £0.00.
        typed = self.data.get(self.add_prefix("granted_amount_pence"), "").strip()
        return self.cleaned_data["granted_amount_pence"] if typed else None


class PlacementForm(forms.Form):
    service = forms.CharField(label="Council service", max_length=150)
    rung = forms.ChoiceField(label="Rung", choices=LadderRung.choices)
    reason_not_further = forms.CharField(
        label="Why not devolved further", required=False, widget=forms.Textarea
    )


class ChallengeForm(forms.Form):
    proposed_rung = forms.ChoiceField(label="Where should it be?", choices=LadderRung.choices)
    argument = forms.CharField(label="Your reasons (published)", widget=forms.Textarea)


class ChallengeAnswerForm(forms.Form):
    is_upheld = forms.TypedChoiceField(
        label="Outcome",
        choices=[("no", "Not upheld"), ("yes", "Upheld: move the service")],
        coerce=lambda value: value == "yes",
    )
    answer = forms.CharField(label="Answer (published)", widget=forms.Textarea)


class WardAllocationForm(forms.Form):
    amount_pence = PoundsField(label="Amount from your ward budget (£)")
    recipient_organisation = forms.ModelChoiceField(
        label="Community group",
        queryset=people.organisation_list(kind="community_group"),
        required=False,
        empty_label="— a project instead —",
    )
    recipient_project = forms.CharField(label="Or the project", max_length=200, required=False)
    purpose = forms.CharField(label="What it is for", widget=forms.Textarea(attrs={"rows": 3}))
    ward_poll_option = forms.ModelChoiceField(
        label=_("The ward poll option this funds"),
        queryset=WardPollOption.objects.none(),
        required=False,
        empty_label=_("— no ward poll —"),
        help_text=_("The poll's count is published beside the allocation."),
    )
    councillor_reason = forms.CharField(
        label=_("Your reason (published)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_justification = forms.CharField(
        label=_("If this is not the option residents voted for most: why (published)"),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, poll_options=None, **kwargs):
        super().__init__(*args, **kwargs)
        if poll_options is not None:
            self.fields["ward_poll_option"].queryset = poll_options

    partner_name = forms.CharField(label="Co-funding partner", max_length=150, required=False)
    partner_co_funding_pence = PoundsField(label="Partner's co-funding (£)", required=False)


class WardAllocationDecisionForm(forms.Form):
    is_approved = forms.TypedChoiceField(
        label="Decision",
        choices=[("yes", "Approve"), ("no", "Refuse")],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label="Reason (required to refuse)", required=False)


class WardPollForm(forms.Form):
    question = forms.CharField(label=_("Question to the ward"), max_length=200)
    options = forms.CharField(
        label=_("Options, one a line (2 to 5)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput({"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput({"type": "datetime-local"})
    )

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class WardPollVoteForm(forms.Form):
    option = forms.ModelChoiceField(
        label=_("Your choice"), queryset=WardPollOption.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = poll.options.all()


class CostCentreForm(forms.Form):
    code = forms.CharField(label=_("Ledger cost-centre code"), max_length=40)
    district = forms.ModelChoiceField(label=_("District"), queryset=None)
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    ward = forms.ModelChoiceField(
        label=_("Ward (optional)"),
        queryset=None,
        required=False,
        empty_label=_("— the district as a whole —"),
    )

    def __init__(self, *args, districts, lines, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["line"].queryset = lines
        self.fields["ward"].queryset = wards


class CommitmentsSyncForm(forms.Form):
    financial_year = forms.CharField(label=_("Financial year"), max_length=7)
    decision_line = forms.ModelChoiceField(
        label=_("Line for published district decisions"),
        queryset=None,
        required=False,
        empty_label=_("— leave waiting —"),
    )
    pb_line = forms.ModelChoiceField(
        label=_("Line for PB projects in delivery"),
        queryset=None,
        required=False,
        empty_label=_("— leave waiting —"),
    )
    ward_allocation_line = forms.ModelChoiceField(
        label=_("Line for approved ward budget allocations"),
        queryset=None,
        required=False,
        empty_label=_("— leave waiting —"),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("decision_line", "pb_line", "ward_allocation_line"):
            self.fields[name].queryset = lines
