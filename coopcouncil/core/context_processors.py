"""Values every page needs: the borough, and whether its data are illustrative."""

from django.http import HttpRequest


def platform(request: HttpRequest) -> dict:
    from coopcouncil.places.selectors import borough_current

    return {"borough": borough_current()}
