"""Meetings of a partnership: the agenda, who attended, declarations and public questions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from coopcouncil.democracy.models.partnerships import DistrictPartnership, SubGroup

USER = settings.AUTH_USER_MODEL


class Meeting(models.Model):
    """A public meeting of a partnership, or of one of its sub-groups."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.PROTECT, related_name="meetings"
    )
    sub_group = models.ForeignKey(
        SubGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(db_index=True)
    venue = models.CharField(max_length=200)
    webcast_url = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    papers_published_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    minutes_notes = models.TextField(blank=True)
    public_attendees = models.PositiveIntegerField(
        default=0, help_text="Members of the public present, recorded in the minutes."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    @property
    def is_sub_group_meeting(self) -> bool:
        return self.sub_group_id is not None


class AgendaItem(models.Model):
    """One item on an agenda. Every agenda has the same three parts, in this order."""

    class Part(models.IntegerChoices):
        PUBLIC_QUESTIONS = 1, "Public questions"
        PARTNER_UPDATES = 2, "Partner updates"
        DISTRICT_EXECUTIVE = 3, "District Executive"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    part = models.PositiveSmallIntegerField(choices=Part.choices)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    paper_url = models.URLField(blank=True)
    call_in_review_of = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items"
    )

    class Meta:
        ordering = ["part", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.title}"


class MeetingAttendance(models.Model):
    """Who was present at a meeting (or sent apologies), as minuted."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="meeting_attendance")
    is_present = models.BooleanField(default=True)
    capacity = models.CharField(max_length=80, blank=True, help_text="e.g. Councillor, Police")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class InterestDeclaration(models.Model):
    """A member's declaration of interest, minuted against a meeting (and item)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interest = models.TextField()

    def __str__(self) -> str:
        return f"{self.user}: {self.interest[:40]}"


class Question(models.Model):
    """A resident's public question to a meeting, moderated by the clerk."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for moderation"
        ACCEPTED = "accepted", "Accepted"
        MERGED = "merged", "Merged with a similar question"
        REJECTED = "rejected", "Rejected"

    class RejectionReason(models.TextChoices):
        DEFAMATORY = "defamatory", "Defamatory"
        PERSONAL_CASE = "personal_case", "A personal case (please contact your councillor)"
        NOT_PARTNERSHIP_BUSINESS = "not_partnership_business", "Not the partnership's business"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="questions")
    asker = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="public_questions")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    rejection_reason = models.CharField(max_length=30, choices=RejectionReason.choices, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_questions"
    )
    moderated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="rejected_question_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="merged_question_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
