"""Values every page needs: the borough, and whether its data are illustrative."""

from django.http import HttpRequest

from coopcouncil.places.selectors import borough_current


def borough(request: HttpRequest) -> dict:
    return {"borough": borough_current()}
