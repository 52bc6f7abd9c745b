"""The district page shows its partnership's next meetings and latest decisions."""

from django.utils import timezone

from coopcouncil.democracy.models import Decision, Meeting


def test_district_page_lists_next_meetings_and_published_decisions(client, db, demo_borough):
    upcoming = (
        Meeting.objects.filter(
            partnership__district__slug="west-oldham", starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    decision = (
        Decision.objects.filter(partnership__district__slug="west-oldham")
        .exclude(status="draft")
        .order_by("-published_at")
        .first()
    )
    page = client.get("/districts/west-oldham/").content.decode()
    assert f"/democracy/meetings/{upcoming.pk}/" in page
    assert f"/democracy/decisions/{decision.pk}/" in page
