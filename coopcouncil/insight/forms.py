"""Forms for insight's staff pages. Field names match the services' arguments, so a
``DomainError`` lands on the field it names."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcouncil.insight.logic.productivity import QUESTIONS, RATINGS
from coopcouncil.insight.models import (
    PRODUCTIVITY_QUESTIONS,
    CommitmentStatus,
    EvidenceStrength,
    Indicator,
    Standard,
)
from coopcouncil.insight.selectors import LINK_KINDS, TAG_KINDS, measure_choices, subject_choices
from coopcouncil.places.selectors import district_list

DATE = forms.DateInput(attrs={"type": "date"})


def _districts(required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=district_list(with_wards=False),
        to_field_name="slug",
        required=required,
        label=_("District"),
        empty_label=_("Whole borough"),
    )


class OutcomeForm(forms.Form):
    title = forms.CharField(label=_("Outcome"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)


class IndicatorForm(forms.Form):
    code = forms.SlugField(label=_("Code"), help_text=_("Used in measurement files."))
    name = forms.CharField(label=_("Name"), max_length=200)
    definition = forms.CharField(label=_("Definition"), widget=forms.Textarea)
    unit = forms.CharField(label=_("Unit"), max_length=40)
    geography = forms.ChoiceField(label=_("Geography"), choices=Indicator.Geography.choices)
    source = forms.CharField(label=_("Source"), max_length=200)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=12, decimal_places=2)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990, max_value=2100)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)
    target_year = forms.IntegerField(label=_("Target year"), min_value=1990, max_value=2100)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Indicator.Frequency.choices)
    is_higher_better = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)


class MeasurementsForm(forms.Form):
    file = forms.FileField(
        label=_("Measurements file (CSV)"),
        help_text=_("Columns: indicator, period (YYYY-MM), district (blank: borough), value."),
    )


class ActivityLinkForm(forms.Form):
    subject_kind = forms.ChoiceField(label=_("Activity"), choices=subject_choices(LINK_KINDS))
    subject_id = forms.IntegerField(label=_("Its number"), min_value=1)
    strength = forms.ChoiceField(label=_("Strength of evidence"), choices=EvidenceStrength.choices)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea)


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Commitment"), max_length=200)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    made_on = forms.DateField(label=_("Made on"), widget=DATE)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    district = _districts(required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)


class CommitmentUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea)


class StandardForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome residents can expect"), max_length=200)
    council_does = forms.CharField(label=_("What the council does"), widget=forms.Textarea)
    community_does = forms.CharField(label=_("What the community does"), widget=forms.Textarea)
    residents_do = forms.CharField(label=_("What residents do"), widget=forms.Textarea)
    measure_code = forms.ChoiceField(label=_("Measure"), choices=measure_choices, required=False)
    measure = forms.CharField(label=_("How it is measured"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)
    direction = forms.ChoiceField(
        label=_("Met when the figure is"), choices=Standard.Direction.choices
    )
    consequence = forms.CharField(label=_("Consequence when missed"), widget=forms.Textarea)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)


class StandardFigureForm(forms.Form):
    month = forms.DateField(label=_("Month (any day in it)"), widget=DATE)
    value = forms.DecimalField(label=_("Figure"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False)


class TagForm(forms.Form):
    principle = forms.IntegerField(widget=forms.HiddenInput)
    subject_kind = forms.ChoiceField(label=_("What"), choices=subject_choices(TAG_KINDS))
    subject_id = forms.IntegerField(label=_("Its number"), min_value=1)


class AssessmentForm(forms.Form):
    """The four questions of the social productivity test, each a rating and evidence."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in QUESTIONS:
            self.fields[f"{key}_rating"] = forms.TypedChoiceField(
                label=PRODUCTIVITY_QUESTIONS[key], coerce=int, choices=[(r, r) for r in RATINGS]
            )
            self.fields[f"{key}_evidence"] = forms.CharField(
                label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2})
            )

    def answers(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {key: (data[f"{key}_rating"], data[f"{key}_evidence"]) for key in QUESTIONS}
