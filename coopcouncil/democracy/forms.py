"""Forms for the democracy pages; rules live in the services, not here."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.money import parse_pounds
from coopcouncil.democracy.logic.aggregates import FEEDBACK_COMPETENCIES, YES_NO_LABELS
from coopcouncil.democracy.models import (
    AgendaItem,
    CallInPetition,
    Decision,
    MeetingPaper,
    PartnershipMember,
    PulseQuestion,
    PulseSurvey,
    Question,
    Vote,
)
from coopcouncil.people import selectors as people

if TYPE_CHECKING:
    from coopcouncil.people.models import User

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]
YES_NO_CHOICES = [(rating, label) for rating, label in YES_NO_LABELS.items()]


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Questions are moderated by the clerk before the meeting."),
    )


class SignForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Show my name on the public list of signers"), required=False
    )


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    venue = forms.CharField(max_length=200)
    webcast_url = forms.URLField(label=_("Webcast link"), required=False, assume_scheme="https")
    sub_group = forms.ModelChoiceField(
        queryset=None, required=False, empty_label=_("The full partnership")
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_group"].queryset = partnership.sub_groups.all()


class AgendaItemForm(forms.Form):
    part = forms.TypedChoiceField(choices=AgendaItem.Part.choices, coerce=int)
    title = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    paper_url = forms.URLField(label=_("Paper (link)"), required=False, assume_scheme="https")


class PaperForm(forms.Form):
    """A paper to upload; its type and size are checked by the service, from its bytes."""

    kind = forms.ChoiceField(label=_("Kind of paper"), choices=MeetingPaper.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Left blank, the file's name is used."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, or an office document (docx, xlsx, pptx, odt, ods, odp)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp"}),
    )
    publish = forms.BooleanField(
        label=_('Publish now (otherwise it waits as a draft for "Publish agenda and papers")'),
        required=False,
    )


class ModerationForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            ("accept", _("Accept")),
            ("merge", _("Merge with a duplicate")),
            ("reject", _("Reject")),
        ]
    )
    reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        choices=[("", "—"), *Question.RejectionReason.choices],
        required=False,
    )
    merge_with = forms.ModelChoiceField(
        label=_("Duplicate of"), queryset=Question.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_with"].queryset = meeting.questions.filter(status="accepted")


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    apologies = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    public_attendees = forms.IntegerField(label=_("Members of the public present"), min_value=0)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = people
        self.fields["apologies"].queryset = people


class DeclarationForm(forms.Form):
    member = forms.ModelChoiceField(queryset=None)
    interest = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = people


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("What was decided"), max_length=200)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(choices=Decision.Kind.choices)
    budget = forms.CharField(label=_("Budget committed (£)"), initial="0")
    wards = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wards"].queryset = district.wards.all()

    def clean_budget(self) -> int:
        try:
            return parse_pounds(self.cleaned_data["budget"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class VoteForm(forms.Form):
    councillor = forms.ModelChoiceField(queryset=None)
    choice = forms.ChoiceField(choices=Vote.Choice.choices)

    def __init__(self, *args, councillors, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["councillor"]
        field.queryset = councillors
        # The clerk's page draws this form under every draft decision, and a model choice
        # field queries its choices each time it is drawn: list them once. A submitted
        # councillor is still checked against the queryset. Iterated rather than passed
        # to list(), whose length check would cost a COUNT query of its own.
        field.choices = list(iter(field.choices))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=CallInPetition.Outcome.choices)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SignatureRemovalForm(forms.Form):
    """The clerk's choice of signatures to remove from a call-in, and why."""

    signature_ids = forms.TypedMultipleChoiceField(coerce=int, label=_("Signatures"))
    reason = forms.CharField(
        label=_("Why are these signatures removed?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )

    def __init__(self, *args, signature_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signature_ids"].choices = [(pk, pk) for pk in signature_ids]


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(min_value=2000)
    ward_work = forms.CharField(
        label=_("What you did in your ward"), widget=forms.Textarea(attrs={"rows": 6})
    )
    publish = forms.BooleanField(label=_("Publish the report"), required=False)


class FeedbackForm(forms.Form):
    """One 1–5 rating per competency."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, competency in enumerate(FEEDBACK_COMPETENCIES):
            self.fields[f"c{number}"] = forms.TypedChoiceField(
                label=competency, choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
            )

    def ratings(self) -> dict:
        return {c: self.cleaned_data[f"c{n}"] for n, c in enumerate(FEEDBACK_COMPETENCIES)}


class PulseForm(forms.Form):
    """One answer per survey question: a 1–5 rating, or yes (5) / no (1)."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            is_yes_no = question.kind == PulseQuestion.Kind.YES_NO
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=YES_NO_CHOICES if is_yes_no else RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def ratings(self) -> dict:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


# --- Partnership management, the programme and surveys (clerk and district team) ---

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"})


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"), help_text=_("The person needs an account on this site.")
    )
    kind = forms.ChoiceField(label=_("Membership"), choices=PartnershipMember.Kind.choices)
    title = forms.CharField(
        label=_("Role or title"), max_length=150, help_text=_("e.g. District co-ordinator, Police")
    )
    organisation = forms.ModelChoiceField(
        queryset=people.organisation_list(),
        required=False,
        help_text=_("Partner members represent an organisation."),
    )
    start_date = forms.DateField(widget=DATE_INPUT)

    def clean_email(self) -> "User":
        person = people.user_find_by_email(self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError(gettext("Nobody has an account with that email address."))
        return person


class MemberEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of membership"), widget=DATE_INPUT)


class SubGroupForm(forms.Form):
    name = forms.CharField(max_length=150, help_text=_("e.g. Finance sub-committee"))
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("New date and time"), widget=DATETIME_INPUT)
    venue = forms.CharField(max_length=200)
    webcast_url = forms.URLField(label=_("Webcast link"), required=False, assume_scheme="https")


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=300,
        help_text=_("Sent to everyone who asked a question to this meeting."),
    )


class ProgrammeYearForm(forms.Form):
    title = forms.CharField(max_length=150, help_text=_("e.g. Local Leaders Programme 2026/27"))
    starts_on = forms.DateField(widget=DATE_INPUT)
    ends_on = forms.DateField(widget=DATE_INPUT)


class ModuleForm(forms.Form):
    number = forms.IntegerField(min_value=1)
    title = forms.CharField(max_length=200)
    is_specialised = forms.BooleanField(
        label=_("Specialised (e.g. for chairs): does not count towards voting eligibility"),
        required=False,
    )


class ModuleSessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME_INPUT)
    venue = forms.CharField(max_length=200, required=False)


