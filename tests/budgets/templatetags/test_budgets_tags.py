"""The ward page shows the ward's devolved shares and approved ward budget allocations."""

from coopcouncil.budgets.models import WardBudgetAllocation


def test_ward_page_shows_devolved_shares_and_approved_allocations(client, db, demo_borough):
    approved = WardBudgetAllocation.objects.filter(status="approved").select_related("ward")
    ward = approved[0].ward
    page = client.get(f"/wards/{ward.slug}/").content.decode()
    assert f"Money for {ward.name}" in page
    assert "Highways minor works" in page
    assert approved[0].purpose in page
    assert "None approved yet." in client.get("/wards/coldhurst/").content.decode()
