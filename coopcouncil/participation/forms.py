"""Forms for proposers, reviewers, voters and delivery officers; money is typed in pounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext, gettext_lazy

from coopcouncil.core.errors import DomainError
from coopcouncil.core.money import parse_pounds
from coopcouncil.participation import counting_rules, pabulib_adapter, photos
from coopcouncil.participation.models import PHASE_DATES, BallotType, Delivery, PBProcess, Project
from coopcouncil.participation.policy import default_min_voter_age
from coopcouncil.people.selectors import community_groups_of
from coopcouncil.places.selectors import district_list, ward_list

if TYPE_CHECKING:
    from coopcouncil.places.models import District


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


def _pounds(pence: int | None) -> str:
    return "" if pence is None else f"{pence / 100:.2f}"


class ProcessForm(forms.Form):
    """An officer's PB process: area, budget, ballot, counting rule, minimum age and dates.

    Field names follow the service's keywords, except money, typed in pounds (`budget`,
    `max_total_cost`); `SERVICE_FIELDS` maps the service's error fields back to the form's.
    """

    SERVICE_FIELDS = {"budget_pence": "budget", "max_total_cost_pence": "max_total_cost"}

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    district = forms.ModelChoiceField(
        label=gettext_lazy("Area"), queryset=None, required=False, empty_label=None
    )
    budget = PoundsField(
        label=gettext_lazy("Budget (£)"), help_text=gettext_lazy("For example 250,000")
    )
    ballot_type = forms.ChoiceField(label=gettext_lazy("Ballot type"), widget=forms.RadioSelect)
    min_projects = forms.IntegerField(
        label=gettext_lazy("Fewest projects a voter must choose or rank"), min_value=0, initial=0
    )
    max_projects = forms.IntegerField(
        label=gettext_lazy("Most projects a voter may choose (approval) or rank (ordinal, k)"),
        min_value=1,
        required=False,
    )
    max_total_cost = PoundsField(
        label=gettext_lazy("Most the chosen projects may cost together (£, approval)"),
        required=False,
    )
    points_to_spread = forms.IntegerField(
        label=gettext_lazy("Points each voter spreads (cumulative)"), min_value=1, required=False
    )
    max_points_per_project = forms.IntegerField(
        label=gettext_lazy("Most points for one project (cumulative)"), min_value=1, required=False
    )
    rule = forms.ChoiceField(label=gettext_lazy("Counting rule"), widget=forms.RadioSelect)
    official_rule = forms.ChoiceField(
        label=gettext_lazy("City rule (when the counting rule is 'official')"),
        required=False,
        widget=forms.RadioSelect,
    )
    min_voter_age = forms.IntegerField(
        label=gettext_lazy("Minimum voting age"), min_value=0, max_value=120
    )

    def __init__(self, *args, areas: list[District | None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["district"]
        area.queryset = district_list(with_wards=False).filter(
            pk__in=[a.pk for a in areas if a is not None]
        )
        if None in areas:
            area.empty_label = "The whole borough"
        else:
            area.required = True
        self.fields["ballot_type"].choices = [
            (value, label)
            for value, label in BallotType.choices
            if value in pabulib_adapter.platform_ballot_types()
        ]
        self.fields["rule"].choices = counting_rules.rule_choices()
        self.fields["official_rule"].choices = [
            ("", "None"),
            *counting_rules.official_rule_choices(),
        ]
        self.fields["min_voter_age"].initial = default_min_voter_age()
        for name, label in PHASE_DATES.items():
            self.fields[name] = forms.DateTimeField(
                label=label,
                required=False,
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )

    @classmethod
    def initial_for(cls, process: PBProcess) -> dict:
        """The form's values for an existing process."""
        fields = [
            "title",
            "description",
            "ballot_type",
            "min_projects",
            "max_projects",
            "points_to_spread",
            "max_points_per_project",
            "rule",
            "official_rule",
            "min_voter_age",
            *PHASE_DATES,
        ]
        initial = {name: getattr(process, name) for name in fields}
        initial["district"] = process.district_id
        initial["budget"] = _pounds(process.budget_pence)
        initial["max_total_cost"] = _pounds(process.max_total_cost_pence)
        return initial

    def service_arguments(self) -> dict:
        """The cleaned form as `process_create` / `process_update` keywords."""
        data = dict(self.cleaned_data)
        dates = {name: data.pop(name) for name in PHASE_DATES}
        data["budget_pence"] = data.pop("budget")
        data["max_total_cost_pence"] = data.pop("max_total_cost")
        data["min_projects"] = data["min_projects"] or 0
        return {**data, "dates": dates}


class HeadingForm(forms.Form):
    """One heading: a theme, or a ward when a ward is chosen, with its own budget."""

    name = forms.CharField(label=gettext_lazy("Heading name"), max_length=120, required=False)
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None: a theme"),
    )
    budget = PoundsField(label=gettext_lazy("Heading budget (£)"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = ward_list().order_by("district__name", "name")

    def clean(self):
        data = super().clean()
        named = bool((data.get("name") or "").strip())
        if not named and (data.get("ward") or data.get("budget") is not None):
            self.add_error("name", gettext("Give the heading a name, or clear its row."))
        if named and data.get("budget") is None:
            self.add_error("budget", gettext("Give the heading a budget."))
        return data


HeadingFormSet = forms.formset_factory(HeadingForm, extra=3)


def heading_initial(process: PBProcess) -> list[dict]:
    return [
        {"name": h.name, "ward": h.ward_id, "budget": _pounds(h.budget_pence)}
        for h in process.headings.all()
    ]


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Project title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("What would it do, and for whom?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Several wards"),
    )
    heading = forms.ModelChoiceField(label=gettext_lazy("Heading"), queryset=None, required=False)
    cost = PoundsField(
        label=gettext_lazy("Estimated cost (£)"), help_text=gettext_lazy("For example 2,500")
    )
    community_group = forms.ModelChoiceField(
        label=gettext_lazy("Propose on behalf of a community group"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("No, I propose as a resident"),
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional: JPEG, PNG or WebP, under 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, process: PBProcess, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = ward_list(district=process.district)
        headings = process.headings.all()
        self.fields["heading"].queryset = headings
        if not headings:
            del self.fields["heading"]
        groups = community_groups_of(user)
        if groups.exists():
            self.fields["community_group"].queryset = groups
        else:
            del self.fields["community_group"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            try:
                photos.photo_check(photo)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return photo


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("feasible", gettext_lazy("Feasible: put it on the ballot")),
            ("infeasible", gettext_lazy("Not feasible")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    final_cost = PoundsField(label=gettext_lazy("Final cost (£)"), required=False)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        kwargs.setdefault("prefix", f"review-{project.pk}")
        super().__init__(*args, **kwargs)
        self.fields["final_cost"].help_text = "Required when the project is feasible."


class BirthDateForm(forms.Form):
    date_of_birth = forms.DateField(
        label=gettext_lazy("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )


class DeliveryForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Delivery.Status.choices)
    spent = PoundsField(label=gettext_lazy("Spent so far (£)"))
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

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