class SessionAttendanceForm(forms.Form):
    councillors = forms.ModelMultipleChoiceField(
        label=_("Councillors present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, councillors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councillors"].queryset = councillors


PULSE_FORM_QUESTIONS = 5


class PulseSurveyForm(forms.Form):
    """A survey with up to five questions; blank question lines are left out."""

    title = forms.CharField(max_length=200)
    audience = forms.ChoiceField(choices=PulseSurvey.Audience.choices)
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, PULSE_FORM_QUESTIONS + 1):
            self.fields[f"question_{n}"] = forms.CharField(
                label=_("Question %(n)s") % {"n": n}, max_length=250, required=n == 1
            )
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("Answer to question %(n)s") % {"n": n}, choices=PulseQuestion.Kind.choices
            )

    def questions(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"question_{n}"], data[f"kind_{n}"])
            for n in range(1, PULSE_FORM_QUESTIONS + 1)
            if data.get(f"question_{n}", "").strip()
        ]


class FeedbackRoundForm(forms.Form):
    subject = forms.ModelChoiceField(label=_("Leader or Cabinet member"), queryset=None)
    subject_role = forms.CharField(
        label=_("Their role"), max_length=120, help_text=_("e.g. Leader of the Council")
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME_INPUT)

    def __init__(self, *args, councillors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = councillors
