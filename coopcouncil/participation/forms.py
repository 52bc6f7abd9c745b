"""Forms for proposers, reviewers, voters and delivery officers; money is typed in pounds."""

from __future__ import annotations

from django import forms

from coopcouncil.core.money import parse_pounds
from coopcouncil.participation.models import BallotType, Delivery, PBProcess, Project
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward


class PoundsField(forms.CharField):
    """An amount typed in pounds ("1,250.50"), cleaned to integer pence."""

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ProposalForm(forms.Form):
    title = forms.CharField(label="Project title", max_length=200)
    description = forms.CharField(
        label="What would it do, and for whom?", widget=forms.Textarea(attrs={"rows": 5})
    )
    ward = forms.ModelChoiceField(
        label="Ward", queryset=Ward.objects.none(), required=False, empty_label="Several wards"
    )
    heading = forms.ModelChoiceField(label="Heading", queryset=None, required=False)
    cost = PoundsField(label="Estimated cost (£)", help_text="For example 2,500")
    community_group = forms.ModelChoiceField(
        label="Propose on behalf of a community group",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="No, I propose as a resident",
    )
    photo = forms.FileField(label="Photo (optional, JPEG or PNG)", required=False)

    def __init__(self, *args, process: PBProcess, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        wards = Ward.objects.order_by("name")
        if process.district_id:
            wards = wards.filter(district=process.district)
        self.fields["ward"].queryset = wards
        headings = process.headings.all()
        self.fields["heading"].queryset = headings
        if not headings:
            del self.fields["heading"]
        groups = Organisation.objects.filter(
            kind=Organisation.Kind.COMMUNITY_GROUP,
            members__user=user,
            members__role="group_member",
            members__end_date__isnull=True,
        ).distinct()
        if groups.exists():
            self.fields["community_group"].queryset = groups
        else:
            del self.fields["community_group"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("feasible", "Feasible: put it on the ballot"), ("infeasible", "Not feasible")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))
    final_cost = PoundsField(label="Final cost (£)", required=False)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        kwargs.setdefault("prefix", f"review-{project.pk}")
        super().__init__(*args, **kwargs)
        self.fields["final_cost"].help_text = "Required when the project is feasible."


class BirthDateForm(forms.Form):
    date_of_birth = forms.DateField(
        label="Date of birth", widget=forms.DateInput(attrs={"type": "date"})
    )


class DeliveryForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Delivery.Status.choices)
    spent = PoundsField(label="Spent so far (£)")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, project: Project, **kwargs) -> None:
        kwargs.setdefault("prefix", f"delivery-{project.pk}")
        super().__init__(*args, **kwargs)


def ballot_from_post(process: PBProcess, data) -> tuple[list[str], dict[str, int] | None, str]:
    """Read the ballot form: (choices, points, problem). A problem is a typing error.

    Approval ballots post ticked codes as `choices`; cumulative ballots post `points-<code>`;
    ordinal ballots post `rank-1`, `rank-2`... each naming a code (blank ranks are skipped).
    """
    if process.ballot_type == BallotType.CUMULATIVE:
        points: dict[str, int] = {}
        for key, value in data.items():
            if key.startswith("points-") and str(value).strip():
                try:
                    points[key.removeprefix("points-")] = int(value)
                except ValueError:
                    return [], None, f"'{value}' is not a whole number of points."
        return list(points), points, ""
    if process.ballot_type == BallotType.ORDINAL:
        ranks = sorted(
            (int(key.removeprefix("rank-")), value)
            for key, value in data.items()
            if key.startswith("rank-") and key.removeprefix("rank-").isdigit() and value
        )
        return [code for _, code in ranks], None, ""
    return data.getlist("choices"), None, ""
