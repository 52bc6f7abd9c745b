"""Two-tier governance: a representative body elected by constituency, and a skills-based board."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.democracy.models.papers import paper_storage
from coopcouncil.mutuals.models.register import MembershipClass, Mutual

USER = settings.AUTH_USER_MODEL


class Constituency(models.Model):
    """Members of one class electing their seats on the representative body."""

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="constituencies")
    name = models.CharField(_("name"), max_length=100)
    membership_class = models.ForeignKey(
        MembershipClass, on_delete=models.PROTECT, related_name="constituencies"
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=36)

    class Meta:
        ordering = ["mutual", "name"]
        verbose_name_plural = "constituencies"

    def __str__(self) -> str:
        return f"{self.mutual}: {self.name}"


class Representative(models.Model):
    """A seat on the representative body, held for a term (elected, usually by STV)."""

    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="representatives"
    )
    name = models.CharField(_("name"), max_length=150)
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"))
    election = models.ForeignKey(
        "mutuals.Election", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["constituency", "name"]

    def __str__(self) -> str:
        return self.name


class BoardSeat(models.Model):
    """A seat on the board, which the representative body holds to account."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("Executive")
        INDEPENDENT = "independent", _("Independent")
        APPOINTED = "appointed", _("Appointed")

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="board_seats")
    kind = models.CharField(_("seat"), max_length=20, choices=Kind.choices)
    holder = models.CharField(_("held by"), max_length=150)
    skills = models.CharField(_("skills brought"), max_length=200, blank=True)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"))

    class Meta:
        ordering = ["mutual", "kind", "holder"]

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_kind_display()})"


def governance_paper_name(paper: GovernancePaper, original_name: str) -> str:
    """A random stored name beside the council's meeting papers: nothing typed reaches the disk."""
    extension = original_name.rsplit(".", 1)[-1]
    return f"mutuals-{paper.mutual_id}/{secrets.token_hex(16)}.{extension}"


class GovernancePaper(models.Model):
    """A paper for a meeting of the representative body or the board (checked on upload)."""

    class Body(models.TextChoices):
        REPRESENTATIVE_BODY = "representative_body", _("Representative body")
        BOARD = "board", _("Board")

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="papers")
    body = models.CharField(_("meeting of"), max_length=30, choices=Body.choices)
    meeting_on = models.DateField(_("meeting date"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(storage=paper_storage, upload_to=governance_paper_name, max_length=200)
    content_type = models.CharField(max_length=120)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_on", "title"]

    def __str__(self) -> str:
        return self.title
