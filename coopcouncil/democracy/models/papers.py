"""A meeting's papers: the agenda pack, reports and minutes, as files the public can read."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.democracy.models.meetings import Meeting


class PaperStorage(FileSystemStorage):
    """Files under ``settings.PAPERS_ROOT`` (``VAR_DIR/papers``), outside the static files.

    The folder is read from the settings on every use, not once when the model loads, so
    a deployment (or a test) that changes the setting is obeyed.
    """

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PAPERS_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)


PAPER_STORAGE = PaperStorage(base_url=None)


def paper_storage() -> Storage:
    """The storage of paper files (a callable, so no folder is written into a migration)."""
    return PAPER_STORAGE


def paper_file_name(paper: MeetingPaper, original_name: str) -> str:
    """A random stored name: nothing a resident typed reaches the file system."""
    return f"meeting-{paper.meeting_id}/{secrets.token_hex(16)}.{paper.extension}"


class MeetingPaper(models.Model):
    """A file published (or still being prepared) for a meeting.

    ``content_type`` and ``extension`` come from the file's own bytes (``logic.papers``),
    never from its name. A paper without ``published_at`` is a draft, seen only by the
    clerk and the district team.
    """

    class Kind(models.TextChoices):
        AGENDA_PACK = "agenda_pack", _("Agenda pack")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=paper_storage, upload_to=paper_file_name, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=5)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting", "published_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
