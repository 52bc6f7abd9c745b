"""The Local Leaders Programme: programme years, modules, sessions and attendance."""

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


class ProgrammeYear(models.Model):
    """One year of the Local Leaders Programme; its core modules set the 50 % rule."""

    title = models.CharField(max_length=150)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    """A module of a programme year. Specialised modules (e.g. for chairs) are optional
    and do not count towards voting eligibility."""

    programme = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    is_specialised = models.BooleanField(default=False)

    class Meta:
        ordering = ["programme", "is_specialised", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="module_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ModuleSession(models.Model):
    """A dated session of a module; attending any session of a module attends it."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.module} — {self.starts_at:%d %b %Y}"


class SessionAttendance(models.Model):
    """A councillor attended a programme session."""

    session = models.ForeignKey(ModuleSession, on_delete=models.CASCADE, related_name="attendance")
    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="llp_attendance")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "councillor"], name="llp_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.councillor} at {self.session}"
