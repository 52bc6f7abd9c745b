"""Running totals behind the fund and district dashboards.

Summing every application on each dashboard view grew with the number of awards (half a
second at 100,000), so the services keep one row per round, ward and status up to date in
the same transaction as each submission, eligibility check, decision and monitoring report.
The dashboard reads these few rows; ``coopcouncil grants rebuild-totals`` recounts them.
"""

from django.db import models

from coopcouncil.grants.models.funds import Round
from coopcouncil.places.models import Ward


class WardTally(models.Model):
    """A round's submitted applications in one ward at one status, their awards and the
    outcomes their monitoring reports give."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12)
    applications = models.BigIntegerField(default=0)
    awarded_pence = models.BigIntegerField(default=0)
    reports_received = models.BigIntegerField(default=0)
    people_reached = models.BigIntegerField(default=0)
    volunteers = models.BigIntegerField(default=0)
    volunteer_hours = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "ward", "status"], name="grants_ward_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.ward_id}/{self.status}: {self.applications}"
