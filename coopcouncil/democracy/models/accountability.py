"""Accountability: councillors' annual reports, 360-degree feedback and pulse surveys."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from coopcouncil.democracy.models.partnerships import DistrictPartnership

USER = settings.AUTH_USER_MODEL


class AnnualReport(models.Model):
    """A councillor's yearly report; the figures in it are read live from the system."""

    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField()
    ward_work = models.TextField(help_text="What you did in your ward this year.")
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["councillor", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.councillor} — {self.year}"


class FeedbackRound(models.Model):
    """A 360-degree feedback round about the Leader or a Cabinet member."""

    subject = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="feedback_rounds")
    subject_role = models.CharField(max_length=120, help_text="e.g. Leader of the Council")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return f"360 feedback: {self.subject} ({self.subject_role})"


class FeedbackResponse(models.Model):
    """Anonymous ratings: no link to the respondent, only their group."""

    class Group(models.TextChoices):
        COUNCILLOR = "councillor", "Councillors"
        OFFICER = "officer", "Officers"
        PARTNER = "partner", "Partners"

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="responses")
    respondent_group = models.CharField(max_length=12, choices=Group.choices)
    ratings = models.JSONField(help_text="{competency: 1..5}")

    def __str__(self) -> str:
        return f"Response to {self.round_id}"


class FeedbackReceipt(models.Model):
    """Records that a person has responded (to stop doubles) without saying what."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="receipts")
    respondent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent"], name="one_feedback_per_round")
        ]

    def __str__(self) -> str:
        return f"Receipt for round {self.round_id}"


class PulseSurvey(models.Model):
    """A short survey of a district's residents or councillors, rated 1 to 5."""

    class Audience(models.TextChoices):
        RESIDENTS = "residents", "Residents"
        COUNCILLORS = "councillors", "Councillors"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="pulse_surveys"
    )
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title


class PulseQuestion(models.Model):
    """One question of a pulse survey, answered on a 1–5 scale or with yes or no.

    A yes is stored as 5 and a no as 1, so every answer sits on the same scale and the
    district's pulse score counts a yes as full agreement.
    """

    class Kind(models.TextChoices):
        SCALE = "scale", "1 to 5 scale"
        YES_NO = "yes_no", "Yes or no"

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=250)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SCALE)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class PulseAnswer(models.Model):
    """One rating (1–5; yes 5, no 1) of one question; answers carry no respondent."""

    question = models.ForeignKey(PulseQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="pulse_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating} to question {self.question_id}"


class PulseReceipt(models.Model):
    """Records that a person has answered a survey, separately from the answers."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="receipts")
    respondent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_pulse_per_person")
        ]

    def __str__(self) -> str:
        return f"Receipt for survey {self.survey_id}"
